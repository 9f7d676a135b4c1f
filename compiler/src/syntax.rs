//! Span-preserving JSON: bytes to a [`Node`] tree, never failing, never recursing unboundedly.
//!
//! The checks run cheapest first: size, UTF-8, nesting depth (a linear scan, so the recursive
//! parser never sees a document deeper than the limit), then the pest grammar, trailing data,
//! string escapes and duplicate keys.

pub mod cst;

use std::collections::BTreeMap;

use ir::{Code, Diagnostic, SourceId, Span};
use pest::Parser as _;
use pest::iterators::Pair;

pub use cst::{Member, Node, NodeKind, Number};

pub const SYNTAX_ERROR: Code = ir::codes::syntax::SYNTAX_ERROR;
pub const INVALID_UTF8: Code = ir::codes::syntax::INVALID_UTF8;
pub const TRAILING_DATA: Code = ir::codes::syntax::TRAILING_DATA;
pub const TOO_DEEP: Code = ir::codes::syntax::TOO_DEEP;
pub const TOO_LARGE: Code = ir::codes::syntax::TOO_LARGE;
pub const DUPLICATE_KEY: Code = ir::codes::syntax::DUPLICATE_KEY;
pub const INVALID_ESCAPE: Code = ir::codes::syntax::INVALID_ESCAPE;

/// Input limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: 16 * 1024 * 1024,
            max_depth: 127,
        }
    }
}

#[derive(pest_derive::Parser)]
#[grammar = "syntax/json.pest"]
struct JsonParser;

/// Parses bytes into a tree. Returns `None` only when no tree could be built.
pub fn parse(source: SourceId, bytes: &[u8], limits: Limits) -> (Option<Node>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    if bytes.len() > limits.max_bytes {
        diags.push(
            Diagnostic::error(
                TOO_LARGE,
                format!(
                    "file is {} bytes, more than the limit of {} bytes",
                    bytes.len(),
                    limits.max_bytes
                ),
            )
            .with_label(Span::file_start(source), "file starts here")
            .with_help("MXC configs are small; raise the limit with `--max-file-size` if this one is genuine"),
        );
        return (None, diags);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            let len = e.error_len().unwrap_or(1);
            diags.push(
                Diagnostic::error(INVALID_UTF8, "file is not valid UTF-8")
                    .with_label(Span::new(source, at, at + len), "invalid byte sequence")
                    .with_help("MXC reads configs as UTF-8 JSON; re-encode the file as UTF-8"),
            );
            return (None, diags);
        }
    };
    if let Some(at) = too_deep(text, limits.max_depth) {
        diags.push(
            Diagnostic::error(
                TOO_DEEP,
                format!("nesting is deeper than {} levels", limits.max_depth),
            )
            .with_label(
                Span::new(source, at, at + 1),
                "this bracket exceeds the limit",
            )
            .with_help("no MXC config nests this deeply; the file is probably not a policy"),
        );
        return (None, diags);
    }
    let pairs = match JsonParser::parse(Rule::document, text) {
        Ok(pairs) => pairs,
        Err(e) => {
            diags.push(syntax_error(source, text, &e));
            return (None, diags);
        }
    };
    let mut builder = Builder { source, diags };
    let root = pairs
        .into_iter()
        .next()
        .and_then(|doc| doc.into_inner().find(|p| is_value(p.as_rule())))
        .map(|p| builder.node(p));
    (root, builder.diags)
}

/// The byte offset of the first bracket beyond the depth limit, if any.
fn too_deep(text: &str, max_depth: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > max_depth {
                    return Some(i);
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn syntax_error(source: SourceId, text: &str, e: &pest::error::Error<Rule>) -> Diagnostic {
    let at = match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    // A complete value followed by more input is "trailing data", not a generic error.
    if let Some(end) = value_end(text)
        && at >= end
    {
        let rest = text.get(end..).unwrap_or("");
        let start = end + (rest.len() - rest.trim_start().len());
        return Diagnostic::error(TRAILING_DATA, "unexpected data after the JSON value")
            .with_label(
                Span::new(source, start, text.len()),
                "the config ended before this",
            )
            .with_help("a config file holds exactly one JSON object; remove what follows it");
    }
    let found = text.get(at..).and_then(|r| r.chars().next());
    let (message, help) = match found {
        None => (
            "unexpected end of file".to_owned(),
            "the JSON value is not closed; check for a missing `}` or `]`".to_owned(),
        ),
        Some(c) => (
            format!("unexpected `{}`", c.escape_debug()),
            expected_help(e),
        ),
    };
    let end = at + found.map_or(0, char::len_utf8);
    Diagnostic::error(SYNTAX_ERROR, format!("invalid JSON: {message}"))
        .with_label(Span::new(source, at, end), "here")
        .with_help(help)
}

fn expected_help(e: &pest::error::Error<Rule>) -> String {
    let pest::error::ErrorVariant::ParsingError { positives, .. } = &e.variant else {
        return "fix the JSON syntax".to_owned();
    };
    let mut names: Vec<&str> = positives
        .iter()
        .map(|r| match r {
            Rule::object => "an object",
            Rule::array => "an array",
            Rule::string | Rule::inner => "a string",
            Rule::number => "a number",
            Rule::true_lit | Rule::false_lit => "a boolean",
            Rule::null_lit => "`null`",
            Rule::member => "a quoted key",
            Rule::EOI => "the end of the file",
            Rule::colon => "`:`",
            Rule::comma => "`,`",
            Rule::close_brace => "`}`",
            Rule::close_bracket => "`]`",
            _ => "a JSON value",
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    if names.is_empty() {
        // pest reports the literal punctuation it wanted only as "nothing matched".
        "check for a missing comma, colon or bracket, or a trailing comma (JSON allows none)"
            .to_owned()
    } else {
        format!("expected {}", names.join(" or "))
    }
}

/// The end offset of the first complete JSON value in `text`, if the text starts with one.
fn value_end(text: &str) -> Option<usize> {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    for rule in [Rule::object, Rule::array, Rule::string, Rule::number] {
        if let Some(p) = JsonParser::parse(rule, trimmed)
            .ok()
            .and_then(|mut pairs| pairs.next())
        {
            return Some(lead + p.as_span().end());
        }
    }
    for lit in ["true", "false", "null"] {
        if trimmed.starts_with(lit) {
            return Some(lead + lit.len());
        }
    }
    None
}

fn is_value(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::object
            | Rule::array
            | Rule::string
            | Rule::number
            | Rule::true_lit
            | Rule::false_lit
            | Rule::null_lit
    )
}

struct Builder {
    source: SourceId,
    diags: Vec<Diagnostic>,
}

impl Builder {
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.source, s.start(), s.end())
    }

    fn node(&mut self, pair: Pair<'_, Rule>) -> Node {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::object => {
                let mut members: Vec<Member> = Vec::new();
                // The index of each key's first member: a scan of the members per key made an
                // object of n keys cost n².
                let mut first_of: BTreeMap<String, usize> = BTreeMap::new();
                for m in pair.into_inner().filter(|p| p.as_rule() == Rule::member) {
                    let mut inner = m.into_inner().filter(|p| p.as_rule() != Rule::colon);
                    let (Some(k), Some(v)) = (inner.next(), inner.next()) else {
                        continue;
                    };
                    let key_span = self.span(&k);
                    let key = self.string(&k);
                    if let Some(first) = first_of.get(&key).and_then(|&i| members.get(i)) {
                        let first_span = first.key_span;
                        self.diags.push(
                            Diagnostic::error(DUPLICATE_KEY, format!("duplicate key `{key}`"))
                                .with_label(key_span, "repeated here")
                                .with_secondary(first_span, "first defined here")
                                .with_help(
                                    "MXC rejects configs with a repeated key; keep one of them",
                                ),
                        );
                    }
                    let value = self.node(v);
                    first_of.entry(key.clone()).or_insert(members.len());
                    members.push(Member {
                        key,
                        key_span,
                        value,
                    });
                }
                NodeKind::Object(members)
            }
            Rule::array => NodeKind::Array(
                pair.into_inner()
                    .filter(|p| is_value(p.as_rule()))
                    .map(|p| self.node(p))
                    .collect(),
            ),
            Rule::string => NodeKind::String(self.string(&pair)),
            Rule::number => {
                let raw = pair.as_str().to_owned();
                let int = if raw.contains(['.', 'e', 'E']) {
                    None
                } else {
                    raw.parse().ok()
                };
                NodeKind::Number(Number { raw, int })
            }
            Rule::true_lit => NodeKind::Bool(true),
            Rule::false_lit => NodeKind::Bool(false),
            _ => NodeKind::Null,
        };
        Node { kind, span }
    }

    /// Unescapes a string token, reporting lone surrogates (which `serde_json` rejects).
    fn string(&mut self, pair: &Pair<'_, Rule>) -> String {
        let span = self.span(pair);
        let raw = pair.as_str();
        let body = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        let mut out = String::with_capacity(body.len());
        let mut chars = body.char_indices().peekable();
        let mut pending_high: Option<(u32, usize)> = None;
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                self.flush_high(&mut pending_high, &mut out, span);
                out.push(c);
                continue;
            }
            let Some((_, e)) = chars.next() else { break };
            let simple = match e {
                '"' => Some('"'),
                '\\' => Some('\\'),
                '/' => Some('/'),
                'b' => Some('\u{8}'),
                'f' => Some('\u{c}'),
                'n' => Some('\n'),
                'r' => Some('\r'),
                't' => Some('\t'),
                _ => None,
            };
            if let Some(s) = simple {
                self.flush_high(&mut pending_high, &mut out, span);
                out.push(s);
                continue;
            }
            let hex: String = (0..4)
                .filter_map(|_| chars.next().map(|(_, h)| h))
                .collect();
            let code = u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD);
            match code {
                0xD800..=0xDBFF => {
                    self.flush_high(&mut pending_high, &mut out, span);
                    pending_high = Some((code, i));
                }
                0xDC00..=0xDFFF => match pending_high.take() {
                    Some((high, _)) => {
                        let c = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00);
                        out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                    }
                    None => self.lone_surrogate(span, i, &mut out),
                },
                _ => {
                    self.flush_high(&mut pending_high, &mut out, span);
                    out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                }
            }
        }
        self.flush_high(&mut pending_high, &mut out, span);
        out
    }

    fn flush_high(&mut self, pending: &mut Option<(u32, usize)>, out: &mut String, span: Span) {
        if let Some((_, at)) = pending.take() {
            self.lone_surrogate(span, at, out);
        }
    }

    fn lone_surrogate(&mut self, span: Span, at: usize, out: &mut String) {
        let start = span.start as usize + 1 + at;
        self.diags.push(
            Diagnostic::error(
                INVALID_ESCAPE,
                "string contains an unpaired UTF-16 surrogate escape",
            )
            .with_label(
                Span::new(span.source, start, start + 6),
                "this `\\u` escape",
            )
            .with_help("a `\\uD800`-`\\uDFFF` escape must be part of a surrogate pair"),
        );
        out.push('\u{FFFD}');
    }
}

#[cfg(test)]
mod tests;
