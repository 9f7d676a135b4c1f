//! Hover: the schema documentation of the key under the mouse, and the documentation of any
//! diagnostic there.

use ir::Diagnostic;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};
use serde_json::Value;

use crate::cursor::{self, Bias, Place, Seg};
use crate::document::{Analysis, HOME};
use crate::loose::Node;
use crate::schema::{self, Schema};
use crate::text::Text;

pub(crate) fn hover(text: &Text, analysis: &Analysis, position: Position) -> Option<Hover> {
    let root = analysis.policy_root()?;
    let offset = text.offset(position);
    let mut parts = Vec::new();
    let mut range = None;
    if let Some(schema) = schema::for_document(root) {
        match cursor::locate(text.as_str(), root, offset, Bias::Hover) {
            Place::Key { path, member, .. } => {
                let mut full = path;
                full.push(Seg::Key(member.key.clone()));
                if let Some(doc) = key_doc(schema, root, &full) {
                    parts.push(doc);
                    range = Some(text.range(member.key_start, member.key_end));
                }
            }
            Place::Value {
                path,
                node: Some(node),
            } if matches!(path.last(), Some(Seg::Key(_))) => {
                if let Some(doc) = key_doc(schema, root, &path) {
                    parts.push(doc);
                    range = Some(text.range(node.start, node.end));
                }
            }
            _ => {}
        }
    }
    for d in &analysis.diagnostics {
        if let Some(span) = d.primary_span()
            && span.source == HOME
            && (span.start as usize) <= offset
            && offset <= span.end as usize
        {
            parts.push(diagnostic_doc(d));
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range,
    })
}

/// The documentation of the member a path leads to.
pub(crate) fn key_doc(schema: &Schema, root: &Node, path: &[Seg]) -> Option<String> {
    let Some(Seg::Key(key)) = path.last() else {
        return None;
    };
    let schemas = schema.at(root, path);
    if schemas.is_empty() {
        return None;
    }
    let mut out = format!("**`{key}`**");
    let types = schema.types(&schemas);
    if !types.is_empty() {
        out.push_str(": ");
        out.push_str(&types.join(" | "));
    }
    if let Some(description) = schema.description(&schemas) {
        out.push_str("\n\n");
        out.push_str(&description);
    }
    let values = schema.values(&schemas);
    if !values.is_empty() {
        let list: Vec<String> = values.iter().map(|v| format!("`{}`", display(v))).collect();
        out.push_str("\n\nAllowed values: ");
        out.push_str(&list.join(", "));
    }
    out.push_str(&format!("\n\n_MXC schema {}_", schema.version));
    Some(out)
}

fn display(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A diagnostic's code, message and help, and the code's documentation from the registry.
pub(crate) fn diagnostic_doc(d: &Diagnostic) -> String {
    let code = d.code.as_str();
    let mut out = format!("**{code}** ({}): {}", d.severity, d.message);
    if let Some(help) = &d.help {
        out.push_str("\n\n");
        out.push_str(help);
    }
    for note in &d.notes {
        out.push_str("\n\nNote: ");
        out.push_str(note);
    }
    if let Some(doc) = crate::rules::doc(code) {
        out.push_str("\n\n");
        out.push_str(&doc);
    }
    out
}
