//! MX3202 case-only-difference.

use ir::{Diagnostic, Platform};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags two filesystem entries of a Linux policy whose paths differ only in letter case.
    ///
    /// ## Why is this bad?
    /// On Linux they are two directories; on macOS and Windows (case-insensitive by default)
    /// they are one, and MXC then keeps only the stricter entry, or the deeper-wins order
    /// changes. A policy shared across platforms means different things on each.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["/work/Data"], "deniedPaths": ["/work/data"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["/work/data-rw"], "deniedPaths": ["/work/data"]}}
    /// ```
    ///
    /// ## Backends affected
    /// Seatbelt and ProcessContainer when the same policy is used on macOS or Windows.
    code: "MX3202",
    name: "case-only-difference",
    category: Portability,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    if cx.policy.platform != Platform::Linux {
        return;
    }
    let rules = &cx.policy.filesystem.rules;
    let fold = |r: &ir::FsRule| -> Vec<String> {
        r.path.components.iter().map(|c| c.to_lowercase()).collect()
    };
    for (i, a) in rules.iter().enumerate() {
        let earlier = rules.iter().take(i).find(|b| {
            b.path.root == a.path.root
                && b.path.components != a.path.components
                && fold(b) == fold(a)
        });
        let Some(b) = earlier else { continue };
        out.push(
            META.diagnostic(format!(
                "`{}` and `{}` differ only in case, so they are one path on macOS and Windows",
                a.raw, b.raw
            ))
            .with_label(a.span, "differs only in case")
            .with_secondary(b.span, "from this entry")
            .with_help(
                "case-insensitive file systems merge the two entries and keep the stricter one; \
                 rename one of the directories or list one spelling",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn case_only_difference() {
        insta::assert_snapshot!(check(
            "MX3202",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["/a/B", "/a/b/c"], "readonlyPaths": ["/A/b", "/a/b"]}}"#
        ));
    }
}
