//! Each backend's declared `NetworkPolicySupport` (mxc.md §1.7) and the legacy-network
//! refusals of the backend runners (§2). Production mode only.

use ir::{Backend, Diagnostic, Severity, Span};

use crate::syntax::Node;
use crate::validate::network::{Net, looks_like_dns_name};
use crate::validate::{
    BWRAP_DNS_HOST, BWRAP_LOCAL_NETWORK, BWRAP_UNENFORCED_HOSTS, Cx, DIRECTIONAL_ON_LEGACY_BACKEND,
    EGRESS_RULES_UNSUPPORTED, HOST_LISTS_UNSUPPORTED, HOST_LOOPBACK_UNSUPPORTED,
    INGRESS_ALLOW_UNSUPPORTED, LXC_LOCAL_NETWORK, PROXY_PEER_UNSUPPORTED, PSEC_ONLY,
    RUNTIME_PROXY_UNSUPPORTED, key_span, shown,
};

/// How a backend treats `ingress.hostLoopback`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Loopback {
    Any,
    DenyOnly,
    /// Seatbelt: it must equal the effective `ingress.default`.
    EqualsDefault,
}

/// The `NetworkPolicySupport` bits a backend declares; `None` is LEGACY (no 0.8 support).
#[derive(Clone, Copy)]
struct Support {
    egress_rules: bool,
    ingress_allow: bool,
    host_loopback: Loopback,
    runtime_proxy: bool,
    proxy_peer: bool,
}

fn support(backend: Backend) -> Option<Support> {
    let s = |egress_rules, ingress_allow, host_loopback, runtime_proxy, proxy_peer| {
        Some(Support {
            egress_rules,
            ingress_allow,
            host_loopback,
            runtime_proxy,
            proxy_peer,
        })
    };
    match backend {
        // BaseContainer; the AppContainer fallback's narrower set is reported as PSEC-only.
        Backend::ProcessContainer => s(true, true, Loopback::Any, true, true),
        Backend::Bubblewrap => s(true, false, Loopback::DenyOnly, true, false),
        Backend::Lxc => s(true, false, Loopback::DenyOnly, false, false),
        Backend::Seatbelt => s(false, true, Loopback::EqualsDefault, true, false),
        Backend::Wslc
        | Backend::WindowsSandbox
        | Backend::IsolationSession
        | Backend::MicroVm
        | Backend::Hyperlight
        | Backend::Vm => None,
    }
}

pub(crate) fn check(cx: &mut Cx<'_>) {
    if !cx.production() || cx.header.is_state_aware() {
        return;
    }
    let net = Net::read(cx);
    if net.directional {
        directional(cx, &net);
    } else {
        legacy(cx, &net);
    }
}

fn directional(cx: &mut Cx<'_>, net: &Net<'_>) {
    let backend = cx.header.backend();
    let name = backend.as_str();
    let Some(support) = support(backend) else {
        for (field, span) in &net.directional_fields {
            cx.push(
                Diagnostic::error(DIRECTIONAL_ON_LEGACY_BACKEND, format!("the `{name}` backend does not support `{field}`"))
                    .with_label(*span, "0.8 network field")
                    .with_help(format!(
                        "`{name}` implements only the legacy network fields; use `defaultPolicy` (and the fields it accepts) or a backend with 0.8 network support"
                    )),
            );
        }
        return;
    };
    let unsupported = |code, message: String, span: Span, help: String| {
        Diagnostic::error(code, message)
            .with_label(span, "not supported by the selected backend")
            .with_help(help)
    };
    if let (false, Some(span)) = (support.egress_rules, net.egress_rules) {
        cx.push(unsupported(
            EGRESS_RULES_UNSUPPORTED,
            format!("`network.egress` allow/deny rules are not supported by the `{name}` backend"),
            span,
            format!("`{name}` can allow all outbound traffic or none, not filter by address or port; remove the rules and use `egress.default`, or a runtime proxy"),
        ));
    }
    let ingress_default = net.ingress.and_then(|i| i.get_present("default"));
    if !support.ingress_allow
        && net.ingress_default_allow
        && let Some(d) = ingress_default
    {
        cx.push(unsupported(
            INGRESS_ALLOW_UNSUPPORTED,
            format!("`network.ingress.default` `allow` is not supported by the `{name}` backend"),
            d.span,
            format!(
                "`{name}` enforces only denied inbound traffic; set `ingress.default` to `deny`"
            ),
        ));
    }
    let loopback = net.ingress.and_then(|i| i.get_present("hostLoopback"));
    match support.host_loopback {
        Loopback::DenyOnly if net.host_loopback_allow => {
            if let Some(l) = loopback {
                cx.push(unsupported(
                    HOST_LOOPBACK_UNSUPPORTED,
                    format!("`network.ingress.hostLoopback` `allow` is not supported by the `{name}` backend"),
                    l.span,
                    format!("host loopback is bidirectional and `{name}` cannot enforce both directions; set `hostLoopback` to `deny`"),
                ));
            }
        }
        Loopback::EqualsDefault if net.host_loopback_allow != net.ingress_default_allow => {
            let span = loopback.or(ingress_default).map_or_else(
                || net.directional_fields.first().map_or(cx.root.span, |f| f.1),
                |n| n.span,
            );
            let value = |allow: bool| if allow { "allow" } else { "deny" };
            cx.push(unsupported(
                HOST_LOOPBACK_UNSUPPORTED,
                format!(
                    "`network.ingress.hostLoopback` `{}` differs from `ingress.default` `{}`, which the `{name}` backend does not support",
                    value(net.host_loopback_allow),
                    value(net.ingress_default_allow)
                ),
                span,
                "seatbelt cannot tell loopback from other inbound traffic; give `hostLoopback` the same value as `ingress.default`".to_owned(),
            ));
        }
        _ => {}
    }
    if let (false, Some((_, span))) = (support.runtime_proxy, net.runtime_proxy) {
        cx.push(unsupported(
            RUNTIME_PROXY_UNSUPPORTED,
            format!("`runtimeConfig.networkProxy` is not supported by the `{name}` backend"),
            span,
            format!("`{name}` has no way to confine the sandbox to a host loopback proxy; remove the proxy or use `url` with the legacy shape"),
        ));
    }
    if let (false, Some((_, span))) = (support.proxy_peer, net.peer) {
        cx.push(unsupported(
            PROXY_PEER_UNSUPPORTED,
            format!("`processContainer.network.allowedProxyPeer` is not supported by the `{name}` backend"),
            span,
            "proxy peer identities are an AppContainer feature; remove `processContainer.network`".to_owned(),
        ));
    }
    if backend == Backend::ProcessContainer {
        psec_only(cx, net, loopback);
    }
}

/// Features that only the PSEC tier of BaseContainer enforces; other tiers refuse them when
/// the host is probed at run time.
fn psec_only(cx: &mut Cx<'_>, net: &Net<'_>, loopback: Option<&Node>) {
    let mut features: Vec<(Span, &str, &str)> = Vec::new();
    if let Some(span) = net.egress_rules {
        features.push((span, "egress allow/deny rules are", "egress rules"));
    }
    if let (true, Some(l)) = (net.host_loopback_allow, loopback) {
        features.push((l.span, "`hostLoopback` `allow` is", "host loopback"));
    }
    if let Some((_, span)) = net.runtime_proxy {
        features.push((span, "`runtimeConfig.networkProxy` is", "runtime proxy"));
    }
    if let Some((_, span)) = net.peer {
        features.push((span, "`allowedProxyPeer` is", "proxy peer"));
    }
    for (span, what, label) in features {
        cx.push(
            Diagnostic::warning(PSEC_ONLY, format!("{what} enforced only by the PSEC tier of processcontainer"))
                .with_label(span, format!("{label}: PSEC only"))
                .with_help("MXC picks the Windows tier by host capability; on hosts without PSEC (SBOX or the AppContainer fallback) the run is refused, so make sure every target host has PSEC"),
        );
    }
}

fn legacy(cx: &mut Cx<'_>, net: &Net<'_>) {
    let backend = cx.header.backend();
    let name = backend.as_str();
    let at_0_8 = cx.header.version_at_least(0, 8);
    let hosts_span = net.host_lists_span();
    match backend {
        Backend::ProcessContainer => {
            if let Some(span) = hosts_span {
                cx.push(
                    Diagnostic::error(HOST_LISTS_UNSUPPORTED, "host lists are not yet supported on Windows")
                        .with_label(span, "host list")
                        .with_help("both Windows runners refuse `allowedHosts` and `blockedHosts`; use schema 0.8 `egress` rules with IP/CIDR peers (PSEC tier), or remove the lists"),
                );
            }
        }
        Backend::Seatbelt => {
            if let Some(m) = member_nonempty(net, "blockedHosts") {
                cx.push(
                    Diagnostic::error(HOST_LISTS_UNSUPPORTED, "the `seatbelt` backend does not support `blockedHosts`")
                        .with_label(m, "host list")
                        .with_help("seatbelt can allow all outbound traffic or none, not filter hosts; remove `blockedHosts`"),
                );
            }
            let builtin = net
                .proxy
                .and_then(|p| p.get_present("builtinTestServer"))
                .is_some();
            if let (false, false, Some(m)) = (
                net.default_allow,
                builtin,
                member_nonempty(net, "allowedHosts"),
            ) {
                cx.push(
                    Diagnostic::error(HOST_LISTS_UNSUPPORTED, "the `seatbelt` backend does not support `allowedHosts` under `defaultPolicy` `block`")
                        .with_label(m, "host list")
                        .with_help("seatbelt cannot open traffic to single hosts; use a loopback proxy to reach them, or remove `allowedHosts`"),
                );
            }
        }
        // MXC installs the LXC ingress chain, which refuses inbound traffic, from 0.8 on, and
        // before 0.8 only when `enforcementMode` asks for a firewall.
        Backend::Lxc if at_0_8 || matches!(net.enforcement, "firewall" | "both") => {
            if let Some((true, span)) = net.allow_local {
                cx.push(
                    Diagnostic::error(LXC_LOCAL_NETWORK, "the `lxc` backend does not support `allowLocalNetwork` `true`")
                        .with_label(span, "inbound traffic allowed")
                        .with_help("the LXC ingress chain only drops new inbound connections; remove `allowLocalNetwork` or set it to `false`"),
                );
            }
        }
        Backend::Bubblewrap => bubblewrap(cx, net, at_0_8, name),
        _ => {}
    }
}

fn member_nonempty(net: &Net<'_>, key: &str) -> Option<Span> {
    net.network
        .and_then(|n| n.member(key))
        .filter(|m| !m.value.items().is_empty())
        .map(|m| m.key_span)
}

/// Bubblewrap's legacy-shape refusals; before 0.8 MXC only warns.
fn bubblewrap(cx: &mut Cx<'_>, net: &Net<'_>, at_0_8: bool, name: &str) {
    let severity = if at_0_8 {
        Severity::Error
    } else {
        Severity::Warning
    };
    let firewall = matches!(net.enforcement, "firewall" | "both");
    let hosts = net.has_host_lists();
    if at_0_8 && firewall && net.proxy.is_none() {
        for item in net.allowed_hosts.iter().chain(net.blocked_hosts) {
            let Some(host) = item.as_str() else { continue };
            if ir::Cidr::parse(host).is_err() && looks_like_dns_name(host) {
                cx.push(
                    Diagnostic::error(BWRAP_DNS_HOST, format!("the `{name}` firewall does not accept the DNS name `{}`", shown(host)))
                        .with_label(item.span, "DNS name")
                        .with_help("from schema 0.8 bubblewrap enforces host lists with iptables inside the sandbox, which takes IP addresses and CIDRs only; write the addresses"),
                );
            }
        }
    }
    if hosts
        && !firewall
        && net.proxy.is_none()
        && let Some(span) = net.host_lists_span()
    {
        cx.push(
                Diagnostic::new(BWRAP_UNENFORCED_HOSTS, severity, format!("host lists are not enforced by the `{name}` backend with `enforcementMode` `{}`", net.enforcement))
                    .with_label(span, "nothing would enforce this list")
                    .with_help("bubblewrap filters hosts only with `enforcementMode` `firewall` or `both`; set it, or remove the host lists"),
            );
    }
    // Which network namespace the sandbox gets (`ResolvedNetworkMode::from_request`).
    let private = net.proxy.is_some() || firewall && hosts || !net.default_allow && !hosts;
    let allow_local = net.allow_local.map(|(b, _)| b);
    let at = net
        .allow_local
        .map(|(_, s)| s)
        .or_else(|| net.legacy_span("defaultPolicy"))
        .unwrap_or_else(|| {
            net.network
                .map_or(cx.root.span, |n| key_span(cx.root, "network", n.span))
        });
    if private && allow_local == Some(true) {
        cx.push(
            Diagnostic::new(BWRAP_LOCAL_NETWORK, severity, format!("`allowLocalNetwork` `true` is not enforceable by the `{name}` backend with this network policy"))
                .with_label(at, "inbound local traffic allowed")
                .with_help("this policy gives the sandbox a private network namespace, which accepts no inbound local traffic; remove `allowLocalNetwork`"),
        );
    } else if !private && allow_local != Some(true) {
        cx.push(
            Diagnostic::new(BWRAP_LOCAL_NETWORK, severity, format!("the `{name}` backend shares the host network here, so `allowLocalNetwork` must be `true`"))
                .with_label(at, "inbound local traffic would be allowed anyway")
                .with_help("with `defaultPolicy` `allow` and no filtering, bubblewrap uses the host network namespace and cannot refuse inbound local traffic; set `allowLocalNetwork` to `true` to acknowledge it, or block the network"),
        );
    }
}
