//! The cone of influence of a difference between two policies.
//!
//! A filesystem rule decides only paths in its subtree, and a network rule only requests it
//! matches. Where two policies decide a request differently, some rule that one policy has and
//! the other lacks (or lists with another access) must therefore match the request: outside the
//! union of those rules' match sets both policies decide alike. The solver engine asserts that
//! union and drops every rule whose match set cannot meet it, which turns the diff of two large,
//! similar policies (a reviewed change) into a small query. Every test is conservative: a rule
//! is dropped only when it provably matches nothing in the focus. The interval engine does not
//! slice, so the engines-agree property tests check the slicing too.

use std::collections::{BTreeMap, BTreeSet};

use ir::{Action, CanonPath, Cidr, FsAccess, NetRule, Policy, PortSelector, ProtocolSelector};

use crate::space::{Dim, Space};

/// Where a difference between two policies can lie, per domain; `None`: anywhere.
#[derive(Clone, Debug, Default)]
pub struct Focus {
    /// Region intervals, sorted and disjoint: the subtrees of the literals the policies list
    /// differently. Empty when the filesystem rules agree.
    pub fs: Option<Vec<(usize, usize)>>,
    /// The egress rules one policy has and the other lacks. Empty when they agree.
    pub net: Option<Vec<NetRule>>,
}

impl Focus {
    /// The focus of `left ∧ ¬right` (and of its mirror image) for two policies, in one domain.
    pub fn of(space: &Space, left: &Policy, right: &Policy, dim: Dim) -> Focus {
        match dim {
            Dim::Fs => Focus {
                fs: fs_focus(space, left, right),
                net: None,
            },
            Dim::Net => Focus {
                fs: None,
                net: net_focus(left, right),
            },
            Dim::Ui | Dim::Env | Dim::Run => Focus::default(),
        }
    }

    /// Whether a subtree interval can meet the filesystem focus.
    pub fn keeps_subtree(&self, (lo, hi): (usize, usize)) -> bool {
        let Some(focus) = &self.fs else { return true };
        // The first focus interval that ends at or after `lo` is the only candidate.
        let i = focus.partition_point(|(_, end)| *end < lo);
        focus.get(i).is_some_and(|(start, _)| *start <= hi)
    }

    /// Whether a network rule can match a request some differing rule matches.
    pub fn keeps_rule(&self, rule: &NetRule) -> bool {
        let Some(focus) = &self.net else { return true };
        focus.iter().any(|d| may_overlap(rule, d))
    }
}

/// The accesses each path is listed with: what both semantics read from the rules.
fn listed(policy: &Policy) -> BTreeMap<&CanonPath, BTreeSet<FsAccess>> {
    let mut out: BTreeMap<&CanonPath, BTreeSet<FsAccess>> = BTreeMap::new();
    for rule in &policy.filesystem.rules {
        out.entry(&rule.path).or_default().insert(rule.access);
    }
    out
}

fn fs_focus(space: &Space, left: &Policy, right: &Policy) -> Option<Vec<(usize, usize)>> {
    let (l, r) = (listed(left), listed(right));
    let mut intervals = Vec::new();
    for path in l.keys().chain(r.keys()) {
        if l.get(path) != r.get(path) {
            // A literal of the query is always a trie node; if not, do not slice.
            intervals.push(space.regions.subtree(path)?);
        }
    }
    intervals.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(intervals.len());
    for (lo, hi) in intervals {
        match merged.last_mut() {
            Some(last) if lo <= last.1 + 1 => last.1 = last.1.max(hi),
            _ => merged.push((lo, hi)),
        }
    }
    Some(merged)
}

/// The parts of a network section the encoding reads besides the rules.
fn net_settings(policy: &Policy) -> (Action, Action, Action, bool, Option<u16>) {
    let net = &policy.network;
    (
        net.egress_default.value,
        net.ingress_default.value,
        net.host_loopback.value,
        net.proxy.is_some(),
        net.proxy
            .as_ref()
            .filter(|p| p.is_loopback())
            .map(|p| p.port),
    )
}

/// What a rule matches, without spans and origins.
type RuleKey = (
    Action,
    Option<Vec<(Cidr, Vec<Cidr>)>>,
    Option<Vec<(ProtocolSelector, Option<(u16, u16)>)>>,
);

fn key(rule: &NetRule) -> RuleKey {
    (
        rule.action,
        rule.to.as_ref().map(|peers| {
            peers
                .iter()
                .map(|p| (p.cidr, p.except.iter().map(|(c, _)| *c).collect()))
                .collect()
        }),
        rule.ports
            .as_ref()
            .map(|sels| sels.iter().map(|s| (s.protocol, s.range)).collect()),
    )
}

fn net_focus(left: &Policy, right: &Policy) -> Option<Vec<NetRule>> {
    if net_settings(left) != net_settings(right) {
        return None;
    }
    let keys = |p: &Policy| -> BTreeSet<RuleKey> { p.network.rules.iter().map(key).collect() };
    let (l, r) = (keys(left), keys(right));
    let mut out: BTreeMap<RuleKey, NetRule> = BTreeMap::new();
    for rule in left.network.rules.iter().chain(&right.network.rules) {
        let k = key(rule);
        if l.contains(&k) != r.contains(&k) {
            out.entry(k).or_insert_with(|| rule.clone());
        }
    }
    Some(out.into_values().collect())
}

/// Conservative: false only when no request matches both rules (exceptions are ignored).
fn may_overlap(a: &NetRule, b: &NetRule) -> bool {
    let addresses = match (&a.to, &b.to) {
        (Some(x), Some(y)) => x.iter().any(|p| {
            y.iter().any(|q| {
                p.cidr.family == q.cidr.family
                    && p.cidr.first() <= q.cidr.last()
                    && q.cidr.first() <= p.cidr.last()
            })
        }),
        _ => true,
    };
    let ports = match (&a.ports, &b.ports) {
        (Some(x), Some(y)) => x.iter().any(|s| y.iter().any(|t| selectors_overlap(s, t))),
        _ => true,
    };
    addresses && ports
}

/// The protocols a selector admits: TCP, UDP, ICMP (ICMP ignores ports).
fn protocols(s: &PortSelector) -> [bool; 3] {
    match (s.protocol, s.range) {
        (ProtocolSelector::Any, None) => [true, true, true],
        (ProtocolSelector::Any, Some(_)) => [true, true, false],
        (ProtocolSelector::Tcp, _) => [true, false, false],
        (ProtocolSelector::Udp, _) => [false, true, false],
        (ProtocolSelector::Icmp, _) => [false, false, true],
    }
}

fn selectors_overlap(a: &PortSelector, b: &PortSelector) -> bool {
    let (pa, pb) = (protocols(a), protocols(b));
    let ports = match (a.range, b.range) {
        (Some((alo, ahi)), Some((blo, bhi))) => alo <= bhi && blo <= ahi,
        _ => true,
    };
    (pa[2] && pb[2]) || (((pa[0] && pb[0]) || (pa[1] && pb[1])) && ports)
}
