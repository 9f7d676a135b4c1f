//! Human output: code frames with codespan-reporting, then a summary line.

use codespan_reporting::diagnostic::{
    Diagnostic as Frame, Label as FrameLabel, LabelStyle, Severity,
};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{Config, emit_into_string};

use driver::CheckReport;

/// Code frames followed by the `checked N files` summary, for `mxcc check`.
pub(crate) fn report(report: &CheckReport) -> String {
    let mut out = frames(report);
    out.push_str(&summary(report));
    out
}

/// The code frames of every diagnostic, for commands that print their own summary.
pub(crate) fn frames(report: &CheckReport) -> String {
    // Every source a label may point into: the checked files and the reference policies.
    let mut files = SimpleFiles::new();
    let mut ids: Vec<(ir::SourceId, usize)> = Vec::new();
    for f in report.files.iter().chain(&report.references) {
        if !ids.iter().any(|(s, _)| *s == f.source_id) {
            ids.push((
                f.source_id,
                files.add(f.source.name.clone(), f.source.text.clone()),
            ));
        }
    }
    let file_of = |span: ir::Span| {
        ids.iter()
            .find(|(s, _)| *s == span.source)
            .map(|(_, id)| *id)
    };
    let config = Config::default();
    let mut out = String::new();
    for e in &report.path_errors {
        out.push_str(&plain(&e.diagnostic));
    }
    for file in &report.files {
        for d in &file.diagnostics {
            let frame = frame(d, file_of);
            match emit_into_string(&config, &files, &frame) {
                Ok(text) => out.push_str(&text),
                Err(_) => out.push_str(&plain(d)),
            }
        }
    }
    out
}

fn summary(report: &CheckReport) -> String {
    let mut out = String::new();
    let (errors, warnings, infos) = report.counts();
    let files_with_errors = report.files.iter().filter(|f| f.has_errors()).count();
    out.push_str(&format!(
        "checked {} file{}: {} error{}, {} warning{}, {} info ({} file{} with errors)\n",
        report.files.len(),
        plural(report.files.len()),
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
            "skipped {} JSON file{} that {} not MXC configs\n",
            report.skipped.len(),
            plural(report.skipped.len()),
            if report.skipped.len() == 1 {
                "is"
            } else {
                "are"
            },
        ));
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn frame(d: &ir::Diagnostic, file_of: impl Fn(ir::Span) -> Option<usize>) -> Frame<usize> {
    let severity = match d.severity {
        ir::Severity::Error => Severity::Error,
        ir::Severity::Warning => Severity::Warning,
        ir::Severity::Info => Severity::Note,
    };
    let mut notes: Vec<String> = Vec::new();
    let mut labels = Vec::new();
    for l in &d.labels {
        match file_of(l.span) {
            Some(id) => {
                let style = if l.primary {
                    LabelStyle::Primary
                } else {
                    LabelStyle::Secondary
                };
                labels.push(
                    FrameLabel::new(style, id, l.span.range()).with_message(l.message.clone()),
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
pub(crate) fn plain(d: &ir::Diagnostic) -> String {
    let mut s = format!("{}[{}]: {}\n", d.severity, d.code, d.message);
    if let Some(help) = &d.help {
        s.push_str(&format!("  = help: {help}\n"));
    }
    s
}
