//! An open document and what mxcc makes of it.

use std::path::PathBuf;

use driver::CheckOptions;
use ir::SourceId;
use lsp_types::Url;

use crate::loose;
use crate::text::Text;

/// The source id of the open document in its own diagnostics.
pub(crate) const HOME: SourceId = SourceId(0);

pub(crate) struct Document {
    pub(crate) text: Text,
    pub(crate) version: i32,
    /// The view of the current text, computed on demand and dropped by every edit.
    pub(crate) analysis: Option<Analysis>,
    /// Whether `analysis` holds the diagnostics of the current text.
    pub(crate) checked: bool,
}

/// The editor's view of a document: its tolerant tree and, for a policy, every diagnostic of
/// `mxcc check`.
#[derive(Clone, Debug)]
pub(crate) struct Analysis {
    pub(crate) tree: Option<loose::Node>,
    /// Whether the document is an MXC policy; other JSON files are left alone.
    pub(crate) is_policy: bool,
    pub(crate) diagnostics: Vec<ir::Diagnostic>,
}

impl Analysis {
    /// The root object of a policy, the only tree the features work on.
    pub(crate) fn policy_root(&self) -> Option<&loose::Node> {
        self.tree
            .as_ref()
            .filter(|root| self.is_policy && root.is_object())
    }
}

/// Reads and checks a document through the same entry point as `mxcc check`.
#[cfg(test)]
pub(crate) fn analyze(uri: &Url, text: &Text, options: &CheckOptions) -> Analysis {
    let mut analysis = view(uri, text);
    analysis.diagnostics = check(uri, text, &analysis, options);
    analysis
}

/// Reads a document without checking it (cheap: no compiler stage runs).
pub(crate) fn view(uri: &Url, text: &Text) -> Analysis {
    let tree = loose::parse(text.as_str());
    let is_policy = is_json(uri) && tree.as_ref().is_some_and(is_policy);
    Analysis {
        tree,
        is_policy,
        diagnostics: Vec::new(),
    }
}

/// The diagnostics of `mxcc check` for a policy; none for other documents.
pub(crate) fn check(
    uri: &Url,
    text: &Text,
    view: &Analysis,
    options: &CheckOptions,
) -> Vec<ir::Diagnostic> {
    if !view.is_policy {
        return Vec::new();
    }
    let path = uri
        .to_file_path()
        .unwrap_or_else(|()| PathBuf::from(uri.as_str()));
    driver::check_source(&path, HOME, text.as_str().as_bytes(), options).diagnostics
}

fn is_json(uri: &Url) -> bool {
    uri.path().to_ascii_lowercase().ends_with(".json")
}

/// Whether the document is an MXC config, by the predicate `mxcc check` applies to the JSON it
/// finds in directories (so a `package.json` is left alone).
pub(crate) fn is_policy(root: &loose::Node) -> bool {
    driver::files::detect::looks_like_policy(root.members().iter().map(|m| {
        (
            m.key.as_str(),
            m.value.as_ref().and_then(loose::Node::as_str),
        )
    }))
}
