//! MX3020 host-loopback-reachable.

use ir::net::NetworkShape;
use ir::{Action, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a policy under which services on the host loopback (`127.0.0.0/8`, `::1`) are
    /// reachable: `"hostLoopback": "allow"`, or a legacy `"defaultPolicy": "allow"`, which
    /// shares the host network namespace.
    ///
    /// ## Why is this bad?
    /// Developer machines run unauthenticated services on loopback: databases, Docker's API,
    /// debuggers, language servers, cloud credential helpers. Loopback access is also
    /// bidirectional: host services can reach the sandbox.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "test"},
    ///  "network": {"ingress": {"default": "deny", "hostLoopback": "allow"}}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "test"},
    ///  "network": {"ingress": {"default": "deny", "hostLoopback": "deny"}}}
    /// ```
    ///
    /// ## Backends affected
    /// Seatbelt and BaseContainer (PSEC) honour `hostLoopback: allow`; Bubblewrap and legacy
    /// LXC share the host namespace under a legacy allow default.
    code: "MX3020",
    name: "host-loopback-reachable",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let net = &cx.policy.network;
    if net.host_loopback.value != Action::Allow {
        return;
    }
    let (span, message) = match (net.host_loopback.span, net.shape) {
        (Some(span), _) => (
            span,
            "`hostLoopback` makes services on the host loopback reachable",
        ),
        (None, NetworkShape::Legacy) => match net.egress_default.span {
            Some(span) => (
                span,
                "a legacy allow default shares the host network, so services on the host loopback are reachable",
            ),
            None => return,
        },
        (None, NetworkShape::Directional) => return,
    };
    out.push(
        META.diagnostic(message)
            .with_label(span, "host loopback reachable")
            .with_help(
                "databases, the Docker API and credential helpers listen on loopback without \
                 authentication; deny host loopback and use `runtimeConfig.networkProxy` for a proxy",
            ),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn host_loopback_reachable_legacy() {
        insta::assert_snapshot!(check(
            "MX3020",
            r#"{"version": "0.7.0-alpha", "process": {"commandLine": "x"},
"network": {"defaultPolicy": "allow"}}"#
        ));
    }
}
