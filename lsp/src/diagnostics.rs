//! mxcc diagnostics as LSP diagnostics: exact ranges, the MX code with a link to its rule
//! page, and secondary labels as related information.

use ir::{Diagnostic, Severity, SourceId};
use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Url};

use crate::text::Text;

/// A source a label may point into: the open document itself, or another file a diagnostic
/// refers to (the baseline of a proof).
pub(crate) struct Source<'a> {
    pub(crate) id: SourceId,
    pub(crate) uri: &'a Url,
    pub(crate) text: &'a Text,
}

/// Converts one diagnostic whose primary label is in `sources[0]`. Labels in a source that
/// is not listed are left out.
pub(crate) fn to_lsp(d: &Diagnostic, sources: &[Source<'_>]) -> lsp_types::Diagnostic {
    let home = sources.first();
    // A finding whose primary label lies in another file (a configuration file, the baseline
    // of a proof) is shown at the start of the document, with its label as related
    // information when that file is listed.
    let range = match (d.primary_span(), home) {
        (Some(span), Some(home)) if span.source == home.id => {
            home.text.range(span.start as usize, span.end as usize)
        }
        _ => lsp_types::Range::default(),
    };
    let elsewhere = |l: &&ir::diag::Label| home.is_none_or(|h| l.span.source != h.id);
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    for note in &d.notes {
        message.push_str("\nnote: ");
        message.push_str(note);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .filter(|l| !l.primary || elsewhere(l))
        .filter_map(|l| {
            let source = sources.iter().find(|s| s.id == l.span.source)?;
            Some(DiagnosticRelatedInformation {
                location: Location::new(
                    source.uri.clone(),
                    source
                        .text
                        .range(l.span.start as usize, l.span.end as usize),
                ),
                message: l.message.clone(),
            })
        })
        .collect();
    lsp_types::Diagnostic {
        range,
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.as_str().to_owned())),
        // No link: the pages (`docs/codes/`) have no fixed address; hover shows the whole
        // documentation from the code registry instead.
        code_description: None,
        source: Some("mxcc".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}
