//! Quantitative findings: how much of the network a policy reaches, and which sensitive
//! locations it exposes.
//!
//! Address and port counts are exact. The address space of each family is cut at every CIDR
//! boundary the rules mention (peers and `except` blocks), so every rule matches each piece
//! either entirely or not at all; one representative address per piece decides the piece.
//! Within a piece the reachable (protocol, port) set is `(allow ∪ default) − deny`, exactly
//! [`ir::decide`]'s order. Host loopback (decided by `hostLoopback`, not by rules) and, for
//! IPv6, the IPv4-mapped range (decided as IPv4) are left out of the address counts.

use ir::catalog::Kind;
use ir::fs::FsOp;
use ir::net::{Family, ip_of};
use ir::{Action, Cidr, NetRule, Peer, Policy, PortSelector, ProtocolSelector};
use serde::Serialize;

use crate::context::{Cx, Sensitive};

/// Inclusive port intervals, sorted and disjoint.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Ports(Vec<(u16, u16)>);

impl Ports {
    pub(crate) const ALL: (u16, u16) = (0, u16::MAX);

    pub(crate) fn all() -> Ports {
        Ports(vec![Ports::ALL])
    }

    pub(crate) fn of(lo: u16, hi: u16) -> Ports {
        Ports(vec![(lo, hi)])
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn count(&self) -> u32 {
        self.0
            .iter()
            .map(|(lo, hi)| u32::from(*hi) - u32::from(*lo) + 1)
            .sum()
    }

    pub(crate) fn contains(&self, port: u16) -> bool {
        self.0.iter().any(|(lo, hi)| *lo <= port && port <= *hi)
    }

    /// True when every port from 1 to 65535 is in the set.
    pub(crate) fn is_all(&self) -> bool {
        self.0.iter().any(|(lo, hi)| *lo <= 1 && *hi == u16::MAX)
    }

    pub(crate) fn union(&self, other: &Ports) -> Ports {
        let mut all: Vec<(u16, u16)> = self.0.iter().chain(&other.0).copied().collect();
        all.sort_unstable();
        let mut out: Vec<(u16, u16)> = Vec::new();
        for (lo, hi) in all {
            match out.last_mut() {
                Some(last) if u32::from(lo) <= u32::from(last.1) + 1 => last.1 = last.1.max(hi),
                _ => out.push((lo, hi)),
            }
        }
        Ports(out)
    }

    pub(crate) fn minus(&self, other: &Ports) -> Ports {
        let mut out = Vec::new();
        for &(lo, hi) in &self.0 {
            let mut pieces = vec![(u32::from(lo), u32::from(hi))];
            for &(olo, ohi) in &other.0 {
                let (olo, ohi) = (u32::from(olo), u32::from(ohi));
                let mut next = Vec::new();
                for (a, b) in pieces {
                    if ohi < a || olo > b {
                        next.push((a, b));
                        continue;
                    }
                    if olo > a {
                        next.push((a, olo - 1));
                    }
                    if ohi < b {
                        next.push((ohi + 1, b));
                    }
                }
                pieces = next;
            }
            out.extend(
                pieces
                    .into_iter()
                    .filter_map(|(a, b)| Some((u16::try_from(a).ok()?, u16::try_from(b).ok()?))),
            );
        }
        Ports(out)
    }
}

/// The (protocol, port) pairs a piece of address space admits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Service {
    pub tcp: Ports,
    pub udp: Ports,
    pub icmp: bool,
}

impl Service {
    pub(crate) fn all() -> Service {
        Service {
            tcp: Ports::all(),
            udp: Ports::all(),
            icmp: true,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.tcp.is_empty() && self.udp.is_empty() && !self.icmp
    }

    pub(crate) fn union(&self, o: &Service) -> Service {
        Service {
            tcp: self.tcp.union(&o.tcp),
            udp: self.udp.union(&o.udp),
            icmp: self.icmp || o.icmp,
        }
    }

    pub(crate) fn minus(&self, o: &Service) -> Service {
        Service {
            tcp: self.tcp.minus(&o.tcp),
            udp: self.udp.minus(&o.udp),
            icmp: self.icmp && !o.icmp,
        }
    }

    /// What one `ports[]` entry selects.
    pub(crate) fn of_selector(s: &PortSelector) -> Service {
        let range = s
            .range
            .map_or_else(Ports::all, |(lo, hi)| Ports::of(lo, hi));
        match s.protocol {
            ProtocolSelector::Any => Service {
                tcp: range.clone(),
                udp: range,
                icmp: s.range.is_none(),
            },
            ProtocolSelector::Tcp => Service {
                tcp: range,
                ..Service::default()
            },
            ProtocolSelector::Udp => Service {
                udp: range,
                ..Service::default()
            },
            ProtocolSelector::Icmp => Service {
                icmp: true,
                ..Service::default()
            },
        }
    }

    /// What a rule's `ports` selects; omitted means everything.
    pub(crate) fn of_rule(rule: &NetRule) -> Service {
        match &rule.ports {
            None => Service::all(),
            Some(sels) => sels.iter().fold(Service::default(), |acc, s| {
                acc.union(&Service::of_selector(s))
            }),
        }
    }
}

/// One piece of address space and what it admits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Region {
    pub family: Family,
    pub lo: u128,
    pub hi: u128,
    pub service: Service,
}

impl Region {
    pub(crate) fn size(&self) -> u128 {
        (self.hi - self.lo).saturating_add(1)
    }
}

fn family_max(family: Family) -> u128 {
    match family {
        Family::V4 => u128::from(u32::MAX),
        Family::V6 => u128::MAX,
    }
}

/// Blocks decided by something other than egress rules.
fn excluded(family: Family) -> Vec<Cidr> {
    match family {
        Family::V4 => vec![Cidr {
            family,
            addr: 0x7f00_0000,
            prefix: 8,
        }],
        Family::V6 => vec![
            Cidr {
                family,
                addr: 1,
                prefix: 128,
            },
            Cidr {
                family,
                addr: 0xffff_0000_0000,
                prefix: 96,
            },
        ],
    }
}

/// One piece of an address family on which every egress rule either matches or does not.
pub(crate) struct Cell {
    pub lo: u128,
    pub hi: u128,
    /// The rules whose destinations contain the piece, in rule order.
    pub matching: Vec<usize>,
}

/// Cuts a family at every CIDR boundary the rules mention (host loopback and the IPv4-mapped
/// range, decided by other settings, are left out) and lists the rules matching each piece.
pub(crate) fn cells(rules: &[NetRule], family: Family) -> Vec<Cell> {
    let max = family_max(family);
    let mut cuts: Vec<u128> = vec![0];
    let mut cut = |c: Cidr| {
        if c.family == family {
            cuts.push(c.first());
            if c.last() < max {
                cuts.push(c.last() + 1);
            }
        }
    };
    for rule in rules {
        for peer in rule.to.iter().flatten() {
            cut(peer.cidr);
            for (e, _) in &peer.except {
                cut(*e);
            }
        }
    }
    let skipped = excluded(family);
    for c in &skipped {
        cut(*c);
    }
    cuts.sort_unstable();
    cuts.dedup();
    // Every peer block starts and ends at a cut, so it contains a piece entirely or not at all.
    // Sweeping the pieces in address order with the blocks sorted by their first address keeps
    // the blocks containing the current piece at hand: the cost is the number of (piece,
    // containing block) pairs, not pieces times rules.
    let everywhere: Vec<usize> = rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.to.is_none())
        .map(|(i, _)| i)
        .collect();
    let mut blocks: Vec<(u128, u128, usize, &Peer)> = rules
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.to.iter().flatten().map(move |p| (i, p)))
        .filter(|(_, p)| p.cidr.family == family)
        .map(|(i, p)| (p.cidr.first(), p.cidr.last(), i, p))
        .collect();
    blocks.sort_by_key(|b| (b.0, b.2));
    let mut next = blocks.iter().peekable();
    let mut active: Vec<(u128, u128, usize, &Peer)> = Vec::new();
    let mut out = Vec::new();
    for (i, &lo) in cuts.iter().enumerate() {
        let hi = cuts.get(i + 1).map_or(max, |next| next - 1);
        active.retain(|b| b.1 >= lo);
        while let Some(b) = next.next_if(|b| b.0 <= lo) {
            if b.1 >= lo {
                active.push(*b);
            }
        }
        if skipped.iter().any(|c| c.first() <= lo && hi <= c.last()) {
            continue;
        }
        let ip = ip_of(family, lo);
        let mut matching: Vec<usize> = everywhere.clone();
        matching.extend(
            active
                .iter()
                .filter(|(_, _, _, p)| p.matches(ip))
                .map(|(_, _, r, _)| *r),
        );
        matching.sort_unstable();
        matching.dedup();
        out.push(Cell { lo, hi, matching });
    }
    out
}

/// What a piece allows: the default, plus matching allows, minus matching denies (deny beats
/// allow), with the rule `skip` left out.
pub(crate) fn service(
    rules: &[NetRule],
    default: Action,
    matching: &[usize],
    skip: Option<usize>,
) -> Service {
    let mut allow = if default == Action::Allow {
        Service::all()
    } else {
        Service::default()
    };
    let mut deny = Service::default();
    for &ri in matching.iter().filter(|&&ri| Some(ri) != skip) {
        let Some(rule) = rules.get(ri) else { continue };
        let s = Service::of_rule(rule);
        match rule.action {
            Action::Allow => allow = allow.union(&s),
            Action::Deny => deny = deny.union(&s),
        }
    }
    allow.minus(&deny)
}

/// The egress pieces of one family with what each allows.
pub(crate) fn regions(rules: &[NetRule], default: Action, family: Family) -> Vec<Region> {
    cells(rules, family)
        .into_iter()
        .map(|c| Region {
            family,
            lo: c.lo,
            hi: c.hi,
            service: service(rules, default, &c.matching, None),
        })
        .collect()
}

/// Whether a catalogue entry is readable or writable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CatalogueExposure {
    pub id: String,
    pub kind: &'static str,
    pub path: String,
    pub readable: bool,
    pub writable: bool,
}

/// Quantitative findings for one policy.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Metrics {
    /// Reachable IPv4 addresses (any protocol or port), host loopback excluded.
    pub ipv4_addresses: u64,
    /// Reachable IPv6 addresses, host loopback and the IPv4-mapped range excluded.
    pub ipv6_addresses: u128,
    /// Distinct TCP ports reachable on at least one address.
    pub tcp_ports: u32,
    /// Distinct UDP ports reachable on at least one address.
    pub udp_ports: u32,
    /// ICMP reachable on at least one address.
    pub icmp: bool,
    /// Addresses reachable on port 53 (TCP or UDP), both families.
    pub dns_addresses: u128,
    pub host_loopback: bool,
    pub ingress: bool,
    /// Catalogue entries that are readable or writable (others are left out).
    pub catalogue: Vec<CatalogueExposure>,
}

pub(crate) fn compute(policy: &Policy, sensitive: &[Sensitive], cx_mode: ir::Mode) -> Metrics {
    let net = &policy.network;
    let mut m = Metrics {
        host_loopback: net.host_loopback.value == Action::Allow,
        ingress: net.ingress_default.value == Action::Allow,
        ..Metrics::default()
    };
    let mut tcp = Ports::default();
    let mut udp = Ports::default();
    for family in [Family::V4, Family::V6] {
        for r in regions(&net.rules, net.egress_default.value, family) {
            if r.service.is_empty() {
                continue;
            }
            match family {
                Family::V4 => {
                    m.ipv4_addresses = m
                        .ipv4_addresses
                        .saturating_add(u64::try_from(r.size()).unwrap_or(u64::MAX));
                }
                Family::V6 => m.ipv6_addresses = m.ipv6_addresses.saturating_add(r.size()),
            }
            if r.service.tcp.contains(53) || r.service.udp.contains(53) {
                m.dns_addresses = m.dns_addresses.saturating_add(r.size());
            }
            tcp = tcp.union(&r.service.tcp);
            udp = udp.union(&r.service.udp);
            m.icmp |= r.service.icmp;
        }
    }
    m.tcp_ports = tcp.count();
    m.udp_ports = udp.count();
    let cx = Cx {
        policy,
        strict: cx_mode == ir::Mode::Strict,
        mode: cx_mode,
        style: policy.platform.path_style(),
        metrics: &Metrics::default(),
        sensitive,
        cache: crate::context::Cache::default(),
    };
    for s in sensitive {
        if !matches!(s.kind, Kind::Secret | Kind::Persistence(_)) {
            continue;
        }
        let any = |op: FsOp| {
            cx.instances(s)
                .iter()
                .any(|p| cx.allowing_rule(op, p).is_some())
        };
        let readable = any(FsOp::Read);
        let writable = any(FsOp::Write);
        if readable || writable {
            m.catalogue.push(CatalogueExposure {
                id: s.id.clone(),
                kind: s.kind.as_str(),
                path: s.display.clone(),
                readable,
                writable,
            });
        }
    }
    m
}
