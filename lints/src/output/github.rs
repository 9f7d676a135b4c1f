//! GitHub Actions workflow commands: `::error file=F,line=L,col=C,...,title=CODE::message`.
//!
//! GitHub turns these lines into annotations on the pull request. Properties and messages are
//! escaped as the Actions toolkit does: `%` → `%25`, CR → `%0D`, LF → `%0A`, and in
//! properties also `:` → `%3A` and `,` → `%2C`.

use ir::{Severity, SourceFile};

use crate::output::{FileReport, region};

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Renders one workflow command per finding, each on its own line.
pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let file = SourceFile::new(report.path.clone(), report.source.clone());
        for d in &report.diagnostics {
            let mut props = vec![format!("file={}", escape_property(&report.path))];
            if let Some(span) = d.primary_span() {
                let (start, end) = region(&file, span);
                props.push(format!("line={}", start.line));
                props.push(format!("col={}", start.column));
                props.push(format!("endLine={}", end.line));
                props.push(format!("endColumn={}", end.column));
            }
            props.push(format!("title={}", escape_property(d.code.as_str())));
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            out.push_str(&format!(
                "::{} {}::{}\n",
                command(d.severity),
                props.join(","),
                escape_data(&message)
            ));
        }
    }
    out
}
