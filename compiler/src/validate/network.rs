//! Network rules: the version gate for directional fields, legacy/directional exclusivity and the
//! shape of 0.8 egress rules (CIDRs, `except`, ports, ICMP, empty arrays).
//!
//! [`Net`] is the shared view of a config's network settings that the proxy and backend rules
//! read, with MXC's defaults applied.

use ir::net::CidrError;
use ir::{Cidr, Diagnostic, Span};

use crate::syntax::{Member, Node};
use crate::validate::{
    Cx, DIRECTIONAL_NEEDS_0_8, DNS_NAME_IN_RULE, EMPTY_RULE_ARRAY, END_PORT_BELOW_PORT,
    END_PORT_WITHOUT_PORT, EXCEPT_NOT_CONTAINED, ICMP_WITH_PORT, INVALID_CIDR,
    MIXED_NETWORK_SHAPES, at, shown, str_member,
};

/// Legacy network fields (`select_network_format`).
const LEGACY: [&str; 6] = [
    "defaultPolicy",
    "enforcementMode",
    "allowLocalNetwork",
    "allowedHosts",
    "blockedHosts",
    "proxy",
];

/// The network settings of a config, as MXC's parser resolves them.
pub(crate) struct Net<'a> {
    pub(crate) network: Option<&'a Node>,
    /// Legacy members present under `network`.
    pub(crate) legacy: Vec<&'a Member>,
    /// Directional keys present, `null` included: their dotted name and key span.
    pub(crate) directional_keys: Vec<(&'static str, Span)>,
    /// Directional settings populated (`egress`, `ingress`, `runtimeConfig.networkProxy`,
    /// `processContainer.network.allowedProxyPeer`): their section's name and key span.
    pub(crate) directional_fields: Vec<(&'static str, Span)>,
    /// True when MXC parses the config in the directional (0.8) shape.
    pub(crate) directional: bool,
    pub(crate) egress: Option<&'a Node>,
    pub(crate) ingress: Option<&'a Node>,
    pub(crate) egress_default_allow: bool,
    /// The first non-empty `egress.allow` or `egress.deny` array.
    pub(crate) egress_rules: Option<Span>,
    pub(crate) ingress_default_allow: bool,
    pub(crate) host_loopback_allow: bool,
    pub(crate) runtime_proxy: Option<(&'a str, Span)>,
    pub(crate) peer: Option<(&'a str, Span)>,
    pub(crate) default_allow: bool,
    /// `enforcementMode`, `capabilities` when absent.
    pub(crate) enforcement: &'a str,
    pub(crate) allow_local: Option<(bool, Span)>,
    pub(crate) allowed_hosts: &'a [Node],
    pub(crate) blocked_hosts: &'a [Node],
    pub(crate) proxy: Option<&'a Node>,
}

impl<'a> Net<'a> {
    pub(crate) fn read(cx: &Cx<'a>) -> Net<'a> {
        let network = cx.at(&["network"]);
        let legacy: Vec<&Member> = network
            .map(|n| {
                n.members()
                    .iter()
                    .filter(|m| LEGACY.contains(&m.key.as_str()) && !m.value.is_null())
                    .collect()
            })
            .unwrap_or_default();
        // The version gate tests key presence, `null` included; the legacy/directional mix
        // counts only populated directional settings (`select_network_format`).
        let mut directional_keys = Vec::new();
        let mut directional_fields = Vec::new();
        if let Some(n) = network {
            for (key, name) in [("egress", "network.egress"), ("ingress", "network.ingress")] {
                if let Some(m) = n.member(key) {
                    directional_keys.push((name, m.key_span));
                    if !m.value.is_null() {
                        directional_fields.push((name, m.key_span));
                    }
                }
            }
        }
        if let Some(m) = cx.root.member("runtimeConfig") {
            directional_keys.push(("runtimeConfig", m.key_span));
            if m.value
                .member("networkProxy")
                .is_some_and(|p| !p.value.is_null())
            {
                directional_fields.push(("runtimeConfig", m.key_span));
            }
        }
        if let Some(m) = cx.process_container().and_then(|pc| pc.member("network")) {
            directional_keys.push(("processContainer.network", m.key_span));
            if m.value
                .member("allowedProxyPeer")
                .is_some_and(|p| !p.value.is_null())
            {
                directional_fields.push(("processContainer.network", m.key_span));
            }
        }
        let directional = cx.header.version_at_least(0, 8) && legacy.is_empty();
        let egress = network.and_then(|n| n.get_present("egress"));
        let ingress = network.and_then(|n| n.get_present("ingress"));
        let is = |node: Option<&Node>, key: &str, value: &str| {
            node.and_then(|n| n.get_present(key)).and_then(Node::as_str) == Some(value)
        };
        let egress_rules = egress.and_then(|e| {
            ["deny", "allow"].iter().find_map(|k| {
                e.get_present(k)
                    .filter(|a| !a.items().is_empty())
                    .map(|a| a.span)
            })
        });
        let ingress_default_allow = is(ingress, "default", "allow");
        let list = |key: &str| {
            network
                .and_then(|n| n.get_present(key))
                .map_or(&[][..], Node::items)
        };
        Net {
            network,
            legacy,
            directional_keys,
            directional_fields,
            directional,
            egress,
            ingress,
            egress_default_allow: is(egress, "default", "allow"),
            egress_rules,
            ingress_default_allow,
            host_loopback_allow: is(ingress, "hostLoopback", "allow"),
            runtime_proxy: cx
                .at(&["runtimeConfig"])
                .and_then(|r| str_member(r, "networkProxy")),
            peer: cx
                .process_container()
                .and_then(|pc| at(pc, &["network"]))
                .and_then(|n| str_member(n, "allowedProxyPeer")),
            default_allow: is(network, "defaultPolicy", "allow"),
            enforcement: network
                .and_then(|n| n.get_present("enforcementMode"))
                .and_then(Node::as_str)
                .unwrap_or("capabilities"),
            allow_local: network
                .and_then(|n| n.get_present("allowLocalNetwork"))
                .and_then(|v| Some((v.as_bool()?, v.span))),
            allowed_hosts: list("allowedHosts"),
            blocked_hosts: list("blockedHosts"),
            proxy: network.and_then(|n| n.get_present("proxy")),
        }
    }

    pub(crate) fn has_host_lists(&self) -> bool {
        !self.allowed_hosts.is_empty() || !self.blocked_hosts.is_empty()
    }

    /// The span of the first non-empty host list.
    pub(crate) fn host_lists_span(&self) -> Option<Span> {
        self.network.and_then(|n| {
            ["allowedHosts", "blockedHosts"].iter().find_map(|k| {
                n.member(k)
                    .filter(|m| !m.value.items().is_empty())
                    .map(|m| m.key_span)
            })
        })
    }

    /// The span of a legacy member's key.
    pub(crate) fn legacy_span(&self, key: &str) -> Option<Span> {
        self.legacy
            .iter()
            .find(|m| m.key == key)
            .map(|m| m.key_span)
    }
}

pub(crate) fn check(cx: &mut Cx<'_>) {
    let net = Net::read(cx);
    if cx.production() {
        if !cx.header.version_at_least(0, 8) {
            let declared = cx.header.version.as_ref().map_or_else(
                || "no `version`".to_owned(),
                |v| format!("`version` `{}`", v.raw),
            );
            for (name, span) in &net.directional_keys {
                cx.push(
                    Diagnostic::error(DIRECTIONAL_NEEDS_0_8, format!("`{name}` requires schema version 0.8 or later"))
                        .with_label(*span, format!("the config declares {declared}"))
                        .with_help("directional network fields exist from schema 0.8 on, and an absent `version` counts as older; declare `\"version\": \"0.8.0-alpha\"` or use the legacy fields"),
                );
            }
        } else if let (Some(first_legacy), Some((name, span))) =
            (net.legacy.first(), net.directional_fields.first())
        {
            cx.push(
                Diagnostic::error(MIXED_NETWORK_SHAPES, format!("`{name}` cannot be mixed with the legacy field `network.{}`", first_legacy.key))
                    .with_label(*span, "directional (0.8) network field")
                    .with_secondary(first_legacy.key_span, "legacy network field")
                    .with_help("MXC reads the network either as legacy (`defaultPolicy`, `enforcementMode`, `allowLocalNetwork`, `allowedHosts`, `blockedHosts`, `proxy`) or as directional (`egress`, `ingress`, `runtimeConfig`, `processContainer.network`); move to one shape"),
            );
        }
    }
    if let Some(egress) = net.egress {
        for list in ["allow", "deny"] {
            let Some(rules) = egress.get_present(list) else {
                continue;
            };
            for (i, rule) in rules.items().iter().enumerate() {
                check_rule(cx, rule, &format!("network.egress.{list}[{i}]"));
            }
        }
    }
}

fn check_rule(cx: &mut Cx<'_>, rule: &Node, at_rule: &str) {
    for (key, what) in [("to", "destination"), ("ports", "port selector")] {
        if let Some(m) = rule.member(key).filter(|m| !m.value.is_null())
            && m.value.items().is_empty()
            && matches!(m.value.kind, crate::syntax::NodeKind::Array(_))
        {
            cx.push(
                    Diagnostic::error(EMPTY_RULE_ARRAY, format!("`{at_rule}.{key}` must contain at least one {what} when specified"))
                        .with_label(m.value.span, "empty array")
                        .with_help(format!(
                            "an omitted `{key}` matches everything, while an empty one would match nothing; remove `{key}` or list at least one {what}"
                        )),
                );
        }
    }
    if !cx.production() {
        return;
    }
    if let Some(to) = rule.get_present("to") {
        for (j, peer) in to.items().iter().enumerate() {
            check_peer(cx, peer, &format!("{at_rule}.to[{j}]"));
        }
    }
    if let Some(ports) = rule.get_present("ports") {
        for (j, selector) in ports.items().iter().enumerate() {
            check_ports(cx, selector, &format!("{at_rule}.ports[{j}]"));
        }
    }
}

fn check_peer(cx: &mut Cx<'_>, peer: &Node, at_peer: &str) {
    let Some((raw, span)) = str_member(peer, "cidr") else {
        return;
    };
    let Some(cidr) = parse_cidr(cx, raw, span, &format!("{at_peer}.cidr")) else {
        return;
    };
    let Some(excepts) = peer.get_present("except") else {
        return;
    };
    for (k, item) in excepts.items().iter().enumerate() {
        let Some(text) = item.as_str() else { continue };
        let name = format!("{at_peer}.except[{k}]");
        let Some(except) = parse_cidr(cx, text, item.span, &name) else {
            continue;
        };
        // MXC compares the families as written: an IPv4-mapped IPv6 block is IPv6 there.
        let same_family = written_v6(raw) == written_v6(text);
        if !same_family || !cidr.covers(except) {
            let why = if same_family {
                "it lies outside the peer"
            } else {
                "it is of another address family"
            };
            cx.push(
                Diagnostic::error(EXCEPT_NOT_CONTAINED, format!("`{name}` `{}` must be contained within `{at_peer}.cidr` `{}`", shown(text), shown(raw)))
                    .with_label(item.span, why)
                    .with_secondary(span, "the peer")
                    .with_help("`except` carves addresses out of its peer, so each entry must be a block of the same family inside the peer's CIDR; fix or remove the entry"),
            );
        }
    }
}

/// True when a CIDR is written as an IPv6 address (IPv4-mapped ones included).
fn written_v6(raw: &str) -> bool {
    raw.contains(':')
}

/// Parses a rule CIDR as MXC does (host bits must be zero, names rejected).
fn parse_cidr(cx: &mut Cx<'_>, raw: &str, span: Span, name: &str) -> Option<Cidr> {
    match Cidr::parse(raw) {
        Ok(c) => Some(c),
        Err(CidrError::NotAnAddress) if looks_like_dns_name(raw) => {
            cx.push(
                Diagnostic::error(DNS_NAME_IN_RULE, format!("`{name}` is the DNS name `{}`, not an IP address or CIDR", shown(raw)))
                    .with_label(span, "DNS name")
                    .with_help("0.8 network rules take IP literals and CIDRs only, because MXC does not resolve names on the caller's behalf; write the address blocks the name stands for"),
            );
            None
        }
        Err(e) => {
            cx.push(
                Diagnostic::error(INVALID_CIDR, format!("`{name}` `{}` must be a valid network CIDR: {e}", shown(raw)))
                    .with_label(span, "invalid CIDR")
                    .with_help(match e {
                        CidrError::HostBitsSet => "write the network address of the block, e.g. `10.0.0.0/8` rather than `10.0.0.1/8`",
                        _ => "write an IPv4 or IPv6 address, optionally with a prefix length, e.g. `192.0.2.0/24` or `2001:db8::/32`",
                    }),
            );
            None
        }
    }
}

/// True for strings such as `example.com`: letters, digits, `-` and `.`, with a letter.
pub(crate) fn looks_like_dns_name(s: &str) -> bool {
    let host = s.split('/').next().unwrap_or(s);
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '*')
        && host.chars().any(|c| c.is_ascii_alphabetic())
}

fn check_ports(cx: &mut Cx<'_>, selector: &Node, at_sel: &str) {
    let port = selector.get_present("port");
    let end = selector.member("endPort").filter(|m| !m.value.is_null());
    let protocol = selector.get_present("protocol").and_then(Node::as_str);
    if protocol == Some("icmp") {
        for key in ["port", "endPort"] {
            if let Some(m) = selector.member(key).filter(|m| !m.value.is_null()) {
                cx.push(
                    Diagnostic::error(ICMP_WITH_PORT, format!("`{at_sel}` cannot specify `{key}` for protocol `icmp`"))
                        .with_label(m.key_span, "ICMP has no ports")
                        .with_help("ICMP has no port numbers, so a port would never match; remove it, or use `tcp`, `udp` or `any`"),
                );
            }
        }
        return;
    }
    let Some(end) = end else { return };
    match port.and_then(Node::as_int) {
        None if port.is_none() => cx.push(
            Diagnostic::error(
                END_PORT_WITHOUT_PORT,
                format!("`{at_sel}.endPort` requires `port`"),
            )
            .with_label(end.key_span, "range end without a start")
            .with_help(
                "`endPort` ends the range that `port` starts; add `port` or remove `endPort`",
            ),
        ),
        Some(start) => {
            if let Some(stop) = end.value.as_int()
                && stop < start
            {
                cx.push(
                        Diagnostic::error(END_PORT_BELOW_PORT, format!("`{at_sel}.endPort` {stop} is below `port` {start}"))
                            .with_label(end.value.span, "ends before it starts")
                            .with_help("the range `port`..=`endPort` would be empty; swap the two values or drop `endPort`"),
                    );
            }
        }
        None => {}
    }
}
