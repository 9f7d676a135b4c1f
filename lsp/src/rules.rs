//! Documentation of diagnostic codes for hover.

/// The rule documentation of a code, as Markdown, when it is a lint rule (MX3xxx) with a
/// page in the `lints` crate. Other codes are documented by their message and help.
pub(crate) fn doc(code: &str) -> Option<String> {
    lints::explain(code).map(lints::RuleMeta::markdown)
}
