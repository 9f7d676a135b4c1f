//! Completion of the keys the schema allows in the object at the cursor (less those already
//! there) and of the values it allows for the member at the cursor.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, MarkupContent,
    MarkupKind, Position, TextEdit,
};
use serde_json::Value;

use crate::cursor::{self, Bias, Place, Seg};
use crate::document::Analysis;
use crate::loose::{Kind, Member, Node};
use crate::schema::{self, Schema};
use crate::text::Text;

pub(crate) fn complete(
    text: &Text,
    analysis: &Analysis,
    position: Position,
) -> Vec<CompletionItem> {
    let Some(root) = analysis.policy_root() else {
        return Vec::new();
    };
    let Some(schema) = schema::for_document(root) else {
        return Vec::new();
    };
    let offset = text.offset(position);
    match cursor::locate(text.as_str(), root, offset, Bias::Typing) {
        Place::Key {
            path,
            object,
            member,
        } => {
            let suffix = if member.colon.is_some() { "" } else { ": " };
            let edit = (member.key_start, member.key_end);
            keys(
                text,
                schema,
                root,
                &path,
                object,
                Some(member),
                edit,
                suffix,
            )
        }
        Place::NewKey { path, object } => keys(
            text,
            schema,
            root,
            &path,
            object,
            None,
            (offset, offset),
            ": ",
        ),
        Place::Value { path, node } => {
            let edit = match node {
                Some(n) if matches!(n.kind, Kind::String(_) | Kind::Scalar(_)) => (n.start, n.end),
                _ => (offset, offset),
            };
            values(text, schema, root, &path, edit)
        }
        Place::Outside => Vec::new(),
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "one call site per place kind; a struct would only rename them"
)]
fn keys(
    text: &Text,
    schema: &Schema,
    root: &Node,
    path: &[Seg],
    object: &Node,
    editing: Option<&Member>,
    (start, end): (usize, usize),
    suffix: &str,
) -> Vec<CompletionItem> {
    let present = |name: &str| {
        object
            .members()
            .iter()
            .any(|m| m.key == name && editing.is_none_or(|e| e.key_start != m.key_start))
    };
    let range = text.range(start, end);
    schema
        .properties(root, path)
        .into_iter()
        .filter(|(name, _)| !present(name))
        .enumerate()
        .map(|(i, (name, schemas))| {
            let quoted = Value::String(name.clone()).to_string();
            let types = schema.types(&schemas);
            CompletionItem {
                label: name.clone(),
                kind: Some(CompletionItemKind::PROPERTY),
                detail: (!types.is_empty()).then(|| types.join(" | ")),
                documentation: schema.description(&schemas).map(markdown),
                sort_text: Some(format!("{i:04}")),
                filter_text: Some(quoted.clone()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range,
                    new_text: format!("{quoted}{suffix}"),
                })),
                ..CompletionItem::default()
            }
        })
        .collect()
}

fn values(
    text: &Text,
    schema: &Schema,
    root: &Node,
    path: &[Seg],
    (start, end): (usize, usize),
) -> Vec<CompletionItem> {
    let schemas = schema.at(root, path);
    if schemas.is_empty() {
        return Vec::new();
    }
    let range = text.range(start, end);
    let documentation = schema.description(&schemas).map(markdown);
    schema
        .values(&schemas)
        .into_iter()
        .enumerate()
        .map(|(i, value)| {
            let json = value.to_string();
            let label = match &value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            CompletionItem {
                label,
                kind: Some(CompletionItemKind::ENUM_MEMBER),
                documentation: documentation.clone(),
                sort_text: Some(format!("{i:04}")),
                filter_text: Some(json.clone()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range,
                    new_text: json,
                })),
                ..CompletionItem::default()
            }
        })
        .collect()
}

fn markdown(value: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value,
    })
}
