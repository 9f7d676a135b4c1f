//! MX3103 network-rule-without-effect.

use ir::Diagnostic;
use ir::net::Family;

use crate::context::Cx;
use crate::metrics::{Cell, cells, service};
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
}
