//! Output formats, and the display settings every command shares (`--color`, `--quiet`,
//! `--statistics`, `--fail-on`).

pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod window;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::json;

use driver::CheckReport;

use crate::args::Format;
use crate::exit::FailOn;

/// How reports are displayed; set once from the command line.
#[derive(Clone, Debug, Default)]
pub(crate) struct Ui {
    /// ANSI colours in human output.
    pub(crate) color: bool,
    /// `--quiet`: human output keeps the diagnostics at or above each file's threshold.
    pub(crate) quiet: bool,
    /// `--statistics`: counts per code instead of the diagnostics.
    pub(crate) statistics: bool,
    /// `--fail-on` and `--config`, which set each file's threshold.
    pub(crate) fail_on: Option<FailOn>,
    pub(crate) config: Option<PathBuf>,
    /// `--select` and `--ignore`.
    pub(crate) rules: lints::config::Overrides,
}

static UI: OnceLock<Ui> = OnceLock::new();

/// Sets the display settings; the first call wins.
pub(crate) fn configure(ui: Ui) {
    let _ = UI.set(ui);
}

/// The display settings (defaults until [`configure`] runs).
pub(crate) fn ui() -> Ui {
    UI.get().cloned().unwrap_or_default()
}

/// Renders the findings of `diff`, `prove` or `compile`, which print their own summary.
pub(crate) fn findings(report: &CheckReport, format: Format) -> String {
    let ui = ui();
    match format {
        Format::Human if ui.statistics => human::statistics(report),
        Format::Human => human::frames(report, &ui),
        other => self::report(report, other),
    }
}

/// Renders a report in the requested format.
pub(crate) fn report(report: &CheckReport, format: Format) -> String {
    let ui = ui();
    match format {
        Format::Human => human::report(report, &ui),
        Format::Json if ui.statistics => statistics_json(report),
        Format::Json => json::report(report),
        Format::Sarif => sarif(report),
        Format::Github => github(report),
    }
}

/// One row of `--statistics`.
pub(crate) struct Statistic {
    pub(crate) code: String,
    /// The rule name of a lint; otherwise the message of the first diagnostic with the code.
    pub(crate) name: String,
    pub(crate) severity: ir::Severity,
    pub(crate) count: usize,
}

/// Diagnostics counted by code (path errors included), most frequent first, then by code.
pub(crate) fn statistics(report: &CheckReport) -> Vec<Statistic> {
    let mut by_code: BTreeMap<String, Statistic> = BTreeMap::new();
    let all = report
        .path_errors
        .iter()
        .map(|e| &e.diagnostic)
        .chain(report.files.iter().flat_map(|f| &f.diagnostics));
    for d in all {
        let entry = by_code
            .entry(d.code.as_str().to_owned())
            .or_insert_with(|| Statistic {
                code: d.code.as_str().to_owned(),
                name: lints::explain(d.code.as_str())
                    .map_or_else(|| d.message.clone(), |m| m.name.to_owned()),
                severity: d.severity,
                count: 0,
            });
        entry.count += 1;
        entry.severity = entry.severity.max(d.severity);
    }
    let mut rows: Vec<Statistic> = by_code.into_values().collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
    rows
}

/// `--statistics --format json`: `[{"code","name","severity","count"}]`.
fn statistics_json(report: &CheckReport) -> String {
    let rows: Vec<_> = statistics(report)
        .into_iter()
        .map(|r| {
            json!({
                "code": r.code,
                "name": r.name,
                "severity": r.severity.as_str(),
                "count": r.count,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&rows).unwrap_or_default();
    text.push('\n');
    text
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
    lints::output::sarif::render(&lint_reports(report), env!("CARGO_PKG_VERSION"))
}

/// GitHub Actions annotations.
pub(crate) fn github(report: &CheckReport) -> String {
    lints::output::github::render(&lint_reports(report))
}
