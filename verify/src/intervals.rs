//! The interval engine: single-domain questions answered without a solver.
//!
//! Per filesystem operation, each side's allowed set is a list of disjoint region intervals;
//! network sides are swept cell by cell into per-protocol port intervals; the small domains
//! (UI, environment, run time) are enumerated. Policies are decided region by region with the
//! same rules as `ir::decide` (deepest literal or deny-overrides, inherited down the trie);
//! models are evaluated with their own concrete evaluators on region representatives.

use ir::model::Domain;
use ir::{Direction, Family, FsAccess, FsOp, Mode, Policy, Protocol, Request};

use crate::netspace::{self, PORT_MAX};
use crate::ranges::Ranges;
use crate::regions::RegionKind;
use crate::side::Side;
use crate::space::{Cell, Dim, DomainAnswer, NetBox, NetTarget, Relation, Space, UI_OPS};

/// Answers one domain of a query.
pub fn answer(
    space: &Space,
    left: &Side<'_>,
    right: &Side<'_>,
    relation: Relation,
    dim: Dim,
) -> DomainAnswer {
    let cells = match dim {
        Dim::Fs => fs(space, left, right, relation),
        Dim::Net => net(space, left, right, relation),
        Dim::Ui => finite(
            UI_OPS.iter().map(|op| (Cell::Ui(*op), Request::Ui(*op))),
            left,
            right,
            relation,
        ),
        Dim::Env => finite(
            space
                .env
                .iter()
                .map(|n| (Cell::Env(n.clone()), Request::Env { name: n.clone() })),
            left,
            right,
            relation,
        ),
        Dim::Run => finite(
            space.run.iter().map(|lo| {
                let (lo, hi) = space.run_cell(*lo);
                (Cell::Run { lo, hi }, Request::Run { millis: lo })
            }),
            left,
            right,
            relation,
        ),
    };
    match cells {
        Ok(cells) => DomainAnswer::Cells {
            cells: crate::space::normalise(cells),
            complete: true,
        },
        Err(reason) => DomainAnswer::NotApplicable(reason),
    }
}

fn not_applicable(left: &Side<'_>, right: &Side<'_>, dim: Dim) -> Option<String> {
    [left, right].into_iter().find_map(|s| side_na(s, dim))
}

/// Why a side does not speak about a domain (a composition: when none of its models does).
fn side_na(side: &Side<'_>, dim: Dim) -> Option<String> {
    match side {
        Side::Policy { .. } => None,
        Side::All(ms) => {
            let reasons: Vec<String> = ms
                .iter()
                .map(|m| side_na(&Side::Model(m), dim))
                .collect::<Option<Vec<String>>>()?;
            Some(if reasons.is_empty() {
                "no artifact was emitted".to_owned()
            } else {
                reasons.join("; ")
            })
        }
        Side::Model(m) => {
            let reason = |d: &dyn Fn() -> Option<String>| d();
            match dim {
                Dim::Fs => reason(&|| na(&m.fs)),
                Dim::Net => reason(&|| na(&m.net)),
                Dim::Ui => reason(&|| na(&m.ui)),
                Dim::Env => reason(&|| na(&m.env)),
                Dim::Run => reason(&|| na(&m.run_above)),
            }
        }
    }
}

fn na<T>(d: &Domain<T>) -> Option<String> {
    match d {
        Domain::NotApplicable(r) => Some(r.clone()),
        _ => None,
    }
}

fn finite(
    items: impl Iterator<Item = (Cell, Request)>,
    left: &Side<'_>,
    right: &Side<'_>,
    relation: Relation,
) -> Result<Vec<Cell>, String> {
    let mut out = Vec::new();
    for (cell, req) in items {
        match (left.allows(&req), right.allows(&req)) {
            (Some(l), Some(r)) => {
                if relation.holds(l, r) {
                    out.push(cell);
                }
            }
            _ => return Err("a side does not model this domain".to_owned()),
        }
    }
    Ok(out)
}

/// The regions a side allows, per operation in [`FsOp::ALL`] order; `None` when the side does
/// not model files.
pub fn fs_allowed(space: &Space, side: &Side<'_>) -> Option<[Ranges; 4]> {
    let regions = &space.regions;
    let per_node: Vec<[bool; 4]> = match side {
        Side::Policy { policy, mode } => policy_nodes(space, policy, *mode),
        Side::All(ms) => {
            let mut out: Option<[Ranges; 4]> = None;
            for m in *ms {
                if let Some(r) = fs_allowed(space, &Side::Model(m)) {
                    out = Some(match out {
                        Some(acc) => std::array::from_fn(|i| acc[i].intersect(&r[i])),
                        None => r,
                    });
                }
            }
            return out;
        }
        Side::Model(m) => match &m.fs {
            Domain::NotApplicable(_) => return None,
            Domain::Unconstrained => {
                return Some(std::array::from_fn(|_| {
                    Ranges::full(regions.len() as u128 - 1)
                }));
            }
            Domain::Enforced(fs) => {
                let mut ids: [Vec<(u128, u128)>; 4] = Default::default();
                for r in 0..regions.len() {
                    let path = regions.representative(r);
                    for (op, ids) in FsOp::ALL.into_iter().zip(&mut ids) {
                        if fs.allows(op, &path) {
                            ids.push((r as u128, r as u128));
                        }
                    }
                }
                return Some(ids.map(Ranges::from_intervals));
            }
        },
    };
    let mut ids: [Vec<(u128, u128)>; 4] = Default::default();
    for r in 0..regions.len() {
        let (RegionKind::Exact(n) | RegionKind::Below(n)) = regions.kind(r) else {
            continue;
        };
        let allowed = per_node.get(n).copied().unwrap_or_default();
        for (allowed, ids) in allowed.into_iter().zip(&mut ids) {
            if allowed {
                ids.push((r as u128, r as u128));
            }
        }
    }
    Some(ids.map(Ranges::from_intervals))
}

/// Decides every trie node for every operation by inheriting the decisive rules down the trie.
fn policy_nodes(space: &Space, policy: &Policy, mode: Mode) -> Vec<[bool; 4]> {
    let nodes = &space.regions.nodes;
    // Per node: the most restrictive access listed on exactly this literal (MXC), and which
    // accesses are listed on it (strict).
    let mut own: Vec<Option<FsAccess>> = vec![None; nodes.len()];
    let mut listed: Vec<[bool; 3]> = vec![[false; 3]; nodes.len()];
    for rule in &policy.filesystem.rules {
        let Some(n) = space.regions.node_of(&rule.path) else {
            continue;
        };
        if let Some(slot) = own.get_mut(n) {
            *slot = Some(slot.map_or(rule.access, |a| a.max(rule.access)));
        }
        let i = match rule.access {
            FsAccess::ReadWrite => 0,
            FsAccess::ReadOnly => 1,
            FsAccess::Denied => 2,
        };
        if let Some(b) = listed.get_mut(n).and_then(|slot| slot.get_mut(i)) {
            *b = true;
        }
    }
    let mut effective: Vec<Option<FsAccess>> = Vec::with_capacity(nodes.len());
    let mut seen: Vec<[bool; 3]> = Vec::with_capacity(nodes.len());
    let mut out = Vec::with_capacity(nodes.len());
    for (i, node) in nodes.iter().enumerate() {
        // INVARIANT: nodes are in DFS pre-order, so a parent precedes its children.
        let parent_eff = node
            .parent
            .and_then(|p| effective.get(p).copied().flatten());
        let parent_seen = node
            .parent
            .and_then(|p| seen.get(p).copied())
            .unwrap_or([false; 3]);
        let eff = own.get(i).copied().flatten().or(parent_eff);
        let mine = listed.get(i).copied().unwrap_or([false; 3]);
        let acc = [
            parent_seen[0] || mine[0],
            parent_seen[1] || mine[1],
            parent_seen[2] || mine[2],
        ];
        effective.push(eff);
        seen.push(acc);
        out.push(FsOp::ALL.map(|op| match mode {
            Mode::Mxc => eff.is_some_and(|a| a.grants(op)),
            Mode::Strict => !acc[2] && (acc[0] || (acc[1] && op != FsOp::Write)),
        }));
    }
    out
}

fn fs(
    space: &Space,
    left: &Side<'_>,
    right: &Side<'_>,
    relation: Relation,
) -> Result<Vec<Cell>, String> {
    if let Some(reason) = not_applicable(left, right, Dim::Fs) {
        return Err(reason);
    }
    let (Some(left), Some(right)) = (fs_allowed(space, left), fs_allowed(space, right)) else {
        return Err("a side does not model files".to_owned());
    };
    let mut out = Vec::new();
    for ((op, l), r) in FsOp::ALL.into_iter().zip(&left).zip(&right) {
        let set = match relation {
            Relation::Difference => l.subtract(r),
            Relation::Intersection => l.intersect(r),
        };
        for (lo, hi) in set.intervals() {
            out.extend((*lo..=*hi).map(|region| Cell::Fs {
                op,
                region: region as usize,
            }));
        }
    }
    Ok(out)
}

fn net(
    space: &Space,
    left: &Side<'_>,
    right: &Side<'_>,
    relation: Relation,
) -> Result<Vec<Cell>, String> {
    if let Some(reason) = not_applicable(left, right, Dim::Net) {
        return Err(reason);
    }
    let mut out = Vec::new();
    for direction in [Direction::Egress, Direction::Ingress] {
        for protocol in Protocol::ALL {
            let l = netspace::proxy_allowed(left, direction, protocol).unwrap_or(false);
            let r = netspace::proxy_allowed(right, direction, protocol).unwrap_or(false);
            if relation.holds(l, r) {
                out.push(Cell::Net(NetBox {
                    direction,
                    target: NetTarget::Proxy,
                    protocol,
                    ports: (0, u16::MAX),
                }));
            }
        }
        for family in [Family::V4, Family::V6] {
            let (Some(lc), Some(rc)) = (
                netspace::side_cells(left, &space.net, direction, family),
                netspace::side_cells(right, &space.net, direction, family),
            ) else {
                return Err("a side does not model the network".to_owned());
            };
            let starts = space.net.cells(family);
            for (i, lo) in starts.iter().enumerate() {
                if netspace::is_mapped_cell(family, *lo) {
                    continue;
                }
                let hi = starts
                    .get(i + 1)
                    .map_or(netspace::family_max(family), |n| n - 1);
                let (Some(lp), Some(rp)) = (lc.get(i), rc.get(i)) else {
                    continue;
                };
                for protocol in Protocol::ALL {
                    let k = netspace::protocol_index(protocol);
                    let (Some(a), Some(b)) = (lp.get(k), rp.get(k)) else {
                        continue;
                    };
                    let ports = match relation {
                        Relation::Difference => a.subtract(b),
                        Relation::Intersection => a.intersect(b),
                    };
                    for (plo, phi) in ports.intervals() {
                        let ports = if protocol == Protocol::Icmp {
                            (0, u16::MAX)
                        } else {
                            (port(*plo), port((*phi).min(PORT_MAX)))
                        };
                        out.push(Cell::Net(NetBox {
                            direction,
                            target: NetTarget::Ip {
                                family,
                                lo: *lo,
                                hi,
                            },
                            protocol,
                            ports,
                        }));
                        if protocol == Protocol::Icmp {
                            break;
                        }
                    }
                }
            }
        }
    }
    Ok(out)
}

fn port(p: u128) -> u16 {
    u16::try_from(p).unwrap_or(u16::MAX)
}
