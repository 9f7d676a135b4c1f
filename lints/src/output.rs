//! Machine-readable renderings of findings: SARIF 2.1.0 and GitHub workflow commands.
//!
//! Both are pure functions over a neutral input, so the CLI decides about files and exit
//! codes and these modules only format.

pub mod github;
pub mod sarif;

use ir::{Diagnostic, LineCol, SourceFile, Span};

/// The findings for one checked file.
#[derive(Clone, Debug)]
pub struct FileReport {
    /// The path as it should appear in the output (relative to the repository root for
    /// GitHub and SARIF consumers).
    pub path: String,
    /// The file's text, for line and column numbers.
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// One-based start and end positions of a span; the end column is exclusive.
pub(crate) fn region(file: &SourceFile, span: Span) -> (LineCol, LineCol) {
    (file.line_col(span.start), file.line_col(span.end))
}
