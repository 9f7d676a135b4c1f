//! Backend-section rules: LXC's required fields, the moved seatbelt section, WSLC port
//! mappings, IsolationSession's network acknowledgment, and the sections backends refuse.

use std::collections::BTreeMap;

use ir::{Backend, Diagnostic, Phase, Span};

use crate::syntax::Node;
use crate::validate::network::Net;
use crate::validate::{
    BACKEND_REFUSES_FIELD, Cx, EXPERIMENTAL_SEATBELT_MOVED, ISOLATION_NETWORK_ACK, LXC_INCOMPLETE,
    WSB_NETWORK, WSLC_DUPLICATE_PORT, WSLC_PORT_ZERO, at, key_span,
};

pub(crate) fn check(cx: &mut Cx<'_>) {
    lxc(cx);
    seatbelt_moved(cx);
    isolation_session(cx);
    if cx.production() && !cx.header.is_state_aware() {
        wslc_ports(cx);
        refused_fields(cx);
    }
}

/// LXC needs `distribution` and `release`: the exact contract when the section is present, the
/// production runner whenever the backend is LXC.
fn lxc(cx: &mut Cx<'_>) {
    let section = cx.at(&["lxc"]);
    let applies = if cx.header.exact {
        section.is_some()
    } else {
        cx.header.backend() == Backend::Lxc && !cx.header.is_state_aware()
    };
    if !applies {
        return;
    }
    let missing: Vec<&str> = ["distribution", "release"]
        .into_iter()
        .filter(|k| section.and_then(|s| s.get_present(k)).is_none())
        .collect();
    if missing.is_empty() {
        return;
    }
    let (span, label) = match section {
        Some(s) => (key_span(cx.root, "lxc", s.span), "this section".to_owned()),
        None => (
            cx.header
                .containment
                .requested
                .as_ref()
                .map_or(cx.root.span, |r| r.span),
            "the lxc backend has no `lxc` section".to_owned(),
        ),
    };
    let names = missing
        .iter()
        .map(|m| format!("`lxc.{m}`"))
        .collect::<Vec<_>>()
        .join(" and ");
    cx.push(
        Diagnostic::error(LXC_INCOMPLETE, format!("the lxc backend needs {names}"))
            .with_label(span, label)
            .with_help("LXC creates the container from a downloaded image named by distribution and release; add both, e.g. `\"lxc\": { \"distribution\": \"alpine\", \"release\": \"3.23\" }`"),
    );
}

fn seatbelt_moved(cx: &mut Cx<'_>) {
    let Some(experimental) = cx.at(&["experimental"]) else {
        return;
    };
    for key in ["seatbelt", "macos_sandbox"] {
        if let Some(m) = experimental.member(key).filter(|m| !m.value.is_null()) {
            cx.push(
                Diagnostic::error(EXPERIMENTAL_SEATBELT_MOVED, format!("`experimental.{key}` has moved to the stable section"))
                    .with_label(m.key_span, "pre-0.7 location")
                    .with_help("since 0.7 the seatbelt settings live in the top-level `seatbelt` section; move the fields there"),
            );
        }
    }
}

/// IsolationSession has no network control: the caller must acknowledge unrestricted network.
fn isolation_session(cx: &mut Cx<'_>) {
    if cx.header.backend() != Backend::IsolationSession {
        return;
    }
    let phase = cx.header.phase.as_ref().map(|p| p.value);
    let applies = match phase {
        Some(Phase::Provision) => true,
        None => cx.production() && cx.root.get_present("phase").is_none(),
        Some(_) => false,
    };
    if !applies {
        return;
    }
    let help = "an isolation session cannot restrict the network, so MXC requires the acknowledgment `\"network\": { \"defaultPolicy\": \"allow\", \"allowLocalNetwork\": true }`";
    let Some(network) = cx.at(&["network"]) else {
        let span = cx
            .header
            .containment
            .requested
            .as_ref()
            .map_or(cx.root.span, |r| r.span);
        cx.push(
            Diagnostic::error(
                ISOLATION_NETWORK_ACK,
                "an isolation_session request needs the unrestricted-network acknowledgment",
            )
            .with_label(span, "no `network` section")
            .with_help(help),
        );
        return;
    };
    let net_span = key_span(cx.root, "network", network.span);
    let default_ok = network.get_present("defaultPolicy").and_then(Node::as_str) == Some("allow");
    let local_ok = network
        .get_present("allowLocalNetwork")
        .and_then(Node::as_bool)
        == Some(true);
    if !default_ok || !local_ok {
        let (span, what) = if !default_ok {
            (
                network
                    .get_present("defaultPolicy")
                    .map_or(net_span, |n| n.span),
                "`defaultPolicy` must be `allow`",
            )
        } else {
            (
                network
                    .get_present("allowLocalNetwork")
                    .map_or(net_span, |n| n.span),
                "`allowLocalNetwork` must be `true`",
            )
        };
        cx.push(
            Diagnostic::error(
                ISOLATION_NETWORK_ACK,
                "the isolation_session network acknowledgment is incomplete",
            )
            .with_label(span, what)
            .with_help(help),
        );
    }
    if cx.production() {
        for m in network.members() {
            if m.value.is_null() || matches!(m.key.as_str(), "defaultPolicy" | "allowLocalNetwork")
            {
                continue;
            }
            cx.push(
                Diagnostic::error(ISOLATION_NETWORK_ACK, format!("`network.{}` is not accepted by the isolation_session backend", m.key))
                    .with_label(m.key_span, "network restriction")
                    .with_help("an isolation session has no network control, so only the acknowledgment fields are accepted; remove it"),
            );
        }
    }
}

/// `experimental.wslc.portMappings`: ports above zero, one mapping per host port and protocol.
fn wslc_ports(cx: &mut Cx<'_>) {
    let Some(mappings) = cx.at(&["experimental", "wslc", "portMappings"]) else {
        return;
    };
    let mut seen: BTreeMap<(i128, String), Span> = BTreeMap::new();
    for (i, mapping) in mappings.items().iter().enumerate() {
        for key in ["windowsPort", "containerPort"] {
            if let Some(v) = mapping.get_present(key).filter(|v| v.as_int() == Some(0)) {
                cx.push(
                    Diagnostic::error(WSLC_PORT_ZERO, format!("`experimental.wslc.portMappings[{i}].{key}` must be greater than 0"))
                        .with_label(v.span, "port 0")
                        .with_help("port 0 means \"any port\" to the OS and cannot be forwarded; use a port between 1 and 65535"),
                );
            }
        }
        let Some(port) = mapping.get_present("windowsPort") else {
            continue;
        };
        let Some(number) = port.as_int().filter(|n| *n > 0) else {
            continue;
        };
        let protocol = mapping
            .get_present("protocol")
            .and_then(Node::as_str)
            .unwrap_or("tcp")
            .to_owned();
        if let Some(first) = seen.get(&(number, protocol.clone())) {
            cx.push(
                Diagnostic::error(WSLC_DUPLICATE_PORT, format!("duplicate `windowsPort` {number} for protocol `{protocol}`"))
                    .with_label(port.span, "mapped again")
                    .with_secondary(*first, "first mapping")
                    .with_help("a host port can forward to only one container port; remove or change one mapping"),
            );
        } else {
            seen.insert((number, protocol), port.span);
        }
    }
}

/// Sections and fields a backend's `validate()` refuses outright.
fn refused_fields(cx: &mut Cx<'_>) {
    let backend = cx.header.backend();
    let name = backend.as_str();
    let refuse = |cx: &mut Cx<'_>, span: Span, field: &str, why: &str| {
        cx.push(
            Diagnostic::error(
                BACKEND_REFUSES_FIELD,
                format!("the `{name}` backend does not accept `{field}`"),
            )
            .with_label(span, "refused by this backend")
            .with_help(why.to_owned()),
        );
    };
    match backend {
        Backend::IsolationSession => {
            for key in ["filesystem", "ui", "lifecycle"] {
                if let Some(m) = cx.root.member(key).filter(|m| !m.value.is_null()) {
                    refuse(
                        cx,
                        m.key_span,
                        key,
                        "an isolation session runs as a fresh user account without filesystem, UI or lifecycle control; remove the section",
                    );
                }
            }
        }
        Backend::MicroVm => {
            if let Some(d) =
                at(cx.root, &["filesystem", "deniedPaths"]).filter(|d| !d.items().is_empty())
            {
                refuse(
                    cx,
                    d.span,
                    "filesystem.deniedPaths",
                    "the microVM sees only the paths it is given, so there is nothing to deny; remove `deniedPaths`",
                );
            }
            if let Some(c) = cx.at(&["process", "cwd"]) {
                refuse(
                    cx,
                    c.span,
                    "process.cwd",
                    "the microVM chooses its own working directory; remove `cwd`",
                );
            }
        }
        Backend::Hyperlight => {
            if let Some(c) = cx.at(&["process", "cwd"]) {
                refuse(
                    cx,
                    c.span,
                    "process.cwd",
                    "the Hyperlight sandbox chooses its own working directory; remove `cwd`",
                );
            }
            let net = Net::read(cx);
            if !net.allowed_hosts.is_empty() && !net.blocked_hosts.is_empty() {
                let span = net.legacy_span("blockedHosts").unwrap_or(cx.root.span);
                refuse(
                    cx,
                    span,
                    "network.blockedHosts",
                    "Hyperlight filters with either an allow list or a block list, not both; keep one",
                );
            }
        }
        Backend::WindowsSandbox => {
            let net = Net::read(cx);
            if net.default_allow {
                let span = net.legacy_span("defaultPolicy").unwrap_or(cx.root.span);
                cx.push(
                    Diagnostic::error(WSB_NETWORK, "the windows_sandbox backend supports only `defaultPolicy` `block`")
                        .with_label(span, "network allowed")
                        .with_help("Windows Sandbox's guest firewall blocks all traffic but the host control connection; remove `defaultPolicy` or set it to `block`"),
                );
            }
        }
        _ => {}
    }
}
