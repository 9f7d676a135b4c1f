//! MX3105 relative-path.

use ir::{Diagnostic, PathChange};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags filesystem entries that are relative paths (`build`, `./out`, `C:foo`).
    ///
    /// ## Why is this bad?
    /// MXC does not resolve relative paths against the policy file: backends receive them verbatim and resolve them against wherever the executor runs, so the grant moves with the caller's working directory.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["out/build"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["/work/app/out/build"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All.
    code: "MX3105",
    name: "relative-path",
    category: Correctness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for rule in &cx.policy.filesystem.rules {
        let hit = rule
            .changes
            .iter()
            .find(|c| matches!(c, PathChange::Relative));
        if hit.is_none() {
            continue;
        }
        out.push(
            META.diagnostic(format!("`{}` is relative, so it depends on the executor's working directory (read as `{}`)", rule.raw, rule.path.display))
                .with_label(rule.span, "relative path")
                .with_help("MXC passes paths to the backends verbatim and resolves relative ones against the executor's working directory, not the policy file; write an absolute path"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn relative_path() {
        insta::assert_snapshot!(check(
            "MX3105",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["build", "./out", "../x", "/abs"]}}"#
        ));
    }
}
