//! MX3104 allow-under-deny.

use ir::{Backend, Diagnostic, FsAccess, Severity};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a `readwritePaths` or `readonlyPaths` entry nested under a `deniedPaths` entry.
    ///
    /// ## Why is this bad?
    /// The two semantics disagree. Under MXC semantics the deepest entry wins, so the allow
    /// re-opens access inside the denied directory (`/data/secrets` readable under a denied
    /// `/data`), which readers of the policy rarely expect. Under deny-overrides (`--strict`)
    /// and on Seatbelt, which emits `deniedPaths` last, the allow does nothing. With
    /// `--strict` this is an error.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"deniedPaths": ["/data"], "readonlyPaths": ["/data/public"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"deniedPaths": ["/data/private"], "readonlyPaths": ["/data/public"]}}
    /// ```
    ///
    /// ## Backends affected
    /// Bubblewrap, LXC and Windows re-open the nested path; Seatbelt keeps it denied.
    code: "MX3104",
    name: "allow-under-deny",
    category: Correctness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let rules = &cx.policy.filesystem.rules;
    let index = cx.fs_index();
    for (i, allow) in rules.iter().enumerate() {
        if allow.access == FsAccess::Denied {
            continue;
        }
        // The deepest denied ancestor is the one the allow punches through (the last one
        // listed when the same path is denied several times): walk up the trie.
        let mut deny = None;
        let mut at = index
            .node_of_rule(i)
            .and_then(|n| index.node(n))
            .and_then(|n| n.parent);
        while let Some(node) = at.and_then(|n| index.node(n)) {
            deny = node
                .rules
                .iter()
                .rev()
                .filter_map(|&j| rules.get(j))
                .find(|d| d.access == FsAccess::Denied);
            if deny.is_some() {
                break;
            }
            at = node.parent;
        }
        let Some(deny) = deny else { continue };
        let (message, severity) = if cx.strict {
            (
                format!(
                    "`{}` is under denied `{}` and has no effect under deny-overrides",
                    allow.raw, deny.raw
                ),
                Severity::Error,
            )
        } else if cx.policy.backend() == Backend::Seatbelt {
            (
                format!(
                    "`{}` is under denied `{}`; Seatbelt keeps it denied, other backends re-open it",
                    allow.raw, deny.raw
                ),
                Severity::Warning,
            )
        } else {
            (
                format!(
                    "`{}` re-opens access inside denied `{}`",
                    allow.raw, deny.raw
                ),
                Severity::Warning,
            )
        };
        out.push(
            META.diagnostic(message)
                .with_severity(severity)
                .with_label(
                    allow.span,
                    format!(
                        "{} entry inside a denied directory",
                        allow.access.list_name()
                    ),
                )
                .with_secondary(deny.span, "denied here")
                .with_help(
                    "MXC lets the deepest entry win, deny-overrides and Seatbelt let the deny win; \
                     deny only the parts that must stay closed instead of nesting an allow",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn allow_under_deny() {
        insta::assert_snapshot!(check(
            "MX3104",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"deniedPaths": ["/data", "/data/a"], "readwritePaths": ["/data/a/b", "/other"]}}"#
        ));
    }

    #[test]
    fn allow_under_deny_strict() {
        insta::assert_snapshot!(check(
            "MX3104",
            r#"// mxcc --strict
{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"deniedPaths": ["/data"], "readonlyPaths": ["/data/public"]}}"#
        ));
    }

    mod reference {
        //! The brute-force rule the trie-based one replaced, kept as the specification the
        //! fast one is proved equal to.

        use ir::{Backend, Diagnostic, FsAccess, Severity};

        use super::super::META;
        use crate::context::Cx;

        pub(super) fn reference(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
            let rules = &cx.policy.filesystem.rules;
            for allow in rules.iter().filter(|r| r.access != FsAccess::Denied) {
                // The deepest denied ancestor is the one the allow punches through.
                let deny = rules
                    .iter()
                    .filter(|d| {
                        d.access == FsAccess::Denied && allow.path.is_strictly_under(&d.path)
                    })
                    .max_by_key(|d| d.path.depth());
                let Some(deny) = deny else { continue };
                let (message, severity) = if cx.strict {
                    (
                        format!(
                            "`{}` is under denied `{}` and has no effect under deny-overrides",
                            allow.raw, deny.raw
                        ),
                        Severity::Error,
                    )
                } else if cx.policy.backend() == Backend::Seatbelt {
                    (
                        format!(
                            "`{}` is under denied `{}`; Seatbelt keeps it denied, other backends re-open it",
                            allow.raw, deny.raw
                        ),
                        Severity::Warning,
                    )
                } else {
                    (
                        format!(
                            "`{}` re-opens access inside denied `{}`",
                            allow.raw, deny.raw
                        ),
                        Severity::Warning,
                    )
                };
                out.push(
                    META.diagnostic(message)
                        .with_severity(severity)
                        .with_label(
                            allow.span,
                            format!(
                                "{} entry inside a denied directory",
                                allow.access.list_name()
                            ),
                        )
                        .with_secondary(deny.span, "denied here")
                        .with_help(
                            "MXC lets the deepest entry win, deny-overrides and Seatbelt let the deny win; \
                             deny only the parts that must stay closed instead of nesting an allow",
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
