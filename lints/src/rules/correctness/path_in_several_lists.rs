//! MX3101 path-in-several-lists.

use ir::Diagnostic;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags the same path (after canonicalisation) in more than one of `readwritePaths`,
    /// `readonlyPaths` and `deniedPaths`.
    ///
    /// ## Why is this bad?
    /// MXC keeps only the most restrictive copy (`denied` > `readonly` > `readwrite`) and
    /// drops the others with a log line, never an error. The looser entry is dead, and the
    /// author probably meant something else.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["/work/app"], "readonlyPaths": ["/work/app/"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readonlyPaths": ["/work/app"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All (MXC's parser drops the looser copy before any backend sees it).
    code: "MX3101",
    name: "path-in-several-lists",
    category: Correctness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let rules = &cx.policy.filesystem.rules;
    let index = cx.fs_index();
    for (i, loose) in rules.iter().enumerate() {
        // Report each looser copy once, against the strictest copy of the same path (the last
        // one listed when several are as strict). The trie node holds every copy.
        let copies = index
            .node_of_rule(i)
            .and_then(|n| index.node(n))
            .map_or(&[][..], |n| n.rules.as_slice());
        let strictest = copies
            .iter()
            .filter_map(|&j| rules.get(j))
            .filter(|r| r.access > loose.access)
            .max_by_key(|r| r.access);
        let Some(strict) = strictest else {
            continue;
        };
        out.push(
            META.diagnostic(format!(
                "`{}` is in `{}` and `{}`; MXC keeps only the `{}` entry",
                loose.raw,
                loose.access.list_name(),
                strict.access.list_name(),
                strict.access.list_name()
            ))
            .with_label(loose.span, "dropped by MXC")
            .with_secondary(strict.span, "this stricter entry wins")
            .with_help(
                "the same path in several lists resolves to the most restrictive list without an \
                 error; keep one entry per path",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn path_in_several_lists() {
        insta::assert_snapshot!(check(
            "MX3101",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["/a", "/b"], "readonlyPaths": ["/a/./", "/c"], "deniedPaths": ["/a", "/c//"]}}"#
        ));
    }

    mod reference {
        //! The brute-force rule the trie-based one replaced, kept as the specification the
        //! fast one is proved equal to.

        use ir::Diagnostic;

        use super::super::META;
        use crate::context::{Cx, same_path};

        pub(super) fn reference(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
            let rules = &cx.policy.filesystem.rules;
            for (i, loose) in rules.iter().enumerate() {
                // Report each looser copy once, against the strictest copy of the same path.
                let strictest = rules
                    .iter()
                    .enumerate()
                    .filter(|(j, r)| {
                        *j != i && same_path(&r.path, &loose.path) && r.access > loose.access
                    })
                    .max_by_key(|(_, r)| r.access);
                let Some((_, strict)) = strictest else {
                    continue;
                };
                out.push(
                    META.diagnostic(format!(
                        "`{}` is in `{}` and `{}`; MXC keeps only the `{}` entry",
                        loose.raw,
                        loose.access.list_name(),
                        strict.access.list_name(),
                        strict.access.list_name()
                    ))
                    .with_label(loose.span, "dropped by MXC")
                    .with_secondary(strict.span, "this stricter entry wins")
                    .with_help(
                        "the same path in several lists resolves to the most restrictive list without an \
                         error; keep one entry per path",
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
