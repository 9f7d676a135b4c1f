//! MX3022 identity-less-proxy.

use ir::net::ProxyKind;
use ir::{Backend, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a ProcessContainer policy with `runtimeConfig.networkProxy` but without
    /// `processContainer.network.allowedProxyPeer`.
    ///
    /// ## Why is this bad?
    /// Without a proxy peer identity MXC requires `hostLoopback: allow` and
    /// `ingress.default: allow` (the "identity-less" development path): the sandbox reaches
    /// every service on the host loopback, not only the proxy, and the LAN can reach it.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "processcontainer", "process": {"commandLine": "app.exe"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:8080"},
    ///  "network": {"egress": {"default": "deny"}, "ingress": {"default": "allow", "hostLoopback": "allow"}}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "processcontainer", "process": {"commandLine": "app.exe"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:8080"},
    ///  "processContainer": {"network": {"allowedProxyPeer": "ContosoProxy"}},
    ///  "network": {"egress": {"default": "deny"}, "ingress": {"default": "allow", "hostLoopback": "deny"}}}
    /// ```
    ///
    /// ## Backends affected
    /// ProcessContainer (BaseContainer/PSEC).
    code: "MX3022",
    name: "identity-less-proxy",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let p = cx.policy;
    let Some(proxy) = &p.network.proxy else {
        return;
    };
    if p.backend() != Backend::ProcessContainer || proxy.kind != ProxyKind::Runtime {
        return;
    }
    let has_peer = p
        .process_container
        .as_ref()
        .is_some_and(|pc| pc.allowed_proxy_peer.is_some());
    if has_peer {
        return;
    }
    out.push(
        META.diagnostic("the proxy has no peer identity, so all of host loopback must be open")
            .with_label(
                proxy.span,
                "proxy without `processContainer.network.allowedProxyPeer`",
            )
            .with_help(
                "the identity-less path needs `hostLoopback: allow`, which exposes every host \
                 loopback service; set `processContainer.network.allowedProxyPeer` to the \
                 proxy's AppContainer identity",
            ),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn identity_less_proxy() {
        insta::assert_snapshot!(check(
            "MX3022",
            r#"// mxcc --platform windows
{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"runtimeConfig": {"networkProxy": "http://localhost:3128"}}"#
        ));
    }
}
