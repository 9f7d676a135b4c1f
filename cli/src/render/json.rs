//! JSON output, a documented and stable shape (README, "JSON output"):
//! `{"files":[{"path","platform","diagnostics":[{"code","severity","message","help",
//! "span":{"start","end","line","column","endLine","endColumn"},"labels":[...]}]}],
//! "summary":{"files","errors","warnings","infos","filesWithErrors"}}`.

use serde_json::{Value, json};

use driver::{CheckReport, FileReport};

pub(crate) fn report(report: &CheckReport) -> String {
    let mut files: Vec<Value> = report
        .path_errors
        .iter()
        .map(|e| {
            json!({
                "path": e.path.display().to_string(),
                "platform": Value::Null,
                "diagnostics": [diagnostic(&e.diagnostic, None)],
            })
        })
        .collect();
    files.extend(report.files.iter().map(file));
    let (errors, warnings, infos) = report.counts();
    let value = json!({
        "files": files,
        "summary": {
            "files": report.policies().len(),
            "errors": errors + report.path_errors.len(),
            "warnings": warnings,
            "infos": infos,
            "filesWithErrors": report.files.iter().filter(|f| f.has_errors()).count(),
            "skippedNonPolicyFiles": report.skipped.len(),
        },
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn file(f: &FileReport) -> Value {
    json!({
        "path": f.path.display().to_string(),
        "platform": f.platform.as_str(),
        "diagnostics": f.diagnostics.iter().map(|d| diagnostic(d, Some(f))).collect::<Vec<_>>(),
    })
}

fn span(s: ir::Span, f: Option<&FileReport>) -> Value {
    let (start, end) = match f.filter(|f| f.source_id == s.source) {
        Some(f) => (f.source.line_col(s.start), f.source.line_col(s.end)),
        None => (
            ir::LineCol { line: 1, column: 1 },
            ir::LineCol { line: 1, column: 1 },
        ),
    };
    json!({
        "start": s.start,
        "end": s.end,
        "line": start.line,
        "column": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

fn diagnostic(d: &ir::Diagnostic, f: Option<&FileReport>) -> Value {
    json!({
        "code": d.code.as_str(),
        "severity": d.severity.as_str(),
        "message": d.message,
        "help": d.help,
        "span": d.primary_span().map_or(Value::Null, |s| span(s, f)),
        "labels": d.labels.iter().map(|l| json!({
            "message": l.message,
            "primary": l.primary,
            "span": span(l.span, f),
        })).collect::<Vec<_>>(),
        "notes": d.notes,
    })
}
