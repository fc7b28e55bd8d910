//! Builds a Rego `Value` straight from any `Serialize` type (the typed inventory), without a
//! JSON text or `serde_json::Value` in between: half the memory at a million resources.
//! Struct field names are shared (interned) instead of allocated once per object, and so
//! are short string values within one conversion (an inventory repeats its account ids,
//! Regions, VPC ids, protocols and tag keys on every resource). Objects are sorted once into
//! regorus's compact representation rather than built entry by entry.

use foldhash::{HashMap, HashSet};
use regorus::value::Object;
use regorus::{Rc, Value};
use serde::ser::{self, Serialize};
use std::cell::RefCell;

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ToValueError(String);

impl ser::Error for ToValueError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        ToValueError(msg.to_string())
    }
}

/// Strings up to this length are shared within one conversion; longer ones (ARNs, policy
/// documents, messages) are nearly always unique, and looking them up would cost more than
/// it saves.
const SHARED_STRING_MAX: usize = 32;

thread_local! {
    /// Field names by address: a `&'static str` stays where it is, so its address (and
    /// length) names it without hashing its text. A name found at two addresses is shared
    /// twice, which costs a string, not a difference in value.
    static KEYS: RefCell<HashMap<(usize, usize), Rc<str>>> = RefCell::new(HashMap::default());
    /// The short strings of the conversion running on this thread, if any.
    static STRINGS: RefCell<Option<HashSet<Rc<str>>>> = const { RefCell::new(None) };
}

fn key(name: &'static str) -> Value {
    KEYS.with(|k| {
        let mut k = k.borrow_mut();
        let rc = k
            .entry((name.as_ptr() as usize, name.len()))
            .or_insert_with(|| Rc::from(name))
            .clone();
        Value::String(rc)
    })
}

/// A string value, shared with an equal one made earlier in the same conversion when short.
fn string(v: &str) -> Value {
    if v.len() > SHARED_STRING_MAX {
        return Value::from(v);
    }
    STRINGS.with(|t| match t.borrow_mut().as_mut() {
        Some(table) => {
            if let Some(rc) = table.get(v) {
                return Value::String(rc.clone());
            }
            let rc: Rc<str> = Rc::from(v);
            table.insert(rc.clone());
            Value::String(rc)
        }
        None => Value::from(v),
    })
}

/// Gives the thread a table of shared strings for one conversion and drops it when the
/// conversion ends (or unwinds); a conversion inside another keeps the outer one's table.
struct SharedStrings {
    installed: bool,
}

impl SharedStrings {
    fn install() -> Self {
        let installed = STRINGS.with(|t| {
            let mut t = t.borrow_mut();
            t.is_none().then(|| *t = Some(HashSet::default())).is_some()
        });
        SharedStrings { installed }
    }
}

impl Drop for SharedStrings {
    fn drop(&mut self) {
        if self.installed {
            STRINGS.with(|t| *t.borrow_mut() = None);
        }
    }
}

/// Converts `value` into a Rego value.
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value, ToValueError> {
    let _strings = SharedStrings::install();
    value.serialize(Serializer)
}

struct Serializer;

pub struct SeqBuilder(Vec<Value>);
pub struct MapBuilder {
    entries: Vec<(Value, Value)>,
    next_key: Option<Value>,
}

impl MapBuilder {
    fn new(len: usize) -> Self {
        MapBuilder {
            entries: Vec::with_capacity(len),
            next_key: None,
        }
    }

    fn build(self) -> Value {
        Value::from(Object::from_entries(self.entries))
    }
}
pub struct VariantBuilder<B> {
    name: &'static str,
    inner: B,
}

fn wrap(name: &'static str, v: Value) -> Value {
    let mut o = Object::new();
    o.insert(key(name), v);
    Value::from(o)
}

impl ser::Serializer for Serializer {
    type Ok = Value;
    type Error = ToValueError;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = VariantBuilder<SeqBuilder>;
    type SerializeMap = MapBuilder;
    type SerializeStruct = MapBuilder;
    type SerializeStructVariant = VariantBuilder<MapBuilder>;

    fn serialize_bool(self, v: bool) -> Result<Value, ToValueError> {
        Ok(Value::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Value, ToValueError> {
        Ok(Value::from(i64::from(v)))
    }
    fn serialize_i16(self, v: i16) -> Result<Value, ToValueError> {
        Ok(Value::from(i64::from(v)))
    }
    fn serialize_i32(self, v: i32) -> Result<Value, ToValueError> {
        Ok(Value::from(i64::from(v)))
    }
    fn serialize_i64(self, v: i64) -> Result<Value, ToValueError> {
        Ok(Value::from(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Value, ToValueError> {
        Ok(Value::from(u64::from(v)))
    }
    fn serialize_u16(self, v: u16) -> Result<Value, ToValueError> {
        Ok(Value::from(u64::from(v)))
    }
    fn serialize_u32(self, v: u32) -> Result<Value, ToValueError> {
        Ok(Value::from(u64::from(v)))
    }
    fn serialize_u64(self, v: u64) -> Result<Value, ToValueError> {
        Ok(Value::from(v))
    }
    fn serialize_f32(self, v: f32) -> Result<Value, ToValueError> {
        Ok(Value::from(f64::from(v)))
    }
    fn serialize_f64(self, v: f64) -> Result<Value, ToValueError> {
        Ok(Value::from(v))
    }
    fn serialize_char(self, v: char) -> Result<Value, ToValueError> {
        Ok(string(v.encode_utf8(&mut [0; 4])))
    }
    fn serialize_str(self, v: &str) -> Result<Value, ToValueError> {
        Ok(string(v))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Value, ToValueError> {
        Ok(Value::from(
            v.iter()
                .map(|b| Value::from(u64::from(*b)))
                .collect::<Vec<_>>(),
        ))
    }
    fn serialize_none(self) -> Result<Value, ToValueError> {
        Ok(Value::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value, ToValueError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Value, ToValueError> {
        Ok(Value::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Value, ToValueError> {
        Ok(Value::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Value, ToValueError> {
        Ok(key(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Value, ToValueError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Value, ToValueError> {
        Ok(wrap(variant, value.serialize(Serializer)?))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, ToValueError> {
        Ok(SeqBuilder(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder, ToValueError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<SeqBuilder, ToValueError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, ToValueError> {
        Ok(VariantBuilder {
            name: variant,
            inner: SeqBuilder(Vec::with_capacity(len)),
        })
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapBuilder, ToValueError> {
        Ok(MapBuilder::new(len.unwrap_or(0)))
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<MapBuilder, ToValueError> {
        Ok(MapBuilder::new(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, ToValueError> {
        Ok(VariantBuilder {
            name: variant,
            inner: MapBuilder::new(len),
        })
    }
}

impl ser::SerializeSeq for SeqBuilder {
    type Ok = Value;
    type Error = ToValueError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ToValueError> {
        self.0.push(value.serialize(Serializer)?);
        Ok(())
    }
    fn end(self) -> Result<Value, ToValueError> {
        Ok(Value::from(self.0))
    }
}

impl ser::SerializeTuple for SeqBuilder {
    type Ok = Value;
    type Error = ToValueError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ToValueError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Value, ToValueError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for SeqBuilder {
    type Ok = Value;
    type Error = ToValueError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ToValueError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Value, ToValueError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for VariantBuilder<SeqBuilder> {
    type Ok = Value;
    type Error = ToValueError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ToValueError> {
        ser::SerializeSeq::serialize_element(&mut self.inner, value)
    }
    fn end(self) -> Result<Value, ToValueError> {
        Ok(wrap(self.name, ser::SerializeSeq::end(self.inner)?))
    }
}

impl ser::SerializeMap for MapBuilder {
    type Ok = Value;
    type Error = ToValueError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), ToValueError> {
        self.next_key = Some(k.serialize(Serializer)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ToValueError> {
        let k = self
            .next_key
            .take()
            .ok_or_else(|| ToValueError("map value without a key".into()))?;
        self.entries.push((k, value.serialize(Serializer)?));
        Ok(())
    }
    fn end(self) -> Result<Value, ToValueError> {
        Ok(self.build())
    }
}

impl ser::SerializeStruct for MapBuilder {
    type Ok = Value;
    type Error = ToValueError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), ToValueError> {
        self.entries.push((key(name), value.serialize(Serializer)?));
        Ok(())
    }
    fn end(self) -> Result<Value, ToValueError> {
        Ok(self.build())
    }
}

impl ser::SerializeStructVariant for VariantBuilder<MapBuilder> {
    type Ok = Value;
    type Error = ToValueError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), ToValueError> {
        ser::SerializeStruct::serialize_field(&mut self.inner, name, value)
    }
    fn end(self) -> Result<Value, ToValueError> {
        Ok(wrap(self.name, ser::SerializeStruct::end(self.inner)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_value_as_through_json() {
        let inv = crate::demo::inventory().unwrap();
        let facts = crate::analyze::analyze(&inv);
        #[derive(serde::Serialize)]
        struct Doc<'a> {
            #[serde(flatten)]
            inv: &'a crate::inventory::Inventory,
            facts: &'a crate::analyze::Facts,
        }
        let doc = Doc {
            inv: &inv,
            facts: &facts,
        };
        let direct = to_value(&doc).unwrap();
        let via_json = Value::from(serde_json::to_value(&doc).unwrap());
        assert_eq!(direct, via_json);
    }

    fn text(v: &Value) -> Rc<str> {
        match v {
            Value::String(s) => s.clone(),
            other => panic!("not a string: {other}"),
        }
    }

    #[test]
    fn short_strings_are_shared_within_one_conversion_only() {
        #[derive(serde::Serialize)]
        struct Resource {
            account_id: &'static str,
            arn: String,
        }
        let arn = format!(
            "arn:aws:ec2:us-east-1:111122223333:instance/i-{}",
            "0".repeat(17)
        );
        let resources: Vec<Resource> = (0..3)
            .map(|_| Resource {
                account_id: "111122223333",
                arn: arn.clone(),
            })
            .collect();
        let v = to_value(&resources).unwrap();
        let items = v.as_array().unwrap();
        let (a, b) = (&items[0], &items[2]);
        assert!(Rc::ptr_eq(&text(&a["account_id"]), &text(&b["account_id"])));
        assert_eq!(text(&a["arn"]), text(&b["arn"]));
        assert!(
            !Rc::ptr_eq(&text(&a["arn"]), &text(&b["arn"])),
            "long strings are not looked up"
        );
        // The table goes with the conversion: the next one shares nothing with it.
        STRINGS.with(|t| assert!(t.borrow().is_none()));
        let again = to_value(&resources).unwrap();
        assert!(!Rc::ptr_eq(
            &text(&again.as_array().unwrap()[0]["account_id"]),
            &text(&a["account_id"])
        ));
    }

    #[test]
    fn a_key_given_twice_keeps_its_last_value() {
        struct Twice;
        impl Serialize for Twice {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map([("b", 1), ("a", 2), ("b", 3)])
            }
        }
        let v = to_value(&Twice).unwrap();
        assert_eq!(v, Value::from_json_str(r#"{"a": 2, "b": 3}"#).unwrap());
    }
}
