//! LXC: container configuration lines (`lxc.conf`, format 1) appended to the container's
//! config, and a host-side nftables ruleset (`lxc-firewall.nft`) loaded with `nft -f`.
//!
//! Mounts follow MXC's LXC backend (`mxc.md` §2.2), shallow-to-deep so the deepest path wins:
//! read-write `bind,create=dir`, read-only `bind,ro,create=dir`, a denied file `/dev/null`
//! bound read-only, a denied directory an empty tmpfs. Stricter than MXC: `lxc.cap.drop`
//! removes `net_admin`, `sys_admin` and the other capabilities a workload could use to undo
//! its confinement (MXC drops none, §2.6 #23), and the host-side veth is named
//! (`lxc.net.0.veth.pair`) so the firewall can match it.
//!
//! Network: one `bridge` table on the host. Every frame the container sends enters the bridge
//! through its veth port (`prerouting`, `iifname`), whether it is forwarded to the internet or
//! addressed to the host itself (the bridge gateway: MXC hooks only `FORWARD`, so its gateway
//! stays reachable, §2.6 #22); every frame to the container leaves through it (`postrouting`).
//! The egress chain is MXC's: established flows, deny rules, allow rules, `egress.default`;
//! `except` blocks by CIDR subtraction. Legacy policies keep MXC's unconditional DNS
//! exemption (UDP/TCP 53 anywhere, §2.6 #21), modelled as allowed and reported. DHCP to the
//! bridge is always accepted so the container gets an address. Legacy `capabilities` mode,
//! where MXC installs no firewall at all (§2.6 #20), gets the firewall anyway.
//!
//! Model: the mount table (later mounts shadow earlier ones; host paths outside every mount do
//! not exist in the container) and the egress chain (first match). The container's loopback is
//! its own: the host loopback is unreachable.

use std::collections::BTreeMap;

use ir::model::{
    ArtifactModel, Domain, FsModel, FsModelRule, FsOps, NetChain, NetModel, NetModelRule,
    PathMatch, Region,
};
use ir::net::{Cidr, Family};
use ir::{Action, CanonPath, Direction, FsAccess, FsOp, NetRule, NetworkShape, Protocol};

use crate::artifact::{Artifact, Plan as ArtifactPlan};
use crate::backends::nftables::subtract;
use crate::context::{EmitContext, Options, PathKind, UNEXAMINED_HELP};
use crate::paths;
use crate::target::{Capability, Support, Target, TargetId, codes};

/// The configuration file this target writes.
pub const FILE: &str = "lxc.conf";
/// The host-side firewall.
pub const FIREWALL_FILE: &str = "lxc-firewall.nft";
/// The version of both formats.
pub const FORMAT_VERSION: u32 = 1;

/// Capabilities dropped from the container (MXC drops none).
pub const CAP_DROP: [&str; 17] = [
    "audit_control",
    "audit_write",
    "mac_admin",
    "mac_override",
    "mknod",
    "net_admin",
    "net_raw",
    "sys_admin",
    "sys_boot",
    "sys_module",
    "sys_nice",
    "sys_pacct",
    "sys_ptrace",
    "sys_rawio",
    "sys_resource",
    "sys_time",
    "syslog",
];

pub struct Lxc;

/// One mount entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount {
    pub path: CanonPath,
    pub access: FsAccess,
    /// The path is a file: bound with `create=file`, or hidden by `/dev/null` when denied.
    pub file: bool,
}

/// The typed configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub name: String,
    pub veth: String,
    pub mounts: Vec<Mount>,
    /// The egress chain after the established-flow rule, first match.
    pub egress: Vec<(NetModelRule, String)>,
    pub egress_default: Action,
    pub ingress_default: Action,
    /// Rules that grant beyond the policy (DNS exemption, DHCP), reported.
    pub compat: Vec<NetModelRule>,
}

/// Escapes a path for an fstab-style mount entry.
pub fn fstab_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            ' ' => out.push_str("\\040"),
            '\t' => out.push_str("\\011"),
            '\n' => out.push_str("\\012"),
            '\\' => out.push_str("\\134"),
            c => out.push(c),
        }
    }
    out
}

/// A protocol and port range of an expanded rule; `None` matches any.
type Selector = ir::net::PortPair;

fn expand(rule: &NetRule) -> Vec<NetModelRule> {
    let mut blocks: Vec<Option<Cidr>> = Vec::new();
    match &rule.to {
        None => blocks.push(None),
        Some(peers) => {
            for peer in peers {
                let holes: Vec<Cidr> = peer.except.iter().map(|(c, _)| *c).collect();
                blocks.extend(subtract(peer.cidr, &holes).into_iter().map(Some));
            }
        }
    }
    let selectors: Vec<Selector> = ir::net::port_pairs(rule.ports.as_deref());
    let mut out = Vec::new();
    for cidr in &blocks {
        for (protocol, ports) in &selectors {
            out.push(NetModelRule {
                family: cidr.map(|c| c.family),
                protocol: *protocol,
                cidr: *cidr,
                ports: *ports,
                action: rule.action,
                origin: rule.origin.to_string(),
            });
        }
    }
    out
}

fn render_rule(rule: &NetModelRule) -> Vec<String> {
    let mut addr = String::new();
    if let Some(c) = rule.cidr {
        addr = match c.family {
            Family::V4 => format!("ip daddr {c} "),
            Family::V6 => format!("ip6 daddr {c} "),
        };
    }
    let verdict = if rule.action == Action::Allow {
        "accept"
    } else {
        "drop"
    };
    let comment = format!("comment \"{}\"", rule.origin.replace('"', ""));
    match (rule.protocol, rule.ports) {
        (Some(Protocol::Icmp), _) => {
            let mut out = Vec::new();
            if rule.cidr.is_none_or(|c| c.family == Family::V4) {
                out.push(format!("{addr}meta l4proto icmp {verdict} {comment}"));
            }
            if rule.cidr.is_none_or(|c| c.family == Family::V6) {
                out.push(format!("{addr}meta l4proto ipv6-icmp {verdict} {comment}"));
            }
            out
        }
        (Some(p), Some((lo, hi))) if lo == hi => {
            vec![format!("{addr}{p} dport {lo} {verdict} {comment}")]
        }
        (Some(p), Some((lo, hi))) => vec![format!("{addr}{p} dport {lo}-{hi} {verdict} {comment}")],
        (Some(p), None) => vec![format!("{addr}meta l4proto {p} {verdict} {comment}")],
        (None, _) => vec![format!("{addr}{verdict} {comment}")],
    }
}

fn any_port(protocol: Protocol, port: u16, origin: &str) -> NetModelRule {
    NetModelRule {
        family: None,
        protocol: Some(protocol),
        cidr: None,
        ports: Some((port, port)),
        action: Action::Allow,
        origin: origin.to_owned(),
    }
}

impl Target for Lxc {
    fn id(&self) -> TargetId {
        TargetId::Lxc
    }

    fn capabilities(&self, _options: &Options) -> Vec<Capability> {
        let row = Capability::new;
        vec![
            row(
                "filesystem",
                Support::Exact,
                "bind mounts shallow-to-deep, tmpfs and /dev/null masks",
            ),
            row(
                "network.egress",
                Support::Exact,
                "host-side forward and input chains",
            ),
            row(
                "network.legacy.dns",
                Support::None,
                "MXC's DNS exemption is kept for legacy policies",
            ),
            row(
                "network.ingress.hostLoopback",
                Support::Stricter,
                "the host loopback is another namespace",
            ),
            row("network.proxy", Support::None, "MXC rejects proxies on LXC"),
        ]
    }

    fn emit(&self, policy: &ir::Policy, cx: &mut EmitContext<'_>) -> Option<Artifact> {
        let name = policy
            .container_id
            .as_ref()
            .map_or_else(|| "mxcc".to_owned(), |c| c.value.clone());
        let slug: String = name
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(9)
            .collect();
        let veth = format!("mxv{slug}");
        // Mounts.
        let rules = paths::host_rules(policy, cx);
        let mut mounts = Vec::new();
        let mut unexamined = false;
        for r in &rules {
            let kind = cx.options.paths.kind(&r.host);
            if kind == PathKind::Symlink {
                cx.gap(
                    codes::SYMLINK_PATH,
                    r.construct.clone(),
                    Some(r.span),
                    format!(
                        "`{}` is or lies under a symbolic link; the mount would follow it",
                        r.host
                    ),
                    "name the link's target",
                    &[],
                );
                continue;
            }
            let file = kind == PathKind::File;
            if kind == PathKind::Unknown {
                // A directory mount on a file fails, and the container with it: stricter.
                unexamined = true;
                cx.approximated(
                    codes::PATH_KIND,
                    r.construct.clone(),
                    Some(r.span),
                    format!(
                        "the kind of `{}` was not examined; it is mounted as a directory, and the container fails to start if it is a file",
                        r.host
                    ),
                    UNEXAMINED_HELP,
                );
            } else {
                cx.enforced(
                    r.construct.clone(),
                    Some(r.span),
                    match (r.access, file) {
                        (FsAccess::ReadWrite, _) => "rw bind mount",
                        (FsAccess::ReadOnly, _) => "ro bind mount",
                        (FsAccess::Denied, true) => "masked by /dev/null",
                        (FsAccess::Denied, false) => "masked by an empty tmpfs",
                    },
                );
            }
            mounts.push(Mount {
                path: r.canon.clone(),
                access: r.access,
                file,
            });
        }
        if let Some(lxc) = &policy.lxc {
            cx.enforced(
                "lxc",
                Some(lxc.span),
                "distribution and release are the executor's `lxc-create` arguments",
            );
        }
        cx.enforced(
            "lxc.cap.drop",
            None,
            "capabilities that could undo the confinement are dropped (MXC drops none)",
        );
        // Network.
        let net = &policy.network;
        let legacy = net.shape == NetworkShape::Legacy;
        let mut egress: Vec<(NetModelRule, String)> = Vec::new();
        let mut compat = Vec::new();
        let dhcp = any_port(Protocol::Udp, 67, "DHCP to the bridge");
        compat.push(dhcp.clone());
        egress.push((
            dhcp,
            "udp dport 67 accept comment \"DHCP to the bridge\"".to_owned(),
        ));
        for (addr, prefix) in [(0xfe80u128 << 112, 10u8), (0xff02u128 << 112, 16u8)] {
            let c = Cidr {
                family: Family::V6,
                addr,
                prefix,
            };
            let rule = NetModelRule {
                family: Some(Family::V6),
                protocol: Some(Protocol::Icmp),
                cidr: Some(c),
                ports: None,
                action: Action::Allow,
                origin: "IPv6 neighbour discovery".to_owned(),
            };
            compat.push(rule.clone());
            egress.push((rule, format!("ip6 daddr {c} icmpv6 type {{ nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit }} accept")));
        }
        cx.compat_grant(codes::LXC_GATEWAY, "network.dhcp", None, "the container may send DHCP requests (UDP 67), ARP and IPv6 neighbour discovery so it gets an address on the bridge".to_owned(), "nothing to do")
            .grants(compat.iter().map(|r| Region::of_rule(Direction::Egress, r)));
        let before_dns = compat.len();
        if legacy {
            for p in [Protocol::Udp, Protocol::Tcp] {
                let rule = any_port(p, 53, "legacy DNS exemption");
                compat.push(rule.clone());
                egress.push((
                    rule,
                    format!("{p} dport 53 accept comment \"legacy DNS exemption\""),
                ));
            }
            cx.compat_grant(
                codes::LXC_DNS,
                "network.defaultPolicy",
                net.egress_default.span.or(net.span),
                "legacy LXC policies accept DNS (UDP/TCP 53) to any destination ahead of every deny rule, a tunnel for exfiltration".to_owned(),
                "move to the 0.8 directional shape, which has no DNS exemption",
            )
            .grants(
                compat
                    .iter()
                    .skip(before_dns)
                    .map(|r| Region::of_rule(Direction::Egress, r)),
            );
            if net.enforcement_mode.value == ir::net::EnforcementMode::Capabilities {
                cx.approximated(
                    codes::LXC_NO_FIREWALL,
                    "network.enforcementMode",
                    net.enforcement_mode.span.or(net.span),
                    "MXC installs no firewall in `capabilities` mode, so `defaultPolicy` would not be enforced; mxcc's `lxc-firewall.nft` enforces it".to_owned(),
                    "set `enforcementMode: firewall` so MXC's own runner enforces it too",
                );
            }
        }
        // The host loopback is another namespace: unreachable.
        for c in crate::backends::appcontainer::loopback() {
            egress.push((
                NetModelRule {
                    family: Some(c.family),
                    protocol: None,
                    cidr: Some(c),
                    ports: None,
                    action: Action::Deny,
                    origin: "host loopback (other namespace)".to_owned(),
                },
                String::new(),
            ));
        }
        if net.host_loopback.value == Action::Allow {
            cx.approximated(
                codes::HOST_LOOPBACK,
                "network.ingress.hostLoopback",
                net.host_loopback.span.or(net.span),
                "the host loopback is another network namespace and stays unreachable".to_owned(),
                "reach host services through the bridge gateway address",
            );
        }
        if let Some(proxy) = &net.proxy {
            cx.approximated(
                codes::PROXY_UNREACHABLE,
                "network.proxy",
                Some(proxy.span),
                "MXC's LXC backend has no proxy support; the proxy is not opened".to_owned(),
                "list the proxy's address in an egress allow rule",
            );
        }
        for action in [Action::Deny, Action::Allow] {
            for rule in net.rules.iter().filter(|r| r.action == action) {
                cx.enforced(rule.origin.to_string(), Some(rule.span), "nft rules");
                for m in expand(rule) {
                    let text = render_rule(&m).join("\n        ");
                    egress.push((m, text));
                }
            }
        }
        for host in &net.host_names {
            let message = format!(
                "`{}` is a host name; the firewall filters addresses",
                host.name
            );
            if host.action == Action::Allow {
                cx.approximated(
                    codes::NFT_HOST_NAME,
                    host.origin.to_string(),
                    Some(host.span),
                    message,
                    "list its addresses instead",
                );
            } else {
                cx.gap(
                    codes::NFT_HOST_NAME,
                    host.origin.to_string(),
                    Some(host.span),
                    message,
                    "list its addresses in a deny rule",
                    &[],
                );
            }
        }
        cx.enforced(
            "network.egress.default",
            net.egress_default.span,
            "chain terminal",
        );
        cx.enforced(
            "network.ingress.default",
            net.ingress_default.span,
            "new inbound flows to the veth",
        );
        cx.compat_grant(
            codes::LXC_GATEWAY,
            "network.gateway",
            None,
            "traffic to the bridge gateway is filtered by the same chain on the host's input hook (MXC leaves it open)".to_owned(),
            "nothing to do",
        );
        let plan = Plan {
            name,
            veth,
            mounts,
            egress,
            egress_default: net.egress_default.value,
            ingress_default: net.ingress_default.value,
            compat,
        };
        let mut files = BTreeMap::new();
        files.insert(FILE, render_conf(&plan).into_bytes());
        files.insert(FIREWALL_FILE, render_nft(&plan).into_bytes());
        let assumptions = vec![
            "the container uses one veth NIC (`lxc.net.0`) on a bridge; `lxc-firewall.nft` is loaded before the container starts".to_owned(),
            "the container's own root filesystem is the distribution image, not host files".to_owned(),
            "policy paths contain no symbolic links".to_owned(),
        ];
        if unexamined {
            cx.assumed(
                codes::PATH_KIND,
                "policy paths were not examined; the `lxc` mounts assume that none is or passes through a symbolic link, which the mount would follow".to_owned(),
                UNEXAMINED_HELP,
            );
        }
        Some(Artifact {
            target: TargetId::Lxc,
            format_version: FORMAT_VERSION,
            files,
            assumptions,
            plan: ArtifactPlan::Lxc(plan),
        })
    }

    fn model(&self, artifact: &Artifact) -> ArtifactModel {
        let ArtifactPlan::Lxc(plan) = &artifact.plan else {
            return ArtifactModel::unconstrained("lxc");
        };
        let mut rules = Vec::new();
        for (i, m) in plan.mounts.iter().enumerate() {
            let origin = format!("{FILE}:mount[{i}]");
            let mut push = |ops, allow| {
                rules.push(FsModelRule {
                    path: m.path.clone(),
                    matching: PathMatch::Subtree,
                    ops,
                    allow,
                    tier: 0,
                    origin: origin.clone(),
                })
            };
            match m.access {
                FsAccess::ReadWrite => push(FsOps::ALL, true),
                FsAccess::ReadOnly => {
                    push(FsOps::READ_ONLY, true);
                    push(FsOps::of(&[FsOp::Write]), false);
                }
                FsAccess::Denied => push(FsOps::ALL, false),
            }
        }
        let egress: Vec<NetModelRule> = plan.egress.iter().map(|(r, _)| r.clone()).collect();
        let loopback: Vec<NetModelRule> = egress
            .iter()
            .filter(|r| r.origin.starts_with("host loopback"))
            .cloned()
            .collect();
        ArtifactModel {
            target: "lxc",
            fs: Domain::Enforced(FsModel::Ordered {
                rules,
                default: FsOps::NONE,
            }),
            net: Domain::Enforced(NetModel {
                egress: NetChain {
                    rules: egress,
                    default: plan.egress_default,
                },
                ingress: NetChain {
                    rules: loopback,
                    default: plan.ingress_default,
                },
                proxy_reachable: false,
            }),
            ui: Domain::NotApplicable("LXC does not mediate UI".to_owned()),
        }
    }
}

fn render_conf(plan: &Plan) -> String {
    let mut out =
        format!("# mxcc lxc.conf format {FORMAT_VERSION}: append to the container's config\n");
    out.push_str(&format!("lxc.cap.drop = {}\n", CAP_DROP.join(" ")));
    out.push_str(&format!("lxc.net.0.veth.pair = {}\n", plan.veth));
    for m in &plan.mounts {
        let target = fstab_escape(m.path.display.trim_start_matches('/'));
        let host = fstab_escape(&m.path.display);
        let line = match (m.access, m.file) {
            (FsAccess::ReadWrite, f) => format!(
                "{host} {target} none bind,create={} 0 0",
                if f { "file" } else { "dir" }
            ),
            (FsAccess::ReadOnly, f) => format!(
                "{host} {target} none bind,ro,create={} 0 0",
                if f { "file" } else { "dir" }
            ),
            (FsAccess::Denied, true) => format!("/dev/null {target} none bind,ro,create=file 0 0"),
            (FsAccess::Denied, false) => {
                format!("tmpfs {target} tmpfs create=dir,mode=0000,size=1m 0 0")
            }
        };
        out.push_str(&format!("lxc.mount.entry = {line}\n"));
    }
    out
}

fn render_nft(plan: &Plan) -> String {
    let table = format!("mxcc_lxc_{}", plan.veth);
    let policy_word = |a: Action| if a == Action::Allow { "accept" } else { "drop" };
    let mut out = format!(
        "# mxcc lxc-firewall.nft format {FORMAT_VERSION}: load on the host with `nft -f`\n"
    );
    out.push_str(&format!(
        "table bridge {table}\nflush table bridge {table}\n\ntable bridge {table} {{\n"
    ));
    out.push_str("    chain egress {\n        ether type arp accept comment \"address resolution\"\n        ct state established,related accept\n");
    for (_, text) in &plan.egress {
        if !text.is_empty() {
            out.push_str(&format!("        {text}\n"));
        }
    }
    out.push_str(&format!(
        "        {} comment \"egress.default\"\n    }}\n\n",
        policy_word(plan.egress_default)
    ));
    out.push_str("    chain ingress {\n        ether type arp accept comment \"address resolution\"\n        ct state established,related accept\n");
    out.push_str("        icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-advert } accept\n");
    out.push_str(&format!(
        "        {} comment \"ingress.default\"\n    }}\n\n",
        policy_word(plan.ingress_default)
    ));
    out.push_str(&format!(
        "    chain from_container {{\n        type filter hook prerouting priority -200; policy accept;\n        iifname \"{v}\" jump egress\n    }}\n\n",
        v = plan.veth
    ));
    out.push_str(&format!(
        "    chain to_container {{\n        type filter hook postrouting priority -200; policy accept;\n        oifname \"{v}\" jump ingress\n    }}\n}}\n",
        v = plan.veth
    ));
    out
}
