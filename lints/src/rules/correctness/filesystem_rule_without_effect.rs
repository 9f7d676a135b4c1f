//! MX3102 filesystem-rule-without-effect.

use ir::fs::index::{FsIndex, decide_among};
use ir::fs::{FsAccess, FsOp, FsRule};
use ir::{Diagnostic, Mode, Severity};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a filesystem entry whose removal changes no decision: every operation on every
    /// path is decided the same with and without it, by the reference semantics.
    ///
    /// ## Why is this bad?
    /// A dead entry says something the policy does not do. A read-only entry under a
    /// read-write parent grants nothing new (under MXC semantics the deeper entry wins, so
    /// it *restricts*; it is dead only when it repeats its parent); a denied entry with no
    /// grant above it denies what is denied anyway. Either the entry is noise, or the author
    /// expected it to do something it does not.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readonlyPaths": ["/work", "/work/app"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readonlyPaths": ["/work"]}}
    /// ```
    ///
    /// ## Backends affected
    /// None: the entry is inert everywhere. Decided under MXC semantics, or deny-overrides
    /// with `--strict`.
    code: "MX3102",
    name: "filesystem-rule-without-effect",
    category: Correctness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let rules = &cx.policy.filesystem.rules;
    let index = cx.fs_index();
    let effect = Effect::new(index, rules);
    for (i, rule) in rules.iter().enumerate() {
        let Some(node) = index.node_of_rule(i) else {
            continue;
        };
        // The same path in several lists is MX3101's finding.
        let alone = index.node(node).is_some_and(|n| n.rules.len() == 1);
        if !alone || effect.changes(node, rule.access, cx.mode) {
            continue;
        }
        let candidates: Vec<usize> = index
            .matching(&rule.path)
            .into_iter()
            .filter(|&j| j != i)
            .collect();
        let instead = decide_among(rules, &candidates, FsOp::Read, cx.mode);
        let mut d = META.diagnostic(format!(
            "`{}` in `{}` changes no access decision",
            rule.raw,
            rule.access.list_name()
        ));
        d = d.with_label(rule.span, "removing this entry changes nothing");
        d = match instead.cause {
            ir::Cause::FsRule(j) => match rules.get(j) {
                Some(other) => d.with_secondary(other.span, "this entry already decides the path"),
                None => d,
            },
            _ => d.with_note("no other entry covers the path, and uncovered paths are denied"),
        };
        if rule.access == FsAccess::Denied {
            d = d.with_severity(Severity::Info);
        }
        out.push(d.with_help(
            "an entry that changes no decision is noise or a mistake; remove it, or move it to \
             the list that expresses the intended access",
        ));
    }
}

/// What removing the only rule at a trie node changes, decided from per-node counts instead of
/// re-deciding every probe path without the rule.
///
/// Decisions are constant between rule paths, so the probes are each rule path and one fresh
/// child of it; a fresh child has the same ancestors-or-self as its parent, so a node stands for
/// both. Removing the rule at node `v` can only change probes at or below `v`.
struct Effect {
    /// Per node: denied, read-write and non-denied rules at the node or above it.
    denied: Vec<usize>,
    readwrite: Vec<usize>,
    granting: Vec<usize>,
    /// Per node: the access MXC semantics give the nearest node strictly above that holds a
    /// rule (the most restrictive of its rules), or `None` when no node above holds one.
    above: Vec<Option<FsAccess>>,
    /// Per node: some rule node strictly below is reached through nodes without a denied rule
    /// and holds a non-denied rule on the way (strict semantics re-open it under this node).
    reopened_below: Vec<bool>,
}

impl Effect {
    fn new(index: &FsIndex, rules: &[FsRule]) -> Effect {
        let nodes = index.nodes();
        let n = nodes.len();
        let access_at = |id: usize| -> Vec<FsAccess> {
            nodes.get(id).map_or_else(Vec::new, |node| {
                node.rules
                    .iter()
                    .filter_map(|&r| rules.get(r).map(|r| r.access))
                    .collect()
            })
        };
        let count = |accesses: &[FsAccess], f: fn(FsAccess) -> bool| {
            accesses.iter().filter(|a| f(**a)).count()
        };
        let mut e = Effect {
            denied: vec![0; n],
            readwrite: vec![0; n],
            granting: vec![0; n],
            above: vec![None; n],
            reopened_below: vec![false; n],
        };
        // Parents are numbered before their children: ascending order is top-down.
        for (id, node) in nodes.iter().enumerate() {
            let here = access_at(id);
            let (d, rw, g, above) = match node.parent {
                Some(p) => {
                    let parent_here = access_at(p);
                    let above = parent_here.iter().max().copied().or(e
                        .above
                        .get(p)
                        .copied()
                        .flatten());
                    (
                        e.denied.get(p).copied().unwrap_or(0),
                        e.readwrite.get(p).copied().unwrap_or(0),
                        e.granting.get(p).copied().unwrap_or(0),
                        above,
                    )
                }
                None => (0, 0, 0, None),
            };
            if let Some(slot) = e.denied.get_mut(id) {
                *slot = d + count(&here, |a| a == FsAccess::Denied);
            }
            if let Some(slot) = e.readwrite.get_mut(id) {
                *slot = rw + count(&here, |a| a == FsAccess::ReadWrite);
            }
            if let Some(slot) = e.granting.get_mut(id) {
                *slot = g + count(&here, |a| a != FsAccess::Denied);
            }
            if let Some(slot) = e.above.get_mut(id) {
                *slot = above;
            }
        }
        // Descending order is bottom-up: children before their parent.
        for (id, node) in nodes.iter().enumerate().rev() {
            let here = access_at(id);
            let passes = !here.contains(&FsAccess::Denied);
            let reaches = passes
                && (here.iter().any(|a| *a != FsAccess::Denied)
                    || e.reopened_below.get(id).copied().unwrap_or(false));
            if reaches
                && let Some(p) = node.parent
                && let Some(slot) = e.reopened_below.get_mut(p)
            {
                *slot = true;
            }
        }
        e
    }

    /// True when removing the only rule at `node`, of `access`, changes some decision.
    fn changes(&self, node: usize, access: FsAccess, mode: Mode) -> bool {
        let at = |v: &[usize]| v.get(node).copied().unwrap_or(0);
        match mode {
            // The probes at the node fall back to the nearest rule above (or to no rule, which
            // denies everything, as a denied entry does); deeper probes keep their own rule.
            Mode::Mxc => {
                access
                    != self
                        .above
                        .get(node)
                        .copied()
                        .flatten()
                        .unwrap_or(FsAccess::Denied)
            }
            // Any deny on the path denies; otherwise any grant of the operation allows.
            Mode::Strict => match access {
                FsAccess::ReadWrite => at(&self.denied) == 0 && at(&self.readwrite) == 1,
                FsAccess::ReadOnly => at(&self.denied) == 0 && at(&self.granting) == 1,
                FsAccess::Denied => {
                    at(&self.denied) == 1
                        && (at(&self.granting) >= 1
                            || self.reopened_below.get(node).copied().unwrap_or(false))
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn filesystem_rule_without_effect() {
        insta::assert_snapshot!(check(
            "MX3102",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["/w", "/w/a/b"], "readonlyPaths": ["/w/a", "/r", "/r/x"], "deniedPaths": ["/secret", "/w/a/b/c"]}}"#
        ));
    }

    #[test]
    fn filesystem_rule_without_effect_strict() {
        insta::assert_snapshot!(check(
            "MX3102",
            r#"// mxcc --strict
{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["/w/a/b"], "deniedPaths": ["/w"]}}"#
        ));
    }

    mod reference {
        //! The brute-force rule the trie-based one replaced, kept as the specification the
        //! fast one is proved equal to.

        use ir::decide::decide_fs;
        use ir::fs::{FsOp, FsRule};
        use ir::{Diagnostic, Severity};

        use super::super::META;
        use crate::context::{Cx, FRESH, same_path};
        use ir::fs::FsAccess;

        pub(super) fn reference(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
            let rules = &cx.policy.filesystem.rules;
            // Decisions are constant between rule paths, so each rule path and one fresh child of it
            // represent every region of the path trie.
            let mut probes = Vec::new();
            for r in rules {
                probes.push(r.path.clone());
                probes.push(r.path.join(FRESH, cx.style));
            }
            for (i, rule) in rules.iter().enumerate() {
                // The same path in several lists is MX3101's finding.
                let duplicated = rules
                    .iter()
                    .enumerate()
                    .any(|(j, r)| j != i && same_path(&r.path, &rule.path));
                if duplicated {
                    continue;
                }
                let without: Vec<FsRule> = rules
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, r)| r.clone())
                    .collect();
                let changes = probes.iter().any(|p| {
                    FsOp::ALL.iter().any(|op| {
                        decide_fs(rules, *op, p, cx.mode).allowed
                            != decide_fs(&without, *op, p, cx.mode).allowed
                    })
                });
                if changes {
                    continue;
                }
                let instead = decide_fs(&without, FsOp::Read, &rule.path, cx.mode);
                let mut d = META.diagnostic(format!(
                    "`{}` in `{}` changes no access decision",
                    rule.raw,
                    rule.access.list_name()
                ));
                d = d.with_label(rule.span, "removing this entry changes nothing");
                d = match instead.cause {
                    ir::Cause::FsRule(j) => match without.get(j) {
                        Some(other) => {
                            d.with_secondary(other.span, "this entry already decides the path")
                        }
                        None => d,
                    },
                    _ => d.with_note(
                        "no other entry covers the path, and uncovered paths are denied",
                    ),
                };
                if rule.access == FsAccess::Denied {
                    d = d.with_severity(Severity::Info);
                }
                out.push(d.with_help(
                    "an entry that changes no decision is noise or a mistake; remove it, or move it to \
                     the list that expresses the intended access",
                ));
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
