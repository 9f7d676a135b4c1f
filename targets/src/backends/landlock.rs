//! Landlock: a ruleset description (`landlock.json`, format 1) that the executor turns into
//! `landlock_create_ruleset`, `landlock_add_rule` and `landlock_restrict_self` calls.
//!
//! Semantics modelled (`FsModel::Layers`): an access the ruleset handles is allowed only
//! beneath a rule granting it (the union over ancestors); unhandled accesses are allowed.
//! Landlock has no deny rule and cannot take rights away beneath a grant, so a restriction
//! nested in a more permissive grant (`deniedPaths` or `readonlyPaths` inside
//! `readwritePaths`) is lowered to a mount table (`mounts`) that the executor applies in a
//! private mount namespace before restricting itself: denied → an empty read-only tmpfs (a
//! directory) or `/dev/null` (a file), read-only → a read-only bind, read-write → a bind that
//! re-exposes a path beneath a mask. The model is then `FsModel::All([mounts, layers])`.
//!
//! Run-time decisions, recorded in the file: a path missing at run time makes the executor
//! refuse to start (`on_missing: refuse`); a path that is a symbolic link is refused at compile
//! time (MX5034) because landlock would grant the link's target; hard links reach the inode
//! through any of its names, so a hard link below a granted path to a denied file is reachable
//! (recorded as an assumption: the policy's denied files have no other names below grants).
//!
//! The ABI defaults to the lowest that enforces what the policy needs: 3 for filesystem writes
//! (`TRUNCATE`), 4 when TCP ports must be filtered, 6 when abstract UNIX sockets and signals
//! must be scoped (host loopback closed and no bubblewrap namespaces alongside).

use std::net::IpAddr;

use ir::model::{
    ArtifactModel, Domain, FsLayer, FsLayerRule, FsModel, FsModelRule, FsOps, NetChain, NetModel,
    NetModelRule, PathMatch, Region,
};
use ir::{Action, CanonPath, Direction, Endpoint, FsAccess, FsOp, Mode, Protocol, Request};
use serde_json::{Value, json};

use crate::artifact::{Artifact, Plan};
use crate::context::{EmitContext, Options, PathKind, UNEXAMINED_HELP};
use crate::netspace;
use crate::paths::{self, HostRule};
use crate::target::{Capability, Support, Target, TargetId, codes};

/// The file this target writes.
pub const FILE: &str = "landlock.json";
/// The version of the `landlock.json` format.
pub const FORMAT_VERSION: u32 = 1;
/// The newest ABI this compiler knows.
pub const MAX_ABI: u8 = 7;

/// Filesystem access rights, `LANDLOCK_ACCESS_FS_*`, with the ABI that introduced each.
const FS_RIGHTS: [(&str, u64, u8); 16] = [
    ("execute", 1 << 0, 1),
    ("write_file", 1 << 1, 1),
    ("read_file", 1 << 2, 1),
    ("read_dir", 1 << 3, 1),
    ("remove_dir", 1 << 4, 1),
    ("remove_file", 1 << 5, 1),
    ("make_char", 1 << 6, 1),
    ("make_dir", 1 << 7, 1),
    ("make_reg", 1 << 8, 1),
    ("make_sock", 1 << 9, 1),
    ("make_fifo", 1 << 10, 1),
    ("make_block", 1 << 11, 1),
    ("make_sym", 1 << 12, 1),
    ("refer", 1 << 13, 2),
    ("truncate", 1 << 14, 3),
    ("ioctl_dev", 1 << 15, 5),
];
const READ_ONLY_RIGHTS: u64 = 0b1101;
const NET_BIND_TCP: u64 = 1;
const NET_CONNECT_TCP: u64 = 2;
const NET_RIGHTS: [(&str, u64); 2] = [("bind_tcp", NET_BIND_TCP), ("connect_tcp", NET_CONNECT_TCP)];
const SCOPE_RIGHTS: [(&str, u64); 2] = [("abstract_unix_socket", 1), ("signal", 2)];

pub struct Landlock;

/// One `path_beneath` rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathRule {
    pub path: CanonPath,
    pub access: u64,
    pub source: String,
}

/// One mount of the mask table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount {
    pub path: CanonPath,
    pub access: FsAccess,
    pub source: String,
}

/// The ruleset, as printed into `landlock.json`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ruleset {
    pub abi: u8,
    pub abi_reasons: Vec<String>,
    pub handled_fs: u64,
    pub handled_net: u64,
    pub scoped: u64,
    pub paths: Vec<PathRule>,
    /// Inclusive TCP port ranges per network right.
    pub ports: Vec<(u64, u16, u16)>,
    pub mounts: Vec<Mount>,
    /// True when the proxy endpoint's port is open (for every address).
    pub proxy_reachable: bool,
}

fn fs_rights(abi: u8) -> u64 {
    FS_RIGHTS
        .iter()
        .filter(|(_, _, since)| *since <= abi)
        .fold(0, |acc, (_, bit, _)| acc | bit)
}

fn names(mask: u64, table: &[(&'static str, u64)]) -> Vec<&'static str> {
    table
        .iter()
        .filter(|(_, bit)| mask & bit != 0)
        .map(|(name, _)| *name)
        .collect()
}

fn fs_names(mask: u64) -> Vec<&'static str> {
    let table: Vec<(&str, u64)> = FS_RIGHTS.iter().map(|(n, b, _)| (*n, *b)).collect();
    names(mask, &table)
}

/// What the policy's network section needs from landlock.
struct NetPlan {
    /// Inclusive TCP port ranges allowed for every destination.
    connect: Vec<(u16, u16)>,
    /// True when every TCP egress is allowed (connect need not be handled).
    connect_open: bool,
    /// True when TCP ingress is allowed from everywhere (bind need not be handled).
    bind_open: bool,
    proxy_reachable: bool,
}

fn allowed(
    policy: &ir::Policy,
    direction: Direction,
    protocol: Protocol,
    ip: IpAddr,
    port: u16,
) -> bool {
    let request = Request::Net {
        direction,
        protocol,
        endpoint: Endpoint::Ip(ip),
        port,
    };
    ir::decide(policy, &request, Mode::Mxc).allowed
}

/// Whether the policy restricts `protocol` in `direction` anywhere.
fn restricts(policy: &ir::Policy, direction: Direction, protocol: Protocol) -> bool {
    let points = netspace::address_points(&policy.network);
    netspace::port_cells(&policy.network).iter().any(|(lo, _)| {
        points
            .iter()
            .any(|ip| !allowed(policy, direction, protocol, *ip, *lo))
    })
}

fn plan_net(policy: &ir::Policy, cx: &mut EmitContext<'_>) -> NetPlan {
    let net = &policy.network;
    // The host loopback is judged apart: landlock cannot single it out, and the network
    // namespace of `bwrap` or `nftables` closes it.
    let points: Vec<IpAddr> = netspace::address_points(net)
        .into_iter()
        .filter(|ip| !ir::net::is_loopback(*ip))
        .collect();
    let cells = netspace::port_cells(net);
    let mut connect = Vec::new();
    let mut partial = Vec::new();
    for (lo, hi) in &cells {
        let ok: Vec<bool> = points
            .iter()
            .map(|ip| allowed(policy, Direction::Egress, Protocol::Tcp, *ip, *lo))
            .collect();
        if ok.iter().all(|b| *b) {
            connect.push((*lo, *hi));
        } else if ok.iter().any(|b| *b) {
            partial.push((*lo, *hi));
        }
    }
    let connect = netspace::merge_ranges(connect);
    let connect_open = connect == [(0, u16::MAX)];
    for rule in net.rules.iter().filter(|r| r.action == Action::Allow) {
        let lost = partial.iter().any(|(lo, _)| {
            points
                .iter()
                .any(|ip| rule.matches(Protocol::Tcp, *ip, *lo))
        });
        if lost {
            cx.approximated(
                codes::LANDLOCK_NET_ADDRESS,
                rule.origin.to_string(),
                Some(rule.span),
                format!(
                    "landlock filters TCP by port only; `{}` is enforced as deny on the ports it does not open for every address",
                    rule.origin
                ),
                "accept the stricter rule, or emit `nftables` alongside to filter by address",
            );
        }
    }
    let loopback_span = net.host_loopback.span.or(net.span).or(Some(policy.span));
    if net.host_loopback.value == Action::Allow && !connect_open {
        cx.approximated(
            codes::LANDLOCK_LOOPBACK,
            "network.ingress.hostLoopback",
            loopback_span,
            "landlock cannot single out the host loopback; TCP to it follows the port rules"
                .to_owned(),
            "emit `nftables` alongside to filter by address",
        );
    }
    let proxy_reachable = match &net.proxy {
        None => false,
        Some(proxy) => {
            let open = connect
                .iter()
                .any(|(lo, hi)| *lo <= proxy.port && proxy.port <= *hi);
            if !open {
                cx.approximated(
                    codes::LANDLOCK_LOOPBACK,
                    "network.proxy",
                    Some(proxy.span),
                    format!(
                        "landlock cannot open only the proxy endpoint; TCP port {} stays closed",
                        proxy.port
                    ),
                    "emit `nftables` alongside, which opens exactly the proxy endpoint",
                );
            }
            open
        }
    };
    let ingress: Vec<bool> = points
        .iter()
        .map(|ip| allowed(policy, Direction::Ingress, Protocol::Tcp, *ip, 1))
        .collect();
    let bind_open = ingress.iter().all(|b| *b);
    if net.host_loopback.value == Action::Deny && (!connect.is_empty() || bind_open) {
        cx.gap(
            codes::LANDLOCK_LOOPBACK,
            "network.ingress.hostLoopback",
            loopback_span,
            "landlock cannot close the host loopback on the TCP ports it opens".to_owned(),
            "emit `bwrap` or `nftables` alongside: their network namespace closes the host loopback",
            &[TargetId::Bwrap, TargetId::Nftables],
        )
        .grants(loopback_regions());
    }
    if !bind_open && ingress.iter().any(|b| *b) {
        cx.approximated(
            codes::LANDLOCK_NET_ADDRESS,
            "network.ingress",
            net.ingress_default.span.or(net.span),
            "landlock cannot accept TCP from some sources only; binding TCP ports is denied"
                .to_owned(),
            "emit `nftables` alongside to filter inbound traffic by source",
        );
    }
    for protocol in [Protocol::Udp, Protocol::Icmp] {
        for direction in [Direction::Egress, Direction::Ingress] {
            if restricts(policy, direction, protocol) {
                let dir = if direction == Direction::Egress {
                    "egress"
                } else {
                    "ingress"
                };
                cx.gap(
                    codes::LANDLOCK_NET_PROTOCOL,
                    format!("network.{dir}.{protocol}"),
                    net.span.or(Some(policy.span)),
                    format!(
                        "landlock cannot restrict {protocol} {dir}, which the policy restricts"
                    ),
                    "emit `bwrap` (network namespace) or `nftables` alongside",
                    &[TargetId::Bwrap, TargetId::Nftables],
                )
                .grants([Region::net(Some(direction), Some(protocol))]);
            }
        }
    }
    NetPlan {
        connect,
        connect_open,
        bind_open,
        proxy_reachable,
    }
}

/// What landlock leaves open on the host loopback: TCP to and from `127.0.0.0/8` and `::1`.
fn loopback_regions() -> Vec<Region> {
    ["127.0.0.0/8", "::1/128"]
        .iter()
        .filter_map(|c| ir::Cidr::parse(c).ok())
        .map(|c| Region::net_block(None, Some(Protocol::Tcp), c))
        .collect()
}

/// What an ABI below `need` leaves open: writes (truncate, ABI 3) or the network (ABI 4);
/// scoping (ABI 6) restricts IPC the proofs do not model.
fn abi_regions(need: u8) -> Vec<Region> {
    match need {
        0..=3 => vec![Region::FsEverywhere(FsOps::of(&[FsOp::Write]))],
        4 | 5 => vec![Region::net(None, None)],
        _ => Vec::new(),
    }
}

fn abi_for(needed: &[(u8, String)], options: &Options) -> u8 {
    let lowest = needed.iter().map(|(abi, _)| *abi).max().unwrap_or(1);
    options.landlock_abi.unwrap_or(lowest).clamp(1, MAX_ABI)
}

fn mounts(rules: &[HostRule]) -> Vec<Mount> {
    // A rule needs a mount when an ancestor grants more (landlock's union would leak it);
    // every rule beneath such a rule is mounted too so that later mounts re-expose it.
    let needs: Vec<&HostRule> = rules
        .iter()
        .filter(|r| {
            rules
                .iter()
                .any(|a| r.canon.is_strictly_under(&a.canon) && a.access < r.access)
        })
        .collect();
    rules
        .iter()
        .filter(|r| needs.iter().any(|n| r.canon.starts_with(&n.canon)))
        .map(|r| Mount {
            path: r.canon.clone(),
            access: r.access,
            source: r.construct.clone(),
        })
        .collect()
}

impl Target for Landlock {
    fn id(&self) -> TargetId {
        TargetId::Landlock
    }

    fn capabilities(&self, options: &Options) -> Vec<Capability> {
        let abi = options.landlock_abi.unwrap_or(MAX_ABI);
        let cap = |construct, ok: bool, since: u8, note: &str| Capability {
            construct,
            support: if ok && abi >= since {
                Support::Exact
            } else {
                Support::None
            },
            note: format!("{note} (ABI {since}+)"),
        };
        vec![
            cap(
                "filesystem.readonlyPaths",
                true,
                1,
                "path-beneath read and execute rights",
            ),
            cap(
                "filesystem.readwritePaths",
                true,
                3,
                "all rights; truncate is handled from ABI 3",
            ),
            cap(
                "filesystem.deniedPaths",
                true,
                1,
                "no rule; nested denials need mount masks",
            ),
            cap(
                "filesystem.metadata",
                false,
                1,
                "stat is never restricted by landlock",
            ),
            Capability {
                construct: "network.egress.tcp",
                support: if abi >= 4 {
                    Support::Stricter
                } else {
                    Support::None
                },
                note: "connect by port only, for every address (ABI 4+)".to_owned(),
            },
            cap(
                "network.egress.udp",
                false,
                4,
                "UDP and ICMP are not covered",
            ),
            cap(
                "network.scope",
                true,
                6,
                "abstract UNIX sockets and signals",
            ),
        ]
    }

    fn emit(&self, policy: &ir::Policy, cx: &mut EmitContext<'_>) -> Option<Artifact> {
        let rules = paths::host_rules(policy, cx);
        let mut needed: Vec<(u8, String)> = vec![(
            3,
            "filesystem writes need the truncate right (ABI 3)".to_owned(),
        )];
        let net_delegated = cx.with(TargetId::Nftables);
        let tcp_restricted = restricts(policy, Direction::Egress, Protocol::Tcp)
            || restricts(policy, Direction::Ingress, Protocol::Tcp);
        if tcp_restricted && !net_delegated {
            needed.push((4, "TCP ports are filtered (ABI 4)".to_owned()));
        }
        let scope_needed =
            policy.network.host_loopback.value == Action::Deny && !cx.with(TargetId::Bwrap);
        if scope_needed {
            needed.push((
                6,
                "host IPC through abstract UNIX sockets and signals is scoped (ABI 6)".to_owned(),
            ));
        }
        let abi = abi_for(&needed, cx.options);
        for (need, why) in &needed {
            if *need > abi {
                cx.gap(
                    codes::LANDLOCK_ABI,
                    "landlock.abi",
                    None,
                    format!("landlock ABI {abi} is too old: {why}"),
                    "raise the target ABI, or emit `bwrap` alongside",
                    &[TargetId::Bwrap, TargetId::Nftables],
                )
                .grants(abi_regions(*need));
            }
        }
        cx.gap(
            codes::LANDLOCK_METADATA,
            "filesystem.metadata",
            policy.filesystem.span.or(Some(policy.span)),
            "landlock cannot hide the metadata (`stat`) of paths the policy denies".to_owned(),
            "emit `bwrap` alongside: its mount namespace shows only the policy's paths",
            &[TargetId::Bwrap, TargetId::Nftables],
        )
        .grants([Region::FsEverywhere(FsOps::of(&[FsOp::Metadata]))]);
        let handled_fs = fs_rights(abi);
        let mut path_rules = Vec::new();
        let mut unexamined = false;
        for rule in &rules {
            let kind = cx.options.paths.kind(&rule.host);
            // An unexamined path is ruled like a directory or file: a missing one refuses the
            // run (an assumption below), a symbolic link is assumed absent and reported.
            unexamined |= kind == PathKind::Unknown;
            if kind == PathKind::Symlink {
                cx.gap(
                    codes::SYMLINK_PATH,
                    rule.construct.clone(),
                    Some(rule.span),
                    format!("`{}` is or passes through a symbolic link; landlock would grant its target", rule.host),
                    "list the resolved path instead",
                    &[],
                );
                continue;
            }
            let access = match rule.access {
                FsAccess::ReadWrite => handled_fs,
                FsAccess::ReadOnly => READ_ONLY_RIGHTS,
                FsAccess::Denied => {
                    cx.enforced(
                        rule.construct.clone(),
                        Some(rule.span),
                        "no landlock rule: handled and not granted",
                    );
                    continue;
                }
            };
            if kind == PathKind::Missing {
                cx.approximated(
                    codes::MISSING_PATH,
                    rule.construct.clone(),
                    Some(rule.span),
                    format!("`{}` does not exist; landlock cannot grant it", rule.host),
                    "create the path before running, or remove it from the policy",
                );
                continue;
            }
            cx.enforced(rule.construct.clone(), Some(rule.span), "path-beneath rule");
            path_rules.push(PathRule {
                path: rule.canon.clone(),
                access,
                source: rule.construct.clone(),
            });
        }
        let mounts = mounts(&rules);
        for m in &mounts {
            cx.enforced(
                m.source.clone(),
                None,
                "nested restriction: mount mask applied by the executor before landlock",
            );
        }
        let mut handled_net = 0;
        let mut ports = Vec::new();
        let mut proxy_reachable = false;
        if net_delegated || abi < 4 {
            if tcp_restricted || restricts(policy, Direction::Egress, Protocol::Udp) {
                cx.gap(
                    codes::LANDLOCK_NET_PROTOCOL,
                    "network",
                    policy.network.span.or(Some(policy.span)),
                    "landlock does not filter this policy's network traffic".to_owned(),
                    "emit `nftables` or `bwrap` alongside",
                    &[TargetId::Nftables, TargetId::Bwrap],
                )
                .grants([Region::net(None, None)]);
            }
        } else {
            let plan = plan_net(policy, cx);
            if !plan.connect_open {
                handled_net |= NET_CONNECT_TCP;
                ports.extend(
                    plan.connect
                        .iter()
                        .map(|(lo, hi)| (NET_CONNECT_TCP, *lo, *hi)),
                );
            }
            if !plan.bind_open {
                handled_net |= NET_BIND_TCP;
            }
            proxy_reachable = plan.proxy_reachable;
        }
        let scoped = if abi >= 6 { 0b11 } else { 0 };
        let ruleset = Ruleset {
            abi,
            abi_reasons: needed.into_iter().map(|(_, why)| why).collect(),
            handled_fs,
            handled_net,
            scoped,
            paths: path_rules,
            ports,
            mounts,
            proxy_reachable,
        };
        let mut assumptions = vec![
            format!(
                "the kernel supports landlock ABI {abi} or later (the executor refuses otherwise)"
            ),
            "every path_beneath path exists at run time (the executor refuses otherwise)"
                .to_owned(),
            "denied files have no hard links below granted paths".to_owned(),
        ];
        if unexamined {
            cx.assumed(
                codes::PATH_KIND,
                "policy paths were not examined; the `landlock` rules assume that none is or passes through a symbolic link, which landlock would follow to grant its target".to_owned(),
                UNEXAMINED_HELP,
            );
            assumptions.push(
                "no policy path is or passes through a symbolic link (paths were not examined at compile time)"
                    .to_owned(),
            );
        }
        if !ruleset.mounts.is_empty() {
            assumptions.push(
                "the executor applies `mounts` in a private mount namespace before restrict_self"
                    .to_owned(),
            );
        }
        let mut files = std::collections::BTreeMap::new();
        files.insert(FILE, render(&ruleset));
        Some(Artifact {
            target: TargetId::Landlock,
            format_version: FORMAT_VERSION,
            files,
            assumptions,
            plan: Plan::Landlock(ruleset),
        })
    }

    fn model(&self, artifact: &Artifact) -> ArtifactModel {
        let Plan::Landlock(ruleset) = &artifact.plan else {
            return ArtifactModel {
                target: "landlock",
                fs: Domain::Unconstrained,
                net: Domain::Unconstrained,
                ui: not_ui(),
            };
        };
        let net = if ruleset.handled_net == 0 {
            Domain::Unconstrained
        } else {
            Domain::Enforced(net_model_of(
                &ruleset.ports,
                ruleset.handled_net,
                ruleset.proxy_reachable,
            ))
        };
        ArtifactModel {
            target: "landlock",
            fs: Domain::Enforced(fs_model(ruleset)),
            net,
            ui: not_ui(),
        }
    }
}

fn not_ui() -> Domain<ir::model::UiModel> {
    Domain::NotApplicable("landlock does not mediate UI".to_owned())
}

fn ops_of(access: u64) -> FsOps {
    let mut ops = Vec::new();
    if access & 0b1100 != 0 {
        ops.push(FsOp::Read);
    }
    if access & 1 != 0 {
        ops.push(FsOp::Execute);
    }
    if access & !READ_ONLY_RIGHTS != 0 {
        ops.push(FsOp::Write);
    }
    FsOps::of(&ops)
}

fn fs_model(ruleset: &Ruleset) -> FsModel {
    // Writes are fully handled only with truncate (ABI 3); before that, truncating is allowed
    // everywhere, so the model treats writes as unhandled.
    let mut handled = vec![FsOp::Read, FsOp::Execute];
    if ruleset.handled_fs & (1 << 14) != 0 {
        handled.push(FsOp::Write);
    }
    let layer = FsLayer {
        handled: FsOps::of(&handled),
        rules: ruleset
            .paths
            .iter()
            .map(|r| FsLayerRule {
                path: r.path.clone(),
                ops: ops_of(r.access),
                origin: r.source.clone(),
            })
            .collect(),
    };
    if ruleset.mounts.is_empty() {
        return FsModel::Layers(vec![layer]);
    }
    let mut rules = Vec::new();
    for (i, m) in ruleset.mounts.iter().enumerate() {
        let origin = format!("{FILE}:mounts[{i}]");
        let rule = |ops: FsOps, allow: bool| FsModelRule {
            path: m.path.clone(),
            matching: PathMatch::Subtree,
            ops,
            allow,
            tier: 0,
            origin: origin.clone(),
        };
        match m.access {
            FsAccess::ReadWrite => rules.push(rule(FsOps::ALL, true)),
            FsAccess::ReadOnly => {
                rules.push(rule(FsOps::READ_ONLY, true));
                rules.push(rule(FsOps::of(&[FsOp::Write]), false));
            }
            FsAccess::Denied => rules.push(rule(FsOps::ALL, false)),
        }
    }
    FsModel::All(vec![
        FsModel::Ordered {
            rules,
            default: FsOps::ALL,
        },
        FsModel::Layers(vec![layer]),
    ])
}

fn net_model_of(ports: &[(u64, u16, u16)], handled: u64, proxy_reachable: bool) -> NetModel {
    let chain = |right: u64| {
        let mut rules: Vec<NetModelRule> = ports
            .iter()
            .filter(|(r, _, _)| *r == right)
            .map(|(_, lo, hi)| NetModelRule {
                family: None,
                protocol: Some(Protocol::Tcp),
                cidr: None,
                ports: Some((*lo, *hi)),
                action: Action::Allow,
                origin: format!("{FILE}:net_port {lo}-{hi}"),
            })
            .collect();
        if handled & right != 0 {
            rules.push(NetModelRule {
                family: None,
                protocol: Some(Protocol::Tcp),
                cidr: None,
                ports: None,
                action: Action::Deny,
                origin: format!("{FILE}:handled_access_net"),
            });
        }
        NetChain {
            rules,
            default: Action::Allow,
        }
    };
    NetModel {
        egress: chain(NET_CONNECT_TCP),
        ingress: chain(NET_BIND_TCP),
        proxy_reachable,
    }
}

fn render(ruleset: &Ruleset) -> Vec<u8> {
    let paths: Vec<Value> = ruleset
        .paths
        .iter()
        .map(|r| json!({"path": r.path.display, "allowed_access": fs_names(r.access), "source": r.source}))
        .collect();
    let ports: Vec<Value> = ruleset
        .ports
        .iter()
        .map(|(right, lo, hi)| json!({"ports": [lo, hi], "allowed_access": names(*right, &NET_RIGHTS)}))
        .collect();
    let mounts: Vec<Value> = ruleset
        .mounts
        .iter()
        .map(|m| {
            let mask = match m.access {
                FsAccess::ReadWrite => "read-write",
                FsAccess::ReadOnly => "read-only",
                FsAccess::Denied => "denied",
            };
            json!({"path": m.path.display, "mask": mask, "source": m.source})
        })
        .collect();
    let value = json!({
        "format_version": FORMAT_VERSION,
        "abi": ruleset.abi,
        "abi_reasons": ruleset.abi_reasons,
        "handled_access_fs": fs_names(ruleset.handled_fs),
        "handled_access_net": names(ruleset.handled_net, &NET_RIGHTS),
        "scoped": names(ruleset.scoped, &SCOPE_RIGHTS),
        "path_beneath": paths,
        "net_port": ports,
        "mounts": mounts,
        "on_missing": "refuse",
        "on_symlink": "refused at compile time",
    });
    let mut out = serde_json::to_string_pretty(&value)
        .unwrap_or_default()
        .into_bytes();
    out.push(b'\n');
    out
}
