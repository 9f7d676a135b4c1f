//! The tree as the JSON value the validator checks.
//!
//! Numbers are written as MXC's parser reads them: an integer literal within `u64` or `i64`
//! stays that integer, and every other literal (a fraction, an exponent, `-0`, a wide integer,
//! a literal beyond `f64`) becomes [`NOT_AN_INTEGER`], so an `integer` position refuses it even
//! when its value is whole. `Node::to_json` keeps the value instead, as `serde_json` would.

use serde_json::{Map, Value};

use crate::schema::numbers::{Literal, NOT_AN_INTEGER, classify};
use crate::syntax::{Node, NodeKind};

/// Converts the tree; later duplicate keys overwrite earlier ones (the parser reported them).
pub(crate) fn build(node: &Node) -> Value {
    match &node.kind {
        NodeKind::Object(members) => {
            let mut map = Map::new();
            for m in members {
                map.insert(m.key.clone(), build(&m.value));
            }
            Value::Object(map)
        }
        NodeKind::Array(items) => Value::Array(items.iter().map(build).collect()),
        NodeKind::String(s) => Value::String(s.clone()),
        NodeKind::Number(n) => match classify(n) {
            Literal::Integer(i) => i64::try_from(i)
                .map(Value::from)
                .or_else(|_| u64::try_from(i).map(Value::from))
                .unwrap_or_else(|_| Value::from(NOT_AN_INTEGER)),
            Literal::Wide | Literal::Float | Literal::Overflow => Value::from(NOT_AN_INTEGER),
        },
        NodeKind::Bool(b) => Value::Bool(*b),
        NodeKind::Null => Value::Null,
    }
}
