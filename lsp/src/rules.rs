//! Documentation of diagnostic codes for hover.

/// The documentation of any registered code (MX0xxx to MX6xxx), as Markdown.
pub(crate) fn doc(code: &str) -> Option<String> {
    lints::code_info(code).map(|c| c.doc.markdown())
}
