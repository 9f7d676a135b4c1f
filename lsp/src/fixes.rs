//! Quick fixes, computed in the language server from a diagnostic's code and the tree.
//!
//! The fix source is this module: a diagnostic is fixable when its code is listed here and
//! the tree around its primary span has the expected shape. Fixes are byte-range edits of
//! the document.
//!
//! A quick fix must never widen a policy silently. A fix that keeps what was written (a
//! rename to the key the misspelling is close to) or adds only metadata may be preferred,
//! which lets an editor apply it with one keystroke; a fix that drops content (removing a
//! member) or chooses a meaning the text does not suggest (a value far from what was
//! written) is never preferred, and a removal's title says what it drops. A diagnostic has
//! at most one preferred fix.
//!
//! | Code   | Fix                                                  | Content         | Preferred         |
//! |--------|------------------------------------------------------|-----------------|-------------------|
//! | MX1101 | rename the key to the one the help suggests, then to other close keys (3 in all) | kept | the suggested one, unless another is as close |
//! | MX1101 | remove the unknown field (with its comma)            | dropped         | never             |
//! | MX1006 | remove the repeated key (the later member)           | dropped         | when both values are written alike |
//! | MX1103 | replace the value with each close allowed value (3 at most), else with each allowed value | kept / chosen | the closest, unless another is as close |
//! | MX2004 | add `"version": "0.8.0-alpha"` (also offered whenever absent) | added metadata | yes    |

mod near;

use ir::Diagnostic;
use serde_json::Value;

use crate::cursor::{self, Bias, Place, Seg};
use crate::loose::{Kind, Member, Node};
use crate::schema;

/// The version the "add version" fix writes.
pub(crate) const VERSION: &str = "0.8.0-alpha";

/// How many characters of a dropped value a title quotes.
const QUOTED: usize = 40;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fix {
    pub(crate) title: String,
    pub(crate) edits: Vec<Edit>,
    /// Whether an editor may apply this fix on its own (LSP `isPreferred`).
    pub(crate) preferred: bool,
}

/// Replace the bytes `start..end` with `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Edit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) text: String,
}

/// The fixes of a diagnostic, when its code has some and they apply, the preferred one
/// (if any) first.
pub(crate) fn for_diagnostic(text: &str, root: &Node, d: &Diagnostic) -> Vec<Fix> {
    let Some(span) = d.primary_span() else {
        return Vec::new();
    };
    let start = span.start as usize;
    use ir::codes::{syntax, validation};
    match d.code {
        syntax::UNKNOWN_FIELD => unknown_field(text, root, d, start),
        syntax::DUPLICATE_KEY => duplicate_key(text, root, start).into_iter().collect(),
        syntax::NOT_IN_ENUM => replace_value(text, root, start),
        validation::MISSING_VERSION => add_version(text, root).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// Renames to the close allowed keys, then removal of the member.
fn unknown_field(text: &str, root: &Node, d: &Diagnostic, start: usize) -> Vec<Fix> {
    let Some((path, object, member)) = member_at(root, start) else {
        return Vec::new();
    };
    let mut fixes = renames(root, d, &path, object, member);
    if let Some(edit) = remove(object, member) {
        fixes.push(Fix {
            title: format!(
                "Remove unknown field `{}` ({})",
                member.key,
                drops(text, member.value.as_ref())
            ),
            edits: vec![edit],
            preferred: false,
        });
    }
    fixes
}

/// One fix per allowed key close to the member's. First the key the diagnostic suggests
/// (`mxcc check`'s "did you mean"), preferred unless another candidate is just as close;
/// then the other close keys of the document's schema, closest first, never preferred. Keys
/// the object already has are not offered, since the rename would repeat them.
fn renames(root: &Node, d: &Diagnostic, path: &[Seg], object: &Node, member: &Member) -> Vec<Fix> {
    if !member.key_closed {
        return Vec::new();
    }
    let absent = |key: &str| key != member.key && !object.members().iter().any(|m| m.key == key);
    let suggested = d
        .help
        .as_deref()
        .and_then(|h| h.strip_prefix("did you mean `"))
        .and_then(|h| h.split_once('`'))
        .map(|(key, _)| key.to_owned())
        .filter(|key| absent(key));
    let others: Vec<String> = schema::for_document(root)
        .map(|schema| schema.properties(root, path))
        .unwrap_or_default()
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| absent(name) && suggested.as_ref() != Some(name))
        .collect();
    let others = near::ranked(&member.key, others, String::as_str);
    let tied = |key: &str| {
        near::distance(&member.key, key)
            .is_some_and(|own| others.first().is_some_and(|(other, _)| *other <= own))
    };
    let preferred = suggested.as_deref().is_some_and(|key| !tied(key));
    suggested
        .into_iter()
        .chain(others.into_iter().map(|(_, name)| name))
        .take(near::MAX)
        .enumerate()
        .map(|(i, name)| Fix {
            title: format!("Rename to `{name}`"),
            edits: vec![Edit {
                start: member.key_start,
                end: member.key_end,
                text: Value::String(name).to_string(),
            }],
            preferred: preferred && i == 0,
        })
        .collect()
}

/// Removes the repeated member. Preferred only when its value is written exactly like the
/// first one's, so that nothing is dropped.
fn duplicate_key(text: &str, root: &Node, start: usize) -> Option<Fix> {
    let (_, object, member) = member_at(root, start)?;
    let first = object
        .members()
        .iter()
        .find(|m| m.key == member.key && m.key_start < member.key_start);
    let written = |m: &Member| m.value.as_ref().and_then(|v| text.get(v.start..v.end));
    let same = first.is_some_and(|f| written(f).is_some() && written(f) == written(member));
    let what = if same {
        "same value as the first, nothing is dropped".to_owned()
    } else {
        drops(text, member.value.as_ref())
    };
    Some(Fix {
        title: format!("Remove duplicate key `{}` ({what})", member.key),
        edits: vec![remove(object, member)?],
        preferred: same,
    })
}

/// What removing a member with this value drops, for a fix's title.
fn drops(text: &str, value: Option<&Node>) -> String {
    let Some(value) = value else {
        return "it has no value".to_owned();
    };
    let count = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("drops its 1 {one}")
        } else {
            format!("drops its {n} {many}")
        }
    };
    match &value.kind {
        Kind::Array(items) if items.is_empty() => "it is empty, nothing is dropped".to_owned(),
        Kind::Object(members) if members.is_empty() => "it is empty, nothing is dropped".to_owned(),
        Kind::Array(items) => count(items.len(), "entry", "entries"),
        Kind::Object(members) => count(members.len(), "field", "fields"),
        Kind::String(_) | Kind::Scalar(_) => {
            let written = text.get(value.start..value.end).unwrap_or("");
            let quoted: String = written.chars().take(QUOTED).collect();
            let more = if quoted.len() < written.len() {
                "…"
            } else {
                ""
            };
            format!("drops its value `{quoted}{more}`")
        }
    }
}

/// One fix per allowed value for the value at `start`: the values close to what was written,
/// closest first, the closest preferred when it is strictly closer than the others; when
/// none is close, every allowed value in schema order and none preferred, since picking one
/// would choose a meaning the text does not suggest.
fn replace_value(text: &str, root: &Node, start: usize) -> Vec<Fix> {
    let Place::Value {
        path,
        node: Some(node),
    } = cursor::locate(text, root, start, Bias::Hover)
    else {
        return Vec::new();
    };
    if node.start != start {
        return Vec::new();
    }
    let Some(schema) = schema::for_document(root) else {
        return Vec::new();
    };
    let allowed: Vec<(String, Value)> = schema
        .values(&schema.at(root, &path))
        .into_iter()
        .map(|v| match &v {
            Value::String(s) => (s.clone(), v),
            other => (other.to_string(), v),
        })
        .collect();
    let written = match &node.kind {
        Kind::String(s) | Kind::Scalar(s) => s.as_str(),
        Kind::Object(_) | Kind::Array(_) => "",
    };
    let ranked = near::ranked(written, allowed.clone(), |(name, _)| name.as_str());
    let obvious = near::obvious(&ranked);
    let choices: Vec<(String, Value)> = if ranked.is_empty() {
        allowed
    } else {
        ranked.into_iter().map(|(_, c)| c).collect()
    };
    choices
        .into_iter()
        .enumerate()
        .map(|(i, (_, value))| {
            let json = value.to_string();
            Fix {
                title: format!("Replace with `{json}`"),
                edits: vec![Edit {
                    start: node.start,
                    end: node.end,
                    text: json,
                }],
                preferred: obvious && i == 0,
            }
        })
        .collect()
}

/// Adds `"version"` as the first member of the root object, when it has none.
pub(crate) fn add_version(text: &str, root: &Node) -> Option<Fix> {
    if !root.is_object() || root.members().iter().any(|m| m.key == "version") {
        return None;
    }
    let member = format!("\"version\": \"{VERSION}\"");
    let edit = match root.members().first() {
        Some(first) => {
            let line_start = text
                .get(..first.key_start)?
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let indent = text.get(line_start..first.key_start)?;
            let separator = if line_start > root.start && indent.trim().is_empty() {
                format!("\n{indent}")
            } else {
                " ".to_owned()
            };
            Edit {
                start: first.key_start,
                end: first.key_start,
                text: format!("{member},{separator}"),
            }
        }
        None => Edit {
            start: root.start + 1,
            end: root.start + 1,
            text: member,
        },
    };
    Some(Fix {
        title: format!("Add `\"version\": \"{VERSION}\"`"),
        edits: vec![edit],
        preferred: true,
    })
}

/// The member whose key starts at `offset`, with its object and the path to the object.
fn member_at(root: &Node, offset: usize) -> Option<(Vec<Seg>, &Node, &Member)> {
    let mut stack = vec![(Vec::new(), root)];
    while let Some((path, node)) = stack.pop() {
        if let Some(m) = node.members().iter().find(|m| m.key_start == offset) {
            return Some((path, node, m));
        }
        for m in node.members() {
            if let Some(value) = &m.value {
                stack.push((extend(&path, Seg::Key(m.key.clone())), value));
            }
        }
        for (i, item) in node.items().iter().enumerate() {
            stack.push((extend(&path, Seg::Index(i)), item));
        }
    }
    None
}

fn extend(path: &[Seg], seg: Seg) -> Vec<Seg> {
    let mut out = path.to_vec();
    out.push(seg);
    out
}

/// Removes a member and the comma that separates it from a neighbour.
fn remove(object: &Node, member: &Member) -> Option<Edit> {
    let members = object.members();
    let i = members
        .iter()
        .position(|m| m.key_start == member.key_start)?;
    let (start, end) = match (
        i.checked_sub(1).and_then(|p| members.get(p)),
        members.get(i + 1),
    ) {
        (_, Some(next)) => (member.key_start, next.key_start),
        (Some(previous), None) => (previous.end(), member.end()),
        (None, None) if object.closed => (object.start + 1, object.end.saturating_sub(1)),
        (None, None) => (member.key_start, member.end()),
    };
    Some(Edit {
        start,
        end,
        text: String::new(),
    })
}
