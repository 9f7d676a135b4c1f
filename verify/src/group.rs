//! Readable groups of differing cells: whole subtrees for paths, address blocks and port
//! ranges for the network, one group per atom elsewhere.

use std::collections::BTreeMap;

use ir::net::ip_of;
use ir::{Direction, Family, FsOp, Protocol};

use crate::netspace::family_max;
use crate::ranges::Ranges;
use crate::regions::RegionKind;
use crate::space::{Cell, Dim, NetBox, NetTarget, Space};

/// Cells with one description; the first cell gives the witness.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub dim: Dim,
    pub description: String,
    pub cells: Vec<Cell>,
}

pub fn group(space: &Space, dim: Dim, cells: &[Cell]) -> Vec<Group> {
    match dim {
        Dim::Fs => fs_groups(space, cells),
        Dim::Net => net_groups(cells),
        Dim::Ui | Dim::Env | Dim::Run => cells
            .iter()
            .map(|c| Group {
                dim,
                description: atom_text(c),
                cells: vec![c.clone()],
            })
            .collect(),
    }
}

fn atom_text(c: &Cell) -> String {
    match c {
        Cell::Ui(op) => format!("ui `{}`", crate::decode::ui_name(*op)),
        Cell::Env(name) => format!("environment variable `{name}`"),
        Cell::Run { lo, hi } if *hi == u64::MAX => {
            format!("running longer than {} ms", lo.saturating_sub(1))
        }
        Cell::Run { lo, hi } => format!("running {lo}-{hi} ms"),
        Cell::Fs { .. } | Cell::Net(_) => String::new(),
    }
}

fn fs_groups(space: &Space, cells: &[Cell]) -> Vec<Group> {
    let regions = &space.regions;
    let mut per_op: BTreeMap<FsOp, Vec<usize>> = BTreeMap::new();
    for c in cells {
        if let Cell::Fs { op, region } = c {
            per_op.entry(*op).or_default().push(*region);
        }
    }
    // (first region, description) -> (ops, witness region)
    let mut merged: BTreeMap<(usize, String), (Vec<FsOp>, usize)> = BTreeMap::new();
    for (op, ids) in per_op {
        let set = Ranges::from_intervals(ids.iter().map(|r| (*r as u128, *r as u128)));
        // Whole subtrees, shallowest first. Nodes are in DFS pre-order, so a node lies inside
        // a subtree already taken iff it starts before the last taken subtree ends.
        let mut taken: Vec<(u128, u128)> = Vec::new();
        let mut items: Vec<(usize, String, usize)> = Vec::new();
        for node in &regions.nodes {
            let (lo, hi) = (node.exact as u128, node.below as u128);
            if taken.last().is_some_and(|(_, end)| lo <= *end) || !set.covers(lo, hi) {
                continue;
            }
            taken.push((lo, hi));
            let witness = if node.children.is_empty() || set.contains(node.below as u128) {
                node.below
            } else {
                node.exact
            };
            items.push((node.exact, format!("under `{}`", node.path), witness));
        }
        let covered = Ranges::from_intervals(taken);
        for (lo, hi) in set.subtract(&covered).intervals() {
            for r in *lo..=*hi {
                let r = r as usize;
                let text = match regions.kind(r) {
                    RegionKind::Other => "under roots no rule mentions".to_owned(),
                    _ => regions.describe(r),
                };
                items.push((r, text, r));
            }
        }
        for (first, text, witness) in items {
            merged
                .entry((first, text))
                .or_insert_with(|| (Vec::new(), witness))
                .0
                .push(op);
        }
    }
    merged
        .into_iter()
        .map(|((_, text), (ops, witness))| {
            let names: Vec<&str> = ops.iter().map(|o| o.as_str()).collect();
            let cells = ops
                .iter()
                .map(|op| Cell::Fs {
                    op: *op,
                    region: witness,
                })
                .collect();
            Group {
                dim: Dim::Fs,
                description: format!("{} {text}", names.join(", ")),
                cells,
            }
        })
        .collect()
}

fn net_groups(cells: &[Cell]) -> Vec<Group> {
    // Merge adjacent address cells with the same direction, protocol and ports.
    type Key = (Direction, u8, Protocol, (u16, u16));
    let mut runs: BTreeMap<Key, Vec<(u128, u128)>> = BTreeMap::new();
    let mut proxies: Vec<NetBox> = Vec::new();
    for c in cells {
        let Cell::Net(b) = c else { continue };
        match b.target {
            NetTarget::Proxy => proxies.push(*b),
            NetTarget::Ip { family, lo, hi } => {
                let fam = u8::from(family == Family::V6);
                runs.entry((b.direction, fam, b.protocol, b.ports))
                    .or_default()
                    .push((lo, hi));
            }
        }
    }
    // (direction, family, address range, ports) -> protocols
    type Merged = (Direction, u8, (u128, u128), (u16, u16));
    let mut merged: BTreeMap<Merged, Vec<Protocol>> = BTreeMap::new();
    for ((dir, fam, proto, ports), addrs) in runs {
        for range in Ranges::from_intervals(addrs).intervals() {
            merged
                .entry((dir, fam, *range, ports))
                .or_default()
                .push(proto);
        }
    }
    let mut out = Vec::new();
    for b in proxies {
        out.push(Group {
            dim: Dim::Net,
            description: format!(
                "{} {} to the proxy endpoint",
                dir_text(b.direction),
                b.protocol
            ),
            cells: vec![Cell::Net(b)],
        });
    }
    for ((direction, fam, (lo, hi), ports), protos) in merged {
        let family = if fam == 1 { Family::V6 } else { Family::V4 };
        let names: Vec<&str> = protos.iter().map(|p| p.as_str()).collect();
        let port_text = if protos.iter().all(|p| *p == Protocol::Icmp) || ports == (0, u16::MAX) {
            String::new()
        } else if ports.0 == ports.1 {
            format!(" port {}", ports.0)
        } else {
            format!(" ports {}-{}", ports.0, ports.1)
        };
        let prep = if direction == Direction::Egress {
            "to"
        } else {
            "from"
        };
        let description = format!(
            "{} {}{port_text} {prep} {}",
            dir_text(direction),
            names.join(", "),
            range_text(family, lo, hi)
        );
        let cells = protos
            .iter()
            .map(|p| {
                Cell::Net(NetBox {
                    direction,
                    target: NetTarget::Ip { family, lo, hi },
                    protocol: *p,
                    ports,
                })
            })
            .collect();
        out.push(Group {
            dim: Dim::Net,
            description,
            cells,
        });
    }
    out
}

fn dir_text(d: Direction) -> &'static str {
    match d {
        Direction::Egress => "egress",
        Direction::Ingress => "ingress",
    }
}

/// The smallest CIDR block covering a range: `(network, prefix)`.
pub fn covering_cidr(family: Family, lo: u128, hi: u128) -> (u128, u8) {
    let width = u32::from(family.bits());
    let diff = lo ^ hi;
    let host = if diff == 0 {
        0
    } else {
        128 - diff.leading_zeros()
    };
    let prefix = width.saturating_sub(host);
    let host_mask = crate::term::max_of(host);
    let network = lo & !host_mask & family_max(family);
    (network, u8::try_from(prefix).unwrap_or(0))
}

/// An address range as a CIDR when it is one, else as a range with its covering block.
pub fn range_text(family: Family, lo: u128, hi: u128) -> String {
    let (network, prefix) = covering_cidr(family, lo, hi);
    let host = u32::from(family.bits()) - u32::from(prefix);
    let last = network | crate::term::max_of(host);
    if network == lo && last == hi {
        if prefix == 0 {
            return match family {
                Family::V4 => "any IPv4 address (0.0.0.0/0)".to_owned(),
                Family::V6 => "any IPv6 address (::/0)".to_owned(),
            };
        }
        format!("{}/{prefix}", ip_of(family, network))
    } else {
        format!(
            "{}-{} (within {}/{prefix})",
            ip_of(family, lo),
            ip_of(family, hi),
            ip_of(family, network)
        )
    }
}
