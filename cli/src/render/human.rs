//! Human output: code frames with codespan-reporting, then a summary line.

use codespan_reporting::diagnostic::{
    Diagnostic as Frame, Label as FrameLabel, LabelStyle, Severity,
};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{Config, emit_into_string};

use driver::CheckReport;

pub(crate) fn report(report: &CheckReport) -> String {
    let mut files = SimpleFiles::new();
    let ids: Vec<usize> = report
        .files
        .iter()
        .map(|f| files.add(f.source.name.clone(), f.source.text.clone()))
        .collect();
    let config = Config::default();
    let mut out = String::new();
    for e in &report.path_errors {
        out.push_str(&plain(&e.diagnostic));
    }
    for (file, id) in report.files.iter().zip(ids) {
        for d in &file.diagnostics {
            let frame = frame(
                d,
                |span| {
                    // Labels in this file only; other sources are rendered as notes.
                    (span.source == file.source_id).then_some(id)
                },
                report,
            );
            match emit_into_string(&config, &files, &frame) {
                Ok(text) => out.push_str(&text),
                Err(_) => out.push_str(&plain(d)),
            }
        }
    }
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
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn frame(
    d: &ir::Diagnostic,
    file_of: impl Fn(ir::Span) -> Option<usize>,
    report: &CheckReport,
) -> Frame<usize> {
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
            None => {
                let name = report
                    .files
                    .iter()
                    .find(|f| f.source_id == l.span.source)
                    .map_or("<other file>".to_owned(), |f| f.source.name.clone());
                notes.push(format!("{name}: {}", l.message));
            }
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
