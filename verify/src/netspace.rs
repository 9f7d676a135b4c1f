//! The network request space cut into elementary cells: address intervals per family between
//! every CIDR boundary of the query, and port intervals between every port boundary. Every side
//! decides a cell uniformly, so both engines report differences cell by cell.

use std::collections::BTreeMap;

use ir::model::{Domain, NetModel, NetModelRule};
use ir::{Action, Cidr, Direction, Family, NetRule, Policy, Protocol, ProtocolSelector};

use crate::ranges::Ranges;
use crate::side::{Model, Side};

pub const PORT_MAX: u128 = 65_535;
/// The IPv4-mapped IPv6 block `::ffff:0:0/96`, which requests reach as IPv4.
pub const MAPPED: (u128, u128) = (0xffff_0000_0000, 0xffff_ffff_ffff);
pub const LOOPBACK_V4: (u128, u128) = (0x7f00_0000, 0x7fff_ffff);
pub const LOOPBACK_V6: (u128, u128) = (1, 1);

pub fn family_max(f: Family) -> u128 {
    crate::term::max_of(u32::from(f.bits()))
}

pub fn protocol_index(p: Protocol) -> usize {
    match p {
        Protocol::Tcp => 0,
        Protocol::Udp => 1,
        Protocol::Icmp => 2,
    }
}

/// Cell boundaries of one query.
#[derive(Clone, Debug)]
pub struct NetSpace {
    /// Sorted cell starts per family (`[v4, v6]`), each beginning with 0.
    pub starts: [Vec<u128>; 2],
    pub port_starts: Vec<u128>,
}

fn family_index(f: Family) -> usize {
    match f {
        Family::V4 => 0,
        Family::V6 => 1,
    }
}

impl NetSpace {
    pub fn build(sides: &[Side<'_>]) -> NetSpace {
        let mut addr: [Vec<u128>; 2] = [vec![0], vec![0]];
        let mut ports = vec![0u128];
        let cut = |f: Family, lo: u128, hi: u128, addr: &mut [Vec<u128>; 2]| {
            if let Some(v) = addr.get_mut(family_index(f)) {
                v.push(lo);
                if hi < family_max(f) {
                    v.push(hi + 1);
                }
            }
        };
        cut(Family::V4, LOOPBACK_V4.0, LOOPBACK_V4.1, &mut addr);
        cut(Family::V6, LOOPBACK_V6.0, LOOPBACK_V6.1, &mut addr);
        cut(Family::V6, MAPPED.0, MAPPED.1, &mut addr);
        let port_cut = |lo: u16, hi: u16, ports: &mut Vec<u128>| {
            ports.push(u128::from(lo));
            ports.push(u128::from(hi) + 1);
        };
        for side in sides {
            for r in side_rules(side) {
                for f in [Family::V4, Family::V6] {
                    for (lo, hi) in r.addrs(f).intervals() {
                        cut(f, *lo, *hi, &mut addr);
                    }
                }
                for p in &r.ports {
                    for (lo, hi) in p.intervals() {
                        ports.push(*lo);
                        ports.push(hi + 1);
                    }
                }
            }
            if let Side::Policy { policy, .. } = side
                && let Some(proxy) = &policy.network.proxy
            {
                port_cut(proxy.port, proxy.port, &mut ports);
            }
        }
        for v in &mut addr {
            v.sort_unstable();
            v.dedup();
        }
        ports.retain(|p| *p <= PORT_MAX);
        ports.sort_unstable();
        ports.dedup();
        NetSpace {
            starts: addr,
            port_starts: ports,
        }
    }

    pub fn cells(&self, f: Family) -> &[u128] {
        self.starts.get(family_index(f)).map_or(&[], Vec::as_slice)
    }

    /// The address cell `(lo, hi)` containing an address.
    pub fn addr_cell(&self, f: Family, a: u128) -> (u128, u128) {
        cell_of(self.cells(f), a, family_max(f))
    }

    pub fn port_cell(&self, p: u128) -> (u128, u128) {
        cell_of(&self.port_starts, p, PORT_MAX)
    }
}

fn cell_of(starts: &[u128], x: u128, max: u128) -> (u128, u128) {
    let i = starts.partition_point(|s| *s <= x).saturating_sub(1);
    let lo = starts.get(i).copied().unwrap_or(0);
    let hi = starts.get(i + 1).map_or(max, |n| n - 1);
    (lo, hi)
}

/// A network rule normalised to address intervals and per-protocol port intervals.
#[derive(Clone, Debug)]
pub struct NRule {
    pub allow: bool,
    pub v4: Ranges,
    pub v6: Ranges,
    /// Ports per protocol (tcp, udp, icmp); ICMP is all or nothing.
    pub ports: [Ranges; 3],
}

impl NRule {
    pub fn addrs(&self, f: Family) -> &Ranges {
        match f {
            Family::V4 => &self.v4,
            Family::V6 => &self.v6,
        }
    }
}

fn cidr_ranges(c: Cidr) -> Ranges {
    Ranges::single(c.first(), c.last())
}

/// Normalises a policy egress rule.
pub fn normalise_policy_rule(r: &NetRule) -> NRule {
    let (mut v4, mut v6) = (Ranges::empty(), Ranges::empty());
    match &r.to {
        None => {
            v4 = Ranges::full(family_max(Family::V4));
            v6 = Ranges::full(family_max(Family::V6));
        }
        Some(peers) => {
            for p in peers {
                let excepts = Ranges::from_intervals(
                    p.except
                        .iter()
                        .filter(|(e, _)| e.family == p.cidr.family)
                        .map(|(e, _)| (e.first(), e.last())),
                );
                let set = cidr_ranges(p.cidr).subtract(&excepts);
                match p.cidr.family {
                    Family::V4 => v4 = v4.union(&set),
                    Family::V6 => v6 = v6.union(&set),
                }
            }
        }
    }
    let full = Ranges::full(PORT_MAX);
    let ports = match &r.ports {
        None => [full.clone(), full.clone(), full],
        Some(sels) => {
            let mut out = [Ranges::empty(), Ranges::empty(), Ranges::empty()];
            for s in sels {
                let range = s.range.map_or(full.clone(), |(lo, hi)| {
                    Ranges::single(u128::from(lo), u128::from(hi))
                });
                let protos: &[(usize, bool)] = match s.protocol {
                    ProtocolSelector::Any if s.range.is_none() => {
                        &[(0, false), (1, false), (2, true)]
                    }
                    ProtocolSelector::Any => &[(0, false), (1, false)],
                    ProtocolSelector::Tcp => &[(0, false)],
                    ProtocolSelector::Udp => &[(1, false)],
                    ProtocolSelector::Icmp => &[(2, true)],
                };
                for (i, icmp) in protos {
                    let add = if *icmp { full.clone() } else { range.clone() };
                    if let Some(slot) = out.get_mut(*i) {
                        *slot = slot.union(&add);
                    }
                }
            }
            out
        }
    };
    NRule {
        allow: r.action == Action::Allow,
        v4,
        v6,
        ports,
    }
}

/// Normalises a first-match chain rule of an artifact model.
pub fn normalise_model_rule(r: &NetModelRule) -> NRule {
    let fam_ok = |f: Family| r.family.is_none_or(|x| x == f);
    let addrs = |f: Family| match r.cidr {
        _ if !fam_ok(f) => Ranges::empty(),
        None => Ranges::full(family_max(f)),
        Some(c) if c.family == f => cidr_ranges(c),
        Some(_) => Ranges::empty(),
    };
    let ports_for = |p: Protocol| {
        if r.protocol.is_some_and(|x| x != p) {
            return Ranges::empty();
        }
        match (r.ports, p) {
            (None, _) => Ranges::full(PORT_MAX),
            (Some(_), Protocol::Icmp) => Ranges::empty(),
            (Some((lo, hi)), _) => Ranges::single(u128::from(lo), u128::from(hi)),
        }
    };
    NRule {
        allow: r.action == Action::Allow,
        v4: addrs(Family::V4),
        v6: addrs(Family::V6),
        ports: [
            ports_for(Protocol::Tcp),
            ports_for(Protocol::Udp),
            ports_for(Protocol::Icmp),
        ],
    }
}

/// Every normalised rule of a side (for boundaries).
fn side_rules(side: &Side<'_>) -> Vec<NRule> {
    match side {
        Side::Policy { policy, .. } => policy
            .network
            .rules
            .iter()
            .map(normalise_policy_rule)
            .collect(),
        Side::All(ms) => ms
            .iter()
            .flat_map(|m| side_rules(&Side::Model(m)))
            .collect(),
        Side::Model(m) => match &m.net {
            Domain::Enforced(net) => net
                .egress
                .rules
                .iter()
                .chain(&net.ingress.rules)
                .map(normalise_model_rule)
                .collect(),
            _ => Vec::new(),
        },
    }
}

/// How a rule list combines into a decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Combine {
    /// Deny beats allow, then the default (policy egress).
    DenyOverrides { default: bool },
    /// The first matching rule decides, then the default (model chains).
    FirstMatch { default: bool },
}

/// Allowed ports per protocol in every address cell of a family, for one side and direction.
/// `None` when the side does not cover the network domain.
pub fn side_cells(
    side: &Side<'_>,
    space: &NetSpace,
    direction: Direction,
    family: Family,
) -> Option<Vec<[Ranges; 3]>> {
    let starts = space.cells(family);
    let full = || {
        [
            Ranges::full(PORT_MAX),
            Ranges::full(PORT_MAX),
            Ranges::full(PORT_MAX),
        ]
    };
    let none = || [Ranges::empty(), Ranges::empty(), Ranges::empty()];
    match side {
        Side::Policy { policy, .. } => {
            let mut cells = match direction {
                Direction::Egress => {
                    let rules: Vec<NRule> = policy
                        .network
                        .rules
                        .iter()
                        .map(normalise_policy_rule)
                        .collect();
                    let default = policy.network.egress_default.value == Action::Allow;
                    sweep(&rules, starts, family, Combine::DenyOverrides { default })
                }
                Direction::Ingress => {
                    let open = policy.network.ingress_default.value == Action::Allow;
                    starts
                        .iter()
                        .map(|_| if open { full() } else { none() })
                        .collect()
                }
            };
            let lb = loopback_ports(policy, direction);
            let (lo, hi) = match family {
                Family::V4 => LOOPBACK_V4,
                Family::V6 => LOOPBACK_V6,
            };
            for (i, s) in starts.iter().enumerate() {
                if (lo..=hi).contains(s)
                    && let Some(c) = cells.get_mut(i)
                {
                    *c = lb.clone();
                }
            }
            Some(cells)
        }
        Side::All(ms) => {
            let mut out: Option<Vec<[Ranges; 3]>> = None;
            for m in *ms {
                let Some(cells) = side_cells(&Side::Model(m), space, direction, family) else {
                    continue;
                };
                out = Some(match out {
                    None => cells,
                    Some(acc) => acc
                        .iter()
                        .zip(&cells)
                        .map(|(a, b)| {
                            let [a0, a1, a2] = a;
                            let [b0, b1, b2] = b;
                            [a0.intersect(b0), a1.intersect(b1), a2.intersect(b2)]
                        })
                        .collect(),
                });
            }
            out
        }
        Side::Model(m) => match &m.net {
            Domain::NotApplicable(_) => None,
            Domain::Unconstrained => Some(starts.iter().map(|_| full()).collect()),
            Domain::Enforced(net) => Some(model_cells(net, starts, direction, family)),
        },
    }
}

fn model_cells(
    net: &NetModel,
    starts: &[u128],
    direction: Direction,
    family: Family,
) -> Vec<[Ranges; 3]> {
    let chain = match direction {
        Direction::Egress => &net.egress,
        Direction::Ingress => &net.ingress,
    };
    let rules: Vec<NRule> = chain.rules.iter().map(normalise_model_rule).collect();
    sweep(
        &rules,
        starts,
        family,
        Combine::FirstMatch {
            default: chain.default == Action::Allow,
        },
    )
}

/// The policy's decision on host loopback addresses.
fn loopback_ports(policy: &Policy, direction: Direction) -> [Ranges; 3] {
    let net = &policy.network;
    if net.host_loopback.value == Action::Allow {
        return [
            Ranges::full(PORT_MAX),
            Ranges::full(PORT_MAX),
            Ranges::full(PORT_MAX),
        ];
    }
    let mut tcp = Ranges::empty();
    if direction == Direction::Egress
        && let Some(proxy) = net.proxy.as_ref().filter(|p| p.is_loopback())
    {
        tcp = Ranges::single(u128::from(proxy.port), u128::from(proxy.port));
    }
    [tcp, Ranges::empty(), Ranges::empty()]
}

/// Sweeps the address cells, keeping the set of rules active in each.
fn sweep(rules: &[NRule], starts: &[u128], family: Family, combine: Combine) -> Vec<[Ranges; 3]> {
    let index_of = |a: u128| starts.partition_point(|s| *s <= a).saturating_sub(1);
    let mut events: Vec<(usize, bool, usize)> = Vec::new();
    for (i, r) in rules.iter().enumerate() {
        for (lo, hi) in r.addrs(family).intervals() {
            events.push((index_of(*lo), true, i));
            events.push((index_of(*hi) + 1, false, i));
        }
    }
    events.sort_unstable();
    let mut active: BTreeMap<usize, u32> = BTreeMap::new();
    let mut out = Vec::with_capacity(starts.len());
    let mut next = 0;
    for cell in 0..starts.len() {
        while let Some((c, add, rule)) = events.get(next).copied() {
            if c > cell {
                break;
            }
            next += 1;
            let count = active.entry(rule).or_insert(0);
            if add {
                *count += 1;
            } else {
                *count = count.saturating_sub(1);
                if *count == 0 {
                    active.remove(&rule);
                }
            }
        }
        let active_rules = active.keys().filter_map(|i| rules.get(*i));
        out.push(combine_cell(active_rules, combine));
    }
    out
}

fn combine_cell<'a>(active: impl Iterator<Item = &'a NRule>, combine: Combine) -> [Ranges; 3] {
    let mut result = [Ranges::empty(), Ranges::empty(), Ranges::empty()];
    match combine {
        Combine::DenyOverrides { default } => {
            // Gather every interval first and merge once: one sort per cell instead of one
            // allocation per active rule.
            let mut allow: [Vec<(u128, u128)>; 3] = Default::default();
            let mut deny: [Vec<(u128, u128)>; 3] = Default::default();
            for r in active {
                let target = if r.allow { &mut allow } else { &mut deny };
                for (t, p) in target.iter_mut().zip(&r.ports) {
                    t.extend_from_slice(p.intervals());
                }
            }
            let allow = allow.map(Ranges::from_intervals);
            let deny = deny.map(Ranges::from_intervals);
            for ((res, a), d) in result.iter_mut().zip(&allow).zip(&deny) {
                let granted = if default {
                    Ranges::full(PORT_MAX)
                } else {
                    a.clone()
                };
                *res = granted.subtract(d);
            }
        }
        Combine::FirstMatch { default } => {
            let mut decided = [Ranges::empty(), Ranges::empty(), Ranges::empty()];
            for r in active {
                for ((res, dec), p) in result.iter_mut().zip(decided.iter_mut()).zip(&r.ports) {
                    if r.allow {
                        *res = res.union(&p.subtract(dec));
                    }
                    *dec = dec.union(p);
                }
            }
            if default {
                for (res, dec) in result.iter_mut().zip(&decided) {
                    *res = res.union(&dec.complement(PORT_MAX));
                }
            }
        }
    }
    result
}

/// True when the v6 cell lies in the IPv4-mapped block, which no v6 request reaches.
pub fn is_mapped_cell(family: Family, lo: u128) -> bool {
    family == Family::V6 && (MAPPED.0..=MAPPED.1).contains(&lo)
}

/// Whether the side lets the sandbox reach the proxy endpoint with this protocol.
pub fn proxy_allowed(side: &Side<'_>, direction: Direction, protocol: Protocol) -> Option<bool> {
    side.allows(&ir::Request::Net {
        direction,
        protocol,
        endpoint: ir::Endpoint::Proxy,
        port: 0,
    })
}

/// Keeps the model type reachable for callers that build sides.
pub fn model_covers_net(m: &Model) -> bool {
    !matches!(m.net, Domain::NotApplicable(_))
}
