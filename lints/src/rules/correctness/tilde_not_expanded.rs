//! MX3107 tilde-not-expanded.

use ir::{Diagnostic, PathChange};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags filesystem entries starting with `~` on every backend but Seatbelt.
    ///
    /// ## Why is this bad?
    /// MXC expands no variables. Seatbelt alone expands a leading `~`; Bubblewrap, LXC and Windows pass `~/.cache` verbatim, so the grant names a directory called `~` under the working directory and the intended one stays unreachable (or a deny protects nothing).
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["~/.cache/app"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["/home/alice/.cache/app"]}}
    /// ```
    ///
    /// ## Backends affected
    /// Bubblewrap, LXC, ProcessContainer and the experimental backends.
    code: "MX3107",
    name: "tilde-not-expanded",
    category: Correctness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for rule in &cx.policy.filesystem.rules {
        let hit = rule.changes.iter().find(|c| {
            matches!(c, PathChange::SymbolicRoot(s) if s == "~")
                && cx.policy.backend() != ir::Backend::Seatbelt
        });
        if hit.is_none() {
            continue;
        }
        out.push(
            META.diagnostic(format!("`{}` starts with `~`, which this backend does not expand (read as `{}`)", rule.raw, rule.path.display))
                .with_label(rule.span, "`~` is not expanded here")
                .with_help("only Seatbelt expands a leading `~`; other backends take `~` as a relative directory named `~`; write the absolute home path"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn tilde_not_expanded() {
        insta::assert_snapshot!(check(
            "MX3107",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["~/x", "~", "/ok"]}}"#
        ));
    }
}
