//! From solver models and cells back to concrete requests: decoding, preferred witnesses,
//! replay through the concrete evaluators, and blame.

use std::net::IpAddr;

use ir::net::ip_of;
use ir::{Cause, Decision, Direction, Endpoint, Family, FsOp, Policy, Protocol, Request, Span};

use crate::encode::{Encoder, fs_op_index, proto_index, var};
use crate::side::Side;
use crate::space::{Cell, Dim, NetBox, NetTarget, Relation, Space, UI_OPS};
use crate::term::{Assignment, Term};

const FS_OPS: [FsOp; 4] = [FsOp::Read, FsOp::Write, FsOp::Execute, FsOp::Metadata];

/// The cell a solver model lies in.
pub fn cell_of(space: &Space, dim: Dim, a: &Assignment) -> Cell {
    match dim {
        Dim::Fs => Cell::Fs {
            op: FS_OPS
                .get(a.get(var::FS_OP) as usize)
                .copied()
                .unwrap_or(FsOp::Read),
            region: usize::try_from(a.get(var::FS_REGION)).unwrap_or(0),
        },
        Dim::Net => {
            let direction = if a.flag(var::NET_EGRESS) {
                Direction::Egress
            } else {
                Direction::Ingress
            };
            let protocol = Protocol::ALL
                .get(a.get(var::NET_PROTO) as usize)
                .copied()
                .unwrap_or(Protocol::Tcp);
            if a.flag(var::NET_PROXY) {
                return Cell::Net(NetBox {
                    direction,
                    target: NetTarget::Proxy,
                    protocol,
                    ports: (0, u16::MAX),
                });
            }
            let (family, addr) = if a.flag(var::NET_V6) {
                (Family::V6, a.get(var::NET_A6))
            } else {
                (Family::V4, a.get(var::NET_A4))
            };
            let (lo, hi) = space.net.addr_cell(family, addr);
            let ports = if protocol == Protocol::Icmp {
                (0, u16::MAX)
            } else {
                let (plo, phi) = space.net.port_cell(a.get(var::NET_PORT));
                (
                    u16::try_from(plo).unwrap_or(0),
                    u16::try_from(phi).unwrap_or(u16::MAX),
                )
            };
            Cell::Net(NetBox {
                direction,
                target: NetTarget::Ip { family, lo, hi },
                protocol,
                ports,
            })
        }
        Dim::Ui => Cell::Ui(
            UI_OPS
                .get(a.get(var::UI_OP) as usize)
                .copied()
                .unwrap_or(UI_OPS[0]),
        ),
        Dim::Env => Cell::Env(
            space
                .env
                .get(a.get(var::ENV_ATOM) as usize)
                .cloned()
                .unwrap_or_default(),
        ),
        Dim::Run => {
            let (lo, hi) =
                space.run_cell(u64::try_from(a.get(var::RUN_MILLIS)).unwrap_or(u64::MAX));
            Cell::Run { lo, hi }
        }
    }
}

/// The term true exactly on a cell (used to block it).
pub fn cell_term(enc: &mut Encoder<'_>, cell: &Cell) -> Term {
    match cell {
        Cell::Fs { op, region } => {
            let o = enc.op_is(*op);
            let x = enc.fs_region();
            let r = enc.terms.eq_const(x, *region as u128);
            enc.terms.and([o, r])
        }
        Cell::Net(b) => {
            let t = &mut enc.terms;
            let egress = t.bool_var(var::NET_EGRESS);
            let dir = if b.direction == Direction::Egress {
                egress
            } else {
                t.not(egress)
            };
            let proxy = t.bool_var(var::NET_PROXY);
            let proto = t.bv_var(var::NET_PROTO, 2);
            let p = t.eq_const(proto, proto_index(b.protocol));
            let port = t.bv_var(var::NET_PORT, 16);
            let ports = t.in_range(port, u128::from(b.ports.0), u128::from(b.ports.1));
            let target = match b.target {
                NetTarget::Proxy => proxy,
                NetTarget::Ip { family, lo, hi } => {
                    let np = t.not(proxy);
                    let v6 = t.bool_var(var::NET_V6);
                    let (fam, addr) = match family {
                        Family::V4 => (t.not(v6), t.bv_var(var::NET_A4, 32)),
                        Family::V6 => (v6, t.bv_var(var::NET_A6, 128)),
                    };
                    let inside = t.in_range(addr, lo, hi);
                    t.and([np, fam, inside])
                }
            };
            t.and([dir, p, ports, target])
        }
        Cell::Ui(op) => {
            let i = UI_OPS.iter().position(|o| o == op).unwrap_or(0);
            let v = enc.terms.bv_var(var::UI_OP, 2);
            enc.terms.eq_const(v, i as u128)
        }
        Cell::Env(name) => {
            let i = enc.space.env.iter().position(|n| n == name).unwrap_or(0);
            let v = enc.env_atom();
            enc.terms.eq_const(v, i as u128)
        }
        Cell::Run { lo, hi } => {
            let v = enc.terms.bv_var(var::RUN_MILLIS, 64);
            enc.terms.in_range(v, u128::from(*lo), u128::from(*hi))
        }
    }
}

/// The preferred port of a range: 443, 80, 22, else the lowest.
pub fn preferred_port(lo: u16, hi: u16) -> u16 {
    [443u16, 80, 22]
        .into_iter()
        .find(|p| (lo..=hi).contains(p))
        .unwrap_or(lo)
}

/// A concrete request in a cell.
pub fn witness(space: &Space, cell: &Cell) -> Request {
    match cell {
        Cell::Fs { op, region } => Request::Fs {
            op: *op,
            path: space.regions.representative(*region),
        },
        Cell::Net(b) => {
            let endpoint = match b.target {
                NetTarget::Proxy => Endpoint::Proxy,
                NetTarget::Ip { family, lo, .. } => Endpoint::Ip(ip_of(family, lo)),
            };
            let port = if b.protocol == Protocol::Icmp {
                0
            } else {
                preferred_port(b.ports.0, b.ports.1)
            };
            Request::Net {
                direction: b.direction,
                protocol: b.protocol,
                endpoint,
                port,
            }
        }
        Cell::Ui(op) => Request::Ui(*op),
        Cell::Env(name) => Request::Env { name: name.clone() },
        Cell::Run { lo, .. } => Request::Run { millis: *lo },
    }
}

/// The requests that stand for every request of a cell: its witness and, for a network box,
/// the opposite corner (last address, last port). A product of intervals (an address block
/// and a port range for one direction and protocol) contains the box iff it contains both.
/// Filesystem cells are classes of paths no literal of either side separates, so one path
/// stands for all of them.
pub fn corners(space: &Space, cell: &Cell) -> Vec<Request> {
    let mut out = vec![witness(space, cell)];
    if let Cell::Net(b) = cell
        && let NetTarget::Ip { family, lo, hi } = b.target
    {
        let (first, last) = if b.protocol == Protocol::Icmp {
            (0, 0)
        } else {
            b.ports
        };
        for (ip, port) in [(lo, first), (hi, last)] {
            out.push(Request::Net {
                direction: b.direction,
                protocol: b.protocol,
                endpoint: Endpoint::Ip(ip_of(family, ip)),
                port,
            });
        }
    }
    out
}

/// One side's concrete answer to a witness: whether it allows it and, for a policy, the
/// decision of `ir::decide` with its cause. Computed once, used by [`replay`] and [`blame`].
pub struct Answer<'s> {
    pub allowed: Option<bool>,
    decision: Option<(Decision, &'s Policy)>,
}

impl<'s> Answer<'s> {
    pub fn of(side: &'s Side<'_>, request: &Request) -> Answer<'s> {
        match side.decision(request) {
            Some((decision, policy)) => Answer {
                allowed: Some(decision.allowed),
                decision: Some((decision, policy)),
            },
            None => Answer {
                allowed: side.allows(request),
                decision: None,
            },
        }
    }
}

/// Replays a witness on both sides; an error means the engines and `ir::decide` disagree.
pub fn replay(
    left: &Answer<'_>,
    right: &Answer<'_>,
    relation: Relation,
    request: &Request,
) -> Result<(), String> {
    match (left.allowed, right.allowed) {
        (Some(l), Some(r)) if relation.holds(l, r) => Ok(()),
        (l, r) => Err(format!(
            "witness `{}` does not replay (left {l:?}, right {r:?})",
            describe_request(request)
        )),
    }
}

/// The span and a sentence for why a side decided a request.
pub fn blame(answer: &Answer<'_>) -> (Option<Span>, String) {
    let Some((decision, policy)) = &answer.decision else {
        return (None, "the model".to_owned());
    };
    let (decision, policy) = (decision, *policy);
    let span = decision.span(policy);
    let text = match decision.cause {
        Cause::FsRule(i) => policy
            .filesystem
            .rules
            .get(i)
            .map_or_else(String::new, |r| {
                format!("`{}` in `{}`", r.raw, r.access.list_name())
            }),
        Cause::NoFsRule => "no filesystem rule covers the path".to_owned(),
        Cause::NetRule(i) => policy.network.rules.get(i).map_or_else(String::new, |r| {
            format!("{} rule `{}`", r.action.as_str(), r.origin)
        }),
        Cause::EgressDefault => {
            format!(
                "the egress default `{}`",
                policy.network.egress_default.value.as_str()
            )
        }
        Cause::IngressDefault => {
            format!(
                "the ingress default `{}`",
                policy.network.ingress_default.value.as_str()
            )
        }
        Cause::HostLoopback => "the host loopback setting".to_owned(),
        Cause::ProxyEndpoint => "the proxy endpoint".to_owned(),
        Cause::NoProxy => "no proxy is configured".to_owned(),
        Cause::UiDisable => "`ui.disable`".to_owned(),
        Cause::Clipboard => format!("`ui.clipboard` = `{}`", policy.ui.clipboard.value.as_str()),
        Cause::Injection => "`ui.injection`".to_owned(),
        Cause::EnvEntry(i) => policy
            .process
            .env
            .get(i)
            .map_or_else(String::new, |e| format!("env entry `{}`", e.raw)),
        Cause::ProxyEnv => "the proxy variables the backend sets".to_owned(),
        Cause::EnvAbsent => "no env entry names it".to_owned(),
        Cause::Timeout => match policy.process.timeout.value {
            0 => "no timeout".to_owned(),
            t => format!("timeout {t} ms"),
        },
    };
    (span, text)
}

fn ip_text(ip: IpAddr) -> String {
    ip.to_string()
}

/// A request in one line: `read /home/u/.ssh/id_rsa`, `egress tcp 10.0.0.1:443`.
pub fn describe_request(r: &Request) -> String {
    match r {
        Request::Fs { op, path } => format!("{op} {path}"),
        Request::Net {
            direction,
            protocol,
            endpoint,
            port,
        } => {
            let dir = match direction {
                Direction::Egress => "egress",
                Direction::Ingress => "ingress",
            };
            let to = match endpoint {
                Endpoint::Proxy => "the proxy endpoint".to_owned(),
                Endpoint::Ip(ip @ IpAddr::V6(_)) => format!("[{}]", ip_text(*ip)),
                Endpoint::Ip(ip) => ip_text(*ip),
            };
            if *protocol == Protocol::Icmp || matches!(endpoint, Endpoint::Proxy) {
                format!("{dir} {protocol} {to}")
            } else {
                format!("{dir} {protocol} {to}:{port}")
            }
        }
        Request::Ui(op) => format!("ui {}", ui_name(*op)),
        Request::Env { name } => format!("see env `{name}`"),
        Request::Run { millis } => format!("run for {millis} ms"),
    }
}

pub fn ui_name(op: ir::UiOp) -> &'static str {
    match op {
        ir::UiOp::CreateWindow => "create-window",
        ir::UiOp::ClipboardRead => "clipboard-read",
        ir::UiOp::ClipboardWrite => "clipboard-write",
        ir::UiOp::InjectInput => "inject-input",
    }
}

/// Keeps the op index helper reachable for callers that build assumptions.
pub fn op_index(op: FsOp) -> u128 {
    fs_op_index(op)
}
