//! Document symbols: the sections of a policy and, nested, their keys and list items.

use lsp_types::{DocumentSymbol, SymbolKind};

use crate::loose::{Kind, Node};
use crate::text::Text;

/// Nesting deeper than this is not listed.
const MAX_DEPTH: usize = 16;

pub(crate) fn symbols(text: &Text, root: &Node) -> Vec<DocumentSymbol> {
    children(text, root, 0)
}

fn children(text: &Text, node: &Node, depth: usize) -> Vec<DocumentSymbol> {
    if depth >= MAX_DEPTH {
        return Vec::new();
    }
    match &node.kind {
        Kind::Object(members) => members
            .iter()
            .map(|m| {
                let (kind, detail, nested) = match &m.value {
                    Some(v) => (kind(v), detail(v), children(text, v, depth + 1)),
                    None => (SymbolKind::KEY, None, Vec::new()),
                };
                symbol(
                    m.key.clone(),
                    detail,
                    kind,
                    text,
                    (m.key_start, m.end()),
                    (m.key_start, m.key_end),
                    nested,
                )
            })
            .collect(),
        Kind::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                symbol(
                    format!("[{i}]"),
                    detail(item),
                    kind(item),
                    text,
                    (item.start, item.end),
                    (item.start, item.end),
                    children(text, item, depth + 1),
                )
            })
            .collect(),
        Kind::String(_) | Kind::Scalar(_) => Vec::new(),
    }
}

fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    text: &Text,
    (start, end): (usize, usize),
    (key_start, key_end): (usize, usize),
    nested: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    #[expect(deprecated, reason = "`deprecated` is a required field of the struct")]
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: text.range(start, end),
        selection_range: text.range(key_start, key_end),
        children: (!nested.is_empty()).then_some(nested),
    }
}

fn kind(node: &Node) -> SymbolKind {
    match &node.kind {
        Kind::Object(_) => SymbolKind::OBJECT,
        Kind::Array(_) => SymbolKind::ARRAY,
        Kind::String(_) => SymbolKind::STRING,
        Kind::Scalar(raw) if raw == "true" || raw == "false" => SymbolKind::BOOLEAN,
        Kind::Scalar(raw) if raw == "null" => SymbolKind::NULL,
        Kind::Scalar(_) => SymbolKind::NUMBER,
    }
}

fn detail(node: &Node) -> Option<String> {
    match &node.kind {
        Kind::Object(_) => None,
        Kind::Array(items) => Some(format!("{} items", items.len())),
        Kind::String(s) => Some(serde_json::Value::String(s.clone()).to_string()),
        Kind::Scalar(raw) => Some(raw.clone()),
    }
}
