//! MX3014 all-ports-egress.

use ir::{Action, Diagnostic};

use crate::context::Cx;
use crate::metrics::Service;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags an egress allow rule that opens every TCP or UDP port of its destinations
    /// (`ports` omitted, `"protocol": "any"` without a port, or a range `1`-`65535`).
    ///
    /// ## Why is this bad?
    /// Programs talk to a few well-known ports. Every port means SSH, SMB, databases and
    /// admin interfaces of the destination are reachable too, and any port can carry a
    /// tunnel.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "deploy"},
    ///  "network": {"egress": {"default": "deny", "allow": [{"to": [{"cidr": "10.1.0.0/16"}]}]}}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "deploy"},
    ///  "network": {"egress": {"default": "deny",
    ///    "allow": [{"to": [{"cidr": "10.1.0.0/16"}], "ports": [{"protocol": "tcp", "port": 443}]}]}}}
    /// ```
    ///
    /// ## Backends affected
    /// All backends with egress rules.
    code: "MX3014",
    name: "all-ports-egress",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let net = &cx.policy.network;
    if net.egress_default.value == Action::Allow {
        return;
    }
    for rule in net.rules.iter().filter(|r| r.action == Action::Allow) {
        // Rules to every address are MX3012's finding; legacy host entries have no ports.
        let Some(peers) = &rule.to else { continue };
        if peers.iter().any(|p| p.cidr.prefix == 0) || rule.ports.is_none() && !is_directional(rule)
        {
            continue;
        }
        let s = Service::of_rule(rule);
        let protos: Vec<&str> = [("TCP", s.tcp.is_all()), ("UDP", s.udp.is_all())]
            .iter()
            .filter(|(_, all)| *all)
            .map(|(p, _)| *p)
            .collect();
        if protos.is_empty() {
            continue;
        }
        out.push(
            META.diagnostic(format!(
                "`{}` allows every {} port",
                rule.origin,
                protos.join(" and ")
            ))
            .with_label(rule.span, "no port restriction")
            .with_help(
                "every port exposes the destination's SSH, database and admin services and can \
                 carry a tunnel; list the ports the program uses",
            ),
        );
    }
}

fn is_directional(rule: &ir::NetRule) -> bool {
    matches!(
        rule.origin,
        ir::RuleOrigin::EgressAllow(_) | ir::RuleOrigin::EgressDeny(_)
    )
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn all_ports_egress() {
        insta::assert_snapshot!(check(
            "MX3014",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"network": {"egress": {"default": "deny", "allow": [
  {"to": [{"cidr": "10.0.0.0/8"}]},
  {"to": [{"cidr": "10.2.0.0/16"}], "ports": [{"protocol": "udp", "port": 1, "endPort": 65535}]},
  {"to": [{"cidr": "10.3.0.0/16"}], "ports": [{"protocol": "tcp", "port": 22}]}]}}}"#
        ));
    }
}
