//! `processContainer` rules: capabilities, `captureDenials.outputPath` and the ProcessContainer
//! proxy rules (`validate_process_container_proxy_policy`).

use ir::{Backend, Diagnostic, Platform};

use crate::syntax::Node;
use crate::validate::network::Net;
use crate::validate::{
    CAPABILITY_COMMA, CAPTURE_PATH_RELATIVE, CAPTURE_PATH_ROOT, Cx, PC_PROXY_HOST_LOOPBACK,
    PC_PROXY_INGRESS, PEER_WITHOUT_PROXY, RESERVED_CAPABILITY, RESERVED_PROXY_PEER, at, shown,
    str_member,
};

const RESERVED: [&str; 2] = ["learningModeLogging", "permissiveLearningMode"];

pub(crate) fn check(cx: &mut Cx<'_>) {
    if let Some(pc) = cx.process_container() {
        capabilities(cx, pc);
        if cx.production() {
            capture_denials(cx, pc);
        }
    }
    if cx.production() {
        proxy_peer(cx);
    }
}

fn capabilities(cx: &mut Cx<'_>, pc: &Node) {
    let Some(list) = pc.get_present("capabilities") else {
        return;
    };
    for (i, item) in list.items().iter().enumerate() {
        let Some(name) = item.as_str() else { continue };
        if name.contains(',') {
            cx.push(
                Diagnostic::error(CAPABILITY_COMMA, format!("`processContainer.capabilities[{i}]` `{}` must not contain a comma", shown(name)))
                    .with_label(item.span, "one entry, several names")
                    .with_help("each entry is one capability name (MXC joins them with commas itself); split the entry into one string per capability"),
            );
        }
        if let Some(reserved) = RESERVED.iter().find(|r| r.eq_ignore_ascii_case(name)) {
            cx.push(
                Diagnostic::error(RESERVED_CAPABILITY, format!("`processContainer.capabilities` must not include the reserved learning-mode capability `{}`", shown(name)))
                    .with_label(item.span, format!("reserved `{reserved}`"))
                    .with_help("MXC injects the learning-mode capabilities itself; use `processContainer.learningMode` or `captureDenials` instead"),
            );
        }
    }
}

/// `outputPath` must be absolute and name a file. Whether its parent exists depends on the host
/// at run time and is not checked.
fn capture_denials(cx: &mut Cx<'_>, pc: &Node) {
    let Some((path, span)) = at(pc, &["captureDenials"]).and_then(|c| str_member(c, "outputPath"))
    else {
        return;
    };
    let windows = cx.header.platform == Platform::Windows;
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 3
        && bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.get(1) == Some(&b':')
        && matches!(bytes.get(2), Some(b'\\' | b'/'));
    let absolute = if windows {
        drive || path.starts_with("\\\\")
    } else {
        path.starts_with('/')
    };
    if !absolute {
        let example = if windows {
            "C:\\logs\\denials.json"
        } else {
            "/var/log/denials.json"
        };
        cx.push(
            Diagnostic::error(CAPTURE_PATH_RELATIVE, "`processContainer.captureDenials.outputPath` must be an absolute path")
                .with_label(span, "relative path")
                .with_help(format!("the report is written by a helper whose working directory is not yours; write an absolute file path such as `{example}`")),
        );
        return;
    }
    let trimmed = path.trim_end_matches(['\\', '/']);
    let is_root = trimmed.is_empty() || (windows && trimmed.len() == 2 && drive);
    if is_root || path.ends_with(['\\', '/']) {
        cx.push(
            Diagnostic::error(
                CAPTURE_PATH_ROOT,
                "`processContainer.captureDenials.outputPath` must name a file, not a directory",
            )
            .with_label(span, "ends with a separator")
            .with_help(
                "MXC writes one JSON report to this path; name the file, e.g. `...\\denials.json`",
            ),
        );
    }
}

/// `allowedProxyPeer` and the ProcessContainer runtime-proxy rules.
fn proxy_peer(cx: &mut Cx<'_>) {
    let net = Net::read(cx);
    if let Some((peer, span)) = net.peer {
        if peer.eq_ignore_ascii_case("MXC-Loopback") {
            cx.push(
                Diagnostic::error(RESERVED_PROXY_PEER, "`processContainer.network.allowedProxyPeer` must not use the reserved `MXC-Loopback` identity")
                    .with_label(span, "reserved identity")
                    .with_help("MXC grants `MXC-Loopback` itself when `hostLoopback` is `allow`; name the proxy's own AppContainer peer instead"),
            );
        }
        if net.runtime_proxy.is_none() {
            cx.push(
                Diagnostic::error(PEER_WITHOUT_PROXY, "`processContainer.network.allowedProxyPeer` requires `runtimeConfig.networkProxy`")
                    .with_label(span, "peer without a proxy")
                    .with_help("the peer is the identity of the runtime proxy; set `runtimeConfig.networkProxy` or remove the peer"),
            );
        }
    }
    if cx.header.backend() != Backend::ProcessContainer || !net.directional {
        return;
    }
    let Some((_, proxy_span)) = net.runtime_proxy else {
        return;
    };
    if !net.ingress_default_allow {
        let at = net
            .ingress
            .and_then(|i| i.get_present("default"))
            .map_or(proxy_span, |d| d.span);
        cx.push(
            Diagnostic::error(PC_PROXY_INGRESS, "a processcontainer runtime proxy requires `network.ingress.default` `allow`")
                .with_label(at, "ingress is denied")
                .with_secondary(proxy_span, "the runtime proxy")
                .with_help("Windows grants loopback to the proxy through `privateNetworkClientServer`, one bidirectional capability; set `ingress.default` to `allow`"),
        );
    }
    let loopback_at = net
        .ingress
        .and_then(|i| i.get_present("hostLoopback"))
        .map_or(proxy_span, |d| d.span);
    match net.peer {
        Some((_, peer_span)) if net.host_loopback_allow => cx.push(
            Diagnostic::error(PC_PROXY_HOST_LOOPBACK, "`network.ingress.hostLoopback` must be `deny` when `allowedProxyPeer` is set")
                .with_label(loopback_at, "host loopback allowed")
                .with_secondary(peer_span, "the proxy peer")
                .with_help("with a proxy peer, only the peer is reachable on loopback; set `hostLoopback` to `deny`"),
        ),
        None if !net.host_loopback_allow => cx.push(
            Diagnostic::error(PC_PROXY_HOST_LOOPBACK, "a processcontainer runtime proxy without `allowedProxyPeer` requires `network.ingress.hostLoopback` `allow`")
                .with_label(loopback_at, "host loopback denied")
                .with_help("without a peer identity the proxy is reached through open host loopback (a development path); set `hostLoopback` to `allow`, or name the proxy in `processContainer.network.allowedProxyPeer`"),
        ),
        _ => {}
    }
}
