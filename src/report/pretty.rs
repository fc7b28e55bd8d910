//! Pretty JSON laid out byte for byte as `serde_json::to_writer_pretty` lays it out, for the
//! findings of the JSON report (nearly all of a large report). serde_json examines every
//! byte of every string for escaping one at a time; at a million resources that was half of
//! the report's time. Here a string that needs no escape (nearly all of them) is checked 16
//! bytes at a time and copied whole, and one that does is written by serde_json itself, as
//! are numbers, so the two can only differ in layout, which the tests hold to serde_json's.
//!
//! Map keys other than strings and enum variants are refused ([`Unsupported`]); the caller
//! then writes that value with serde_json.

use serde::ser::{self, Serialize};
use std::fmt::Write as _;

/// A value this writer does not lay out (a map key that is not a string).
#[derive(Debug)]
pub struct Unsupported(String);

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

type Result<T = ()> = std::result::Result<T, Unsupported>;

/// Writes pretty JSON into `out`, its lines indented as if nested `depth` levels deep (two
/// spaces a level, as serde_json's default).
pub struct Pretty<'a> {
    out: &'a mut Vec<u8>,
    depth: usize,
    /// Reused for values written through `Display` (messages).
    scratch: String,
}

impl<'a> Pretty<'a> {
    pub fn new(out: &'a mut Vec<u8>, depth: usize) -> Self {
        Pretty {
            out,
            depth,
            scratch: String::new(),
        }
    }

    fn newline(&mut self) {
        self.out.push(b'\n');
        for _ in 0..self.depth {
            self.out.extend_from_slice(b"  ");
        }
    }

    fn string(&mut self, s: &str) {
        if needs_escape(s.as_bytes()) {
            // Writing into a vector cannot fail.
            let _ = serde_json::to_writer(&mut *self.out, s);
        } else {
            self.out.reserve(s.len() + 2);
            self.out.push(b'"');
            self.out.extend_from_slice(s.as_bytes());
            self.out.push(b'"');
        }
    }

    fn scalar<T: Serialize>(&mut self, v: T) {
        let _ = serde_json::to_writer(&mut *self.out, &v);
    }

    fn open(&mut self, bracket: u8) -> Compound<'_, 'a> {
        self.out.push(bracket);
        self.depth += 1;
        Compound {
            w: self,
            first: true,
            closes_variant: false,
        }
    }

    /// `{"variant": ` around a variant's content, closed by [`Compound::end`].
    fn open_variant(&mut self, variant: &str, bracket: u8) -> Compound<'_, 'a> {
        self.out.push(b'{');
        self.depth += 1;
        self.newline();
        self.string(variant);
        self.out.extend_from_slice(b": ");
        let mut c = self.open(bracket);
        c.closes_variant = true;
        c
    }
}

/// Does a JSON string need escapes: a quote, a backslash or a control character? Checked
/// 16 bytes at a time without an early exit inside a block, which compiles to vector code.
fn needs_escape(bytes: &[u8]) -> bool {
    let bad = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    let mut blocks = bytes.chunks_exact(16);
    for block in &mut blocks {
        if block.iter().fold(false, |acc, &b| acc | bad(b)) {
            return true;
        }
    }
    // The rest, padded with a byte that needs no escape, as one more block.
    let rest = blocks.remainder();
    let mut block = [b' '; 16];
    block[..rest.len()].copy_from_slice(rest);
    block.iter().fold(false, |acc, &b| acc | bad(b))
}

/// An array or object being written.
pub struct Compound<'w, 'a> {
    w: &'w mut Pretty<'a>,
    first: bool,
    /// Also closes the object around an enum variant's content.
    closes_variant: bool,
}

impl Compound<'_, '_> {
    fn next(&mut self) {
        if !self.first {
            self.w.out.push(b',');
        }
        self.first = false;
        self.w.newline();
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.next();
        value.serialize(&mut *self.w)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result {
        self.next();
        self.w.string(key);
        self.w.out.extend_from_slice(b": ");
        value.serialize(&mut *self.w)
    }

    fn close(self, bracket: u8) -> Result {
        self.w.depth -= 1;
        if !self.first {
            self.w.newline();
        }
        self.w.out.push(bracket);
        if self.closes_variant {
            self.w.depth -= 1;
            self.w.newline();
            self.w.out.push(b'}');
        }
        Ok(())
    }
}

impl<'w, 'a> ser::Serializer for &'w mut Pretty<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'w, 'a>;
    type SerializeTuple = Compound<'w, 'a>;
    type SerializeTupleStruct = Compound<'w, 'a>;
    type SerializeTupleVariant = Compound<'w, 'a>;
    type SerializeMap = Compound<'w, 'a>;
    type SerializeStruct = Compound<'w, 'a>;
    type SerializeStructVariant = Compound<'w, 'a>;

    fn serialize_bool(self, v: bool) -> Result {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.scalar(v);
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.scalar(v);
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.scalar(v);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.scalar(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.scalar(v);
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.scalar(v);
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.scalar(v);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.scalar(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.scalar(v);
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.scalar(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        let mut c = self.open(b'{');
        c.field(variant, value)?;
        c.close(b'}')
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'w, 'a>> {
        Ok(self.open(b'['))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'w, 'a>> {
        Ok(self.open(b'['))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'w, 'a>> {
        Ok(self.open(b'['))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w, 'a>> {
        Ok(self.open_variant(variant, b'['))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'w, 'a>> {
        Ok(self.open(b'{'))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'w, 'a>> {
        Ok(self.open(b'{'))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w, 'a>> {
        Ok(self.open_variant(variant, b'{'))
    }
    fn collect_str<T: std::fmt::Display + ?Sized>(self, value: &T) -> Result {
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        let _ = write!(text, "{value}");
        self.string(&text);
        self.scratch = text;
        Ok(())
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.element(value)
    }
    fn end(self) -> Result {
        self.close(b']')
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.element(value)
    }
    fn end(self) -> Result {
        self.close(b']')
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.element(value)
    }
    fn end(self) -> Result {
        self.close(b']')
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.element(value)
    }
    fn end(self) -> Result {
        self.close(b']')
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.next();
        key.serialize(KeyWriter(&mut *self.w))?;
        self.w.out.extend_from_slice(b": ");
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result {
        self.close(b'}')
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.field(key, value)
    }
    fn end(self) -> Result {
        self.close(b'}')
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.field(key, value)
    }
    fn end(self) -> Result {
        self.close(b'}')
    }
}

/// Writes a map key: a string, or an enum variant's name; anything else is refused.
struct KeyWriter<'w, 'a>(&'w mut Pretty<'a>);

fn refuse<T>(what: &str) -> Result<T> {
    Err(Unsupported(format!("a map key that is {what}")))
}

impl ser::Serializer for KeyWriter<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = ser::Impossible<(), Unsupported>;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = ser::Impossible<(), Unsupported>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_str(self, v: &str) -> Result {
        self.0.string(v);
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.0.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result {
        value.serialize(self)
    }
    fn collect_str<T: std::fmt::Display + ?Sized>(self, value: &T) -> Result {
        ser::Serializer::collect_str(self.0, value)
    }
    fn serialize_bool(self, _: bool) -> Result {
        refuse("a boolean")
    }
    fn serialize_i8(self, _: i8) -> Result {
        refuse("a number")
    }
    fn serialize_i16(self, _: i16) -> Result {
        refuse("a number")
    }
    fn serialize_i32(self, _: i32) -> Result {
        refuse("a number")
    }
    fn serialize_i64(self, _: i64) -> Result {
        refuse("a number")
    }
    fn serialize_u8(self, _: u8) -> Result {
        refuse("a number")
    }
    fn serialize_u16(self, _: u16) -> Result {
        refuse("a number")
    }
    fn serialize_u32(self, _: u32) -> Result {
        refuse("a number")
    }
    fn serialize_u64(self, _: u64) -> Result {
        refuse("a number")
    }
    fn serialize_f32(self, _: f32) -> Result {
        refuse("a number")
    }
    fn serialize_f64(self, _: f64) -> Result {
        refuse("a number")
    }
    fn serialize_char(self, _: char) -> Result {
        refuse("a character")
    }
    fn serialize_bytes(self, _: &[u8]) -> Result {
        refuse("bytes")
    }
    fn serialize_none(self) -> Result {
        refuse("null")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result {
        refuse("an option")
    }
    fn serialize_unit(self) -> Result {
        refuse("null")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        refuse("null")
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result {
        refuse("an enum with content")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        refuse("an array")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        refuse("an array")
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        refuse("an array")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        refuse("an enum with content")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        refuse("an object")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        refuse("an object")
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        refuse("an enum with content")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde_json::json;

    /// What serde_json writes at `depth`: its pretty output with every line after the first
    /// indented `depth` levels.
    fn reference<T: Serialize>(v: &T, depth: usize) -> String {
        let text = serde_json::to_string_pretty(v).unwrap();
        text.replace('\n', &format!("\n{}", "  ".repeat(depth)))
    }

    fn ours<T: Serialize>(v: &T, depth: usize) -> String {
        let mut out = Vec::new();
        v.serialize(&mut Pretty::new(&mut out, depth)).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(u8, &'static str),
        Struct { a: Vec<u8>, b: Option<bool> },
    }

    #[derive(Serialize)]
    struct Doc {
        unit: Shape,
        newtype: Shape,
        tuple: Shape,
        r#struct: Shape,
        empty_struct: Shape,
        #[serde(flatten)]
        extra: std::collections::BTreeMap<String, serde_json::Value>,
        chars: char,
        bytes: serde_bytes_like::Bytes,
    }

    mod serde_bytes_like {
        pub struct Bytes(pub Vec<u8>);
        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&self.0)
            }
        }
    }

    #[test]
    fn lays_out_every_shape_as_serde_json() {
        let hostile =
            "quote \" backslash \\ newline \n tab \t nul \u{0} bell \u{7} del \u{7f} é 𝄞 </script>";
        let values = vec![
            json!(null),
            json!([]),
            json!({}),
            json!([[], {}, [[]], {"a": {}}]),
            json!({"a": 1, "b": -2, "c": 1.5, "d": 1e300, "e": 0.1, "f": u64::MAX, "g": i64::MIN}),
            json!({"long clean string of more than sixteen bytes": "x".repeat(100)}),
            json!({hostile: [hostile, "a\"", "\\", "\u{1f}", "0123456789abcde\"", ""]}),
            json!([true, false, null, "s", 0, {"nested": [1, [2, [3, {}]]]}]),
        ];
        for depth in [0, 2, 5] {
            for v in &values {
                assert_eq!(ours(v, depth), reference(v, depth), "{v}");
            }
            let mut extra = std::collections::BTreeMap::new();
            extra.insert("flattened".to_string(), json!({"k": [1, 2]}));
            extra.insert(hostile.to_string(), json!(hostile));
            let doc = Doc {
                unit: Shape::Unit,
                newtype: Shape::Newtype(7),
                tuple: Shape::Tuple(1, "two"),
                r#struct: Shape::Struct {
                    a: vec![1, 2],
                    b: None,
                },
                empty_struct: Shape::Struct {
                    a: vec![],
                    b: Some(true),
                },
                extra,
                chars: '"',
                bytes: serde_bytes_like::Bytes(vec![0, 255]),
            };
            assert_eq!(ours(&doc, depth), reference(&doc, depth));
        }
    }

    #[test]
    fn strings_needing_escapes_are_found_in_any_position() {
        for len in 0..40 {
            let clean = "a".repeat(len);
            assert!(!needs_escape(clean.as_bytes()));
            for at in 0..len {
                for bad in [b'"', b'\\', b'\n', 0u8, 0x1f] {
                    let mut b = clean.clone().into_bytes();
                    b[at] = bad;
                    assert!(needs_escape(&b), "{len} {at} {bad}");
                }
            }
        }
    }

    #[test]
    fn other_map_keys_are_refused_not_misprinted() {
        let mut m = std::collections::BTreeMap::new();
        m.insert(1u32, "one");
        let mut out = Vec::new();
        assert!(m.serialize(&mut Pretty::new(&mut out, 0)).is_err());
    }
}
