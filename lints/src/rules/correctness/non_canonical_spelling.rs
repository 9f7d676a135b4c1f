//! MX3109 non-canonical-spelling.

use ir::{Diagnostic, PathChange};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags filesystem entries spelled in a non-canonical way: trailing or repeated separators,
    /// `.` components, `/` on Windows, `\\?\` prefixes, trailing dots or spaces, lower-case
    /// drive letters.
    ///
    /// ## Why is this bad?
    /// Two spellings of one path look like two paths to a reader and to tools that compare strings; MXC's own duplicate handling compares strings, so `/a` and `/a/` in different lists both survive.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["/work//app/./"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["/work/app"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All (Windows strips trailing dots and spaces silently).
    code: "MX3109",
    name: "non-canonical-spelling",
    category: Correctness,
    severity: Info,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for rule in &cx.policy.filesystem.rules {
        let hit = rule.changes.iter().find(|c| {
            !matches!(
                c,
                PathChange::Relative
                    | PathChange::ParentComponent
                    | PathChange::ParentAboveRoot
                    | PathChange::SymbolicRoot(_)
                    | PathChange::PrivateAlias
            )
        });
        if hit.is_none() {
            continue;
        }
        out.push(
            META.diagnostic(format!("`{}` is not written canonically; it means `{}`", rule.raw, rule.path.display))
                .with_label(rule.span, "non-canonical spelling")
                .with_help("trailing or repeated separators, `.` components, forward slashes on Windows, `\\\\?\\` prefixes and lower-case drive letters make equal paths look different; write the canonical form"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn non_canonical_spelling() {
        insta::assert_snapshot!(check(
            "MX3109",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["/a//b", "/c/./d/", "/ok"]}}"#
        ));
    }
}
