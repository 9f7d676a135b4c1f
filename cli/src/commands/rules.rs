//! `mxcc rules` and `mxcc explain`: views of the one code registry (`lints::codes`).

use serde_json::json;

use crate::Outcome;
use crate::args::{ExplainArgs, ListFormat, RulesArgs};

/// One listed code: the registry entry and, for a lint rule, its status.
struct Row {
    info: ir::codes::CodeInfo,
    status: Option<&'static str>,
}

fn status_of(code: ir::Code) -> Option<&'static str> {
    lints::explain(code.as_str()).map(|m| match m.status {
        lints::Status::Preview => "preview",
        lints::Status::Stable => "stable",
    })
}

pub(crate) fn run(args: &RulesArgs) -> Outcome {
    let rows: Vec<Row> = lints::codes()
        .into_iter()
        .filter(|c| args.all || c.code.as_str().starts_with("MX3"))
        .map(|info| Row {
            status: status_of(info.code),
            info,
        })
        .collect();
    let noun = if args.all { "codes" } else { "rules" };
    let stdout = match args.format {
        ListFormat::Json => {
            let list: Vec<_> = rows
                .iter()
                .map(|r| {
                    json!({
                        "code": r.info.code.as_str(),
                        "name": r.info.name,
                        "category": r.info.family,
                        "severity": r.info.severity.as_str(),
                        "status": r.status,
                        "summary": r.info.doc.summary(),
                    })
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&list).unwrap_or_default();
            s.push('\n');
            s
        }
        ListFormat::Table => {
            let mut s = format!(
                "{:<8} {:<44} {:<15} {:<8} {}\n",
                "code", "name", "category", "severity", "status"
            );
            for r in &rows {
                s.push_str(&format!(
                    "{:<8} {:<44} {:<15} {:<8} {}\n",
                    r.info.code,
                    r.info.name,
                    r.info.family,
                    r.info.severity.as_str(),
                    r.status.unwrap_or("-"),
                ));
            }
            s.push_str(&format!("{} {noun}\n", rows.len()));
            s
        }
    };
    Outcome {
        stdout,
        stderr: String::new(),
        code: 0,
    }
}

pub(crate) fn explain(args: &ExplainArgs) -> Outcome {
    match lints::code_info(&args.rule) {
        Some(info) => {
            let status = status_of(info.code)
                .map(|s| format!(", status: {s}"))
                .unwrap_or_default();
            Outcome {
                stdout: format!(
                    "# {} {}\n\nfamily: {}, default severity: {}{status}\n\n{}",
                    info.code,
                    info.name,
                    info.family,
                    info.severity.as_str(),
                    info.doc.markdown().trim_start()
                ),
                stderr: String::new(),
                code: 0,
            }
        }
        None => Outcome {
            stdout: String::new(),
            stderr: format!(
                "error[{}]: no diagnostic code or rule `{}`\n  = help: `mxcc rules --all` lists every code and name\n",
                ir::codes::io::UNKNOWN_CODE,
                args.rule
            ),
            code: 2,
        },
    }
}
