//! MX3108 variable-not-expanded.

use ir::{Diagnostic, PathChange};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags filesystem entries that start with an environment variable (`$HOME`, `${TMPDIR}`, `%USERPROFILE%`, `%TEMP%`).
    ///
    /// ## Why is this bad?
    /// No MXC backend expands variables: the backend receives the literal text, so the grant names a directory that does not exist and a deny protects nothing. SDK helpers expand variables on the host; hand-written policies must do the same.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["$HOME/.cache/app"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["/home/alice/.cache/app"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All.
    code: "MX3108",
    name: "variable-not-expanded",
    category: Correctness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for rule in &cx.policy.filesystem.rules {
        let hit = rule
            .changes
            .iter()
            .find(|c| matches!(c, PathChange::SymbolicRoot(s) if s.starts_with(['$', '%'])));
        if hit.is_none() {
            continue;
        }
        out.push(
            META.diagnostic(format!("`{}` uses an environment variable, which no MXC backend expands (read as `{}`)", rule.raw, rule.path.display))
                .with_label(rule.span, "variable is not expanded")
                .with_help("MXC passes paths verbatim, so `$HOME` or `%TEMP%` is a literal directory name; expand the variable when generating the policy"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn variable_not_expanded() {
        insta::assert_snapshot!(check(
            "MX3108",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["$HOME/x", "${TMPDIR}/y", "/ok"]}}"#
        ));
    }
}
