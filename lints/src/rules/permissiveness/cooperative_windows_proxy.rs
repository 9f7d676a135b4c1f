//! MX3041 cooperative-windows-proxy.

use ir::net::ProxyKind;
use ir::{Backend, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a legacy `network.proxy` (`localhost` or `url`) on a ProcessContainer policy.
    ///
    /// ## Why is this bad?
    /// On the AppContainer tiers MXC applies a legacy proxy as a per-container WinHTTP setting
    /// plus `HTTP_PROXY`/`HTTPS_PROXY` variables, and says itself that this is best effort:
    /// only programs that use the WinHTTP stack are proxied, and every other HTTP stack or raw
    /// socket goes around it. What actually limits egress is then the capability or firewall
    /// posture, not the proxy the policy names.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.7.0-alpha", "containment": "processcontainer", "containerId": "fetcher",
    ///  "process": {"commandLine": "fetch.exe"},
    ///  "network": {"defaultPolicy": "block", "proxy": {"localhost": 8080}},
    ///  "processContainer": {"leastPrivilege": true}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "processcontainer", "containerId": "fetcher",
    ///  "process": {"commandLine": "fetch.exe"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:8080"},
    ///  "processContainer": {"leastPrivilege": true, "network": {"allowedProxyPeer": "ContosoProxy"}},
    ///  "network": {"egress": {"default": "deny"}, "ingress": {"default": "allow", "hostLoopback": "deny"}}}
    /// ```
    ///
    /// ## Backends affected
    /// ProcessContainer (legacy proxy on the SBOX and AppContainer tiers).
    code: "MX3041",
    name: "cooperative-windows-proxy",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let p = cx.policy;
    let Some(proxy) = &p.network.proxy else {
        return;
    };
    if p.backend() != Backend::ProcessContainer
        || !matches!(proxy.kind, ProxyKind::Localhost | ProxyKind::Url)
    {
        return;
    }
    out.push(
        META.diagnostic("a legacy proxy on processcontainer only steers programs that use WinHTTP")
            .with_label(proxy.span, "cooperative proxy")
            .with_help(
                "other HTTP stacks and raw sockets bypass it; use the 0.8 \
                 `runtimeConfig.networkProxy` with `processContainer.network.allowedProxyPeer`, \
                 which the OS enforces for the container",
            ),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn cooperative_windows_proxy() {
        insta::assert_snapshot!(check(
            "MX3041",
            r#"// mxcc --platform windows
{"version": "0.7.0-alpha", "containment": "processcontainer", "process": {"commandLine": "x"},
"network": {"defaultPolicy": "block", "proxy": {"url": "http://proxy.corp:3128"}}}"#
        ));
    }
}
