//! Property tests: the engines agree with each other and with `ir::decide`.
//!
//! Policies are generated directly as `ir::Policy` values: paths with Unicode, `..`, case
//! variants on Windows and long names; CIDRs (IPv4, IPv6, IPv4-mapped) with exceptions; ports.

use std::net::IpAddr;

use ir::{
    Action, CanonPath, Cidr, Direction, Endpoint, FsAccess, FsOp, FsRule, Mode, NetRule, Peer,
    Platform, Policy, PortSelector, Protocol, ProtocolSelector, Request, RuleOrigin, Setting,
    SourceId, Span,
};
use proptest::prelude::*;

use crate::intervals::fs_allowed;
use crate::netspace::{protocol_index, side_cells};
use crate::side::Side;
use crate::space::Space;
use crate::{Engine, Options, diff};

const NAMES: &[&str] = &[
    "home", "u", ".ssh", "Docs", "docs", "résumé", "日本", "..", ".", "a", "b", "tmp", "id_rsa",
    "config", "x.txt",
];

fn component() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(NAMES).prop_map(str::to_owned),
        1 => Just("L".repeat(120)),
    ]
}

fn raw_path(windows: bool) -> impl Strategy<Value = String> {
    let roots: &'static [&'static str] = if windows {
        &["C:\\", "c:\\", "~\\", "D:\\"]
    } else {
        &["/", "~/", "/"]
    };
    (
        proptest::sample::select(roots),
        proptest::collection::vec(component(), 0..4),
    )
        .prop_map(move |(root, parts)| {
            format!("{root}{}", parts.join(if windows { "\\" } else { "/" }))
        })
}

fn access() -> impl Strategy<Value = FsAccess> {
    proptest::sample::select(vec![
        FsAccess::ReadWrite,
        FsAccess::ReadOnly,
        FsAccess::Denied,
    ])
}

fn fs_rules(windows: bool) -> impl Strategy<Value = Vec<(FsAccess, String)>> {
    proptest::collection::vec((access(), raw_path(windows)), 0..7)
}

fn cidr() -> impl Strategy<Value = Cidr> {
    let bases: &'static [(&'static str, u8)] = &[
        ("10.0.0.0", 32),
        ("10.1.0.0", 32),
        ("192.168.0.0", 32),
        ("0.0.0.0", 32),
        ("127.0.0.0", 32),
        ("169.254.169.254", 32),
        ("2001:db8::", 128),
        ("::", 128),
        ("::ffff:10.0.0.0", 128),
    ];
    (proptest::sample::select(bases), 0u8..=128).prop_map(|((base, max), prefix)| {
        let full =
            Cidr::parse(&format!("{base}/{max}")).unwrap_or(Cidr::everything(ir::Family::V4));
        let prefix = prefix % (full.family.bits() + 1);
        let shape = Cidr { prefix, ..full };
        Cidr {
            addr: full.addr & shape.mask(),
            prefix,
            family: full.family,
        }
    })
}

fn selector() -> impl Strategy<Value = PortSelector> {
    let protos = vec![
        ProtocolSelector::Any,
        ProtocolSelector::Tcp,
        ProtocolSelector::Udp,
        ProtocolSelector::Icmp,
    ];
    let ranges: Vec<Option<(u16, u16)>> = vec![
        None,
        Some((22, 22)),
        Some((80, 443)),
        Some((443, 443)),
        Some((8000, 9000)),
        Some((0, 65535)),
    ];
    (
        proptest::sample::select(protos),
        proptest::sample::select(ranges),
    )
        .prop_map(|(protocol, range)| PortSelector {
            protocol,
            range,
            span: Span::default(),
        })
}

fn net_rule() -> impl Strategy<Value = NetRule> {
    (
        any::<bool>(),
        proptest::option::weighted(
            0.85,
            proptest::collection::vec((cidr(), proptest::option::of(cidr())), 1..3),
        ),
        proptest::option::weighted(0.7, proptest::collection::vec(selector(), 1..3)),
    )
        .prop_map(|(allow, to, ports)| NetRule {
            action: if allow { Action::Allow } else { Action::Deny },
            to: to.map(|peers| {
                peers
                    .into_iter()
                    .map(|(cidr, except)| Peer {
                        cidr,
                        except: except.into_iter().map(|e| (e, Span::default())).collect(),
                        span: Span::default(),
                    })
                    .collect()
            }),
            ports,
            origin: RuleOrigin::EgressAllow(0),
            span: Span::default(),
        })
}

fn build(windows: bool, fs: &[(FsAccess, String)], net: Vec<NetRule>, open: bool) -> Policy {
    let platform = if windows {
        Platform::Windows
    } else {
        Platform::Linux
    };
    let mut p = Policy::empty(SourceId(0), platform);
    for (i, (access, raw)) in fs.iter().enumerate() {
        let c = CanonPath::parse(raw, platform.path_style());
        p.filesystem.rules.push(FsRule {
            access: *access,
            raw: raw.clone(),
            path: c.path,
            changes: c.changes,
            index: i,
            span: Span::default(),
        });
    }
    p.network.rules = net;
    p.network.egress_default =
        Setting::default_value(if open { Action::Allow } else { Action::Deny });
    p
}

fn policy(windows: bool) -> impl Strategy<Value = Policy> {
    (
        fs_rules(windows),
        proptest::collection::vec(net_rule(), 0..4),
        proptest::bool::weighted(0.2),
    )
        .prop_map(move |(fs, net, open)| build(windows, &fs, net, open))
}

fn mode() -> impl Strategy<Value = Mode> {
    proptest::sample::select(vec![Mode::Mxc, Mode::Strict])
}

fn address() -> impl Strategy<Value = IpAddr> {
    let fixed: Vec<IpAddr> = [
        "10.0.0.1",
        "10.1.2.3",
        "192.168.0.1",
        "127.0.0.1",
        "169.254.169.254",
        "8.8.8.8",
        "2001:db8::1",
        "::1",
        "::ffff:10.0.0.1",
        "fd00:ec2::254",
        "0.0.0.0",
    ]
    .iter()
    .filter_map(|s| s.parse().ok())
    .collect();
    prop_oneof![
        3 => proptest::sample::select(fixed),
        1 => any::<u32>().prop_map(|a| IpAddr::from(a.to_be_bytes())),
        1 => any::<u128>().prop_map(|a| IpAddr::from(a.to_be_bytes())),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    /// The solver and the interval engine report the same cells, and every witness replays.
    #[test]
    fn engines_agree(windows in any::<bool>(), m in mode(), seed in (policy(false), policy(false), policy(true), policy(true))) {
        let (a, b) = if windows { (seed.2, seed.3) } else { (seed.0, seed.1) };
        let opts = Options { mode: m, engine: Engine::Both, ..Options::default() };
        let report = diff(&a, &b, &opts);
        prop_assert!(report.internal_errors.is_empty(), "{:?}", report.internal_errors);
        prop_assert!(report.unknown.is_empty(), "{:?}", report.unknown);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    /// The engines agree on a policy and an edit of it (rules dropped and added), where the
    /// solver's slicing drops most rules, and every witness replays.
    #[test]
    fn engines_agree_on_edits(
        windows in any::<bool>(),
        m in mode(),
        fs in (proptest::collection::vec((access(), raw_path(false)), 0..10), proptest::collection::vec((access(), raw_path(true)), 0..10)),
        extra_fs in (fs_rules(false), fs_rules(true)),
        net in proptest::collection::vec(net_rule(), 0..8),
        extra_net in proptest::collection::vec(net_rule(), 0..2),
        keep in proptest::collection::vec(proptest::bool::weighted(0.85), 20),
        open in proptest::bool::weighted(0.2),
    ) {
        let (fs, extra_fs) = if windows { (fs.1, extra_fs.1) } else { (fs.0, extra_fs.0) };
        let kept = |i: usize| keep.get(i).copied().unwrap_or(true);
        let new_fs: Vec<(FsAccess, String)> = fs
            .iter()
            .enumerate()
            .filter(|(i, _)| kept(*i))
            .map(|(_, r)| r.clone())
            .chain(extra_fs.into_iter().take(2))
            .collect();
        let new_net: Vec<NetRule> = net
            .iter()
            .enumerate()
            .filter(|(i, _)| kept(i + 10))
            .map(|(_, r)| r.clone())
            .chain(extra_net)
            .collect();
        let a = build(windows, &fs, net, open);
        let b = build(windows, &new_fs, new_net, open);
        let opts = Options { mode: m, engine: Engine::Both, ..Options::default() };
        let report = diff(&a, &b, &opts);
        prop_assert!(report.internal_errors.is_empty(), "{:?}", report.internal_errors);
        prop_assert!(report.unknown.is_empty(), "{:?}", report.unknown);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    /// Region-level filesystem answers agree with `ir::decide` on random concrete paths.
    #[test]
    fn regions_agree_with_decide(
        windows in any::<bool>(),
        m in mode(),
        rules in (fs_rules(false), fs_rules(true)),
        paths in (proptest::collection::vec(raw_path(false), 1..6), proptest::collection::vec(raw_path(true), 1..6)),
    ) {
        let (rules, paths) = if windows { (rules.1, paths.1) } else { (rules.0, paths.0) };
        let p = build(windows, &rules, Vec::new(), false);
        let side = Side::Policy { policy: &p, mode: m };
        let space = Space::build(p.platform.path_style(), &[side]);
        let allowed_per_op = fs_allowed(&space, &side);
        for raw in &paths {
            let path = CanonPath::parse(raw, p.platform.path_style()).path;
            let region = space.regions.region_of(&path);
            for (i, op) in FsOp::ALL.into_iter().enumerate() {
                let allowed = allowed_per_op.as_ref().and_then(|a| a.get(i)).is_some_and(|r| r.contains(region as u128));
                let expected = ir::decide(&p, &Request::Fs { op, path: path.clone() }, m).allowed;
                prop_assert_eq!(allowed, expected, "{} {} region {}", op, path, region);
            }
        }
        for r in 0..space.regions.len() {
            let rep = space.regions.representative(r);
            prop_assert_eq!(space.regions.region_of(&rep), r, "representative {} of region {}", rep, r);
        }
    }

    /// Network cells agree with `ir::decide` on random concrete requests.
    #[test]
    fn net_cells_agree_with_decide(
        p in policy(false),
        probes in proptest::collection::vec((address(), any::<u16>(), 0usize..3, any::<bool>()), 1..8),
    ) {
        let side = Side::Policy { policy: &p, mode: Mode::Mxc };
        let space = Space::build(p.platform.path_style(), &[side]);
        for (ip, port, proto, egress) in probes {
            let protocol = Protocol::ALL.get(proto).copied().unwrap_or(Protocol::Tcp);
            let direction = if egress { Direction::Egress } else { Direction::Ingress };
            let (family, bits) = ir::net::addr_bits(ip);
            let cells = side_cells(&side, &space.net, direction, family).unwrap_or_default();
            let starts = space.net.cells(family);
            let i = starts.partition_point(|s| *s <= bits).saturating_sub(1);
            let ports = cells.get(i).and_then(|c| c.get(protocol_index(protocol))).cloned().unwrap_or_default();
            let probe = if protocol == Protocol::Icmp { 0 } else { u128::from(port) };
            let request = Request::Net { direction, protocol, endpoint: Endpoint::Ip(ip), port };
            let expected = ir::decide(&p, &request, Mode::Mxc).allowed;
            prop_assert_eq!(ports.contains(probe), expected, "{:?}", request);
        }
    }
}

fn home_raw_path() -> impl Strategy<Value = String> {
    let roots: &'static [&'static str] = &["/", "~/", "/home/", "/home/dev/", "/root/", "/home/u/"];
    (
        proptest::sample::select(roots),
        proptest::collection::vec(component(), 0..3),
    )
        .prop_map(|(root, parts)| format!("{root}{}", parts.join("/")))
}

/// The test's own instantiation of `~`: textual substitution, then canonicalisation.
fn with_home(p: &Policy, home: &str) -> Policy {
    let mut out = p.clone();
    for r in &mut out.filesystem.rules {
        if let Some(rest) = r.raw.strip_prefix('~') {
            r.path = CanonPath::parse(&format!("{home}{rest}"), p.platform.path_style()).path;
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// `~` ranges over every user: whenever some home and some path make NEW grant what BASE
    /// does not (by `ir::decide` on the instantiated policies), `diff` reports it, and every
    /// reported witness replays (checked inside `diff`).
    #[test]
    fn homes_agree_with_decide(
        m in mode(),
        a in proptest::collection::vec((access(), home_raw_path()), 0..6),
        b in proptest::collection::vec((access(), home_raw_path()), 0..6),
        homes in proptest::collection::vec(proptest::sample::select(vec!["/home/u", "/home/dev", "/home/zz", "/root", "/home/home"]), 1..3),
        rels in proptest::collection::vec(home_raw_path(), 1..5),
    ) {
        let base = build(false, &a, Vec::new(), false);
        let new = build(false, &b, Vec::new(), false);
        let report = diff(&base, &new, &Options { mode: m, engine: Engine::Intervals, ..Options::default() });
        prop_assert!(report.internal_errors.is_empty(), "{:?}", report.internal_errors);
        let style = Platform::Linux.path_style();
        for home in &homes {
            let (bh, nh) = (with_home(&base, home), with_home(&new, home));
            for raw in &rels {
                let raw = raw.strip_prefix('~').map_or_else(|| raw.clone(), |rest| format!("{home}{rest}"));
                let path = CanonPath::parse(&raw, style).path;
                for op in FsOp::ALL {
                    let request = Request::Fs { op, path: path.clone() };
                    let more = ir::decide(&nh, &request, m).allowed && !ir::decide(&bh, &request, m).allowed;
                    prop_assert!(!more || !report.grants_more.is_empty(), "home {} {} {}: not reported", home, op, path);
                }
            }
        }
    }
}

/// Regression: the same Windows path in two case spellings made the engines disagree.
#[test]
fn engines_agree_on_case_folded_duplicates() {
    let rules = [
        (FsAccess::ReadWrite, "C:\\docs".to_owned()),
        (FsAccess::ReadOnly, "C:\\Docs".to_owned()),
    ];
    for m in [Mode::Mxc, Mode::Strict] {
        for (x, y) in [
            (&rules[..], &[][..]),
            (&[][..], &rules[..]),
            (&rules[..1], &rules[1..]),
            (&rules[1..], &rules[..1]),
        ] {
            let a = build(true, x, Vec::new(), false);
            let b = build(true, y, Vec::new(), false);
            let opts = Options {
                mode: m,
                engine: Engine::Both,
                ..Options::default()
            };
            let report = diff(&a, &b, &opts);
            assert!(
                report.internal_errors.is_empty(),
                "{m:?} {x:?} {y:?}: {:?}",
                report.internal_errors
            );
            assert!(report.unknown.is_empty(), "{:?}", report.unknown);
        }
    }
}

/// Paths over a few names, so that rules and probes often meet (the name `id_rsa` included).
fn near_path(windows: bool) -> impl Strategy<Value = String> {
    let (roots, sep): (&'static [&'static str], &str) = if windows {
        (&["C:\\", "D:\\", "~\\"], "\\")
    } else {
        (&["/", "~/"], "/")
    };
    (
        proptest::sample::select(roots),
        proptest::collection::vec(
            proptest::sample::select(&["a", "b", "id_rsa", "ID_RSA"][..]),
            0..4,
        ),
    )
        .prop_map(move |(root, parts)| format!("{root}{}", parts.join(sep)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// A file-name property is refuted whenever some path with that name is readable (by
    /// `ir::decide`), and every refutation replays (checked inside `prove`), on both engines.
    /// The name also occurs among the generated components, so literals ending in it are
    /// covered.
    #[test]
    fn basename_property_agrees_with_decide(
        windows in any::<bool>(),
        m in mode(),
        rules in (
            proptest::collection::vec((access(), near_path(false)), 0..6),
            proptest::collection::vec((access(), near_path(true)), 0..6),
        ),
        dirs in (proptest::collection::vec(near_path(false), 1..6), proptest::collection::vec(near_path(true), 1..6)),
        engine in proptest::sample::select(vec![Engine::Intervals, Engine::Both]),
    ) {
        let (rules, dirs) = if windows { (rules.1, dirs.1) } else { (rules.0, dirs.0) };
        let p = build(windows, &rules, Vec::new(), false);
        let style = p.platform.path_style();
        let (props, diags) = crate::properties::parse("never read-basename id_rsa");
        prop_assert!(diags.is_empty());
        let results = crate::prove(&p, &[], &props, &Options { mode: m, engine, ..Options::default() });
        let result = results.first().expect("one property");
        prop_assert!(result.internal_errors.is_empty(), "{:?}", result.internal_errors);
        let refuted = matches!(result.outcome, crate::Outcome::Refuted(_));
        prop_assert!(refuted || matches!(result.outcome, crate::Outcome::Proved), "{:?}", result.outcome);
        // Concrete directories only: `prove` lets `~` range over concrete homes, while `decide`
        // on the uninstantiated policy keeps `~` apart from every concrete path.
        for dir in dirs.iter().filter(|d| !d.starts_with('~')) {
            let path = CanonPath::parse(dir, style).path.join("id_rsa", style);
            let readable = ir::decide(&p, &Request::Fs { op: FsOp::Read, path: path.clone() }, m).allowed;
            prop_assert!(!readable || refuted, "{} is readable but the property was proved", path);
        }
    }
}
