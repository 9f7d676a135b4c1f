//! SARIF 2.1.0: one run, the rule metadata in `tool.driver.rules`, one result per finding.

use ir::{Severity, SourceFile};
use serde_json::{Value, json};

use crate::output::{FileReport, region};
use ir::codes::CodeInfo;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as an RFC 3986 URI reference: `/` separators, every byte outside the unreserved
/// set percent-encoded, absolute paths as `file:` URIs.
pub fn uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let bytes = slashed.as_bytes();
    let drive = bytes.len() >= 2
        && bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.get(1) == Some(&b':');
    let mut out = String::new();
    if drive {
        out.push_str("file:///");
    } else if slashed.starts_with('/') {
        out.push_str("file://");
    }
    for (i, b) in bytes.iter().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (drive && i == 1);
        if keep {
            out.push(char::from(*b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn location(file: &SourceFile, path: &str, span: ir::Span) -> Value {
    let (start, end) = region(file, span);
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(path) },
            "region": {
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column,
            }
        }
    })
}

/// The `tool.driver.rules` of a log: every lint rule, and every other registered code the
/// reports use, in code order, documented from the one code registry.
fn rules_for(reports: &[FileReport]) -> Vec<CodeInfo> {
    let used: std::collections::BTreeSet<&str> = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .map(|d| d.code.as_str())
        .collect();
    crate::codes()
        .into_iter()
        .filter(|c| c.code.as_str().starts_with("MX3") || used.contains(c.code.as_str()))
        .collect()
}

/// Renders the reports as a SARIF 2.1.0 log (pretty-printed JSON with a final newline).
///
/// Each rule carries its whole documentation in `help`; there are no `helpUri` links, since
/// the pages (`docs/codes/`) live in the repository, not at a fixed address.
pub fn render(reports: &[FileReport], tool_version: &str) -> String {
    let rules = rules_for(reports);
    let driver_rules: Vec<Value> = rules
        .iter()
        .map(|c| {
            let markdown = c.doc.markdown();
            let first = c.doc.titles().into_iter().next();
            let full = first.and_then(|t| c.doc.section(&t)).unwrap_or_default();
            json!({
                "id": c.code.as_str(),
                "name": c.name,
                "shortDescription": { "text": c.doc.summary() },
                "fullDescription": { "text": full },
                "help": { "text": markdown, "markdown": markdown },
                "defaultConfiguration": { "level": level(c.severity) },
                "properties": { "category": c.family },
            })
        })
        .collect();
    let mut results = Vec::new();
    for report in reports {
        let file = SourceFile::new(report.path.clone(), report.source.clone());
        for d in &report.diagnostics {
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let mut result = json!({
                "ruleId": d.code.as_str(),
                "level": level(d.severity),
                "message": { "text": text },
            });
            if let Some(i) = rules.iter().position(|c| c.code == d.code)
                && let Some(obj) = result.as_object_mut()
            {
                obj.insert("ruleIndex".to_owned(), json!(i));
            }
            let primary = d.primary_span();
            if let Some(span) = primary
                && let Some(obj) = result.as_object_mut()
            {
                obj.insert(
                    "locations".to_owned(),
                    json!([location(&file, &report.path, span)]),
                );
            }
            let related: Vec<Value> = d
                .labels
                .iter()
                .filter(|l| Some(l.span) != primary || !l.primary)
                .filter(|l| !l.primary)
                .enumerate()
                .map(|(i, l)| {
                    let mut loc = location(&file, &report.path, l.span);
                    if let Some(obj) = loc.as_object_mut() {
                        obj.insert("id".to_owned(), json!(i));
                        obj.insert("message".to_owned(), json!({ "text": l.message }));
                    }
                    loc
                })
                .collect();
            if !related.is_empty()
                && let Some(obj) = result.as_object_mut()
            {
                obj.insert("relatedLocations".to_owned(), Value::Array(related));
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "mxcc",
                    "version": tool_version,
                    "rules": driver_rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}
