//! `mxcc rules` and `mxcc explain`.

use serde_json::json;

use crate::Outcome;
use crate::args::{ExplainArgs, ListFormat, RulesArgs};

pub(crate) fn run(args: &RulesArgs) -> Outcome {
    let rules = lints::rules();
    let stdout = match args.format {
        ListFormat::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|r| {
                    json!({
                        "code": r.code,
                        "name": r.name,
                        "category": r.category.as_str(),
                        "severity": r.severity.as_str(),
                        "status": format!("{:?}", r.status).to_lowercase(),
                        "summary": r.section("What it does").unwrap_or_default(),
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
            for r in rules {
                s.push_str(&format!(
                    "{:<8} {:<44} {:<15} {:<8} {}\n",
                    r.code,
                    r.name,
                    r.category.as_str(),
                    r.severity.as_str(),
                    format!("{:?}", r.status).to_lowercase(),
                ));
            }
            s.push_str(&format!("{} rules\n", rules.len()));
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
    match lints::explain(&args.rule) {
        Some(meta) => Outcome {
            stdout: format!(
                "# {} {}\n\ncategory: {}, default severity: {}, status: {}\n\n{}",
                meta.code,
                meta.name,
                meta.category.as_str(),
                meta.severity.as_str(),
                format!("{:?}", meta.status).to_lowercase(),
                meta.markdown().trim_start()
            ),
            stderr: String::new(),
            code: 0,
        },
        None => Outcome {
            stdout: String::new(),
            stderr: format!(
                "error[MX0004]: no rule `{}`\n  = help: `mxcc rules` lists every rule code and name\n",
                args.rule
            ),
            code: 2,
        },
    }
}
