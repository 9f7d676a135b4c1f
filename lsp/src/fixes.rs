//! Quick fixes, computed in the language server from a diagnostic's code and the tree.
//!
//! The fix source is this module: a diagnostic is fixable when its code is listed here and
//! the tree around its primary span has the expected shape. Fixes are byte-range edits of
//! the document.
//!
//! | Code   | Fix                                                          |
//! |--------|--------------------------------------------------------------|
//! | MX1101 | remove the unknown field (with its comma)                    |
//! | MX1006 | remove the repeated key (the later member)                   |
//! | MX1103 | replace the value with each value the schema allows          |
//! | MX2004 | add `"version": "0.8.0-alpha"` (also offered whenever absent) |

use ir::Diagnostic;

use crate::cursor::{self, Bias, Place};
use crate::loose::{Member, Node};
use crate::schema;

/// The version the "add version" fix writes.
pub(crate) const VERSION: &str = "0.8.0-alpha";

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fix {
    pub(crate) title: String,
    pub(crate) edits: Vec<Edit>,
}

/// Replace the bytes `start..end` with `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Edit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) text: String,
}

/// The fixes of a diagnostic, when its code has some and they apply.
pub(crate) fn for_diagnostic(text: &str, root: &Node, d: &Diagnostic) -> Vec<Fix> {
    let Some(span) = d.primary_span() else {
        return Vec::new();
    };
    let start = span.start as usize;
    match d.code.as_str() {
        "MX1101" | "MX1006" => {
            let what = if d.code.as_str() == "MX1101" {
                "unknown field"
            } else {
                "duplicate key"
            };
            member_at(root, start)
                .and_then(|(object, member)| {
                    Some(Fix {
                        title: format!("Remove {what} `{}`", member.key),
                        edits: vec![remove(object, member)?],
                    })
                })
                .into_iter()
                .collect()
        }
        "MX1103" => replace_value(text, root, start),
        "MX2004" => add_version(text, root).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// One fix per value the schema allows for the value at `start`.
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
    schema
        .values(&schema.at(root, &path))
        .into_iter()
        .map(|value| {
            let json = value.to_string();
            Fix {
                title: format!("Replace with `{json}`"),
                edits: vec![Edit {
                    start: node.start,
                    end: node.end,
                    text: json,
                }],
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
    })
}

/// The member whose key starts at `offset`, with its object.
fn member_at(root: &Node, offset: usize) -> Option<(&Node, &Member)> {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if let Some(m) = node.members().iter().find(|m| m.key_start == offset) {
            return Some((node, m));
        }
        stack.extend(node.members().iter().filter_map(|m| m.value.as_ref()));
        stack.extend(node.items());
    }
    None
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
