//! MX3036 bubblewrap-legacy-network-unenforced.

use ir::net::{EnforcementMode, NetworkShape};
use ir::{Action, Backend, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a legacy-shape network policy on Bubblewrap with a schema version before 0.8 or
    /// no `version`, when it relies on host lists, a proxy or `allowLocalNetwork: false` on a
    /// shared network namespace.
    ///
    /// ## Why is this bad?
    /// Before 0.8 Bubblewrap keeps the sandbox in the host network namespace: a proxy is only
    /// environment variables (raw sockets bypass it), host lists under `capabilities` filter
    /// nothing, and the `firewall` mode programs host chains the sandbox never traverses. MXC
    /// prints a warning and runs anyway.
    ///
    /// ## Example
    /// ```json
    /// {"process": {"commandLine": "npm ci"},
    ///  "network": {"defaultPolicy": "allow", "blockedHosts": ["10.0.0.0/8"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "npm ci"},
    ///  "network": {"egress": {"default": "allow", "deny": [{"to": [{"cidr": "10.0.0.0/8"}]}]}}}
    /// ```
    ///
    /// ## Backends affected
    /// Bubblewrap.
    code: "MX3036",
    name: "bubblewrap-legacy-network-unenforced",
    category: Permissiveness,
    severity: Error,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let p = cx.policy;
    let net = &p.network;
    let modern = p.version.as_ref().is_some_and(|v| v.at_least(0, 8));
    if p.backend() != Backend::Bubblewrap || net.shape != NetworkShape::Legacy || modern {
        return;
    }
    let version = p.version.as_ref().map_or("no `version`".to_owned(), |v| {
        format!("version `{}`", v.raw)
    });
    let mut findings: Vec<(ir::Span, String)> = Vec::new();
    if let Some(proxy) = &net.proxy {
        findings.push((
            proxy.span,
            format!("with {version} the proxy is only environment variables in the host network"),
        ));
    }
    let lists: Vec<ir::Span> = net
        .rules
        .iter()
        .map(|r| r.span)
        .chain(net.host_names.iter().map(|h| h.span))
        .collect();
    if let Some(first) = lists.first()
        && net.proxy.is_none()
    {
        let why = match net.enforcement_mode.value {
            EnforcementMode::Capabilities => "host lists filter nothing in `capabilities` mode",
            EnforcementMode::Firewall | EnforcementMode::Both => {
                "the firewall is programmed on host chains the sandbox never traverses"
            }
        };
        findings.push((*first, format!("with {version} {why}")));
    }
    let shared = net.egress_default.value == Action::Allow;
    if shared
        && net.ingress_default.value == Action::Deny
        && let Some(span) = net.ingress_default.span
    {
        findings.push((
            span,
            format!("with {version} `allowLocalNetwork: false` is not honoured in the shared host network"),
        ));
    }
    for (span, message) in findings {
        out.push(
            META.diagnostic(message)
                .with_label(span, "not enforced by Bubblewrap before 0.8")
                .with_help(
                    "Bubblewrap enforces network policy in a private namespace only from schema \
                     0.8; set `\"version\": \"0.8.0-alpha\"` and use `network.egress`",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn bubblewrap_legacy_network_unenforced() {
        insta::assert_snapshot!(check(
            "MX3036",
            r#"{"version": "0.7.0-alpha", "process": {"commandLine": "x"},
"network": {"defaultPolicy": "allow", "allowLocalNetwork": false, "proxy": {"url": "http://proxy.corp:3128"}}}"#
        ));
    }
}
