//! Engine selection and the solver-side enumeration of differing cells.
//!
//! The interval engine answers every single-domain question exactly. The solver engine asserts
//! `left ∧ ¬right` (or `left ∧ right`), takes a model, widens it to the cell it lies in, blocks
//! that cell and checks again, up to a cap. The first model goes through a preference pass:
//! assumptions (read before write, tcp, ports 443/80/22, egress) are kept while they stay
//! satisfiable, so capped enumerations start with the most readable finding.

use crate::side::Side;
use crate::space::{Dim, DomainAnswer, Relation, Space};

/// Which engine answers a question.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Engine {
    /// Intervals for policies and properties; the solver (when built in) for artifacts.
    #[default]
    Auto,
    Intervals,
    Solver,
    /// Both, compared: a disagreement is an internal error.
    Both,
}

/// Settings shared by every entry point.
#[derive(Clone, Debug)]
pub struct Options {
    pub mode: ir::Mode,
    pub engine: Engine,
    /// Write every solver query as SMT-LIB into this directory.
    pub dump_smt: Option<std::path::PathBuf>,
    /// Per-check solver timeout; a timeout is reported as unknown, never as proved.
    pub timeout_ms: u32,
    /// How many differing cells the solver enumerates per domain.
    pub max_cells: usize,
    /// The one home directory `~` stands for, when the artifacts under proof were emitted for
    /// it (`compile --home-dir`); without it every candidate home is considered.
    pub home: Option<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            mode: ir::Mode::Mxc,
            engine: Engine::Auto,
            dump_smt: None,
            timeout_ms: 5_000,
            max_cells: 50,
            home: None,
        }
    }
}

/// Answers one domain of a query with the engine the options select.
#[expect(
    clippy::too_many_arguments,
    reason = "one call site; a struct would only rename them"
)]
pub fn answer(
    space: &Space,
    left: &Side<'_>,
    right: &Side<'_>,
    relation: Relation,
    dim: Dim,
    opts: &Options,
    prefer_solver: bool,
    label: &str,
) -> Result<DomainAnswer, String> {
    let use_solver = match opts.engine {
        Engine::Auto => prefer_solver,
        Engine::Intervals => false,
        Engine::Solver | Engine::Both => true,
    };
    if !use_solver || !cfg!(feature = "z3") {
        return Ok(crate::intervals::answer(space, left, right, relation, dim));
    }
    let solved = solve(space, left, right, relation, dim, opts, label)?;
    if opts.engine == Engine::Both {
        let fast = crate::intervals::answer(space, left, right, relation, dim);
        if let (
            DomainAnswer::Cells {
                cells: a,
                complete: true,
            },
            DomainAnswer::Cells {
                cells: b,
                complete: true,
            },
        ) = (&fast, &solved)
            && a != b
        {
            return Err(format!(
                "the engines disagree on {} ({} cells by intervals, {} by the solver)",
                dim.as_str(),
                a.len(),
                b.len()
            ));
        }
    }
    Ok(solved)
}

#[cfg(not(feature = "z3"))]
fn solve(
    space: &Space,
    left: &Side<'_>,
    right: &Side<'_>,
    relation: Relation,
    dim: Dim,
    _opts: &Options,
    _label: &str,
) -> Result<DomainAnswer, String> {
    Ok(crate::intervals::answer(space, left, right, relation, dim))
}

#[cfg(feature = "z3")]
fn solve(
    space: &Space,
    left: &Side<'_>,
    right: &Side<'_>,
    relation: Relation,
    dim: Dim,
    opts: &Options,
    label: &str,
) -> Result<DomainAnswer, String> {
    use crate::decode::{cell_of, cell_term};
    use crate::encode::Encoder;
    use crate::solver::{Check, SolverOptions, with_session};

    let mut enc = Encoder::new(space);
    if let (Side::Policy { policy: a, .. }, Side::Policy { policy: b, .. }, Relation::Difference) =
        (left, right, relation)
    {
        enc.focus = crate::slice::Focus::of(space, a, b, dim);
    }
    let domain = enc.domain(dim);
    let (Some(l), Some(r)) = (enc.allowed(left, dim), enc.allowed(right, dim)) else {
        return Ok(crate::intervals::answer(space, left, right, relation, dim));
    };
    let focus = enc.focus(dim);
    let goal = match relation {
        Relation::Difference => {
            let nr = enc.terms.not(r);
            enc.terms.and([focus, l, nr])
        }
        Relation::Intersection => enc.terms.and([focus, l, r]),
    };
    let dumping = opts.dump_smt.is_some();
    let rest = enc.terms.and([domain, goal]);
    if !dumping && enc.terms.as_bool(rest) == Some(false) {
        // Nothing to ask: the goal folded to false while the terms were built.
        return Ok(DomainAnswer::Cells {
            cells: Vec::new(),
            complete: true,
        });
    }
    let preferences = preferences(&mut enc, dim);
    let sopts = SolverOptions {
        timeout_ms: opts.timeout_ms,
        dump_smt: opts.dump_smt.clone(),
    };
    let label = format!("{label}-{}", dim.as_str());
    with_session(&sopts, &label, |s| {
        s.assert(&enc.terms, domain);
        s.assert(&enc.terms, goal);
        let mut cells = Vec::new();
        let mut first = true;
        loop {
            if cells.len() >= opts.max_cells {
                return Ok(DomainAnswer::Cells {
                    cells: crate::space::normalise(cells),
                    complete: false,
                });
            }
            let mut found = match s.check(&enc.terms, &[]) {
                Check::Unsat => {
                    return Ok(DomainAnswer::Cells {
                        cells: crate::space::normalise(cells),
                        complete: true,
                    });
                }
                Check::Unknown(reason) => {
                    return Ok(if cells.is_empty() {
                        DomainAnswer::Unknown(reason)
                    } else {
                        DomainAnswer::Partial {
                            cells: crate::space::normalise(cells),
                            reason,
                        }
                    });
                }
                Check::Error(e) => return Err(format!("{label}: {e}")),
                Check::Sat(a) => a,
            };
            if first {
                // The preference pass: keep each assumption that stays satisfiable.
                let mut kept = Vec::new();
                for p in &preferences {
                    kept.push(*p);
                    // The model in hand satisfies the assertions and every kept assumption;
                    // if it satisfies this one too, the check would be satisfiable: keep it.
                    if !dumping && s.last_model_satisfies(&enc.terms, *p) {
                        continue;
                    }
                    match s.check(&enc.terms, &kept) {
                        Check::Sat(a) => found = a,
                        Check::Unsat | Check::Unknown(_) => {
                            kept.pop();
                        }
                        Check::Error(e) => return Err(format!("{label}: {e}")),
                    }
                }
                first = false;
            }
            let cell = cell_of(space, dim, &found);
            let block = cell_term(&mut enc, &cell);
            let nb = enc.terms.not(block);
            s.assert(&enc.terms, nb);
            cells.push(cell);
        }
    })
}

#[cfg(feature = "z3")]
fn preferences(enc: &mut crate::encode::Encoder<'_>, dim: Dim) -> Vec<crate::term::Term> {
    use crate::encode::{proto_index, var};
    let t = &mut enc.terms;
    match dim {
        Dim::Fs => {
            let op = t.bv_var(var::FS_OP, 2);
            vec![t.eq_const(op, crate::encode::fs_op_index(ir::FsOp::Read))]
        }
        Dim::Net => {
            let egress = t.bool_var(var::NET_EGRESS);
            let proxy = t.bool_var(var::NET_PROXY);
            let not_proxy = t.not(proxy);
            let v6 = t.bool_var(var::NET_V6);
            let v4 = t.not(v6);
            let proto = t.bv_var(var::NET_PROTO, 2);
            let tcp = t.eq_const(proto, proto_index(ir::Protocol::Tcp));
            let port = t.bv_var(var::NET_PORT, 16);
            let mut out = vec![egress, not_proxy, v4, tcp];
            for p in [443u128, 80, 22] {
                out.push(t.eq_const(port, p));
            }
            out
        }
        Dim::Ui | Dim::Env | Dim::Run => Vec::new(),
    }
}
