//! The concrete syntax tree: JSON values with the span of every key and value.

use ir::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// Members in source order; duplicates are reported by the parser and kept.
    Object(Vec<Member>),
    Array(Vec<Node>),
    String(String),
    Number(Number),
    Bool(bool),
    Null,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

impl Member {
    /// From the start of the key to the end of the value.
    pub fn span(&self) -> Span {
        self.key_span.cover(self.value.span)
    }
}

/// A JSON number as written, with its integer value when it is written as an integer.
#[derive(Clone, Debug, PartialEq)]
pub struct Number {
    pub raw: String,
    /// `Some` when written without fraction or exponent and within `i128`.
    pub int: Option<i128>,
}

impl Node {
    /// A short name of the JSON type, for messages.
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Object(_) => "object",
            NodeKind::Array(_) => "array",
            NodeKind::String(_) => "string",
            NodeKind::Number(n) if n.int.is_some() => "integer",
            NodeKind::Number(_) => "number",
            NodeKind::Bool(_) => "boolean",
            NodeKind::Null => "null",
        }
    }

    pub fn members(&self) -> &[Member] {
        match &self.kind {
            NodeKind::Object(m) => m,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Array(items) => items,
            _ => &[],
        }
    }

    pub fn is_object(&self) -> bool {
        matches!(self.kind, NodeKind::Object(_))
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind, NodeKind::Null)
    }

    /// The first member with this key.
    pub fn member(&self, key: &str) -> Option<&Member> {
        self.members().iter().find(|m| m.key == key)
    }

    /// The value of the first member with this key.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.member(key).map(|m| &m.value)
    }

    /// The value of the first member with this key, treating an explicit `null` as absent
    /// (the production parser does).
    pub fn get_present(&self, key: &str) -> Option<&Node> {
        self.get(key).filter(|n| !n.is_null())
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            NodeKind::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i128> {
        match &self.kind {
            NodeKind::Number(n) => n.int,
            _ => None,
        }
    }

    /// Follows a JSON pointer (RFC 6901).
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut node = self;
        for raw in pointer.strip_prefix('/')?.split('/') {
            let token = raw.replace("~1", "/").replace("~0", "~");
            node = match &node.kind {
                NodeKind::Object(members) => &members.iter().find(|m| m.key == token)?.value,
                NodeKind::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The span of the member key named by the last token of a pointer, when it names an
    /// object member; useful to point at `"key"` rather than at its whole value.
    pub fn key_span_at(&self, pointer: &str) -> Option<Span> {
        let (parent, last) = pointer.rsplit_once('/')?;
        let token = last.replace("~1", "/").replace("~0", "~");
        self.pointer(parent)?.member(&token).map(|m| m.key_span)
    }

    /// Converts to a `serde_json` value (later duplicate keys overwrite earlier ones, as
    /// `serde_json` would; the parser has already reported them).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            NodeKind::Object(members) => {
                let mut map = serde_json::Map::new();
                for m in members {
                    map.insert(m.key.clone(), m.value.to_json());
                }
                Value::Object(map)
            }
            NodeKind::Array(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeKind::String(s) => Value::String(s.clone()),
            NodeKind::Number(n) => number_to_json(n),
            NodeKind::Bool(b) => Value::Bool(*b),
            NodeKind::Null => Value::Null,
        }
    }
}

fn number_to_json(n: &Number) -> serde_json::Value {
    if let Some(i) = n.int {
        if let Ok(v) = i64::try_from(i) {
            return serde_json::Value::from(v);
        }
        if let Ok(v) = u64::try_from(i) {
            return serde_json::Value::from(v);
        }
    }
    n.raw
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or(serde_json::Value::Null, serde_json::Value::Number)
}
