//! MX3011 egress-default-allow.

use ir::net::NetworkShape;
use ir::{Action, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a policy whose default for outbound traffic is allow: legacy
    /// `"defaultPolicy": "allow"` or 0.8 `"egress": {"default": "allow"}`.
    ///
    /// ## Why is this bad?
    /// Every address and port not explicitly denied is reachable, so data can leave for any
    /// server. On Bubblewrap and legacy LXC an allow default also shares the host network
    /// namespace, including services on the host loopback.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "curl example.com"},
    ///  "network": {"egress": {"default": "allow"}}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "curl example.com"},
    ///  "network": {"egress": {"default": "deny",
    ///    "allow": [{"to": [{"cidr": "93.184.215.14/32"}], "ports": [{"protocol": "tcp", "port": 443}]}]}}}
    /// ```
    ///
    /// ## Backends affected
    /// All.
    code: "MX3011",
    name: "egress-default-allow",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let net = &cx.policy.network;
    if net.egress_default.value != Action::Allow {
        return;
    }
    let Some(span) = net.egress_default.span else {
        return;
    };
    let field = match net.shape {
        NetworkShape::Legacy => "defaultPolicy",
        NetworkShape::Directional => "egress.default",
    };
    out.push(
        META.diagnostic(format!(
            "`{field}` allows outbound traffic to every address that is not denied"
        ))
        .with_label(span, "egress allowed by default")
        .with_help(
            "with an allow default the sandbox can send data to any server; deny by default \
             and allow the addresses and ports the program needs",
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn egress_default_allow() {
        insta::assert_snapshot!(check(
            "MX3011",
            r#"{"version": "0.7.0-alpha", "process": {"commandLine": "x"},
"network": {"defaultPolicy": "allow", "blockedHosts": ["10.0.0.0/8"]}}"#
        ));
    }
}
