//! Output formats of `mxcc check`.

pub(crate) mod human;
pub(crate) mod json;

use driver::CheckReport;

use crate::args::Format;

/// Renders the findings of `diff`, `prove` or `compile`, which print their own summary.
pub(crate) fn findings(report: &CheckReport, format: Format) -> String {
    match format {
        Format::Human => human::frames(report),
        other => self::report(report, other),
    }
}

/// Renders a report in the requested format.
pub(crate) fn report(report: &CheckReport, format: Format) -> String {
    match format {
        Format::Human => human::report(report),
        Format::Json => json::report(report),
        Format::Sarif => sarif(report),
        Format::Github => github(report),
    }
}

fn lint_reports(report: &CheckReport) -> Vec<lints::output::FileReport> {
    report
        .files
        .iter()
        .map(|f| lints::output::FileReport {
            path: f.path.display().to_string(),
            source: f.source.text.clone(),
            diagnostics: f.diagnostics.clone(),
        })
        .chain(
            report
                .path_errors
                .iter()
                .map(|e| lints::output::FileReport {
                    path: e.path.display().to_string(),
                    source: String::new(),
                    diagnostics: vec![e.diagnostic.clone()],
                }),
        )
        .collect()
}

/// SARIF 2.1.0 with every rule's metadata.
pub(crate) fn sarif(report: &CheckReport) -> String {
    lints::output::sarif::render(
        &lint_reports(report),
        lints::rules(),
        env!("CARGO_PKG_VERSION"),
    )
}

/// GitHub Actions annotations.
pub(crate) fn github(report: &CheckReport) -> String {
    lints::output::github::render(&lint_reports(report))
}
