//! MX3106 parent-component.

use ir::{Diagnostic, PathChange};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags filesystem entries with `..` components.
    ///
    /// ## Why is this bad?
    /// mxcc resolves `..` lexically, but the kernel resolves it after following symlinks, so `/work/link/../x` may name a different directory at run time; Seatbelt rejects `..` outright.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["/work/app/../shared"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["/work/shared"]}}
    /// ```
    ///
    /// ## Backends affected
    /// Seatbelt rejects the policy; other backends may grant a different directory than the lexical reading.
    code: "MX3106",
    name: "parent-component",
    category: Correctness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for rule in &cx.policy.filesystem.rules {
        let hit = rule
            .changes
            .iter()
            .find(|c| matches!(c, PathChange::ParentComponent | PathChange::ParentAboveRoot));
        if hit.is_none() {
            continue;
        }
        out.push(
            META.diagnostic(format!("`{}` contains `..`, which backends resolve differently (read as `{}`)", rule.raw, rule.path.display))
                .with_label(rule.span, "contains `..`")
                .with_help("Seatbelt rejects `..`, other backends pass it to the kernel, which follows symlinks before `..`; write the path without `..`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn parent_component() {
        insta::assert_snapshot!(check(
            "MX3106",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["/a/b/../c", "/../x", "/ok"]}}"#
        ));
    }
}
