//! MX3018 lxc-firewall-not-installed.

use ir::net::{EnforcementMode, NetworkShape};
use ir::{Action, Backend, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a legacy-shape network policy on LXC whose `enforcementMode` is `capabilities`
    /// (the default) while it asks for any restriction: a blocking default or host lists.
    ///
    /// ## Why is this bad?
    /// In `capabilities` mode MXC's LXC backend installs no iptables rules at all ("Network
    /// policy requests no firewall; skipping iptables."), so the container keeps its stock
    /// `lxcbr0` network and `"defaultPolicy": "block"` is not enforced. An absent `network`
    /// section (or an absent `version`) is the same legacy case.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.7.0-alpha", "containment": "lxc", "process": {"commandLine": "build"},
    ///  "lxc": {"distribution": "alpine", "release": "3.23"},
    ///  "network": {"defaultPolicy": "block"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "containment": "lxc", "process": {"commandLine": "build"},
    ///  "lxc": {"distribution": "alpine", "release": "3.23"},
    ///  "network": {"egress": {"default": "deny"}}}
    /// ```
    ///
    /// ## Backends affected
    /// LXC.
    code: "MX3018",
    name: "lxc-firewall-not-installed",
    category: Permissiveness,
    severity: Error,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let net = &cx.policy.network;
    if cx.policy.backend() != Backend::Lxc
        || net.shape != NetworkShape::Legacy
        || net.enforcement_mode.value != EnforcementMode::Capabilities
    {
        return;
    }
    let restricts = net.egress_default.value == Action::Deny
        || !net.rules.is_empty()
        || !net.host_names.is_empty();
    if !restricts {
        return;
    }
    let span = net
        .enforcement_mode
        .span
        .or(net.egress_default.span)
        .or(net.span)
        .or(cx.policy.containment.requested.as_ref().map(|c| c.span))
        .unwrap_or(cx.policy.span);
    out.push(
        META.diagnostic("LXC installs no firewall in `capabilities` mode, so this network policy is not enforced")
            .with_label(span, "legacy network policy without a firewall")
            .with_help(
                "the container keeps its unfiltered bridge network; use the 0.8 `network.egress` \
                 shape (always enforced on LXC) or `\"enforcementMode\": \"firewall\"`",
            ),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn lxc_firewall_not_installed() {
        insta::assert_snapshot!(check(
            "MX3018",
            r#"{"containment": "lxc", "process": {"commandLine": "x"},
"lxc": {"distribution": "alpine", "release": "3.23"}}"#
        ));
    }

    #[test]
    fn lxc_firewall_installed() {
        insta::assert_snapshot!(check(
            "MX3018",
            r#"{"version": "0.7.0-alpha", "containment": "lxc", "process": {"commandLine": "x"},
"lxc": {"distribution": "alpine", "release": "3.23"},
"network": {"defaultPolicy": "block", "enforcementMode": "firewall"}}"#
        ));
    }
}
