//! MX3102 filesystem-rule-without-effect.

use ir::decide::decide_fs;
use ir::fs::{FsAccess, FsOp, FsRule};
use ir::{Diagnostic, Severity};

use crate::context::{Cx, FRESH, same_path};
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
}
