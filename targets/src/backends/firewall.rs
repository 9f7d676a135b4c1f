//! Windows Firewall: a PowerShell script (`firewall.ps1`, format 1) of `New-NetFirewallRule`
//! lines scoped to the AppContainer package SID (`-Package`), run elevated by the executor
//! before the command starts and undone (`Remove-NetFirewallRule -Group`) after it exits.
//!
//! Windows Firewall has no rule order: a matching block rule beats every allow rule, and
//! unmatched outbound traffic takes the profile's default (allow). A policy's "deny beats
//! allow, then the default" is therefore compiled to block rules only: the address and port
//! spaces are cut into the cells on which `ir::decide` is constant (the policy's CIDRs,
//! `except` blocks, port ranges, loopback and the proxy endpoint), and every cell the policy
//! denies gets blocked, per protocol, with adjacent cells merged into CIDR lists. Cells denied
//! for every protocol and port share one protocol-less rule. This works on every build: MXC's
//! own egress rules need PSEC, mxcc's firewall rules do not.
//!
//! Model: a first-match chain of the block rules with default allow (outbound) and a chain
//! for inbound. Loopback traffic is exempt from Windows Firewall rules, so loopback stays
//! allowed in this model; AppContainer loopback isolation (the `appcontainer` target) closes it.

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

use ir::model::{ArtifactModel, Domain, NetChain, NetModel, NetModelRule};
use ir::net::{Cidr, Family, ip_of};
use ir::{Action, Direction, Endpoint, Mode, Platform, Protocol, Request, decide};

use crate::artifact::{Artifact, Plan as ArtifactPlan};
use crate::backends::appcontainer::{self, sid};
use crate::context::{EmitContext, Options};
use crate::netspace;
use crate::target::{Capability, Support, Target, TargetId, codes};

/// The file this target writes.
pub const FILE: &str = "firewall.ps1";
/// The version of the `firewall.ps1` format.
pub const FORMAT_VERSION: u32 = 1;

const MAPPED_V4: u128 = 0xffff_0000_0000;

pub struct Firewall;

/// One block rule: a protocol (or none), port ranges (or none) and address blocks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockRule {
    pub protocol: Option<Protocol>,
    /// ICMP rules carry the family (`ICMPv4` or `ICMPv6`).
    pub icmp_family: Option<Family>,
    pub ports: Vec<(u16, u16)>,
    pub cidrs: Vec<Cidr>,
}

/// The typed rule set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub package: String,
    pub group: String,
    pub egress: Vec<BlockRule>,
    pub ingress_default: Action,
    /// True when the policy names a proxy (loopback is exempt from firewall rules).
    pub proxy: bool,
}

/// An address interval of one family, inclusive.
type Interval = (Family, u128, u128);

fn family_max(f: Family) -> u128 {
    match f {
        Family::V4 => 0xffff_ffff,
        Family::V6 => u128::MAX,
    }
}

fn is_loopback_cell(cell: &Interval) -> bool {
    ir::net::is_loopback(ip_of(cell.0, cell.1))
}

/// The address cells of the policy: intervals on which `decide` is constant.
fn address_cells(network: &ir::Network) -> Vec<Interval> {
    let mut bounds: BTreeMap<Family, BTreeSet<u128>> = BTreeMap::new();
    for ip in netspace::address_points(network) {
        let (f, a) = ir::net::addr_bits(ip);
        bounds.entry(f).or_default().insert(a);
    }
    let v6 = bounds.entry(Family::V6).or_default();
    v6.insert(MAPPED_V4);
    v6.insert(MAPPED_V4 + (1u128 << 32));
    let mut out = Vec::new();
    for (f, set) in bounds {
        let starts: Vec<u128> = set.into_iter().collect();
        for (i, lo) in starts.iter().enumerate() {
            let hi = starts.get(i + 1).map_or(family_max(f), |n| n - 1);
            out.push((f, *lo, hi));
        }
    }
    out
}

/// The smallest list of CIDR blocks covering an interval exactly.
pub fn interval_cidrs(f: Family, lo: u128, hi: u128) -> Vec<Cidr> {
    let bits = u32::from(f.bits());
    let mut out = Vec::new();
    let mut cur = lo;
    loop {
        let mut size_bits = if cur == 0 {
            bits
        } else {
            cur.trailing_zeros().min(bits)
        };
        // Shrink until the block fits in [cur, hi].
        while size_bits > 0 {
            let span = if size_bits >= 128 {
                u128::MAX
            } else {
                (1u128 << size_bits) - 1
            };
            if cur.checked_add(span).is_some_and(|end| end <= hi) {
                break;
            }
            size_bits -= 1;
        }
        let prefix = u8::try_from(bits - size_bits).unwrap_or(0);
        out.push(Cidr {
            family: f,
            addr: cur,
            prefix,
        });
        let span = if size_bits >= 128 {
            u128::MAX
        } else {
            (1u128 << size_bits) - 1
        };
        match cur.checked_add(span) {
            Some(end) if end < hi => cur = end + 1,
            _ => break,
        }
    }
    out
}

fn merge(cells: &[Interval], dont_care: &[Interval]) -> Vec<Cidr> {
    let mut sorted = cells.to_vec();
    for d in dont_care {
        let adjacent = cells.iter().any(|c| {
            c.0 == d.0 && (c.2.checked_add(1) == Some(d.1) || d.2.checked_add(1) == Some(c.1))
        });
        if adjacent {
            sorted.push(*d);
        }
    }
    sorted.sort();
    let mut merged: Vec<Interval> = Vec::new();
    for c in sorted {
        match merged.last_mut() {
            Some(last) if last.0 == c.0 && last.2.checked_add(1) == Some(c.1) => last.2 = c.2,
            _ => merged.push(c),
        }
    }
    merged
        .into_iter()
        .flat_map(|(f, lo, hi)| interval_cidrs(f, lo, hi))
        .collect()
}

fn denied(policy: &ir::Policy, protocol: Protocol, ip: IpAddr, port: u16) -> bool {
    let request = Request::Net {
        direction: Direction::Egress,
        protocol,
        endpoint: Endpoint::Ip(ip),
        port,
    };
    !decide(policy, &request, Mode::Mxc).allowed
}

/// Computes the block rules for the policy's egress.
fn block_rules(policy: &ir::Policy) -> Vec<BlockRule> {
    // Loopback cells (exempt from firewall rules) and the IPv4-mapped range (IPv4 on the wire,
    // decided by the IPv4 cells) are don't-care cells: blocked only where that merges blocks.
    let (dont_care, cells): (Vec<Interval>, Vec<Interval>) = address_cells(&policy.network)
        .into_iter()
        .partition(|c| is_loopback_cell(c) || (c.0 == Family::V6 && c.1 == MAPPED_V4));
    let ports = netspace::port_cells(&policy.network);
    // For every cell: the set of (protocol, port cell index) it is denied for; ICMP uses none.
    let mut keys: Vec<(Protocol, Option<usize>)> = Vec::new();
    for p in [Protocol::Tcp, Protocol::Udp] {
        keys.extend((0..ports.len()).map(|i| (p, Some(i))));
    }
    keys.push((Protocol::Icmp, None));
    let mut all_denied: Vec<Interval> = Vec::new();
    let mut per_key: BTreeMap<(Protocol, Option<usize>), Vec<Interval>> = BTreeMap::new();
    for cell in &cells {
        let ip = ip_of(cell.0, cell.1);
        let hits: Vec<(Protocol, Option<usize>)> = keys
            .iter()
            .filter(|(p, i)| {
                let port = i.and_then(|i| ports.get(i)).map_or(0, |r| r.0);
                denied(policy, *p, ip, port)
            })
            .copied()
            .collect();
        if hits.len() == keys.len() {
            all_denied.push(*cell);
        } else {
            for k in hits {
                per_key.entry(k).or_default().push(*cell);
            }
        }
    }
    let mut rules = Vec::new();
    if !all_denied.is_empty() {
        rules.push(BlockRule {
            protocol: None,
            icmp_family: None,
            ports: Vec::new(),
            cidrs: merge(&all_denied, &dont_care),
        });
    }
    // Group port cells with the same denied addresses.
    for p in [Protocol::Tcp, Protocol::Udp] {
        let mut groups: BTreeMap<Vec<Cidr>, Vec<(u16, u16)>> = BTreeMap::new();
        for (i, range) in ports.iter().enumerate() {
            if let Some(cells) = per_key.get(&(p, Some(i))) {
                groups
                    .entry(merge(cells, &dont_care))
                    .or_default()
                    .push(*range);
            }
        }
        for (cidrs, ranges) in groups {
            rules.push(BlockRule {
                protocol: Some(p),
                icmp_family: None,
                ports: netspace::merge_ranges(ranges),
                cidrs,
            });
        }
    }
    if let Some(cells) = per_key.get(&(Protocol::Icmp, None)) {
        for f in [Family::V4, Family::V6] {
            let of: Vec<Interval> = cells.iter().filter(|c| c.0 == f).copied().collect();
            if !of.is_empty() {
                rules.push(BlockRule {
                    protocol: Some(Protocol::Icmp),
                    icmp_family: Some(f),
                    ports: Vec::new(),
                    cidrs: merge(&of, &dont_care),
                });
            }
        }
    }
    rules
}

fn ps_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn render(plan: &Plan, name: &str) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "# mxcc firewall.ps1 format {FORMAT_VERSION}: Windows Firewall rules for AppContainer {}\n",
        ps_quote(name)
    ));
    out.push_str("#Requires -RunAsAdministrator\n");
    out.push_str("$ErrorActionPreference = 'Stop'\n");
    out.push_str(&format!("$Package = {}\n", ps_quote(&plan.package)));
    out.push_str(&format!("$Group = {}\n", ps_quote(&plan.group)));
    out.push_str("Get-NetFirewallRule -Group $Group -ErrorAction SilentlyContinue | Remove-NetFirewallRule\n");
    out.push_str("# Block rules beat allow rules; unmatched outbound traffic is allowed by the profile default.\n");
    for (i, r) in plan.egress.iter().enumerate() {
        let mut line = format!(
            "New-NetFirewallRule -Group $Group -Name \"$Group-out-{i}\" -DisplayName \"$Group egress block {i}\" -Direction Outbound -Action Block -Package $Package -Profile Any"
        );
        match (r.protocol, r.icmp_family) {
            (Some(Protocol::Icmp), Some(Family::V6)) => line.push_str(" -Protocol ICMPv6"),
            (Some(Protocol::Icmp), _) => line.push_str(" -Protocol ICMPv4"),
            (Some(Protocol::Tcp), _) => line.push_str(" -Protocol TCP"),
            (Some(Protocol::Udp), _) => line.push_str(" -Protocol UDP"),
            (None, _) => {}
        }
        if !r.ports.is_empty() {
            let ports: Vec<String> = r
                .ports
                .iter()
                .map(|(lo, hi)| {
                    if lo == hi {
                        lo.to_string()
                    } else {
                        format!("{lo}-{hi}")
                    }
                })
                .collect();
            line.push_str(&format!(" -RemotePort {}", ports.join(",")));
        }
        let addrs: Vec<String> = r.cidrs.iter().map(ToString::to_string).collect();
        line.push_str(&format!(" -RemoteAddress {}", addrs.join(",")));
        line.push_str(" | Out-Null\n");
        out.push_str(&line);
    }
    let action = if plan.ingress_default == Action::Allow {
        "Allow"
    } else {
        "Block"
    };
    out.push_str(&format!(
        "New-NetFirewallRule -Group $Group -Name \"$Group-in\" -DisplayName \"$Group ingress {}\" -Direction Inbound -Action {action} -Package $Package -Profile Any | Out-Null\n",
        action.to_lowercase()
    ));
    out
}

fn model_rules(plan: &Plan) -> Vec<NetModelRule> {
    let mut out = Vec::new();
    for (i, r) in plan.egress.iter().enumerate() {
        let ports: Vec<Option<(u16, u16)>> = if r.ports.is_empty() {
            vec![None]
        } else {
            r.ports.iter().copied().map(Some).collect()
        };
        for c in &r.cidrs {
            for p in &ports {
                out.push(NetModelRule {
                    family: Some(c.family),
                    protocol: r.protocol,
                    cidr: Some(*c),
                    ports: *p,
                    action: Action::Deny,
                    origin: format!("{FILE}:out-{i}"),
                });
            }
        }
    }
    out
}

impl Target for Firewall {
    fn id(&self) -> TargetId {
        TargetId::Firewall
    }

    fn platform(&self) -> Platform {
        Platform::Windows
    }

    fn capabilities(&self, _options: &Options) -> Vec<Capability> {
        let row = Capability::new;
        vec![
            row(
                "network.egress",
                Support::Exact,
                "block rules for every denied cell, any build",
            ),
            row(
                "network.ingress.default",
                Support::Exact,
                "one inbound rule",
            ),
            row(
                "network.ingress.hostLoopback",
                Support::None,
                "loopback is exempt from firewall rules",
            ),
            row(
                "network.allowedHosts (names)",
                Support::None,
                "addresses only",
            ),
        ]
    }

    fn emit(&self, policy: &ir::Policy, cx: &mut EmitContext<'_>) -> Option<Artifact> {
        let name = appcontainer::profile_name(policy);
        let package = sid::appcontainer_sid(&name);
        let safe: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let group = format!("mxcc-{safe}");
        let net = &policy.network;
        for host in &net.host_names {
            cx.gap(
                codes::FIREWALL_HOST_NAME,
                host.origin.to_string(),
                Some(host.span),
                format!(
                    "`{}` is a host name; Windows Firewall filters addresses",
                    host.name
                ),
                "list the addresses instead",
                &[],
            );
        }
        for rule in &net.rules {
            cx.enforced(
                rule.origin.to_string(),
                Some(rule.span),
                "block rules for the cells it does not allow",
            );
        }
        cx.enforced(
            "network.egress.default",
            net.egress_default.span,
            "block rules cover every denied cell",
        );
        if net.shape == ir::NetworkShape::Legacy
            && net.enforcement_mode.value == ir::net::EnforcementMode::Capabilities
        {
            cx.approximated(
                codes::FIREWALL_HOST_STATE,
                "network.enforcementMode",
                net.enforcement_mode.span,
                "MXC installs no firewall rules in `capabilities` mode; mxcc's rules enforce `defaultPolicy` anyway".to_owned(),
                "nothing to do",
            );
        }
        let loop_deny = net.host_loopback.value == Action::Deny;
        if loop_deny {
            cx.gap(
                codes::HOST_LOOPBACK,
                "network.ingress.hostLoopback",
                net.host_loopback.span.or(net.span),
                "Windows Firewall rules do not apply to loopback traffic; the host loopback stays open to the firewall".to_owned(),
                "emit the `appcontainer` target alongside: its loopback isolation closes it",
                &[TargetId::AppContainer],
            );
        }
        cx.enforced(
            "network.ingress.default",
            net.ingress_default.span,
            "one inbound rule",
        );
        cx.gap(
            codes::FIREWALL_SCOPE,
            "filesystem, ui",
            None,
            "firewall rules do not restrict files or UI".to_owned(),
            "emit the `appcontainer` target alongside (`--target all-windows`)",
            &[TargetId::AppContainer],
        );
        if policy.lifecycle.preserve_policy.value {
            cx.approximated(
                codes::FIREWALL_HOST_STATE,
                "lifecycle.preservePolicy",
                policy.lifecycle.preserve_policy.span,
                "`preservePolicy` leaves the firewall rules on the host after exit".to_owned(),
                "leave `preservePolicy` off",
            );
        }
        let plan = Plan {
            package,
            group,
            egress: block_rules(policy),
            ingress_default: net.ingress_default.value,
            proxy: net.proxy.is_some(),
        };
        let mut files = BTreeMap::new();
        files.insert(FILE, render(&plan, &name).into_bytes());
        let assumptions = vec![
            "the executor runs `firewall.ps1` elevated before the command and removes the rule group afterwards".to_owned(),
            "the profile's default outbound action is allow and no other rule overrides block rules".to_owned(),
            "protocols other than TCP, UDP and ICMP are not filtered".to_owned(),
        ];
        Some(Artifact {
            target: TargetId::Firewall,
            format_version: FORMAT_VERSION,
            files,
            assumptions,
            plan: ArtifactPlan::Firewall(plan),
        })
    }

    fn model(&self, artifact: &Artifact) -> ArtifactModel {
        let ArtifactPlan::Firewall(plan) = &artifact.plan else {
            return ArtifactModel::unconstrained("firewall");
        };
        let exempt: Vec<NetModelRule> = appcontainer::loopback()
            .iter()
            .map(|c| NetModelRule {
                family: Some(c.family),
                protocol: None,
                cidr: Some(*c),
                ports: None,
                action: Action::Allow,
                origin: "loopback exemption".to_owned(),
            })
            .collect();
        let mut egress = exempt.clone();
        egress.extend(model_rules(plan));
        ArtifactModel {
            target: "firewall",
            fs: Domain::Unconstrained,
            net: Domain::Enforced(NetModel {
                egress: NetChain {
                    rules: egress,
                    default: Action::Allow,
                },
                ingress: NetChain {
                    rules: exempt,
                    default: plan.ingress_default,
                },
                proxy_reachable: plan.proxy,
            }),
            ui: Domain::Unconstrained,
        }
    }
}
