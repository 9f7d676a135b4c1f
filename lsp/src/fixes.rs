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
//! | MX2004 | add `"version": "0.8.0-alpha"` (also offered whenever absent) |

use ir::Diagnostic;

use crate::loose::{Member, Node};

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

/// The fix of a diagnostic, when its code has one and it applies.
pub(crate) fn for_diagnostic(text: &str, root: &Node, d: &Diagnostic) -> Option<Fix> {
    let span = d.primary_span()?;
    match d.code.as_str() {
        "MX1101" | "MX1006" => {
            let (object, member) = member_at(root, span.start as usize)?;
            let what = if d.code.as_str() == "MX1101" {
                "unknown field"
            } else {
                "duplicate key"
            };
            Some(Fix {
                title: format!("Remove {what} `{}`", member.key),
                edits: vec![remove(object, member)?],
            })
        }
        "MX2004" => add_version(text, root),
        _ => None,
    }
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
