//! Layers point down, and no two files import each other.
//!
//! Reads every `src/**/*.rs` file (test code left out), finds the modules each one names (its
//! `use` declarations and every `crate::`/`super::`/`self::` path, plus paths through the
//! child modules it declares), and checks two rules:
//!
//! 1. A module of one layer names only modules of lower layers (the table below: the stages of
//!    the pipeline, with the leaf utilities under all of them).
//! 2. The files form no cycle: if `a.rs` names `b.rs`, `b.rs` does not name `a.rs`, directly or
//!    through others. A `mod.rs` re-exporting a child's item (`pub use child::Item;`) without
//!    using it is the module's public face, not a dependency on the child.
//!
//! It is a source scan, not a compiler pass: a path named only through a glob import or a
//! macro is not seen, and an inline `mod x { ... }` is read as part of its file (so `super::`
//! inside one is taken as the file's parent: name such paths from `crate::`). Every failure says which file and line names what.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module's layer: a module may name only modules of lower layers.
const LAYERS: &[(&str, u8)] = &[
    ("util", 0),
    ("inventory", 1),
    ("config", 1),
    ("collect", 2),
    ("analyze", 2),
    ("demo", 2),
    ("engine", 3),
    ("findings", 4),
    ("compliance", 5),
    ("pipeline", 6),
    ("report", 7),
    ("docs", 7),
    ("cli", 8),
];

type Module = Vec<String>;

struct File {
    path: PathBuf,
    /// Source without comments, string literals and test code, same length and lines.
    code: String,
    /// Whether it is a `mod.rs`/`lib.rs` (its children are `module::child`).
    is_dir: bool,
}

/// One reference from a file to a module, with the line it is on.
struct Edge {
    to: Module,
    line: usize,
}

fn module_of(rel: &Path) -> Module {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let p = entry.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Blanks comments, string and char literals (keeping newlines, so lines still count).
fn strip(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let blank_bytes = |out: &mut Vec<u8>, s: &[u8]| {
        out.extend(s.iter().map(|&c| if c == b'\n' { b'\n' } else { b' ' }))
    };
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"//") {
            let end = rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
            blank_bytes(&mut out, &rest[..end]);
            i += end;
        } else if rest.starts_with(b"/*") {
            let end = find(rest, b"*/").map_or(rest.len(), |e| e + 2);
            blank_bytes(&mut out, &rest[..end]);
            i += end;
        } else if let Some(len) = raw_string(rest, i == 0 || !is_ident(b[i - 1])) {
            blank_bytes(&mut out, &rest[..len]);
            i += len;
        } else if rest[0] == b'"' {
            let mut j = 1;
            while j < rest.len() && rest[j] != b'"' {
                j += if rest[j] == b'\\' { 2 } else { 1 };
            }
            let len = (j + 1).min(rest.len());
            blank_bytes(&mut out, &rest[..len]);
            i += len;
        } else if let Some(len) = (rest[0] == b'\'').then(|| char_literal(rest)).flatten() {
            blank_bytes(&mut out, &rest[..len]);
            i += len;
        } else {
            out.push(rest[0]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// `r"..."`, `r#"..."#`, `br"..."`: the literal's length.
fn raw_string(rest: &[u8], at_start: bool) -> Option<usize> {
    if !at_start {
        return None;
    }
    let skip = usize::from(rest.first() == Some(&b'b'));
    if rest.get(skip) != Some(&b'r') {
        return None;
    }
    let hashes = rest[skip + 1..].iter().take_while(|&&c| c == b'#').count();
    if rest.get(skip + 1 + hashes) != Some(&b'"') {
        return None;
    }
    let mut close = vec![b'"'];
    close.extend(std::iter::repeat_n(b'#', hashes));
    let body = skip + 2 + hashes;
    find(&rest[body..], &close).map(|e| body + e + close.len())
}

/// `'a'`, `'\n'`, `'\u{1F600}'` (not a lifetime): the literal's length.
fn char_literal(rest: &[u8]) -> Option<usize> {
    if rest.get(1) == Some(&b'\\') {
        let end = rest[2..].iter().position(|&c| c == b'\'')?;
        return Some(end + 3);
    }
    // The width of the UTF-8 character after the quote, from its first byte.
    let width = match *rest.get(1)? {
        c if c < 0x80 => 1,
        c if c >= 0xF0 => 4,
        c if c >= 0xE0 => 3,
        _ => 2,
    };
    (rest.get(1 + width) == Some(&b'\'')).then_some(width + 2)
}

/// The same text with `range` blanked byte for byte (newlines kept, so offsets and lines hold).
fn blank(text: &mut String, range: std::ops::Range<usize>) {
    let blanked: String = text.as_bytes()[range.clone()]
        .iter()
        .map(|&c| if c == b'\n' { '\n' } else { ' ' })
        .collect();
    text.replace_range(range, &blanked);
}

/// Blanks every item under `#[cfg(test)]` (a `mod tests { ... }`, an `impl` for tests).
fn drop_test_code(code: &str) -> String {
    let mut out = code.to_string();
    let mut from = 0;
    while let Some(at) = out[from..].find("#[cfg(test)]").map(|i| i + from) {
        let bytes = out.as_bytes();
        let mut j = at;
        while j < bytes.len() && bytes[j] != b';' && bytes[j] != b'{' {
            j += 1;
        }
        let end = if j < bytes.len() && bytes[j] == b'{' {
            let mut depth = 0usize;
            let mut k = j;
            loop {
                match bytes.get(k) {
                    Some(b'{') => depth += 1,
                    Some(b'}') => {
                        depth -= 1;
                        if depth == 0 {
                            break k + 1;
                        }
                    }
                    None => break k,
                    _ => {}
                }
                k += 1;
            }
        } else {
            (j + 1).min(bytes.len())
        };
        blank(&mut out, at..end);
        from = end;
    }
    out
}

fn load() -> BTreeMap<Module, File> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    walk(&root, &mut paths);
    let mut files = BTreeMap::new();
    let mut test_only: BTreeSet<Module> = BTreeSet::new();
    for path in paths {
        let rel = path.strip_prefix(&root).expect("under src").to_path_buf();
        if rel == Path::new("main.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read source");
        let module = module_of(&rel);
        let stem = rel.file_stem().map(|s| s.to_string_lossy().into_owned());
        let is_dir = matches!(stem.as_deref(), Some("mod" | "lib"));
        let code = strip(&text);
        // `#[cfg(test)] mod tests;` declares a test-only file.
        let mut rest = code.as_str();
        while let Some(i) = rest.find("#[cfg(test)]") {
            rest = &rest[i + "#[cfg(test)]".len()..];
            let decl = rest.trim_start();
            let decl = decl.strip_prefix("pub ").unwrap_or(decl);
            if let Some(name) = decl.strip_prefix("mod ") {
                let name: String = name.chars().take_while(|c| is_ident(*c as u8)).collect();
                if name.len() < decl.len() && decl[4 + name.len()..].trim_start().starts_with(';') {
                    // `a/mod.rs` and `a.rs` both declare `a::name`.
                    let mut child = module.clone();
                    child.push(name);
                    test_only.insert(child);
                }
            }
        }
        let code = drop_test_code(&code);
        let path = Path::new("src").join(&rel);
        files.insert(module, File { path, code, is_dir });
    }
    files.retain(|m, _| !test_only.contains(m));
    files
}

fn line_of(code: &str, offset: usize) -> usize {
    code[..offset].matches('\n').count() + 1
}

/// The file module a path names: its longest prefix that is a file.
fn resolve(files: &BTreeMap<Module, File>, path: &[String]) -> Option<Module> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|m| files.contains_key(m))
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e` (each as segments; `x as y` keeps `x`).
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    fn go(prefix: &[String], t: &str, out: &mut Vec<Vec<String>>) {
        let t = t.trim();
        match t.find('{') {
            None => {
                let t = t.split(" as ").next().unwrap_or(t);
                let mut p = prefix.to_vec();
                p.extend(
                    t.split("::")
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty()),
                );
                out.push(p);
            }
            Some(open) => {
                let close = t.rfind('}').unwrap_or(t.len());
                let mut p = prefix.to_vec();
                p.extend(
                    t[..open]
                        .split("::")
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty()),
                );
                let inner = &t[open + 1..close];
                let (mut depth, mut start) = (0, 0);
                for (i, c) in inner.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            go(&p, &inner[start..i], out);
                            start = i + 1;
                        }
                        _ => {}
                    }
                }
                if !inner[start..].trim().is_empty() {
                    go(&p, &inner[start..], out);
                }
            }
        }
    }
    let mut out = Vec::new();
    go(&[], &tree, &mut out);
    out
}

/// Every module `module`'s file names, with the line of each reference.
fn references(files: &BTreeMap<Module, File>, module: &Module, file: &File) -> Vec<Edge> {
    let code = &file.code;
    let children: BTreeSet<String> = code
        .lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let l = l
                .strip_prefix("pub(crate) ")
                .or(l.strip_prefix("pub "))
                .unwrap_or(l);
            let name = l.strip_prefix("mod ")?.trim_end().strip_suffix(';')?;
            Some(name.trim().to_string())
        })
        .collect();
    // Where `self` is: a mod.rs is its module; `a/b.rs` is module `a::b`.
    let absolute = |segs: &[String]| -> Option<Module> {
        let first = segs.first()?;
        let mut here = module.clone();
        match first.as_str() {
            "crate" => Some(segs[1..].to_vec()),
            "self" => {
                here.extend(segs[1..].iter().cloned());
                Some(here)
            }
            "super" => {
                let ups = segs.iter().take_while(|s| *s == "super").count();
                here.truncate(here.len().saturating_sub(ups));
                here.extend(segs[ups..].iter().cloned());
                Some(here)
            }
            name if children.contains(name) => {
                here.extend(segs.iter().cloned());
                Some(here)
            }
            _ => None,
        }
    };
    let mut edges = Vec::new();
    let mut body = code.clone();
    // `use` declarations first; they are then blanked so paths in them are not seen twice.
    let mut search = 0;
    while let Some(found) = find_use(&code[search..]) {
        let (start, tree_start, public) = (search + found.0, search + found.1, found.2);
        let Some(len) = code[tree_start..].find(';') else {
            break;
        };
        let end = tree_start + len;
        let tree = &code[tree_start..end];
        let outside = format!("{}{}", &code[..start], &code[end..]);
        for segs in expand(tree) {
            let Some(abs) = absolute(&segs) else { continue };
            let Some(target) = resolve(files, &abs) else {
                continue;
            };
            if &target == module {
                continue;
            }
            let name = segs.last().cloned().unwrap_or_default();
            let reexport = public
                && file.is_dir
                && target.starts_with(module)
                && name != "*"
                && name != "self"
                && !contains_word(&outside, &name);
            if !reexport {
                edges.push(Edge {
                    to: target,
                    line: line_of(code, start),
                });
            }
        }
        blank(&mut body, start..end);
        search = end;
    }
    // Inline paths: `crate::a::b`, `super::x`, `child::f`.
    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if is_ident(b[i]) && (i == 0 || !(is_ident(b[i - 1]) || b[i - 1] == b':')) {
            let mut j = i;
            while j < b.len() && (is_ident(b[j]) || (b[j] == b':' && b.get(j + 1) == Some(&b':'))) {
                j += if b[j] == b':' { 2 } else { 1 };
            }
            let path = &body[i..j];
            if path.contains("::") {
                let segs: Vec<String> = path.split("::").map(str::to_string).collect();
                if let Some(target) = absolute(&segs).and_then(|a| resolve(files, &a)) {
                    if &target != module {
                        edges.push(Edge {
                            to: target,
                            line: line_of(&body, i),
                        });
                    }
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    edges
}

/// The next `use` declaration: (its start, where its tree starts, whether it is `pub`).
fn find_use(code: &str) -> Option<(usize, usize, bool)> {
    let b = code.as_bytes();
    let mut from = 0;
    while let Some(i) = code[from..].find("use ").map(|i| i + from) {
        let word_start = i == 0 || !is_ident(b[i - 1]);
        if word_start {
            // `pub use`, `pub(crate) use`, `pub(super) use`.
            let before = code[..i].trim_end();
            let visibility = before.rfind("pub").filter(|&p| {
                let after = before[p + 3..].trim_start();
                after.is_empty() || (after.starts_with('(') && after.ends_with(')'))
            });
            return Some((visibility.unwrap_or(i), i + 4, visibility.is_some()));
        }
        from = i + 4;
    }
    None
}

fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let b = text.as_bytes();
        let before = i == 0 || !is_ident(b[i - 1]);
        let after = b.get(i + word.len()).is_none_or(|c| !is_ident(*c));
        before && after
    })
}

fn show(m: &Module) -> String {
    if m.is_empty() {
        "lib".into()
    } else {
        m.join("::")
    }
}

/// Every file's references, resolved: (from, to, line).
fn graph(files: &BTreeMap<Module, File>) -> Vec<(Module, Module, usize)> {
    let mut out = Vec::new();
    for (module, file) in files {
        for e in references(files, module, file) {
            out.push((module.clone(), e.to, e.line));
        }
    }
    out
}

fn layer(m: &Module) -> Option<u8> {
    let top = m.first()?;
    LAYERS
        .iter()
        .find(|(name, _)| name == top)
        .map(|(_, rank)| *rank)
}

#[test]
fn layers_point_down() {
    let files = load();
    assert!(files.len() > 50, "found only {} source files", files.len());
    let mut bad = Vec::new();
    for m in files.keys().filter(|m| !m.is_empty()) {
        assert!(
            layer(m).is_some(),
            "module `{}` has no layer: add it to LAYERS in tests/cli/layering.rs",
            show(m)
        );
    }
    for (from, to, line) in graph(&files) {
        let (Some(a), Some(b)) = (layer(&from), layer(&to)) else {
            continue;
        };
        if from[0] != to[0] && b >= a {
            bad.push(format!(
                "{}:{line}: `{}` (layer {a}) names `{}` (layer {b})",
                files[&from].path.display(),
                show(&from),
                show(&to)
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} reference(s) point up or sideways:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn no_two_files_import_each_other() {
    let files = load();
    let mut next: BTreeMap<&Module, BTreeMap<&Module, usize>> = BTreeMap::new();
    let edges = graph(&files);
    for (from, to, line) in &edges {
        next.entry(from).or_default().entry(to).or_insert(*line);
    }
    let cycles = strongly_connected(&files.keys().collect::<Vec<_>>(), &next);
    let shown: Vec<String> = cycles
        .iter()
        .map(|c| {
            let members: BTreeSet<&Module> = c.iter().copied().collect();
            let links: Vec<String> = c
                .iter()
                .flat_map(|m| {
                    next.get(m)
                        .into_iter()
                        .flatten()
                        .filter(|(to, _)| members.contains(*to))
                        .map(|(to, line)| {
                            format!("  {}:{line} names `{}`", files[*m].path.display(), show(to))
                        })
                })
                .collect();
            format!(
                "cycle among {}:\n{}",
                c.iter().map(|m| show(m)).collect::<Vec<_>>().join(", "),
                links.join("\n")
            )
        })
        .collect();
    assert!(shown.is_empty(), "{}", shown.join("\n"));
}

/// Tarjan's algorithm: the groups of two or more files that reach each other.
fn strongly_connected<'a>(
    nodes: &[&'a Module],
    next: &BTreeMap<&'a Module, BTreeMap<&'a Module, usize>>,
) -> Vec<Vec<&'a Module>> {
    struct State<'a> {
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        on_stack: BTreeSet<&'a Module>,
        out: Vec<Vec<&'a Module>>,
    }
    fn visit<'a>(
        v: &'a Module,
        next: &BTreeMap<&'a Module, BTreeMap<&'a Module, usize>>,
        st: &mut State<'a>,
    ) {
        let i = st.index.len();
        st.index.insert(v, i);
        st.low.insert(v, i);
        st.stack.push(v);
        st.on_stack.insert(v);
        for w in next.get(v).into_iter().flat_map(|m| m.keys()) {
            if !st.index.contains_key(w) {
                visit(w, next, st);
                let lw = st.low[w];
                let lv = st.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if st.on_stack.contains(w) {
                let iw = st.index[w];
                let lv = st.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if st.low[v] == st.index[v] {
            let mut group = Vec::new();
            while let Some(w) = st.stack.pop() {
                st.on_stack.remove(w);
                group.push(w);
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                st.out.push(group);
            }
        }
    }
    let mut st = State {
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in nodes {
        if !st.index.contains_key(v) {
            visit(v, next, &mut st);
        }
    }
    st.out
}

#[test]
fn the_scan_sees_what_it_must() {
    // A check that could not fail would prove nothing: feed the reader known edges.
    let code = strip(
        "use super::a::{B, c::D};\n// use crate::hidden;\nfn f() { let s = \"crate::nope\"; crate::x::y(); }\n",
    );
    assert!(!code.contains("hidden") && !code.contains("nope"));
    assert_eq!(
        expand("super::a::{B, c::D}"),
        vec![
            vec!["super".to_string(), "a".into(), "B".into()],
            vec!["super".to_string(), "a".into(), "c".into(), "D".into()]
        ]
    );
    let tests = drop_test_code("fn a() {}\n#[cfg(test)]\nmod tests {\n use crate::z;\n}\n");
    assert!(!tests.contains("crate::z"));
    // The real tree: the pipeline names the engine, and the engine does not name the pipeline.
    let files = load();
    let edges = graph(&files);
    let named = |from: &str, to: &str| {
        edges
            .iter()
            .any(|(a, b, _)| show(a) == from && show(b).starts_with(to))
    };
    assert!(named("pipeline", "engine"));
    assert!(named("collect::ec2", "collect::ec2::vpc"));
    assert!(!named("engine::eval", "pipeline"));
}
