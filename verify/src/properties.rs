//! User properties and their file format (documented in `verify/PROPERTIES.md`).

use ir::{Cidr, Diagnostic, FsOp, SourceId, Span, UiOp};

use crate::codes;

/// What a property forbids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PropertyKind {
    /// The policy never grants these operations on the path or anything under it.
    NeverFs { ops: Vec<FsOp>, path: String },
    /// The policy never grants reading a file with this name anywhere.
    NeverBasename { name: String },
    /// The policy never grants egress to the block (on the ports, when given).
    NeverEgress {
        cidr: Cidr,
        ports: Option<(u16, u16)>,
    },
    /// The process never runs longer than this many milliseconds.
    TimeoutAtMost(u64),
    /// The policy never grants this UI operation.
    NeverUi(UiOp),
    /// The process never sees this environment variable.
    EnvNeverVisible(String),
    /// Every entry of the built-in secrets catalogue for the policy's platform.
    Secrets,
}

/// One property with its source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Property {
    pub kind: PropertyKind,
    /// The property as written (or generated), used as its name.
    pub text: String,
    pub span: Option<Span>,
}

impl Property {
    pub fn new(kind: PropertyKind, text: impl Into<String>) -> Property {
        Property {
            kind,
            text: text.into(),
            span: None,
        }
    }
}

/// Parses a properties file from source 0.
pub fn parse(text: &str) -> (Vec<Property>, Vec<Diagnostic>) {
    parse_source(SourceId(0), text)
}

/// Parses a properties file; every malformed line becomes an MX4010 diagnostic.
pub fn parse_source(source: SourceId, text: &str) -> (Vec<Property>, Vec<Diagnostic>) {
    let mut props = Vec::new();
    let mut diags = Vec::new();
    let mut offset = 0usize;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let lead = raw.len() - raw.trim_start().len();
        let span = Span::new(source, start + lead, start + lead + line.len());
        match parse_line(line) {
            Ok(kind) => props.push(Property {
                kind,
                text: line.to_owned(),
                span: Some(span),
            }),
            Err(why) => diags.push(
                Diagnostic::error(
                    codes::PROPERTY_SYNTAX,
                    format!("cannot read property `{line}`"),
                )
                .with_label(span, why)
                .with_help("see verify/PROPERTIES.md for the property forms"),
            ),
        }
    }
    (props, diags)
}

fn parse_line(line: &str) -> Result<PropertyKind, String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let rest_after = |n: usize| -> String {
        let mut s = line;
        for _ in 0..n {
            s = s.trim_start();
            s = s
                .find(char::is_whitespace)
                .map_or("", |i| s.get(i..).unwrap_or(""));
        }
        s.trim().to_owned()
    };
    match words.as_slice() {
        ["secrets"] => Ok(PropertyKind::Secrets),
        ["never", "egress", cidr, tail @ ..] => {
            let cidr = Cidr::parse(cidr).map_err(|e| format!("`{cidr}`: {e}"))?;
            let ports = match tail {
                [] => None,
                ["port" | "ports", spec] => Some(parse_ports(spec)?),
                _ => return Err("expected `port N` or `ports A-B` after the block".to_owned()),
            };
            Ok(PropertyKind::NeverEgress { cidr, ports })
        }
        ["never", "read-basename", name] => {
            if name.contains(['/', '\\']) || matches!(*name, "." | "..") {
                return Err(format!("`{name}` is not a file name"));
            }
            Ok(PropertyKind::NeverBasename {
                name: (*name).to_owned(),
            })
        }
        ["never", op, _, ..] => {
            let ops = match *op {
                "read" => vec![FsOp::Read],
                "write" => vec![FsOp::Write],
                "execute" => vec![FsOp::Execute],
                "access" => vec![FsOp::Read, FsOp::Write, FsOp::Execute],
                other => return Err(format!("unknown operation `{other}`")),
            };
            Ok(PropertyKind::NeverFs {
                ops,
                path: rest_after(2),
            })
        }
        ["timeout", "<=", n] => n
            .parse::<u64>()
            .map(PropertyKind::TimeoutAtMost)
            .map_err(|_| format!("`{n}` is not a number of milliseconds")),
        ["clipboard", "never", "write"] => Ok(PropertyKind::NeverUi(UiOp::ClipboardWrite)),
        ["clipboard", "never", "read"] => Ok(PropertyKind::NeverUi(UiOp::ClipboardRead)),
        ["ui", "never", op] => match *op {
            "create-window" => Ok(PropertyKind::NeverUi(UiOp::CreateWindow)),
            "clipboard-read" => Ok(PropertyKind::NeverUi(UiOp::ClipboardRead)),
            "clipboard-write" => Ok(PropertyKind::NeverUi(UiOp::ClipboardWrite)),
            "inject-input" => Ok(PropertyKind::NeverUi(UiOp::InjectInput)),
            other => Err(format!("unknown ui operation `{other}`")),
        },
        ["env", "never", name] => Ok(PropertyKind::EnvNeverVisible((*name).to_owned())),
        _ => Err("not a property form".to_owned()),
    }
}

fn parse_ports(spec: &str) -> Result<(u16, u16), String> {
    let bad = || format!("`{spec}` is not a port or a range `A-B`");
    match spec.split_once('-') {
        Some((a, b)) => {
            let a: u16 = a.parse().map_err(|_| bad())?;
            let b: u16 = b.parse().map_err(|_| bad())?;
            if a > b { Err(bad()) } else { Ok((a, b)) }
        }
        None => spec.parse::<u16>().map(|p| (p, p)).map_err(|_| bad()),
    }
}
