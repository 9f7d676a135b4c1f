//! Translation checks: every model, evaluated concretely, never allows what `ir::decide`
//! denies, except where the target reported the gap (and then with the expected code).

use std::net::IpAddr;

use ir::model::{ArtifactModel, Domain};
use ir::net::{Cidr, Peer, PortSelector, Proxy, ProxyKind};
use ir::{
    Action, CanonPath, Direction, Endpoint, FsAccess, FsOp, FsRule, Mode, NetRule, Platform,
    Protocol, ProtocolSelector, Request, RuleOrigin, Setting, SourceId, Span,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

use crate::compile;
use crate::netspace;
use crate::target::TargetId;
use crate::tests::options;

const PATHS: [&str; 6] = ["/a", "/a/b", "/a/b/c", "/a/d", "/e", "/tmp/x"];
const PROBES: [&str; 12] = [
    "/a",
    "/a/b",
    "/a/b/c",
    "/a/b/c/f",
    "/a/d/f",
    "/a/z",
    "/e/f",
    "/tmp/x/y",
    "/tmp/q",
    "/z",
    "/etc/passwd",
    "/dev/null",
];
const CIDRS: [&str; 6] = [
    "0.0.0.0/0",
    "10.0.0.0/8",
    "10.1.0.0/16",
    "192.0.2.0/24",
    "::/0",
    "2001:db8::/32",
];

fn canon(p: &str) -> CanonPath {
    CanonPath::parse(p, Platform::Linux.path_style()).path
}

fn access() -> impl Strategy<Value = FsAccess> {
    prop_oneof![
        Just(FsAccess::ReadWrite),
        Just(FsAccess::ReadOnly),
        Just(FsAccess::Denied)
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![Just(Action::Allow), Just(Action::Deny)]
}

fn selector() -> impl Strategy<Value = PortSelector> {
    let proto = prop_oneof![
        Just(ProtocolSelector::Any),
        Just(ProtocolSelector::Tcp),
        Just(ProtocolSelector::Udp),
        Just(ProtocolSelector::Icmp)
    ];
    (proto, prop::option::of((1u16..100, 0u16..50))).prop_map(|(protocol, range)| PortSelector {
        protocol,
        range: if protocol == ProtocolSelector::Icmp {
            None
        } else {
            range.map(|(lo, w)| (lo, lo + w))
        },
        span: Span::default(),
    })
}

fn net_rule() -> impl Strategy<Value = NetRule> {
    let peer = (0..CIDRS.len(), prop::option::of(1..4usize)).prop_map(|(i, ex)| {
        let cidr = Cidr::parse(CIDRS.get(i).copied().unwrap_or("::/0")).unwrap();
        let except = ex
            .and_then(|j| CIDRS.get(j))
            .map(|c| Cidr::parse(c).unwrap())
            .filter(|c| cidr.covers(*c) && *c != cidr)
            .map(|c| vec![(c, Span::default())])
            .unwrap_or_default();
        Peer {
            cidr,
            except,
            span: Span::default(),
        }
    });
    (
        action(),
        prop::option::of(prop::collection::vec(peer, 1..3)),
        prop::option::of(prop::collection::vec(selector(), 1..3)),
    )
        .prop_map(|(action, to, ports)| NetRule {
            action,
            to,
            ports,
            origin: RuleOrigin::EgressAllow(0),
            span: Span::default(),
        })
}

fn arb_policy() -> impl Strategy<Value = ir::Policy> {
    (
        prop::collection::vec((0..PATHS.len(), access()), 0..6),
        prop::collection::vec(net_rule(), 0..4),
        action(),
        action(),
        action(),
        prop::option::of(1u16..100),
    )
        .prop_map(|(fs, rules, egress, ingress, loopback, proxy)| {
            let mut p = ir::Policy::empty(SourceId(0), Platform::Linux);
            for (n, (i, access)) in fs.into_iter().enumerate() {
                let raw = PATHS.get(i).copied().unwrap_or("/a");
                p.filesystem.rules.push(FsRule {
                    access,
                    raw: raw.to_owned(),
                    path: canon(raw),
                    changes: Vec::new(),
                    index: n,
                    span: Span::new(SourceId(0), n, n + 1),
                });
            }
            p.network.rules = rules
                .into_iter()
                .enumerate()
                .map(|(i, mut r)| {
                    r.origin = match r.action {
                        Action::Allow => RuleOrigin::EgressAllow(i),
                        Action::Deny => RuleOrigin::EgressDeny(i),
                    };
                    r
                })
                .collect();
            p.network.egress_default = Setting::default_value(egress);
            p.network.ingress_default = Setting::default_value(ingress);
            p.network.host_loopback = Setting::default_value(loopback);
            p.network.proxy = proxy.map(|port| Proxy {
                kind: ProxyKind::Runtime,
                host: "127.0.0.1".to_owned(),
                port,
                scheme: "http".to_owned(),
                span: Span::default(),
            });
            p
        })
}

/// The `all-linux` group.
fn linux() -> Vec<TargetId> {
    crate::registry::resolve("all-linux").unwrap_or_default()
}

/// The reported gap codes of one target.
fn gap_codes(out: &crate::CompileOutput, target: TargetId) -> Vec<&'static str> {
    out.reports
        .iter()
        .filter(|r| r.target == target)
        .flat_map(|r| r.entries.iter())
        .filter(|e| e.status.is_gap())
        .filter_map(|e| e.code.map(|c| c.as_str()))
        .collect()
}

fn fs_allows(model: &ArtifactModel, op: FsOp, path: &CanonPath) -> Option<bool> {
    match &model.fs {
        Domain::Enforced(m) => Some(m.allows(op, path)),
        _ => None,
    }
}

fn net_allows(
    model: &ArtifactModel,
    d: Direction,
    p: Protocol,
    e: Endpoint,
    port: u16,
) -> Option<bool> {
    match &model.net {
        Domain::Enforced(m) => Some(m.allows(d, p, e, port)),
        _ => None,
    }
}

/// The gap code that explains an unsound filesystem answer, by target.
fn fs_gap(target: TargetId, op: FsOp, path: &CanonPath) -> &'static str {
    let baseline = ["/etc", "/dev", "/proc", "/usr", "/bin", "/lib", "/run"];
    match target {
        TargetId::Landlock if op == FsOp::Metadata => "MX5003",
        TargetId::Bwrap if baseline.iter().any(|b| path.starts_with(&canon(b))) => "MX5030",
        _ => "none (compiler bug)",
    }
}

fn net_gap(target: TargetId, protocol: Protocol, endpoint: Endpoint) -> &'static str {
    let loopback = matches!(endpoint, Endpoint::Ip(ip) if ir::net::is_loopback(ip));
    match target {
        TargetId::Landlock if protocol != Protocol::Tcp => "MX5006",
        TargetId::Landlock if loopback => "MX5008",
        _ => "none (compiler bug)",
    }
}

fn check_sound(policy: &ir::Policy, targets: &[TargetId]) -> Result<(), TestCaseError> {
    let opts = crate::context::Options {
        allow_gaps: true,
        ..options(&[])
    };
    let out = compile(policy, targets, &opts);
    for (target, model) in &out.models {
        let gaps = gap_codes(&out, *target);
        for probe in PROBES {
            let path = canon(probe);
            for op in FsOp::ALL {
                let decided = ir::decide(
                    policy,
                    &Request::Fs {
                        op,
                        path: path.clone(),
                    },
                    Mode::Mxc,
                )
                .allowed;
                if fs_allows(model, op, &path) == Some(true) && !decided {
                    let code = fs_gap(*target, op, &path);
                    prop_assert!(
                        gaps.contains(&code),
                        "{target}: {op} {probe} allowed; gaps {gaps:?}"
                    );
                }
            }
        }
        let mut points = netspace::address_points(&policy.network);
        points.push("10.0.2.2".parse::<IpAddr>().unwrap());
        let mut endpoints: Vec<Endpoint> = points.into_iter().map(Endpoint::Ip).collect();
        endpoints.push(Endpoint::Proxy);
        for (lo, hi) in netspace::port_cells(&policy.network) {
            for port in [lo, hi] {
                for e in &endpoints {
                    for d in [Direction::Egress, Direction::Ingress] {
                        for p in Protocol::ALL {
                            // `NetModel` has no protocol for the proxy endpoint; every target
                            // opens it to TCP only.
                            if *e == Endpoint::Proxy && p != Protocol::Tcp {
                                continue;
                            }
                            let req = Request::Net {
                                direction: d,
                                protocol: p,
                                endpoint: *e,
                                port,
                            };
                            let decided = ir::decide(policy, &req, Mode::Mxc).allowed;
                            if net_allows(model, d, p, *e, port) == Some(true) && !decided {
                                let code = net_gap(*target, p, *e);
                                prop_assert!(
                                    gaps.contains(&code),
                                    "{target}: {d:?} {p} {e:?}:{port} allowed; gaps {gaps:?}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_target_is_sound_or_reports_the_gap(policy in arb_policy()) {
        for target in linux() {
            check_sound(&policy, &[target])?;
        }
        check_sound(&policy, &linux())?;
    }
}

/// Completeness of the exact targets: nftables allows everything the policy allows on
/// non-loopback addresses, and bwrap every filesystem access outside the baseline.
#[test]
fn exact_targets_are_complete_on_a_sample() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..64 {
        let policy = arb_policy().new_tree(&mut runner).unwrap().current();
        let out = compile(
            &policy,
            &linux(),
            &crate::context::Options {
                allow_gaps: true,
                ..options(&[])
            },
        );
        let nft = &out.models[&TargetId::Nftables];
        for ip in netspace::address_points(&policy.network)
            .into_iter()
            .filter(|ip| !ir::net::is_loopback(*ip))
        {
            if ip == "10.0.2.2".parse::<IpAddr>().unwrap() {
                continue;
            }
            for (lo, _) in netspace::port_cells(&policy.network) {
                for p in Protocol::ALL {
                    let e = Endpoint::Ip(ip);
                    let req = Request::Net {
                        direction: Direction::Egress,
                        protocol: p,
                        endpoint: e,
                        port: lo,
                    };
                    let decided = ir::decide(&policy, &req, Mode::Mxc).allowed;
                    assert_eq!(
                        net_allows(nft, Direction::Egress, p, e, lo),
                        Some(decided),
                        "{ip} {p} {lo}"
                    );
                }
            }
        }
        let bwrap = &out.models[&TargetId::Bwrap];
        for probe in ["/a", "/a/b", "/a/b/c/f", "/a/d/f", "/e/f", "/z"] {
            let path = canon(probe);
            for op in FsOp::ALL {
                let decided = ir::decide(
                    &policy,
                    &Request::Fs {
                        op,
                        path: path.clone(),
                    },
                    Mode::Mxc,
                )
                .allowed;
                assert_eq!(fs_allows(bwrap, op, &path), Some(decided), "{op} {probe}");
            }
        }
    }
}
