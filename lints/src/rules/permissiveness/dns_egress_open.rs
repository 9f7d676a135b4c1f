//! MX3016 dns-egress-open.

use ir::{Action, Diagnostic};

use crate::context::Cx;
use crate::metrics::Service;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags allow rules under which port 53 (DNS, TCP or UDP) is reachable, and reports how
    /// many addresses answer on it.
    ///
    /// ## Why is this bad?
    /// Any recursive resolver forwards queries for attacker-controlled domains, so an open DNS
    /// port is an exfiltration channel (DNS tunnelling) even when every other port is closed.
    /// Resolve names outside the sandbox, or through a proxy.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "fetch"},
    ///  "network": {"egress": {"default": "deny",
    ///    "allow": [{"to": [{"cidr": "8.8.8.8/32"}], "ports": [{"protocol": "udp", "port": 53}]}]}}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "fetch"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:3128"}}
    /// ```
    ///
    /// ## Backends affected
    /// All backends with egress rules. On legacy LXC port 53 is open regardless (MX3017).
    code: "MX3016",
    name: "dns-egress-open",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let net = &cx.policy.network;
    // An allow default is MX3011's finding.
    if net.egress_default.value == Action::Allow || cx.metrics.dns_addresses == 0 {
        return;
    }
    let rules: Vec<&ir::NetRule> = net
        .rules
        .iter()
        .filter(|r| r.action == Action::Allow)
        .filter(|r| {
            let s = Service::of_rule(r);
            s.tcp.contains(53) || s.udp.contains(53)
        })
        .collect();
    let Some(first) = rules.first() else { return };
    let mut d = META
        .diagnostic(format!(
            "DNS (port 53) is reachable on {} address{}",
            cx.metrics.dns_addresses,
            if cx.metrics.dns_addresses == 1 {
                ""
            } else {
                "es"
            }
        ))
        .with_label(first.span, "allows port 53");
    for r in rules.iter().skip(1) {
        d = d.with_secondary(r.span, "also allows port 53");
    }
    out.push(d.with_help(
        "resolvers forward queries for any domain, so port 53 is an exfiltration channel; \
         resolve names outside the sandbox or use `runtimeConfig.networkProxy`",
    ));
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn dns_egress_open() {
        insta::assert_snapshot!(check(
            "MX3016",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"network": {"egress": {"default": "deny", "allow": [
  {"to": [{"cidr": "1.1.1.1"}], "ports": [{"protocol": "udp", "port": 53}]},
  {"to": [{"cidr": "10.0.0.0/24"}], "ports": [{"protocol": "tcp", "port": 1, "endPort": 1024}]},
  {"to": [{"cidr": "10.9.0.0/24"}], "ports": [{"protocol": "tcp", "port": 443}]}],
  "deny": [{"to": [{"cidr": "10.0.0.0/25"}]}]}}}"#
        ));
    }
}
