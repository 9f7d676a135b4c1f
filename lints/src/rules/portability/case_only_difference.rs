//! MX3202 case-only-difference.

use std::collections::BTreeMap;

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
    // Rules grouped by root and case-folded components. Per group: the first rule, and the
    // first rule spelled differently from it. The earliest rule spelled differently from a
    // later one is the first of the group, or, when the later one is spelled like the first,
    // the first rule spelled differently from the first.
    let mut groups: BTreeMap<Folded<'_>, (usize, Option<usize>)> = BTreeMap::new();
    for (i, a) in rules.iter().enumerate() {
        let folded: Vec<String> = a.path.components.iter().map(|c| c.to_lowercase()).collect();
        let group = groups.entry((&a.path.root, folded)).or_insert((i, None));
        let first = group.0;
        let spelled_like_first = |r: &ir::FsRule| {
            rules
                .get(first)
                .is_some_and(|f| f.path.components == r.path.components)
        };
        let earlier = if spelled_like_first(a) {
            group.1
        } else {
            if group.1.is_none() {
                group.1 = Some(i);
            }
            Some(first)
        };
        let Some(b) = earlier.filter(|&b| b < i).and_then(|b| rules.get(b)) else {
            continue;
        };
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

/// A root and case-folded components: the key under which paths differ only in case.
type Folded<'a> = (&'a ir::Root, Vec<String>);

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

    mod reference {
        //! The brute-force rule the trie-based one replaced, kept as the specification the
        //! fast one is proved equal to.

        use ir::{Diagnostic, Platform};

        use super::super::META;
        use crate::context::Cx;

        pub(super) fn reference(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
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
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        /// The fast rule reports exactly what the brute-force reference reports.
        #[test]
        fn equals_brute_force_reference(text in crate::tests::generated::arb_policy()) {
            crate::tests::generated::same_as_reference(&text, super::check, reference::reference)?;
        }
    }
}
