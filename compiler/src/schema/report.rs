//! Turns `jsonschema` errors into coded diagnostics that point at the offending key or value.
//!
//! Every error is read together with the schema location that raised it, so messages can name
//! the allowed fields, values and ranges, and `help` can quote the field's description.

use std::collections::{BTreeMap, BTreeSet};

use ir::{Code, Diagnostic, Span};
use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::schema::numbers::{self, Refusal};
use crate::schema::{
    ALIAS_CONFLICT, EMPTY, MEMBER_COUNT, MISSING_FIELD, NOT_IN_ENUM, NULL_FORBIDDEN, OTHER,
    OUT_OF_RANGE, PATTERN, UNKNOWN_FIELD, WRONG_TYPE,
};
use crate::syntax::Node;

/// What the mapping needs besides the error itself.
pub(crate) struct Context<'a> {
    pub(crate) root: &'a Node,
    /// The schema document the errors refer to.
    pub(crate) document: &'a Value,
    /// The bundled schema version in use.
    pub(crate) version: &'static str,
    pub(crate) exact: bool,
}

/// One mapped error, before deduplication.
#[derive(Debug)]
pub(crate) struct Finding {
    /// The JSON pointer of the instance the error is about.
    pub(crate) pointer: String,
    pub(crate) code: Code,
    pub(crate) span: Span,
    pub(crate) message: String,
    pub(crate) label: String,
    pub(crate) help: Option<String>,
    /// What the field is, from its schema description, when `help` does not already say it.
    pub(crate) note: Option<String>,
    /// How the finding relates to others at the same pointer.
    pub(crate) kind: Kind,
}

/// Used to drop errors subsumed by a more specific one at the same pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The value has the wrong JSON type (or is an explicit `null`); nothing else about the
    /// value is worth saying.
    Type,
    /// A constraint on the value (enum, range, length, pattern) that only matters when the
    /// type is right.
    Value,
    /// About the members of an object (unknown, missing, count); kept alongside others.
    Structure,
}

impl Finding {
    pub(crate) fn into_diagnostic(self) -> Diagnostic {
        let mut diagnostic =
            Diagnostic::error(self.code, self.message).with_label(self.span, self.label);
        if let Some(help) = self.help {
            diagnostic = diagnostic.with_help(help);
        }
        if let Some(note) = self.note {
            diagnostic = diagnostic.with_note(note);
        }
        diagnostic
    }
}

/// Maps one error, recursing into the best branch of `anyOf`/`oneOf` failures.
pub(crate) fn map(cx: &Context<'_>, error: &ValidationError<'_>, out: &mut Vec<Finding>) {
    let pointer = error.instance_path().as_str().to_owned();
    let keyword = schema_at(cx.document, error.schema_path().as_str());
    let parent = schema_at(cx.document, parent_pointer(error.schema_path().as_str()));
    let node = cx.root.pointer(&pointer);
    let value_span = node.map_or(cx.root.span, |n| n.span);
    let name = display_path(&pointer);
    let description = parent.and_then(describe);
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let allowed = parent.map(property_names).unwrap_or_default();
            // The first member of each key, looked up once per unknown key: scanning the
            // object per key made an object of n unknown keys cost n².
            let mut key_spans: BTreeMap<&str, Span> = BTreeMap::new();
            for m in node.map_or(&[][..], Node::members).iter().rev() {
                key_spans.insert(m.key.as_str(), m.key_span);
            }
            for key in unexpected {
                let key_pointer = format!("{pointer}/{}", escape(key));
                let span = key_spans.get(key.as_str()).copied().unwrap_or(value_span);
                let message = if pointer.is_empty() {
                    format!("unknown field `{key}`")
                } else {
                    format!("unknown field `{key}` in `{name}`")
                };
                out.push(Finding {
                    pointer: key_pointer,
                    code: UNKNOWN_FIELD,
                    span,
                    message,
                    label: "unknown field".to_owned(),
                    help: Some(unknown_field_help(cx, key, &name, &allowed)),
                    note: None,
                    kind: Kind::Structure,
                });
            }
        }
        ValidationErrorKind::Required { property } => {
            let field = property
                .as_str()
                .map_or_else(|| property.to_string(), str::to_owned);
            let span = node.map_or(value_span, opening_brace);
            let message = if pointer.is_empty() {
                format!("missing required field `{field}`")
            } else {
                format!("missing required field `{field}` in `{name}`")
            };
            let field_description = parent
                .and_then(|p| p.get("properties"))
                .and_then(|p| p.get(&field))
                .and_then(describe);
            let help = match field_description {
                Some(d) => format!("add `{field}`: {d}"),
                None => format!("add `{field}`"),
            };
            out.push(Finding {
                pointer: format!("{pointer}/{}", escape(&field)),
                code: MISSING_FIELD,
                span,
                message,
                label: format!("`{field}` is missing here"),
                help: Some(help),
                note: None,
                kind: Kind::Structure,
            });
        }
        ValidationErrorKind::Type { .. } => {
            if let Some(n) = node {
                let wants_integer = keyword.is_some_and(|k| names_type(k, "integer"));
                let range = (bound_of(parent, "minimum"), bound_of(parent, "maximum"));
                let refusal = if wants_integer {
                    numbers::integer_refusal(n, &pointer, range)
                } else {
                    numbers::beyond_f64(n)
                };
                match refusal {
                    Refusal::NotMine => {}
                    Refusal::Reported => return,
                    Refusal::Finding(finding) => {
                        out.push(finding);
                        return;
                    }
                }
            }
            let expected = keyword
                .map(type_names)
                .unwrap_or_else(|| "another type".to_owned());
            let found = node.map_or("value", Node::kind_name);
            if cx.exact && node.is_some_and(Node::is_null) {
                out.push(Finding {
                    pointer,
                    code: NULL_FORBIDDEN,
                    span: value_span,
                    message: format!("`{name}` must not be `null`"),
                    label: format!("expected {expected}"),
                    help: Some(format!(
                        "the exact {} contract rejects explicit `null`; omit the field to use its default",
                        cx.version
                    )),
                    note: None,
                    kind: Kind::Type,
                });
            } else {
                out.push(Finding {
                    pointer,
                    code: WRONG_TYPE,
                    span: value_span,
                    message: format!("`{name}` must be {expected}, not {}", with_article(found)),
                    label: format!("expected {expected}"),
                    help: description,
                    note: None,
                    kind: Kind::Type,
                });
            }
        }
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<String> = options
                .as_array()
                .map(|values| {
                    values
                        .iter()
                        .filter(|v| !v.is_null())
                        .map(quote_value)
                        .collect()
                })
                .unwrap_or_default();
            out.push(Finding {
                pointer,
                code: NOT_IN_ENUM,
                span: value_span,
                message: format!(
                    "unsupported value {} for `{name}`",
                    quote_value(error.instance())
                ),
                label: "not an allowed value".to_owned(),
                help: Some(format!("use one of {}", join_or(&allowed))),
                note: None,
                kind: Kind::Value,
            });
        }
        ValidationErrorKind::Constant { expected_value } => {
            let expected = quote_value(expected_value);
            let help = if pointer == "/version" {
                format!(
                    "this config is checked against the exact {} contract, which accepts only {expected}",
                    cx.version
                )
            } else {
                description.unwrap_or_else(|| format!("write {expected}"))
            };
            out.push(Finding {
                pointer,
                code: NOT_IN_ENUM,
                span: value_span,
                message: format!("`{name}` must be {expected}"),
                label: format!("found {}", quote_value(error.instance())),
                help: Some(help),
                note: None,
                kind: Kind::Value,
            });
        }
        ValidationErrorKind::Minimum { .. }
        | ValidationErrorKind::Maximum { .. }
        | ValidationErrorKind::ExclusiveMinimum { .. }
        | ValidationErrorKind::ExclusiveMaximum { .. } => {
            let bound = |k: &str| parent.and_then(|p| p.get(k)).map(ToString::to_string);
            let range = match (bound("minimum"), bound("maximum")) {
                (Some(lo), Some(hi)) => format!("use an integer from {lo} to {hi}"),
                (Some(lo), None) => format!("use a number of at least {lo}"),
                (None, Some(hi)) => format!("use a number of at most {hi}"),
                (None, None) => "use a number within the allowed range".to_owned(),
            };
            out.push(Finding {
                pointer,
                code: OUT_OF_RANGE,
                span: value_span,
                message: format!(
                    "{} is out of range for `{name}`",
                    quote_value(error.instance())
                ),
                label: "out of range".to_owned(),
                help: Some(range),
                note: None,
                kind: Kind::Value,
            });
        }
        ValidationErrorKind::MinLength { .. } | ValidationErrorKind::MinItems { .. } => {
            let what = if matches!(error.kind(), ValidationErrorKind::MinItems { .. }) {
                "list at least one entry, or omit the field"
            } else {
                "write a non-empty string"
            };
            out.push(Finding {
                pointer,
                code: EMPTY,
                span: value_span,
                message: format!("`{name}` must not be empty"),
                label: "empty".to_owned(),
                help: Some(what.to_owned()),
                note: description,
                kind: Kind::Value,
            });
        }
        ValidationErrorKind::MinProperties { .. } | ValidationErrorKind::MaxProperties { .. } => {
            let fields = parent.map(property_names).unwrap_or_default();
            let choices = join_or(&fields.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>());
            let message = if matches!(error.kind(), ValidationErrorKind::MinProperties { .. }) {
                format!("`{name}` must set one of {choices}")
            } else {
                format!("`{name}` must set only one of {choices}")
            };
            out.push(Finding {
                pointer,
                code: MEMBER_COUNT,
                span: value_span,
                message,
                label: "expected exactly one field".to_owned(),
                help: description,
                note: None,
                kind: Kind::Structure,
            });
        }
        ValidationErrorKind::Pattern { .. } => pattern(cx, error, &pointer, value_span, out),
        ValidationErrorKind::Not { schema } => {
            let alias = alias_conflict(error.schema_path().as_str(), schema);
            match alias {
                Some((alias, canonical)) => {
                    let alias_pointer = format!("{pointer}/{}", escape(&alias));
                    let span = cx.root.key_span_at(&alias_pointer).unwrap_or(value_span);
                    out.push(Finding {
                        pointer: alias_pointer,
                        code: ALIAS_CONFLICT,
                        span,
                        message: format!("`{alias}` and `{canonical}` are the same section"),
                        label: format!("alias of `{canonical}`"),
                        help: Some(format!(
                            "MXC rejects a config that sets both; keep `{canonical}` and remove `{alias}`"
                        )),
                        note: None,
                        kind: Kind::Structure,
                    });
                }
                None => pattern(cx, error, &pointer, value_span, out),
            }
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            // Every branch failed: report the branch that got furthest, the one whose errors sit
            // deepest in the instance, then the one with the fewest errors.
            let best = context
                .iter()
                .filter(|b| !b.is_empty())
                .min_by_key(|branch| {
                    let depth = branch
                        .iter()
                        .map(|e| e.instance_path().as_str().len())
                        .max()
                        .unwrap_or(0);
                    (std::cmp::Reverse(depth), branch.len())
                });
            match best {
                Some(branch) => branch.iter().for_each(|e| map(cx, e, out)),
                None => out.push(other(error, &pointer, value_span)),
            }
        }
        ValidationErrorKind::FalseSchema => {
            let message = if pointer.is_empty() {
                "this config matches no request shape".to_owned()
            } else {
                format!("`{name}` is not allowed here")
            };
            out.push(Finding {
                pointer,
                code: OTHER,
                span: value_span,
                message,
                label: "not allowed".to_owned(),
                help: None,
                note: None,
                kind: Kind::Structure,
            });
        }
        _ => out.push(other(error, &pointer, value_span)),
    }
}

/// A string rejected by a `pattern` (or a negated one): the description says what is allowed.
fn pattern(
    cx: &Context<'_>,
    error: &ValidationError<'_>,
    pointer: &str,
    span: Span,
    out: &mut Vec<Finding>,
) {
    // The description lives on the schema holding the (possibly negated) pattern.
    let mut location = parent_pointer(error.schema_path().as_str());
    if matches!(error.kind(), ValidationErrorKind::Not { .. }) {
        location = error
            .schema_path()
            .as_str()
            .strip_suffix("/not")
            .unwrap_or(location);
    }
    let help = schema_at(cx.document, location).and_then(describe);
    out.push(Finding {
        pointer: pointer.to_owned(),
        code: PATTERN,
        span,
        message: format!(
            "{} is not a valid entry for `{}`",
            quote_value(error.instance()),
            display_path(parent_pointer(pointer))
        ),
        label: "not allowed".to_owned(),
        help,
        note: None,
        kind: Kind::Value,
    });
}

fn other(error: &ValidationError<'_>, pointer: &str, span: Span) -> Finding {
    let name = display_path(pointer);
    Finding {
        pointer: pointer.to_owned(),
        code: OTHER,
        span,
        message: format!(
            "`{name}` violates the `{}` rule of the schema",
            error.kind().keyword()
        ),
        label: "schema violation".to_owned(),
        help: Some(lower_first(&error.to_string())),
        note: None,
        kind: Kind::Value,
    }
}

/// Drops subsumed and duplicate findings and returns the rest in a stable order.
pub(crate) fn settle(mut findings: Vec<Finding>) -> Vec<Finding> {
    let typed: BTreeSet<String> = findings
        .iter()
        .filter(|f| f.kind == Kind::Type)
        .map(|f| f.pointer.clone())
        .collect();
    findings.retain(|f| f.kind != Kind::Value || !typed.contains(&f.pointer));
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, a.code, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            b.code,
            &b.message,
        ))
    });
    findings.dedup_by(|a, b| a.span == b.span && a.code == b.code && a.message == b.message);
    findings
}

/// `dependentSchemas/<alias>/not` with `{"required": [<canonical>]}` marks an alias pair.
fn alias_conflict(schema_path: &str, schema: &Value) -> Option<(String, String)> {
    let rest = schema_path.strip_suffix("/not")?;
    let (before, alias) = rest.rsplit_once('/')?;
    if !before.ends_with("/dependentSchemas") && before != "dependentSchemas" {
        return None;
    }
    let canonical = schema.get("required")?.as_array()?.first()?.as_str()?;
    Some((unescape(alias), canonical.to_owned()))
}

fn unknown_field_help(cx: &Context<'_>, key: &str, name: &str, allowed: &[String]) -> String {
    let owner = if name.is_empty() {
        "the config".to_owned()
    } else {
        format!("`{name}`")
    };
    let mut help = String::new();
    if let Some(near) = closest(key, allowed) {
        help.push_str(&format!("did you mean `{near}`? "));
    }
    if allowed.is_empty() {
        help.push_str(&format!("{owner} accepts no fields"));
    } else {
        let list: Vec<String> = allowed.iter().map(|f| format!("`{f}`")).collect();
        help.push_str(&format!("{owner} accepts {}", list.join(", ")));
    }
    if cx.exact {
        help.push_str(&format!(" in the exact {} contract", cx.version));
    }
    help
}

/// The allowed field closest to a misspelt one, when it is close enough to be a typo.
fn closest(key: &str, allowed: &[String]) -> Option<String> {
    allowed
        .iter()
        .filter_map(|a| Some((super::typo_distance(key, a)?, a)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a.clone())
}

/// Follows a JSON pointer into the schema document.
fn schema_at<'a>(document: &'a Value, pointer: &str) -> Option<&'a Value> {
    document.pointer(pointer)
}

fn parent_pointer(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or("", |(parent, _)| parent)
}

fn describe(schema: &Value) -> Option<String> {
    schema
        .get("description")
        .and_then(Value::as_str)
        .map(str::to_owned)
}

fn property_names(schema: &Value) -> Vec<String> {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// Whether a `type` keyword admits a type.
fn names_type(keyword: &Value, name: &str) -> bool {
    match keyword {
        Value::String(s) => s == name,
        Value::Array(items) => items.iter().any(|v| v.as_str() == Some(name)),
        _ => false,
    }
}

/// A numeric bound (`minimum`, `maximum`) of a schema, when it is an integer.
fn bound_of(schema: Option<&Value>, keyword: &str) -> Option<i128> {
    let bound = schema?.get(keyword)?;
    bound
        .as_i64()
        .map(i128::from)
        .or_else(|| bound.as_u64().map(i128::from))
}

/// "a string", "an integer or null" from a `type` keyword.
fn type_names(keyword: &Value) -> String {
    let names: Vec<&str> = match keyword {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let names: Vec<String> = names.into_iter().map(with_article).collect();
    if names.is_empty() {
        "another type".to_owned()
    } else {
        join_or(&names)
    }
}

fn with_article(kind: &str) -> String {
    match kind {
        "null" => "`null`".to_owned(),
        "integer" | "object" | "array" => format!("an {kind}"),
        _ => format!("a {kind}"),
    }
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A JSON value in backticks (strings without their quotes); long values are shortened.
fn quote_value(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.chars().count() > 60 {
        let short: String = text.chars().take(57).collect();
        format!("`{short}...`")
    } else {
        format!("`{text}`")
    }
}

/// The span of the first character of an object, `{`, where a missing field belongs.
fn opening_brace(node: &Node) -> Span {
    Span {
        source: node.span.source,
        start: node.span.start,
        end: node.span.start.saturating_add(1).min(node.span.end),
    }
}

/// `/network/egress/allow/0/to` becomes `network.egress.allow[0].to`.
pub(crate) fn display_path(pointer: &str) -> String {
    let mut out = String::new();
    for token in pointer.split('/').skip(1) {
        let token = unescape(token);
        if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{token}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&token);
        }
    }
    out
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
