//! nftables: a ruleset (`nftables.nft`, format 1) the executor loads inside the sandbox's own
//! network namespace (`nft -f`), never on the host.
//!
//! Egress is one first-match chain: the sandbox's private loopback and established flows,
//! then the proxy endpoint (a loopback proxy is reached through the namespace gateway, as in
//! MXC's bubblewrap backend), then the gateway dropped (host loopback closed), then every
//! deny rule, then every allow rule, then `egress.default` as the chain policy. `except`
//! blocks are lowered by CIDR subtraction, so a rule's excepted addresses fall through to the
//! later rules and the default exactly as `ir::decide` says. `any` with ports becomes TCP and
//! UDP; `icmp` becomes ICMP and ICMPv6.
//!
//! Model (`NetChain`, first match): host loopback addresses stand for the gateway; the
//! private loopback is not a host destination and is not modelled. The gateway address itself
//! is absent from the model, which therefore allows it whenever the policy does (the artifact
//! is stricter there; MX5041).

use std::collections::BTreeMap;
use std::net::IpAddr;

use ir::model::{ArtifactModel, Domain, NetChain, NetModel, NetModelRule};
use ir::net::{Cidr, Family};
use ir::{Action, NetRule, Protocol};

use crate::artifact::{Artifact, Plan};
use crate::context::{EmitContext, Options};
use crate::target::{Capability, Support, Target, TargetId, codes};

/// The file this target writes.
pub const FILE: &str = "nftables.nft";
/// The version of the `nftables.nft` format.
pub const FORMAT_VERSION: u32 = 1;

pub struct Nftables;

/// One rendered rule: the model rule and whether it is printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub rule: NetModelRule,
    /// The nft text, when the rule is printed (loopback rules are enforced by the namespace).
    pub text: Option<String>,
}

/// The typed ruleset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ruleset {
    pub egress: Vec<Line>,
    pub egress_default: Action,
    pub ingress: Vec<Line>,
    pub ingress_default: Action,
    pub proxy_reachable: bool,
}

fn loopback() -> [Cidr; 2] {
    [
        Cidr {
            family: Family::V4,
            addr: 0x7f00_0000,
            prefix: 8,
        },
        Cidr {
            family: Family::V6,
            addr: 1,
            prefix: 128,
        },
    ]
}

/// `outer` minus every block in `holes`, as a list of disjoint CIDRs.
pub fn subtract(outer: Cidr, holes: &[Cidr]) -> Vec<Cidr> {
    let Some(hole) = holes
        .iter()
        .find(|h| h.family == outer.family && (h.covers(outer) || outer.covers(**h)))
    else {
        return vec![outer];
    };
    if hole.covers(outer) {
        return Vec::new();
    }
    let bits = outer.family.bits();
    if outer.prefix >= bits {
        return vec![outer];
    }
    let half = 1u128 << (u32::from(bits) - u32::from(outer.prefix) - 1);
    let lo = Cidr {
        family: outer.family,
        addr: outer.first(),
        prefix: outer.prefix + 1,
    };
    let hi = Cidr {
        family: outer.family,
        addr: outer.first() | half,
        prefix: outer.prefix + 1,
    };
    let mut out = subtract(lo, holes);
    out.extend(subtract(hi, holes));
    out
}

/// A protocol and an optional inclusive port range.
type Selector = ir::net::PortPair;

fn expand(rule: &NetRule) -> Vec<NetModelRule> {
    let mut blocks: Vec<(Option<Family>, Option<Cidr>)> = Vec::new();
    match &rule.to {
        None => blocks.push((None, None)),
        Some(peers) => {
            for peer in peers {
                let holes: Vec<Cidr> = peer.except.iter().map(|(c, _)| *c).collect();
                blocks.extend(
                    subtract(peer.cidr, &holes)
                        .into_iter()
                        .map(|c| (Some(c.family), Some(c))),
                );
            }
        }
    }
    let selectors: Vec<Selector> = ir::net::port_pairs(rule.ports.as_deref());
    let mut out = Vec::new();
    for (family, cidr) in &blocks {
        for (protocol, ports) in &selectors {
            let families: Vec<Option<Family>> =
                if *protocol == Some(Protocol::Icmp) && family.is_none() {
                    vec![Some(Family::V4), Some(Family::V6)]
                } else {
                    vec![*family]
                };
            for family in families {
                out.push(NetModelRule {
                    family,
                    protocol: *protocol,
                    cidr: *cidr,
                    ports: *ports,
                    action: rule.action,
                    origin: rule.origin.to_string(),
                });
            }
        }
    }
    out
}

fn render_rule(rule: &NetModelRule) -> String {
    let mut parts: Vec<String> = Vec::new();
    match (rule.family, rule.cidr) {
        (_, Some(c)) if c.family == Family::V4 => parts.push(format!("ip daddr {c}")),
        (_, Some(c)) => parts.push(format!("ip6 daddr {c}")),
        (Some(Family::V4), None) => parts.push("meta nfproto ipv4".to_owned()),
        (Some(Family::V6), None) => parts.push("meta nfproto ipv6".to_owned()),
        (None, None) => {}
    }
    match (rule.protocol, rule.ports) {
        (Some(Protocol::Icmp), _) => {
            let name = if rule.family == Some(Family::V6) {
                "ipv6-icmp"
            } else {
                "icmp"
            };
            parts.push(format!("meta l4proto {name}"));
        }
        (Some(p), Some((lo, hi))) if lo == hi => parts.push(format!("{p} dport {lo}")),
        (Some(p), Some((lo, hi))) => parts.push(format!("{p} dport {lo}-{hi}")),
        (Some(p), None) => parts.push(format!("meta l4proto {p}")),
        (None, _) => {}
    }
    let verdict = if rule.action == Action::Allow {
        "accept"
    } else {
        "drop"
    };
    parts.push(format!("{verdict} comment \"{}\"", rule.origin));
    parts.join(" ")
}

fn model_only(
    cidr: Cidr,
    protocol: Option<Protocol>,
    ports: Option<(u16, u16)>,
    action: Action,
    origin: &str,
) -> Line {
    Line {
        rule: NetModelRule {
            family: Some(cidr.family),
            protocol,
            cidr: Some(cidr),
            ports,
            action,
            origin: origin.to_owned(),
        },
        text: None,
    }
}

fn policy_word(action: Action) -> &'static str {
    if action == Action::Allow {
        "accept"
    } else {
        "drop"
    }
}

fn render(rules: &Ruleset, options: &Options) -> String {
    let gw = options.host_gateway;
    let mut out = format!(
        "# mxcc nftables.nft format {FORMAT_VERSION}: load inside the sandbox's network namespace\n"
    );
    out.push_str("table inet mxcc\nflush table inet mxcc\n\ntable inet mxcc {\n");
    out.push_str("    chain egress {\n");
    out.push_str(&format!(
        "        type filter hook output priority 0; policy {};\n",
        policy_word(rules.egress_default)
    ));
    out.push_str("        oifname \"lo\" accept comment \"private loopback\"\n");
    out.push_str("        ct state established,related accept\n");
    for line in &rules.egress {
        if let Some(text) = &line.text {
            out.push_str(&format!("        {text}\n"));
        }
        let _ = gw;
    }
    out.push_str("    }\n\n    chain ingress {\n");
    out.push_str(&format!(
        "        type filter hook input priority 0; policy {};\n",
        policy_word(rules.ingress_default)
    ));
    out.push_str("        iifname \"lo\" accept comment \"private loopback\"\n");
    out.push_str("        ct state established,related accept\n");
    for line in &rules.ingress {
        if let Some(text) = &line.text {
            out.push_str(&format!("        {text}\n"));
        }
    }
    out.push_str("    }\n}\n");
    out
}

impl Target for Nftables {
    fn id(&self) -> TargetId {
        TargetId::Nftables
    }

    fn capabilities(&self, _options: &Options) -> Vec<Capability> {
        let row = Capability::new;
        vec![
            row(
                "network.egress",
                Support::Exact,
                "first-match chain, CIDR subtraction for except",
            ),
            row(
                "network.ingress.default",
                Support::Exact,
                "input chain policy",
            ),
            row(
                "network.ingress.hostLoopback",
                Support::Stricter,
                "the host loopback is unreachable",
            ),
            row(
                "network.proxy",
                Support::Exact,
                "reached through the namespace gateway",
            ),
            row(
                "network.allowedHosts (names)",
                Support::None,
                "nftables filters addresses only",
            ),
            row("filesystem", Support::None, "not a filesystem mechanism"),
        ]
    }

    fn emit(&self, policy: &ir::Policy, cx: &mut EmitContext<'_>) -> Option<Artifact> {
        let net = &policy.network;
        let gw = cx.options.host_gateway;
        let mut egress = Vec::new();
        let mut proxy_reachable = false;
        if let Some(proxy) = &net.proxy {
            if proxy.is_loopback() {
                proxy_reachable = true;
                let port = Some((proxy.port, proxy.port));
                egress.push(Line {
                    rule: NetModelRule {
                        family: Some(Family::V4),
                        protocol: Some(Protocol::Tcp),
                        cidr: Some(Cidr {
                            family: Family::V4,
                            addr: u128::from(u32::from(gw)),
                            prefix: 32,
                        }),
                        ports: port,
                        action: Action::Allow,
                        origin: "network.proxy".to_owned(),
                    },
                    text: None,
                });
                if let Some(line) = egress.last_mut() {
                    line.text = Some(render_rule(&line.rule));
                    // The model names the host by its loopback addresses, not the gateway.
                    line.rule.cidr = loopback().first().copied();
                }
                if let Some(v6) = loopback().get(1) {
                    egress.push(model_only(
                        *v6,
                        Some(Protocol::Tcp),
                        port,
                        Action::Allow,
                        "network.proxy",
                    ));
                }
                cx.enforced(
                    "network.proxy",
                    Some(proxy.span),
                    "TCP to the namespace gateway on the proxy port",
                );
            } else {
                cx.approximated(
                    codes::NFT_PROXY_GATEWAY,
                    "network.proxy",
                    Some(proxy.span),
                    format!("the proxy `{}` is not on the host loopback; only egress rules can reach it", proxy.host),
                    "run the proxy on the host loopback",
                );
            }
        }
        let gw_line = NetModelRule {
            family: Some(Family::V4),
            protocol: None,
            cidr: Some(Cidr {
                family: Family::V4,
                addr: u128::from(u32::from(gw)),
                prefix: 32,
            }),
            ports: None,
            action: Action::Deny,
            origin: "host loopback (gateway)".to_owned(),
        };
        egress.push(Line {
            rule: gw_line.clone(),
            text: Some(render_rule(&gw_line)),
        });
        if let Some(last) = egress.last_mut() {
            last.rule.cidr = loopback().first().copied();
        }
        if let Some(v6) = loopback().get(1) {
            egress.push(model_only(
                *v6,
                None,
                None,
                Action::Deny,
                "host loopback (gateway)",
            ));
        }
        if net.host_loopback.value == Action::Allow {
            cx.approximated(
                codes::HOST_LOOPBACK,
                "network.ingress.hostLoopback",
                net.host_loopback.span.or(net.span),
                "the host loopback is unreachable from the sandbox's network namespace".to_owned(),
                "use a proxy on the host loopback for the services the sandbox needs",
            );
        }
        let gw_addr = IpAddr::V4(gw);
        for action in [Action::Deny, Action::Allow] {
            for rule in net.rules.iter().filter(|r| r.action == action) {
                if action == Action::Allow
                    && rule
                        .to
                        .as_ref()
                        .is_none_or(|ps| ps.iter().any(|p| p.matches(gw_addr)))
                {
                    cx.approximated(
                        codes::NFT_PROXY_GATEWAY,
                        rule.origin.to_string(),
                        Some(rule.span),
                        format!(
                            "`{gw}` is the namespace gateway (the host); `{}` does not reach it",
                            rule.origin
                        ),
                        "nothing to do unless the sandbox must reach that address",
                    );
                } else {
                    cx.enforced(rule.origin.to_string(), Some(rule.span), "nft rules");
                }
                for m in expand(rule) {
                    let text = render_rule(&m);
                    egress.push(Line {
                        rule: m,
                        text: Some(text),
                    });
                }
            }
        }
        for host in &net.host_names {
            if host.action == Action::Allow {
                cx.approximated(
                    codes::NFT_HOST_NAME,
                    host.origin.to_string(),
                    Some(host.span),
                    format!("`{}` is a host name; nftables cannot allow it", host.name),
                    "use a proxy that filters names, or list addresses",
                );
            } else {
                cx.gap(
                    codes::NFT_HOST_NAME,
                    host.origin.to_string(),
                    Some(host.span),
                    format!("`{}` is a host name; nftables cannot block it", host.name),
                    "list its addresses in a deny rule",
                    &[],
                );
            }
        }
        cx.enforced(
            "network.egress.default",
            net.egress_default.span,
            "chain policy",
        );
        let mut ingress: Vec<Line> = loopback()
            .iter()
            .map(|c| model_only(*c, None, None, Action::Deny, "host loopback (namespace)"))
            .collect();
        ingress.shrink_to_fit();
        if net.ingress_default.value == Action::Allow {
            cx.approximated(
                codes::NFT_INGRESS,
                "network.ingress.default",
                net.ingress_default.span.or(net.span),
                "inbound traffic is accepted in the namespace, but arrives only through ports the executor forwards".to_owned(),
                "configure port forwarding in the executor",
            );
        } else {
            cx.enforced(
                "network.ingress.default",
                net.ingress_default.span,
                "chain policy",
            );
        }
        let ruleset = Ruleset {
            egress,
            egress_default: net.egress_default.value,
            ingress,
            ingress_default: net.ingress_default.value,
            proxy_reachable,
        };
        let mut files = BTreeMap::new();
        files.insert(FILE, render(&ruleset, cx.options).into_bytes());
        let assumptions = vec![
            "the ruleset is loaded inside the sandbox's own network namespace before the command starts".to_owned(),
            format!("the namespace reaches the host only through the gateway {gw} (slirp4netns)"),
        ];
        Some(Artifact {
            target: TargetId::Nftables,
            format_version: FORMAT_VERSION,
            files,
            assumptions,
            plan: Plan::Nftables(ruleset),
        })
    }

    fn model(&self, artifact: &Artifact) -> ArtifactModel {
        let net = match &artifact.plan {
            Plan::Nftables(r) => Domain::Enforced(NetModel {
                egress: NetChain {
                    rules: r.egress.iter().map(|l| l.rule.clone()).collect(),
                    default: r.egress_default,
                },
                ingress: NetChain {
                    rules: r.ingress.iter().map(|l| l.rule.clone()).collect(),
                    default: r.ingress_default,
                },
                proxy_reachable: r.proxy_reachable,
            }),
            _ => Domain::Unconstrained,
        };
        ArtifactModel {
            target: "nftables",
            fs: Domain::Unconstrained,
            net,
            ui: Domain::NotApplicable("nftables does not mediate UI".to_owned()),
        }
    }
}
