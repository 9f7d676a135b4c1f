//! The bundled JSON Schemas as documentation: which schema applies at a path of a document,
//! its description, its properties and its allowed values.
//!
//! The walk follows `$ref`, `allOf`, `anyOf`, `oneOf`, `dependentSchemas` and `if`/`then`/`else`.
//! An `if` is evaluated against the document when it only tests `required` keys and `const`
//! or `enum` string values (how the exact contracts branch on `phase` and `containment`);
//! any other condition keeps both branches.

use std::sync::OnceLock;

use serde_json::Value;

use crate::cursor::Seg;
use crate::loose::{Kind, Node};

/// The schema version used when the document names none the bundle has a contract for.
const WIRE: &str = "0.9.0-dev";

/// Bounds every walk, so a cyclic `$ref` cannot loop.
const MAX_DEPTH: usize = 32;

/// A parsed bundled schema.
pub(crate) struct Schema {
    pub(crate) version: &'static str,
    doc: Value,
}

/// The schema for a document: the exact contract its `version` names (or the one with the
/// same major.minor), else the production wire model.
pub(crate) fn for_document(root: &Node) -> Option<&'static Schema> {
    let wanted = root.get("version").and_then(Node::as_str);
    let version = match wanted {
        Some(v) if compiler::schema::versions().contains(&v) => v,
        Some(v) if v.starts_with("0.6.") => "0.6.0-alpha",
        Some(v) if v.starts_with("0.7.") => "0.7.0-alpha",
        Some(v) if v.starts_with("0.8.") => "0.8.0-alpha",
        _ => WIRE,
    };
    load(version)
}

fn load(version: &str) -> Option<&'static Schema> {
    static CELLS: OnceLock<Vec<Option<Schema>>> = OnceLock::new();
    let cells = CELLS.get_or_init(|| {
        compiler::schema::versions()
            .iter()
            .map(|v| {
                let doc = serde_json::from_str(compiler::schema::text(v)?).ok()?;
                Some(Schema { version: v, doc })
            })
            .collect()
    });
    cells.iter().flatten().find(|s| s.version == version)
}

impl Schema {
    /// The schemas that apply to the value at `path` (several when the schema branches).
    pub(crate) fn at(&self, root: &Node, path: &[Seg]) -> Vec<&Value> {
        let mut current = vec![&self.doc];
        let mut instance = Some(root);
        for seg in path {
            let applied = self.applied(&current, instance);
            current = match seg {
                Seg::Key(key) => applied
                    .iter()
                    .filter_map(|s| s.get("properties")?.get(key.as_str()))
                    .collect(),
                Seg::Index(_) => applied.iter().filter_map(|s| s.get("items")).collect(),
            };
            instance = instance.and_then(|n| match seg {
                Seg::Key(key) => n.get(key),
                Seg::Index(i) => n.items().get(*i),
            });
            if current.is_empty() {
                break;
            }
        }
        current
    }

    /// Every schema that applies to the same instance as one of `schemas`: the schemas
    /// themselves first, then what they reference and combine.
    pub(crate) fn applied<'a>(
        &'a self,
        schemas: &[&'a Value],
        instance: Option<&Node>,
    ) -> Vec<&'a Value> {
        let mut out: Vec<&Value> = Vec::new();
        for s in schemas {
            self.apply(s, instance, 0, &mut out);
        }
        out
    }

    fn apply<'a>(
        &'a self,
        schema: &'a Value,
        instance: Option<&Node>,
        depth: usize,
        out: &mut Vec<&'a Value>,
    ) {
        if depth > MAX_DEPTH || out.iter().any(|s| std::ptr::eq(*s, schema)) {
            return;
        }
        out.push(schema);
        if let Some(target) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| self.resolve(r))
        {
            self.apply(target, instance, depth + 1, out);
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            for sub in schema
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                self.apply(sub, instance, depth + 1, out);
            }
        }
        if let Some(deps) = schema.get("dependentSchemas").and_then(Value::as_object) {
            for (key, sub) in deps {
                if instance.is_none_or(|n| n.get(key).is_some()) {
                    self.apply(sub, instance, depth + 1, out);
                }
            }
        }
        if let Some(condition) = schema.get("if") {
            let verdict = instance.and_then(|n| holds(condition, n));
            if verdict != Some(false)
                && let Some(then) = schema.get("then")
            {
                self.apply(then, instance, depth + 1, out);
            }
            if verdict != Some(true)
                && let Some(otherwise) = schema.get("else")
            {
                self.apply(otherwise, instance, depth + 1, out);
            }
        }
    }

    fn resolve(&self, reference: &str) -> Option<&Value> {
        self.doc.pointer(reference.strip_prefix('#')?)
    }

    /// The properties an object at `path` may have, in schema order, each with its schemas.
    pub(crate) fn properties(&self, root: &Node, path: &[Seg]) -> Vec<(String, Vec<&Value>)> {
        let at = self.at(root, path);
        let instance = crate::cursor::follow(root, path);
        let mut out: Vec<(String, Vec<&Value>)> = Vec::new();
        for s in self.applied(&at, instance) {
            for (name, sub) in s
                .get("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                match out.iter_mut().find(|(n, _)| n == name) {
                    Some((_, subs)) => subs.push(sub),
                    None => out.push((name.clone(), vec![sub])),
                }
            }
        }
        out
    }

    /// The first description among the schemas and what they apply.
    pub(crate) fn description(&self, schemas: &[&Value]) -> Option<String> {
        self.applied(schemas, None)
            .iter()
            .find_map(|s| s.get("description").and_then(Value::as_str))
            .map(str::to_owned)
    }

    /// The JSON types the schemas allow, without `null`.
    pub(crate) fn types(&self, schemas: &[&Value]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for s in self.applied(schemas, None) {
            let names: Vec<&str> = match s.get("type") {
                Some(Value::String(t)) => vec![t.as_str()],
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            for name in names {
                if name != "null" && !out.iter().any(|o| o == name) {
                    out.push(name.to_owned());
                }
            }
        }
        out
    }

    /// The values the schemas allow (`enum` and `const`, and `true`/`false` for booleans),
    /// without `null`.
    pub(crate) fn values(&self, schemas: &[&Value]) -> Vec<Value> {
        let mut out: Vec<Value> = Vec::new();
        let applied = self.applied(schemas, None);
        for s in &applied {
            let listed = s
                .get("enum")
                .and_then(Value::as_array)
                .into_iter()
                .flatten();
            for v in listed.chain(s.get("const")) {
                if !v.is_null() && !out.contains(v) {
                    out.push(v.clone());
                }
            }
        }
        if out.is_empty() && self.types(schemas).iter().any(|t| t == "boolean") {
            out = vec![Value::Bool(true), Value::Bool(false)];
        }
        out
    }
}

/// Evaluates a simple `if` condition against an object, or `None` when it is not simple.
fn holds(condition: &Value, node: &Node) -> Option<bool> {
    let object = condition.as_object()?;
    let mut verdict = true;
    for (key, value) in object {
        match key.as_str() {
            "required" => {
                for name in value.as_array()? {
                    verdict &= node.get(name.as_str()?).is_some();
                }
            }
            "properties" => {
                for (name, sub) in value.as_object()? {
                    let Some(child) = node.get(name) else {
                        continue;
                    };
                    let Kind::String(actual) = &child.kind else {
                        return None;
                    };
                    let actual = Value::String(actual.clone());
                    if let Some(c) = sub.get("const") {
                        verdict &= *c == actual;
                    } else if let Some(list) = sub.get("enum").and_then(Value::as_array) {
                        verdict &= list.contains(&actual);
                    } else {
                        return None;
                    }
                }
            }
            "description" | "$comment" | "type" => {}
            _ => return None,
        }
    }
    Some(verdict)
}
