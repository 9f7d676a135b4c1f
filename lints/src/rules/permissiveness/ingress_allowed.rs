//! MX3019 ingress-allowed.

use ir::net::NetworkShape;
use ir::{Action, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a policy that accepts inbound connections from the local network:
    /// `"ingress": {"default": "allow"}` or legacy `"allowLocalNetwork": true`.
    ///
    /// ## Why is this bad?
    /// A listening sandboxed process is reachable by every machine on the LAN. On Windows the
    /// underlying `privateNetworkClientServer` capability is bidirectional, so it also opens
    /// outbound traffic to private networks.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "serve"},
    ///  "network": {"ingress": {"default": "allow"}}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "serve"},
    ///  "network": {"ingress": {"default": "deny"}}}
    /// ```
    ///
    /// ## Backends affected
    /// Seatbelt and ProcessContainer honour it; Bubblewrap and LXC reject it.
    code: "MX3019",
    name: "ingress-allowed",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let net = &cx.policy.network;
    if net.ingress_default.value != Action::Allow {
        return;
    }
    let Some(span) = net.ingress_default.span else {
        return;
    };
    let field = match net.shape {
        NetworkShape::Legacy => "allowLocalNetwork",
        NetworkShape::Directional => "ingress.default",
    };
    out.push(
        META.diagnostic(format!(
            "`{field}` accepts inbound connections from the local network"
        ))
        .with_label(span, "inbound allowed")
        .with_help(
            "every machine on the LAN can connect to a listening sandboxed process, and on \
                 Windows the capability is bidirectional; deny ingress unless the program serves",
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn ingress_allowed() {
        insta::assert_snapshot!(check(
            "MX3019",
            r#"{"version": "0.7.0-alpha", "process": {"commandLine": "x"},
"network": {"defaultPolicy": "block", "allowLocalNetwork": true}}"#
        ));
    }
}
