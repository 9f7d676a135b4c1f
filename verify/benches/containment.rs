//! Containment benchmark: generated policies, both engines, two kinds of pairs.
//!
//! `edit` pairs differ by one widened rule (the diff of a reviewed change; the solver engine
//! slices it down to the rules that can matter). `unrelated` pairs are two independent
//! policies of the same size, with thousands of differing regions: the interval engine lists
//! every one of them (and replays each witness), the solver engine stops after `max_cells`
//! cells per domain, so the findings columns differ there by design.
//!
//! Run with `cargo bench -p verify`. Prints the median of several runs per size.

use std::time::{Duration, Instant};

use ir::{
    Action, CanonPath, Cidr, Family, FsAccess, FsRule, NetRule, Peer, Platform, Policy,
    PortSelector, ProtocolSelector, RuleOrigin, SourceId, Span,
};
use verify::{Engine, Options, diff};

/// A small deterministic generator (64-bit LCG), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const WORDS: [&str; 20] = [
    "home", "usr", "etc", "var", "opt", "data", "src", "lib", "bin", "cache", "logs", "tmp",
    "work", "proj", "build", "out", "docs", "conf", "keys", "share",
];

fn fs_policy(n: usize, seed: u64) -> (Policy, Policy) {
    let style = Platform::Linux.path_style();
    let mut rng = Rng(seed);
    let mut base = Policy::empty(SourceId(0), Platform::Linux);
    for i in 0..n {
        let depth = 1 + rng.below(5) as usize;
        let parts: Vec<String> = (0..depth)
            .map(|_| format!("{}{}", WORDS[rng.below(20) as usize], rng.below(10)))
            .collect();
        let raw = format!("/{}", parts.join("/"));
        let access = match rng.below(4) {
            0 => FsAccess::Denied,
            1 => FsAccess::ReadOnly,
            _ => FsAccess::ReadWrite,
        };
        let c = CanonPath::parse(&raw, style);
        base.filesystem.rules.push(FsRule {
            access,
            raw,
            path: c.path,
            changes: c.changes,
            index: i,
            span: Span::default(),
        });
    }
    let mut new = base.clone();
    // Widen one allow rule: drop its last component.
    let target = new
        .filesystem
        .rules
        .iter()
        .position(|r| r.access != FsAccess::Denied && r.path.depth() > 1)
        .unwrap_or(0);
    if let Some(rule) = new.filesystem.rules.get_mut(target)
        && let Some(parent) = rule.path.parent(style)
    {
        rule.raw = parent.display.clone();
        rule.path = parent;
    }
    (base, new)
}

fn net_policy(n: usize, seed: u64) -> (Policy, Policy) {
    let mut rng = Rng(seed);
    let mut base = Policy::empty(SourceId(1), Platform::Linux);
    for i in 0..n {
        let prefix = 8 + rng.below(25) as u8;
        let addr = u128::from(rng.next() as u32);
        let shape = Cidr {
            family: Family::V4,
            addr: 0,
            prefix,
        };
        let cidr = Cidr {
            family: Family::V4,
            addr: addr & shape.mask(),
            prefix,
        };
        let lo = rng.below(60_000) as u16;
        let hi = if rng.below(2) == 0 {
            lo
        } else {
            lo.saturating_add(rng.below(2000) as u16)
        };
        let protocol = if rng.below(2) == 0 {
            ProtocolSelector::Tcp
        } else {
            ProtocolSelector::Udp
        };
        let action = if rng.below(5) == 0 {
            Action::Deny
        } else {
            Action::Allow
        };
        base.network.rules.push(NetRule {
            action,
            to: Some(vec![Peer {
                cidr,
                except: Vec::new(),
                span: Span::default(),
            }]),
            ports: Some(vec![PortSelector {
                protocol,
                range: Some((lo, hi)),
                span: Span::default(),
            }]),
            origin: RuleOrigin::EgressAllow(i),
            span: Span::default(),
        });
    }
    let mut new = base.clone();
    // Widen one allow rule's block by four bits.
    let target = new
        .network
        .rules
        .iter()
        .position(|r| r.action == Action::Allow)
        .unwrap_or(0);
    if let Some(peer) = new
        .network
        .rules
        .get_mut(target)
        .and_then(|r| r.to.as_mut())
        .and_then(|peers| peers.first_mut())
    {
        let prefix = peer.cidr.prefix.saturating_sub(4);
        let shape = Cidr {
            prefix,
            ..peer.cidr
        };
        peer.cidr = Cidr {
            addr: peer.cidr.addr & shape.mask(),
            prefix,
            ..peer.cidr
        };
    }
    (base, new)
}

fn median(base: &Policy, new: &Policy, engine: Engine, runs: usize) -> (Duration, usize) {
    let opts = Options {
        engine,
        timeout_ms: 60_000,
        dump_smt: std::env::var_os("MXCC_BENCH_DUMP").map(Into::into),
        ..Options::default()
    };
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let report = diff(base, new, &opts);
        times.push(start.elapsed());
        found = report.grants_more.len();
    }
    times.sort();
    (
        times.get(times.len() / 2).copied().unwrap_or_default(),
        found,
    )
}

fn main() {
    println!(
        "| domain | pair | rules | intervals (median) | z3 (median) | findings (intervals / z3) |"
    );
    println!("|---|---|---|---|---|---|");
    // `MXCC_BENCH_MAX_RULES` caps the sizes, for quick before/after comparisons.
    let max = std::env::var("MXCC_BENCH_MAX_RULES")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(usize::MAX);
    // `MXCC_BENCH_ENGINE=intervals` (or `z3`) runs one engine only and `MXCC_BENCH_DOMAIN=
    // filesystem` (or `network`) one domain only, for profiling; `MXCC_BENCH_DUMP=DIR` writes
    // the solver's queries there.
    let only = std::env::var("MXCC_BENCH_ENGINE").unwrap_or_default();
    let skip = |name: &str| !only.is_empty() && only != name;
    let domain = std::env::var("MXCC_BENCH_DOMAIN").unwrap_or_default();
    for n in [100usize, 1_000, 5_000, 10_000]
        .into_iter()
        .filter(|n| *n <= max)
    {
        let runs = if n >= 5_000 { 3 } else { 7 };
        // An edit (one rule widened: a reviewed change) and two unrelated policies of the same
        // size (a policy against an organisation guardrail), where slicing cannot help.
        let (fs_edit, net_edit) = (fs_policy(n, 7), net_policy(n, 11));
        let fs_unrelated = (fs_edit.0.clone(), fs_policy(n, 8).1);
        let net_unrelated = (net_edit.0.clone(), net_policy(n, 12).1);
        for (name, kind, (base, new)) in [
            ("filesystem", "edit", fs_edit),
            ("network", "edit", net_edit),
            ("filesystem", "unrelated", fs_unrelated),
            ("network", "unrelated", net_unrelated),
        ] {
            if !domain.is_empty() && domain != name {
                continue;
            }
            let (ti, fi) = if skip("intervals") {
                (Duration::ZERO, 0)
            } else {
                median(&base, &new, Engine::Intervals, runs)
            };
            let (ts, fs) = if skip("z3") {
                (Duration::ZERO, 0)
            } else {
                median(&base, &new, Engine::Solver, runs)
            };
            println!(
                "| {name} | {kind} | {n} | {:.1} ms | {:.1} ms | {fi} / {fs} |",
                ti.as_secs_f64() * 1e3,
                ts.as_secs_f64() * 1e3
            );
        }
    }
}
