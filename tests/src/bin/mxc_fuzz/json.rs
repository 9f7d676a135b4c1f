//! The JSON tree mutants are built from. Unlike `serde_json::Value` it keeps duplicate keys,
//! number literals as written (`443.0`, `-0`, `1e400`, 310 digits) and raw text, so a mutant can
//! be anything a policy file can be.

use std::fmt::Write as _;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    /// A number literal exactly as it is written.
    Num(String),
    Str(String),
    Arr(Vec<Json>),
    /// Members in order; a key may appear twice.
    Obj(Vec<(String, Json)>),
    /// Text written as is: lone surrogate escapes and other literals no variant holds.
    Raw(String),
}

impl Json {
    /// Converts a parsed seed.
    pub(crate) fn from_value(value: &serde_json::Value) -> Json {
        match value {
            serde_json::Value::Null => Json::Null,
            serde_json::Value::Bool(b) => Json::Bool(*b),
            serde_json::Value::Number(n) => Json::Num(n.to_string()),
            serde_json::Value::String(s) => Json::Str(s.clone()),
            serde_json::Value::Array(items) => {
                Json::Arr(items.iter().map(Json::from_value).collect())
            }
            serde_json::Value::Object(map) => Json::Obj(
                map.iter()
                    .map(|(k, v)| (k.clone(), Json::from_value(v)))
                    .collect(),
            ),
        }
    }

    /// A short name of the value's type, for mutation descriptions.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "bool",
            Json::Num(_) => "number",
            Json::Str(_) => "string",
            Json::Arr(_) => "array",
            Json::Obj(_) => "object",
            Json::Raw(_) => "raw",
        }
    }

    /// The compact text of the value.
    pub(crate) fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Num(n) | Json::Raw(n) => out.push_str(n),
            Json::Str(s) => write_string(s, out),
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Obj(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(key, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// One step from a node to a child: a member (by index, since keys repeat) or an element.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Step {
    Member(usize, String),
    Element(usize),
}

/// A path from the root, written `/process/env/0` in descriptions.
pub(crate) type Path = Vec<Step>;

pub(crate) fn path_text(path: &[Step]) -> String {
    if path.is_empty() {
        return "/".to_owned();
    }
    let mut out = String::new();
    for step in path {
        out.push('/');
        match step {
            Step::Member(_, key) => out.push_str(key),
            Step::Element(i) => {
                let _ = write!(out, "{i}");
            }
        }
    }
    out
}

/// Every path in the tree, the root first, in document order.
pub(crate) fn paths(root: &Json) -> Vec<Path> {
    let mut out = Vec::new();
    collect(root, &mut Vec::new(), &mut out);
    out
}

fn collect(node: &Json, prefix: &mut Path, out: &mut Vec<Path>) {
    out.push(prefix.clone());
    match node {
        Json::Arr(items) => {
            for (i, item) in items.iter().enumerate() {
                prefix.push(Step::Element(i));
                collect(item, prefix, out);
                prefix.pop();
            }
        }
        Json::Obj(members) => {
            for (i, (key, value)) in members.iter().enumerate() {
                prefix.push(Step::Member(i, key.clone()));
                collect(value, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

/// The node at a path.
pub(crate) fn get<'a>(root: &'a Json, path: &[Step]) -> Option<&'a Json> {
    let mut node = root;
    for step in path {
        node = match (node, step) {
            (Json::Arr(items), Step::Element(i)) => items.get(*i)?,
            (Json::Obj(members), Step::Member(i, _)) => &members.get(*i)?.1,
            _ => return None,
        };
    }
    Some(node)
}

/// The node at a path, mutably.
pub(crate) fn get_mut<'a>(root: &'a mut Json, path: &[Step]) -> Option<&'a mut Json> {
    let mut node = root;
    for step in path {
        node = match (node, step) {
            (Json::Arr(items), Step::Element(i)) => items.get_mut(*i)?,
            (Json::Obj(members), Step::Member(i, _)) => &mut members.get_mut(*i)?.1,
            _ => return None,
        };
    }
    Some(node)
}

/// Removes the node at a non-empty path.
pub(crate) fn remove(tree: &mut Json, path: &[Step]) -> Option<()> {
    let (last, parent) = path.split_last()?;
    match (get_mut(tree, parent)?, last) {
        (Json::Obj(members), Step::Member(i, _)) if *i < members.len() => {
            members.remove(*i);
        }
        (Json::Arr(items), Step::Element(i)) if *i < items.len() => {
            items.remove(*i);
        }
        _ => return None,
    }
    Some(())
}

/// The key a path ends in, or the key of the nearest member above an element.
pub(crate) fn last_key(path: &[Step]) -> Option<&str> {
    path.iter().rev().find_map(|step| match step {
        Step::Member(_, key) => Some(key.as_str()),
        Step::Element(_) => None,
    })
}

/// The value of a top-level member.
pub(crate) fn member<'a>(root: &'a Json, key: &str) -> Option<&'a Json> {
    match root {
        Json::Obj(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_duplicates_and_literals() {
        let tree = Json::Obj(vec![
            ("a".to_owned(), Json::Num("443.0".to_owned())),
            ("a".to_owned(), Json::Str("x\"\u{1}".to_owned())),
            ("b".to_owned(), Json::Raw("\"\\ud800\"".to_owned())),
        ]);
        assert_eq!(
            tree.to_text(),
            r#"{"a":443.0,"a":"x\"\u0001","b":"\ud800"}"#
        );
        assert_eq!(paths(&tree).len(), 4);
    }
}
