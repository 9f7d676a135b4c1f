//! MX3012 egress-to-any-address.

use ir::{Action, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags an egress allow rule whose destination is every address: `0.0.0.0/0`, `::/0`,
    /// or an omitted `to`.
    ///
    /// ## Why is this bad?
    /// The rule opens the whole Internet on its ports; a deny default then protects nothing
    /// on those ports. `except` blocks do not change that much: what is left is still
    /// public-like.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "npm ci"},
    ///  "network": {"egress": {"default": "deny",
    ///    "allow": [{"to": [{"cidr": "0.0.0.0/0"}], "ports": [{"protocol": "tcp", "port": 443}]}]}}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "npm ci"},
    ///  "network": {"egress": {"default": "deny",
    ///    "allow": [{"to": [{"cidr": "104.16.0.0/16"}], "ports": [{"protocol": "tcp", "port": 443}]}]}}}
    /// ```
    ///
    /// ## Backends affected
    /// All backends with egress rules (Bubblewrap, LXC, BaseContainer/PSEC).
    code: "MX3012",
    name: "egress-to-any-address",
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
        match &rule.to {
            None => out.push(
                META.diagnostic(format!(
                    "`{}` allows every destination address",
                    rule.origin
                ))
                .with_label(rule.span, "no `to`: every IPv4 and IPv6 address")
                .with_help(HELP),
            ),
            Some(peers) => {
                for peer in peers.iter().filter(|p| p.cidr.prefix == 0) {
                    out.push(
                        META.diagnostic(format!(
                            "`{}` allows every destination address in `{}`",
                            rule.origin, peer.cidr
                        ))
                        .with_label(peer.span, "every address of the family")
                        .with_help(HELP),
                    );
                }
            }
        }
    }
}

const HELP: &str = "a rule to every address opens the whole Internet on its ports; list the \
                    networks the program talks to";

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn egress_to_any_address() {
        insta::assert_snapshot!(check(
            "MX3012",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"network": {"egress": {"default": "deny", "allow": [
  {"ports": [{"protocol": "tcp", "port": 443}]},
  {"to": [{"cidr": "::/0"}, {"cidr": "10.0.0.0/8"}]},
  {"to": [{"cidr": "0.0.0.0/0", "except": ["10.0.0.0/8"]}], "ports": [{"protocol": "udp", "port": 53}]}]}}}"#
        ));
    }
}
