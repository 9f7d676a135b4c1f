//! MX3103 network-rule-without-effect.

use ir::net::Family;
use ir::{Action, Diagnostic, NetRule};

use crate::context::Cx;
use crate::metrics::{Cell, Service, cells, service};
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags an egress rule whose removal changes no decision, computed exactly over every
    /// address, protocol and port: an allow inside the allow default or under a deny, a deny
    /// of what is denied anyway, a rule covered by another rule.
    ///
    /// ## Why is this bad?
    /// The rule reads as a grant or a restriction that does not exist. A typical case is a
    /// deny rule under a deny default, or an allow rule whose addresses a broader deny rule
    /// already covers (deny beats allow in MXC).
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "x"},
    ///  "network": {"egress": {"default": "deny", "deny": [{"to": [{"cidr": "10.0.0.0/8"}]}]}}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "x"},
    ///  "network": {"egress": {"default": "deny"}}}
    /// ```
    ///
    /// ## Backends affected
    /// None: the rule is inert everywhere.
    code: "MX3103",
    name: "network-rule-without-effect",
    category: Correctness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let net = &cx.policy.network;
    let default = net.egress_default.value;
    // A rule can only change decisions on the pieces it matches, so each rule is compared on
    // those pieces alone: linear in the pieces a rule covers, not quadratic in the rules.
    let cells: Vec<Cell> = [Family::V4, Family::V6]
        .into_iter()
        .flat_map(|f| cells(&net.rules, f))
        .collect();
    let mut effective = vec![false; net.rules.len()];
    for cell in &cells {
        for ri in changed_by_removal(&net.rules, default, &cell.matching) {
            if let Some(e) = effective.get_mut(ri) {
                *e = true;
            }
        }
    }
    for (rule, _) in net.rules.iter().zip(&effective).filter(|(_, e)| !**e) {
        out.push(
            META.diagnostic(format!("`{}` changes no egress decision", rule.origin))
                .with_label(rule.span, "removing this rule changes nothing")
                .with_help(
                    "every address, protocol and port is decided the same without this rule \
                     (deny beats allow, and the default covers the rest); remove it or fix it",
                ),
        );
    }
}

/// The rules among `matching` (one piece's rules) whose removal changes what the piece admits.
///
/// What a piece admits is `(default ∪ allows) − denies`; removing one allow changes only the
/// union of allows, removing one deny only the union of denies. Unions of every rule but one
/// come from prefix and suffix unions, so a piece costs a number of unions linear in its rules.
fn changed_by_removal(rules: &[NetRule], default: Action, matching: &[usize]) -> Vec<usize> {
    let with = service(rules, default, matching, None);
    let mut out = Vec::new();
    for action in [Action::Allow, Action::Deny] {
        let side: Vec<(usize, Service)> = matching
            .iter()
            .filter_map(|&ri| rules.get(ri).map(|r| (ri, r)))
            .filter(|(_, r)| r.action == action)
            .map(|(ri, r)| (ri, Service::of_rule(r)))
            .collect();
        let others: Vec<usize> = matching
            .iter()
            .copied()
            .filter(|&ri| rules.get(ri).is_some_and(|r| r.action != action))
            .collect();
        // The other side, and the default on the allow side, stay as they are.
        let fixed = match action {
            Action::Allow => deny_of(rules, &others),
            Action::Deny => fixed_allows(rules, default, &others),
        };
        let mut prefix = vec![Service::default()];
        for (_, s) in &side {
            let last = prefix.last().cloned().unwrap_or_default();
            prefix.push(last.union(s));
        }
        let mut suffix = vec![Service::default()];
        for (_, s) in side.iter().rev() {
            let last = suffix.last().cloned().unwrap_or_default();
            suffix.push(last.union(s));
        }
        suffix.reverse();
        for (k, (ri, _)) in side.iter().enumerate() {
            let (Some(before), Some(after)) = (prefix.get(k), suffix.get(k + 1)) else {
                continue;
            };
            let rest = before.union(after);
            let without = match action {
                Action::Allow => allow_base(default).union(&rest).minus(&fixed),
                Action::Deny => fixed.minus(&rest),
            };
            if without != with {
                out.push(*ri);
            }
        }
    }
    out
}

fn allow_base(default: Action) -> Service {
    if default == Action::Allow {
        Service::all()
    } else {
        Service::default()
    }
}

/// The union of the denies among `among`.
fn deny_of(rules: &[NetRule], among: &[usize]) -> Service {
    among
        .iter()
        .filter_map(|&ri| rules.get(ri))
        .filter(|r| r.action == Action::Deny)
        .fold(Service::default(), |acc, r| acc.union(&Service::of_rule(r)))
}

/// The default and the allows among `among`.
fn fixed_allows(rules: &[NetRule], default: Action, among: &[usize]) -> Service {
    among
        .iter()
        .filter_map(|&ri| rules.get(ri))
        .filter(|r| r.action == Action::Allow)
        .fold(allow_base(default), |acc, r| {
            acc.union(&Service::of_rule(r))
        })
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn network_rule_without_effect() {
        insta::assert_snapshot!(check(
            "MX3103",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"network": {"egress": {"default": "deny",
  "allow": [{"to": [{"cidr": "10.1.0.0/16"}]}, {"to": [{"cidr": "192.0.2.0/24"}], "ports": [{"protocol": "tcp", "port": 443}]}, {"to": [{"cidr": "127.0.0.1"}]}],
  "deny": [{"to": [{"cidr": "10.0.0.0/8"}]}, {"to": [{"cidr": "192.0.2.0/24"}], "ports": [{"protocol": "tcp", "port": 22}]}]}}}"#
        ));
    }

    mod reference {
        //! The brute-force rule the trie-based one replaced, kept as the specification the
        //! fast one is proved equal to.

        use ir::Diagnostic;
        use ir::net::Family;

        use super::super::META;
        use crate::context::Cx;
        use crate::metrics::{Cell, cells, service};

        pub(super) fn reference(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
            let net = &cx.policy.network;
            let default = net.egress_default.value;
            // A rule can only change decisions on the pieces it matches, so each rule is compared on
            // those pieces alone: linear in the pieces a rule covers, not quadratic in the rules.
            let cells: Vec<Cell> = [Family::V4, Family::V6]
                .into_iter()
                .flat_map(|f| cells(&net.rules, f))
                .collect();
            let mut effective = vec![false; net.rules.len()];
            for cell in &cells {
                let with = service(&net.rules, default, &cell.matching, None);
                for &ri in &cell.matching {
                    let open = effective.get(ri).is_some_and(|e| !e);
                    if open
                        && service(&net.rules, default, &cell.matching, Some(ri)) != with
                        && let Some(e) = effective.get_mut(ri)
                    {
                        *e = true;
                    }
                }
            }
            for (rule, _) in net.rules.iter().zip(&effective).filter(|(_, e)| !**e) {
                out.push(
                    META.diagnostic(format!("`{}` changes no egress decision", rule.origin))
                        .with_label(rule.span, "removing this rule changes nothing")
                        .with_help(
                            "every address, protocol and port is decided the same without this rule \
                             (deny beats allow, and the default covers the rest); remove it or fix it",
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
