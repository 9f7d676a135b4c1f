//! Values MXC's parser reads without a schema: a property the wire model leaves untyped (the
//! root `_comment`) and the members an open object does not declare (unknown members of
//! `experimental` and of its sections, which serde skips). serde keeps the last of repeated keys
//! there instead of refusing them, so a duplicate key inside such a value is no error.

use ir::{Diagnostic, Span};
use serde_json::Value;

use crate::schema::bundle;
use crate::syntax::{DUPLICATE_KEY, Node, NodeKind};

/// Drops the duplicate-key errors that point into a value MXC does not read.
pub fn drop_ignored_duplicates(root: &Node, diags: &mut Vec<Diagnostic>) {
    if !diags.iter().any(|d| d.code == DUPLICATE_KEY) {
        return;
    }
    let Some(Ok(wire)) = bundle::compiled(bundle::WIRE) else {
        return;
    };
    let mut regions = Vec::new();
    walk(root, &wire.document, &wire.document, &mut regions);
    diags.retain(|d| {
        let at = d.labels.iter().find(|l| l.primary).map(|l| l.span.start);
        !(d.code == DUPLICATE_KEY
            && at.is_some_and(|at| regions.iter().any(|r| r.start <= at && at < r.end)))
    });
}

/// Follows a local `$ref` (`#/$defs/Name`).
fn resolve<'a>(schema: &'a Value, document: &'a Value) -> &'a Value {
    schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/"))
        .and_then(|path| {
            path.split('/')
                .try_fold(document, |node, part| node.get(part))
        })
        .unwrap_or(schema)
}

/// True for a schema that constrains nothing, so any JSON is read as an opaque value.
fn is_untyped(schema: &Value) -> bool {
    [
        "type",
        "properties",
        "items",
        "enum",
        "const",
        "oneOf",
        "anyOf",
        "allOf",
        "$ref",
    ]
    .iter()
    .all(|k| schema.get(k).is_none())
}

fn walk(node: &Node, schema: &Value, document: &Value, regions: &mut Vec<Span>) {
    let schema = resolve(schema, document);
    match &node.kind {
        NodeKind::Object(members) => {
            let properties = schema.get("properties");
            let open = !matches!(schema.get("additionalProperties"), Some(Value::Bool(false)));
            for member in members {
                match properties.and_then(|p| p.get(&member.key)) {
                    Some(property) if is_untyped(resolve(property, document)) => {
                        regions.push(member.value.span);
                    }
                    Some(property) => walk(&member.value, property, document, regions),
                    None if open => regions.push(member.span()),
                    None => {}
                }
            }
        }
        NodeKind::Array(items) => {
            if let Some(item) = schema.get("items") {
                for value in items {
                    walk(value, item, document, regions);
                }
            }
        }
        _ => {}
    }
}
