//! Human output: code frames with codespan-reporting, then a summary line.

use codespan_reporting::diagnostic::{
    Diagnostic as Frame, Label as FrameLabel, LabelStyle, Severity,
};
use codespan_reporting::term::termcolor::Ansi;
use codespan_reporting::term::{Config, emit_into_string, emit_to_write_style};

use driver::CheckReport;

use crate::exit::Thresholds;
use crate::render::Ui;
use crate::render::window::{Placed, Source, View};

/// Code frames followed by the `checked N files` summary, for `mxcc check`.
pub(crate) fn report(report: &CheckReport, ui: &Ui) -> String {
    let mut out = if ui.statistics {
        statistics(report)
    } else {
        frames(report, ui)
    };
    out.push_str(&summary(report));
    out
}

/// The code frames of every diagnostic, for commands that print their own summary. With
/// `--quiet`, only the diagnostics at or above each file's `--fail-on` threshold.
pub(crate) fn frames(report: &CheckReport, ui: &Ui) -> String {
    // Every source a label may point into: the checked files and the reference policies.
    let mut sources: Vec<Source<'_>> = Vec::new();
    for f in report.files.iter().chain(&report.references) {
        if !sources.iter().any(|s| s.id() == f.source_id) {
            sources.push(Source::new(
                f.source_id,
                f.source.name.clone(),
                &f.source.text,
            ));
        }
    }
    let thresholds = Thresholds::with(ui.fail_on, ui.config.clone());
    let config = Config::default();
    let mut out = String::new();
    for e in &report.path_errors {
        out.push_str(&plain(&e.diagnostic, ui.color));
    }
    for file in &report.files {
        let threshold = ui.quiet.then(|| thresholds.of(&file.path));
        for d in &file.diagnostics {
            if threshold.is_some_and(|t| d.severity < t && !crate::exit::is_failure(d)) {
                continue;
            }
            // A file over the size limit is not shown, whatever its first line; an unreadable
            // one has nothing to show.
            if d.code == ir::codes::syntax::TOO_LARGE || d.code == ir::codes::io::IO_ERROR {
                out.push_str(&plain(d, ui.color));
                continue;
            }
            let labels: Vec<(ir::SourceId, std::ops::Range<usize>)> = d
                .labels
                .iter()
                .map(|l| (l.span.source, l.span.range()))
                .collect();
            let (view, placed) = View::new(&sources, &labels);
            let frame = frame(d, &placed);
            let text = if ui.color {
                let mut ansi = Ansi::new(Vec::new());
                emit_to_write_style(&mut ansi, &config, &view, &frame)
                    .map(|()| String::from_utf8_lossy(&ansi.into_inner()).into_owned())
            } else {
                emit_into_string(&config, &view, &frame)
            };
            match text {
                Ok(text) => out.push_str(&text),
                Err(_) => out.push_str(&plain(d, ui.color)),
            }
        }
    }
    out
}

/// `--statistics`: how many diagnostics each code produced, most frequent first.
pub(crate) fn statistics(report: &CheckReport) -> String {
    let rows = crate::render::statistics(report);
    let width = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(1);
    let mut out = String::new();
    for r in &rows {
        out.push_str(&format!(
            "{:>width$}  {}  {:<7}  {}\n",
            r.count,
            r.code,
            r.severity.as_str(),
            r.name
        ));
    }
    out
}

fn summary(report: &CheckReport) -> String {
    let mut out = String::new();
    let (errors, warnings, infos) = report.counts();
    let files_with_errors = report.files.iter().filter(|f| f.has_errors()).count();
    out.push_str(&format!(
        "checked {} file{}: {} error{}, {} warning{}, {} info ({} file{} with errors)\n",
        report.policies().len(),
        plural(report.policies().len()),
        errors,
        plural(errors),
        warnings,
        plural(warnings),
        infos,
        files_with_errors,
        plural(files_with_errors),
    ));
    if !report.skipped.is_empty() {
        out.push_str(&format!(
            "skipped {} JSON file{} that {}\n",
            report.skipped.len(),
            plural(report.skipped.len()),
            if report.skipped.len() == 1 {
                "is not an MXC config"
            } else {
                "are not MXC configs"
            },
        ));
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn frame(d: &ir::Diagnostic, placed: &[Placed]) -> Frame<usize> {
    let severity = match d.severity {
        ir::Severity::Error => Severity::Error,
        ir::Severity::Warning => Severity::Warning,
        ir::Severity::Info => Severity::Note,
    };
    let mut notes: Vec<String> = Vec::new();
    let mut labels = Vec::new();
    for (l, place) in d.labels.iter().zip(placed) {
        match place {
            Some((id, range)) => {
                let style = if l.primary {
                    LabelStyle::Primary
                } else {
                    LabelStyle::Secondary
                };
                labels.push(
                    FrameLabel::new(style, *id, range.clone()).with_message(l.message.clone()),
                );
            }
            None if l.message.is_empty() => {}
            None => notes.push(l.message.clone()),
        }
    }
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    notes.extend(d.notes.iter().map(|n| format!("note: {n}")));
    Frame::new(severity)
        .with_code(d.code.as_str())
        .with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

/// A diagnostic without a source frame.
pub(crate) fn plain(d: &ir::Diagnostic, color: bool) -> String {
    let header = format!("{}[{}]", d.severity, d.code);
    let mut s = if color {
        let tint = match d.severity {
            ir::Severity::Error => "31",
            ir::Severity::Warning => "33",
            ir::Severity::Info => "32",
        };
        format!(
            "\x1b[1;{tint}m{header}\x1b[0m\x1b[1m: {}\x1b[0m\n",
            d.message
        )
    } else {
        format!("{header}: {}\n", d.message)
    };
    if let Some(help) = &d.help {
        s.push_str(&format!("  = help: {help}\n"));
    }
    s
}
