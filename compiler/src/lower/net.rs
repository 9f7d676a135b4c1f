//! `network`, `runtimeConfig.networkProxy` and `processContainer.network` to one [`ir::Network`].
//!
//! Legacy and directional shapes lower to the same rule model:
//! - `defaultPolicy: allow|block` is `egress.default: allow|deny`;
//! - IP/CIDR `allowedHosts` / `blockedHosts` entries are allow / deny rules on every port, and
//!   DNS names are kept as [`ir::net::HostName`]s, which no address rule decides;
//! - `allowLocalNetwork` is `ingress.default`;
//! - legacy configs have no host-loopback setting: it follows `defaultPolicy`, because every
//!   backend that allows legacy egress shares the host network namespace, loopback included.
//!
//! At 0.8 and later a config with no legacy field is directional, with MXC's synthesised
//! defaults (egress, ingress and host loopback all denied).

use ir::net::{EnforcementMode, HostName, NetworkShape};
use ir::{
    Action, Cidr, NetRule, Network, Peer, PortSelector, ProtocolSelector, Proxy, ProxyKind,
    RuleOrigin, Setting,
};

use crate::header::Header;
use crate::lower::lost::{self, Lost};
use crate::lower::read;
use crate::syntax::Node;

const LEGACY_FIELDS: [&str; 6] = [
    "defaultPolicy",
    "enforcementMode",
    "allowLocalNetwork",
    "allowedHosts",
    "blockedHosts",
    "proxy",
];

pub(crate) fn lower(root: &Node, header: &Header, lost: &mut Vec<Lost>) -> Network {
    let node = root.get_present("network");
    let mut net = Network {
        span: node.map(|n| n.span),
        ..Network::default()
    };
    let legacy = node.is_some_and(|n| LEGACY_FIELDS.iter().any(|f| n.get_present(f).is_some()));
    let directional = node
        .is_some_and(|n| n.get_present("egress").is_some() || n.get_present("ingress").is_some())
        || root
            .get_present("runtimeConfig")
            .is_some_and(|r| r.get_present("networkProxy").is_some());
    if legacy || (!directional && !header.version_at_least(0, 8)) {
        lower_legacy(node, &mut net, lost);
    } else {
        lower_directional(root, node, &mut net, lost);
    }
    net
}

fn action(s: &str) -> Option<Action> {
    match s {
        "allow" => Some(Action::Allow),
        "deny" | "block" => Some(Action::Deny),
        _ => None,
    }
}

fn lower_legacy(node: Option<&Node>, net: &mut Network, lost: &mut Vec<Lost>) {
    net.shape = NetworkShape::Legacy;
    let Some(node) = node else { return };
    net.egress_default = read::choice(node.get_present("defaultPolicy"), Action::Deny, action);
    net.host_loopback = Setting::default_value(net.egress_default.value);
    net.ingress_default = match read::boolean(node.get_present("allowLocalNetwork"), false) {
        Setting { value: true, span } => Setting {
            value: Action::Allow,
            span,
        },
        Setting { value: false, span } => Setting {
            value: Action::Deny,
            span,
        },
    };
    net.enforcement_mode = read::choice(
        node.get_present("enforcementMode"),
        EnforcementMode::Capabilities,
        |s| match s {
            "capabilities" => Some(EnforcementMode::Capabilities),
            "firewall" => Some(EnforcementMode::Firewall),
            "both" => Some(EnforcementMode::Both),
            _ => None,
        },
    );
    for (list, act) in [
        ("blockedHosts", Action::Deny),
        ("allowedHosts", Action::Allow),
    ] {
        let Some(items) = node.get_present(list) else {
            continue;
        };
        for (i, item) in items.items().iter().enumerate() {
            let Some(raw) = item.as_str() else { continue };
            let origin = if act == Action::Deny {
                RuleOrigin::BlockedHost(i)
            } else {
                RuleOrigin::AllowedHost(i)
            };
            match Cidr::parse(raw.trim()) {
                Ok(cidr) => net.rules.push(NetRule {
                    action: act,
                    to: Some(vec![Peer {
                        cidr,
                        except: Vec::new(),
                        span: item.span,
                    }]),
                    ports: None,
                    origin,
                    span: item.span,
                }),
                Err(_) => net.host_names.push(HostName {
                    action: act,
                    name: raw.trim().trim_end_matches('.').to_lowercase(),
                    origin,
                    span: item.span,
                }),
            }
        }
    }
    net.proxy = node
        .get_present("proxy")
        .and_then(|proxy| legacy_proxy(proxy, lost));
}

fn legacy_proxy(node: &Node, lost: &mut Vec<Lost>) -> Option<Proxy> {
    let localhost = node.get_present("localhost");
    if let Some((port, _)) = lost::int::<u16>(localhost, "network.proxy.localhost", lost) {
        return Some(Proxy {
            kind: ProxyKind::Localhost,
            host: "127.0.0.1".to_owned(),
            port,
            scheme: "http".to_owned(),
            span: node.span,
        });
    }
    if node
        .get_present("builtinTestServer")
        .and_then(Node::as_bool)
        == Some(true)
    {
        return Some(Proxy {
            kind: ProxyKind::BuiltinTestServer,
            host: "127.0.0.1".to_owned(),
            port: 0,
            scheme: "http".to_owned(),
            span: node.span,
        });
    }
    let url = node.get_present("url")?;
    url_proxy(url.as_str()?, ProxyKind::Url, url.span)
}

/// Reads a proxy URL as MXC does (the `url` crate: host normalised, IPv6 in brackets); `None`
/// when it does not parse or has no explicit port, which validation reports.
pub(crate) fn url_proxy(url: &str, kind: ProxyKind, span: ir::Span) -> Option<Proxy> {
    let url = crate::validate::parse_proxy_url(url).ok()?;
    Some(Proxy {
        kind,
        host: url.host_str()?.to_owned(),
        port: url.port()?,
        scheme: url.scheme().to_owned(),
        span,
    })
}

fn lower_directional(root: &Node, node: Option<&Node>, net: &mut Network, lost: &mut Vec<Lost>) {
    net.shape = NetworkShape::Directional;
    if let Some(egress) = node.and_then(|n| n.get_present("egress")) {
        net.egress_default = read::choice(egress.get_present("default"), Action::Deny, action);
        for (key, act) in [("deny", Action::Deny), ("allow", Action::Allow)] {
            let Some(rules) = egress.get_present(key) else {
                continue;
            };
            for (i, rule) in rules.items().iter().enumerate() {
                let origin = if act == Action::Deny {
                    RuleOrigin::EgressDeny(i)
                } else {
                    RuleOrigin::EgressAllow(i)
                };
                net.rules.push(NetRule {
                    action: act,
                    to: rule
                        .get_present("to")
                        .map(|to| to.items().iter().filter_map(peer).collect()),
                    ports: rule.get_present("ports").map(|p| {
                        p.items()
                            .iter()
                            .filter_map(|s| port_selector(s, lost))
                            .collect()
                    }),
                    origin,
                    span: rule.span,
                });
            }
        }
    }
    if let Some(ingress) = node.and_then(|n| n.get_present("ingress")) {
        net.ingress_default = read::choice(ingress.get_present("default"), Action::Deny, action);
        net.host_loopback = read::choice(ingress.get_present("hostLoopback"), Action::Deny, action);
    }
    net.proxy = root
        .get_present("runtimeConfig")
        .and_then(|r| r.get_present("networkProxy"))
        .and_then(|n| url_proxy(n.as_str()?, ProxyKind::Runtime, n.span));
}

fn peer(node: &Node) -> Option<Peer> {
    let cidr = Cidr::parse(node.get_present("cidr")?.as_str()?.trim()).ok()?;
    let except = node
        .get_present("except")
        .map_or(&[][..], Node::items)
        .iter()
        .filter_map(|e| Some((Cidr::parse(e.as_str()?.trim()).ok()?, e.span)))
        .collect();
    Some(Peer {
        cidr,
        except,
        span: node.span,
    })
}

fn port_selector(node: &Node, lost: &mut Vec<Lost>) -> Option<PortSelector> {
    let protocol = match node.get_present("protocol").and_then(Node::as_str) {
        None | Some("any") => ProtocolSelector::Any,
        Some("tcp") => ProtocolSelector::Tcp,
        Some("udp") => ProtocolSelector::Udp,
        Some("icmp") => ProtocolSelector::Icmp,
        Some(_) => return None,
    };
    let (port_node, end_node) = (node.get_present("port"), node.get_present("endPort"));
    let port = lost::int::<u16>(port_node, "port", lost).map(|(p, _)| p);
    let end = lost::int::<u16>(end_node, "endPort", lost).map(|(e, _)| e);
    // A port that is present but unreadable never widens the selector to every port.
    if port.is_none() && port_node.is_some() || end.is_none() && end_node.is_some() {
        return None;
    }
    let range = match (port, end) {
        (Some(p), Some(e)) if e >= p && p > 0 => Some((p, e)),
        (Some(p), None) if p > 0 => Some((p, p)),
        (None, None) => None,
        // Invalid combinations are validation errors; keep nothing rather than widen.
        _ => return None,
    };
    Some(PortSelector {
        protocol,
        range,
        span: node.span,
    })
}
