//! The finite partition of every domain for one query: path regions, network cells,
//! environment atoms and run-time intervals, plus the cells the engines report.

use std::collections::BTreeSet;

use ir::model::Domain;
use ir::net::PROXY_ENV_VARS;
use ir::{Direction, Family, FsOp, PathStyle, Protocol, UiOp};

use crate::netspace::NetSpace;
use crate::regions::Regions;
use crate::side::Side;

/// A request domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dim {
    Fs,
    Net,
    Ui,
    Env,
    Run,
}

impl Dim {
    pub const ALL: [Dim; 5] = [Dim::Fs, Dim::Net, Dim::Ui, Dim::Env, Dim::Run];

    pub fn as_str(self) -> &'static str {
        match self {
            Dim::Fs => "filesystem",
            Dim::Net => "network",
            Dim::Ui => "ui",
            Dim::Env => "environment",
            Dim::Run => "timeout",
        }
    }
}

/// Where a network cell points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NetTarget {
    Proxy,
    Ip { family: Family, lo: u128, hi: u128 },
}

/// A box of network requests every side decides uniformly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NetBox {
    pub direction: Direction,
    pub target: NetTarget,
    pub protocol: Protocol,
    pub ports: (u16, u16),
}

/// A set of requests that every side decides uniformly, as reported by an engine.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cell {
    Fs { op: FsOp, region: usize },
    Net(NetBox),
    Ui(UiOp),
    Env(String),
    Run { lo: u64, hi: u64 },
}

pub const UI_OPS: [UiOp; 4] = [
    UiOp::CreateWindow,
    UiOp::ClipboardRead,
    UiOp::ClipboardWrite,
    UiOp::InjectInput,
];

/// The partition of all domains for a set of sides.
#[derive(Clone, Debug)]
pub struct Space {
    pub regions: Regions,
    pub net: NetSpace,
    /// Environment atoms; index 0 is "any other name".
    pub env: Vec<String>,
    /// Sorted starts of run-time cells, beginning with 0.
    pub run: Vec<u64>,
}

impl Space {
    pub fn build(style: PathStyle, sides: &[Side<'_>]) -> Space {
        let mut literals = Vec::new();
        let mut prefixes = Vec::new();
        for s in sides {
            s.fs_literals(&mut literals, &mut prefixes);
        }
        let regions = Regions::build(style, &literals, &prefixes);
        let net = NetSpace::build(sides);
        let mut names: BTreeSet<String> = BTreeSet::new();
        let mut run: BTreeSet<u64> = BTreeSet::from([0]);
        for s in sides {
            match s {
                Side::Policy { policy, .. } => {
                    names.extend(policy.process.env.iter().filter_map(|e| e.name.clone()));
                    if policy.network.proxy.is_some() {
                        names.extend(PROXY_ENV_VARS.iter().map(|s| (*s).to_owned()));
                    }
                    let limit = policy.process.timeout.value;
                    if limit > 0 {
                        run.insert(u64::from(limit) + 1);
                    }
                }
                Side::Model(_) | Side::All(_) => {
                    for m in s.models() {
                        if let Domain::Enforced(n) = &m.env {
                            names.extend(n.iter().cloned());
                        }
                        if let Domain::Enforced(above) = m.run_above {
                            run.insert(above.saturating_add(1));
                        }
                    }
                }
            }
        }
        let other = crate::names::fresh("UNLISTED_VAR", |n| names.contains(n));
        let mut env = vec![other];
        env.extend(names);
        Space {
            regions,
            net,
            env,
            run: run.into_iter().collect(),
        }
    }

    /// The run-time cell containing a value.
    pub fn run_cell(&self, millis: u64) -> (u64, u64) {
        let i = self.run.partition_point(|s| *s <= millis).saturating_sub(1);
        let lo = self.run.get(i).copied().unwrap_or(0);
        let hi = self.run.get(i + 1).map_or(u64::MAX, |n| n - 1);
        (lo, hi)
    }
}

/// How the two sides of a query combine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// Requests the left side allows and the right side does not.
    Difference,
    /// Requests both sides allow (the right side is a forbidden set).
    Intersection,
}

impl Relation {
    pub fn holds(self, left: bool, right: bool) -> bool {
        match self {
            Relation::Difference => left && !right,
            Relation::Intersection => left && right,
        }
    }
}

/// What an engine found for one domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainAnswer {
    /// Every cell where the relation holds (empty: the property holds). `complete` is false
    /// when the enumeration stopped at its cap.
    Cells {
        cells: Vec<Cell>,
        complete: bool,
    },
    Unknown(String),
    /// The solver found these cells, then gave up (a timeout): the cells are real, and the
    /// rest of the domain is unknown.
    Partial {
        cells: Vec<Cell>,
        reason: String,
    },
    NotApplicable(String),
}

/// Merges network boxes that differ only by adjacent port ranges, and sorts every cell list.
pub fn normalise(cells: Vec<Cell>) -> Vec<Cell> {
    let mut cells = cells;
    cells.sort();
    cells.dedup();
    let mut out: Vec<Cell> = Vec::with_capacity(cells.len());
    for c in cells {
        if let (Some(Cell::Net(last)), Cell::Net(b)) = (out.last_mut(), &c)
            && last.direction == b.direction
            && last.target == b.target
            && last.protocol == b.protocol
            && u32::from(last.ports.1) + 1 >= u32::from(b.ports.0)
        {
            last.ports.1 = last.ports.1.max(b.ports.1);
            continue;
        }
        out.push(c);
    }
    out
}
