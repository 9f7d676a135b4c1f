//! MX3017 lxc-dns-always-open.

use ir::net::{EnforcementMode, NetworkShape};
use ir::{Action, Backend, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a legacy-shape network policy on LXC with a firewall (`enforcementMode`
    /// `firewall` or `both`) and a blocking default: the LXC legacy chain accepts TCP and UDP
    /// port 53 to any destination ahead of every deny rule.
    ///
    /// ## Why is this bad?
    /// The policy reads as "block everything but the allowed hosts", but DNS to any server on
    /// the Internet stays open: a tunnel for data. The 0.8 directional shape has no such
    /// exemption.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.7.0-alpha", "containment": "lxc", "process": {"commandLine": "build"},
    ///  "lxc": {"distribution": "alpine", "release": "3.23"},
    ///  "network": {"defaultPolicy": "block", "enforcementMode": "firewall", "allowedHosts": ["10.0.0.5"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "containment": "lxc", "process": {"commandLine": "build"},
    ///  "lxc": {"distribution": "alpine", "release": "3.23"},
    ///  "network": {"egress": {"default": "deny", "allow": [{"to": [{"cidr": "10.0.0.5/32"}]}]}}}
    /// ```
    ///
    /// ## Backends affected
    /// LXC.
    code: "MX3017",
    name: "lxc-dns-always-open",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let net = &cx.policy.network;
    if cx.policy.backend() != Backend::Lxc
        || net.shape != NetworkShape::Legacy
        || net.enforcement_mode.value == EnforcementMode::Capabilities
        || net.egress_default.value != Action::Deny
    {
        return;
    }
    let Some(span) = net.enforcement_mode.span.or(net.span) else {
        return;
    };
    out.push(
        META.diagnostic("the LXC legacy firewall accepts DNS (port 53) to every address")
            .with_label(span, "legacy chain with an unconditional port 53 exemption")
            .with_help(
                "LXC's legacy chain accepts TCP and UDP port 53 ahead of all deny rules, a DNS \
                 tunnel out of a blocked sandbox; use the 0.8 `network.egress` shape",
            ),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn lxc_dns_always_open() {
        insta::assert_snapshot!(check(
            "MX3017",
            r#"{"version": "0.7.0-alpha", "containment": "lxc", "process": {"commandLine": "x"},
"lxc": {"distribution": "alpine", "release": "3.23"},
"network": {"enforcementMode": "both"}}"#
        ));
    }
}
