//! The only module that names z3: translates [`Terms`] to z3 ASTs, checks them, reads models
//! back as [`Assignment`]s and dumps every query as SMT-LIB.

use std::fmt::Write as _;
use std::path::PathBuf;

use z3::ast::{Ast, BV, Bool};
use z3::{Config, Context, Params, SatResult, Solver};

use crate::term::{Assignment, BvOp, Node, Term, Terms};

/// The result of one check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    Sat(Assignment),
    Unsat,
    Unknown(String),
    /// A term was used at the wrong sort (a bit-vector where a formula belongs, or the
    /// reverse): a bug in the encoder. Never unsat, which would read as "proved".
    Error(String),
}

/// Solver settings.
#[derive(Clone, Debug, Default)]
pub struct SolverOptions {
    pub timeout_ms: u32,
    /// Write every check as `<dir>/<name>-<n>.smt2`.
    pub dump_smt: Option<PathBuf>,
}

#[derive(Clone)]
enum Dyn<'ctx> {
    B(Bool<'ctx>),
    V(BV<'ctx>),
}

/// An incremental solver over one term arena.
pub struct Session<'ctx> {
    ctx: &'ctx Context,
    solver: Solver<'ctx>,
    cache: Vec<Dyn<'ctx>>,
    name: String,
    dump: Option<PathBuf>,
    checks: usize,
    /// The model of the last satisfiable check.
    last: Option<z3::Model<'ctx>>,
    /// Errors writing dumps; reported by the caller as notes.
    pub dump_errors: Vec<String>,
    /// How many terms were used at the wrong sort; any makes every check an error.
    ill_typed: std::cell::Cell<usize>,
}

thread_local! {
    /// One z3 context per thread, created on first use and kept for the thread's lifetime.
    /// Creating a context costs several milliseconds, which dominated small queries (a diff
    /// asks up to ten questions); solvers are cheap and stay one per question. Constants are
    /// declared by name and sort, so queries sharing the context do not interfere.
    static CONTEXT: &'static Context = Box::leak(Box::new(Context::new(&Config::new())));
}

/// Runs `f` with a fresh solver session on this thread's context.
pub fn with_session<R>(
    opts: &SolverOptions,
    name: &str,
    f: impl FnOnce(&mut Session<'_>) -> R,
) -> R {
    let ctx: &'static Context = CONTEXT.with(|c| *c);
    // The QF_BV solver bit-blasts into z3's incremental SAT solver: it starts in a fraction of
    // the time of the general solver and answers the repeated checks of the preference pass
    // and the enumeration incrementally. Every query here is quantifier-free bit-vectors.
    let solver = Solver::new_for_logic(ctx, "QF_BV").unwrap_or_else(|| Solver::new(ctx));
    if opts.timeout_ms > 0 {
        let mut params = Params::new(ctx);
        params.set_u32("timeout", opts.timeout_ms);
        solver.set_params(&params);
    }
    // Incremental from the first check: the preference pass and the enumeration check again
    // with assumptions and blocking clauses, which a solver simplified for one-shot use pays
    // for on its first assumption (z3 4.8.12).
    solver.push();
    let mut session = Session {
        ctx,
        solver,
        cache: Vec::new(),
        name: name.to_owned(),
        dump: opts.dump_smt.clone(),
        checks: 0,
        last: None,
        dump_errors: Vec::new(),
        ill_typed: std::cell::Cell::new(0),
    };
    f(&mut session)
}

fn bv_const<'ctx>(ctx: &'ctx Context, value: u128, width: u32) -> BV<'ctx> {
    if width <= 64 {
        BV::from_u64(ctx, u64::try_from(value).unwrap_or(u64::MAX), width)
    } else {
        let hi = BV::from_u64(ctx, u64::try_from(value >> 64).unwrap_or(0), width - 64);
        let lo = BV::from_u64(
            ctx,
            u64::try_from(value & u128::from(u64::MAX)).unwrap_or(0),
            64,
        );
        hi.concat(&lo)
    }
}

impl<'ctx> Session<'ctx> {
    fn sync(&mut self, terms: &Terms) {
        let ctx = self.ctx;
        let ill = &self.ill_typed;
        for node in terms.nodes().iter().skip(self.cache.len()) {
            // A wrongly sorted operand is counted, and the check that uses it fails with an
            // error; the placeholder only keeps z3's AST well formed until then.
            let b = |c: &[Dyn<'ctx>], t: Term| match c.get(t.index()) {
                Some(Dyn::B(b)) => b.clone(),
                _ => {
                    ill.set(ill.get() + 1);
                    Bool::from_bool(ctx, false)
                }
            };
            let v = |c: &[Dyn<'ctx>], t: Term| match c.get(t.index()) {
                Some(Dyn::V(v)) => v.clone(),
                _ => {
                    ill.set(ill.get() + 1);
                    BV::from_u64(ctx, 0, 1)
                }
            };
            let c = &self.cache;
            // Two bit-vectors of one width, or `None` (counted as ill-typed) before z3 sees
            // operands it would reject.
            let pair = |x: Term, y: Term| -> Option<(BV<'ctx>, BV<'ctx>)> {
                let (before, a, b) = (ill.get(), v(c, x), v(c, y));
                if ill.get() > before || a.get_size() != b.get_size() {
                    ill.set(before + 1);
                    return None;
                }
                Some((a, b))
            };
            let d = match node {
                Node::Bool(x) => Dyn::B(Bool::from_bool(ctx, *x)),
                Node::BoolVar(name) => Dyn::B(Bool::new_const(ctx, name.as_str())),
                // z3 has no zero-width bit-vectors: a width of 0 is the width of a formula.
                Node::BvVar { width: 0, .. } | Node::BvConst { width: 0, .. } => {
                    ill.set(ill.get() + 1);
                    Dyn::V(BV::from_u64(ctx, 0, 1))
                }
                Node::BvVar { name, width } => Dyn::V(BV::new_const(ctx, name.as_str(), *width)),
                Node::BvConst { value, width } => Dyn::V(bv_const(ctx, *value, *width)),
                Node::Not(a) => Dyn::B(b(c, *a).not()),
                Node::And(xs) => {
                    let parts: Vec<Bool<'ctx>> = xs.iter().map(|x| b(c, *x)).collect();
                    let refs: Vec<&Bool<'ctx>> = parts.iter().collect();
                    Dyn::B(Bool::and(ctx, &refs))
                }
                Node::Or(xs) => {
                    let parts: Vec<Bool<'ctx>> = xs.iter().map(|x| b(c, *x)).collect();
                    let refs: Vec<&Bool<'ctx>> = parts.iter().collect();
                    Dyn::B(Bool::or(ctx, &refs))
                }
                Node::Ite(i, t, e) => Dyn::B(b(c, *i).ite(&b(c, *t), &b(c, *e))),
                Node::Eq(x, y) => match pair(*x, *y) {
                    Some((x, y)) => Dyn::B(x._eq(&y)),
                    None => Dyn::B(Bool::from_bool(ctx, false)),
                },
                Node::Ule(x, y) => match pair(*x, *y) {
                    Some((x, y)) => Dyn::B(x.bvule(&y)),
                    None => Dyn::B(Bool::from_bool(ctx, false)),
                },
                Node::BvIte(i, t, e) => match pair(*t, *e) {
                    Some((t, e)) => Dyn::V(b(c, *i).ite(&t, &e)),
                    None => Dyn::V(BV::from_u64(ctx, 0, 1)),
                },
                Node::BvOp(op, x, y) => match pair(*x, *y) {
                    Some((x, y)) => Dyn::V(match op {
                        BvOp::And => x.bvand(&y),
                        BvOp::Or => x.bvor(&y),
                        BvOp::Xor => x.bvxor(&y),
                        BvOp::Add => x.bvadd(&y),
                        BvOp::Sub => x.bvsub(&y),
                        BvOp::Mul => x.bvmul(&y),
                        BvOp::Shl => x.bvshl(&y),
                        BvOp::Lshr => x.bvlshr(&y),
                    }),
                    None => Dyn::V(BV::from_u64(ctx, 0, 1)),
                },
            };
            self.cache.push(d);
        }
    }

    fn bool_of(&self, t: Term) -> Bool<'ctx> {
        match self.cache.get(t.index()) {
            Some(Dyn::B(b)) => b.clone(),
            _ => {
                self.ill_typed.set(self.ill_typed.get() + 1);
                Bool::from_bool(self.ctx, false)
            }
        }
    }

    pub fn assert(&mut self, terms: &Terms, t: Term) {
        self.sync(terms);
        let b = self.bool_of(t);
        self.last = None;
        self.solver.assert(&b);
    }

    /// Checks the assertions together with the assumptions.
    pub fn check(&mut self, terms: &Terms, assumptions: &[Term]) -> Check {
        self.sync(terms);
        self.last = None;
        let assumed: Vec<Bool<'ctx>> = assumptions.iter().map(|t| self.bool_of(*t)).collect();
        if self.ill_typed.get() > 0 {
            return Check::Error(format!(
                "`{}`: {} term(s) used at the wrong sort",
                self.name,
                self.ill_typed.get()
            ));
        }
        self.dump_query(&assumed);
        let result = if assumed.is_empty() {
            self.solver.check()
        } else {
            self.solver.check_assumptions(&assumed)
        };
        match result {
            SatResult::Unsat => Check::Unsat,
            SatResult::Unknown => Check::Unknown(
                self.solver
                    .get_reason_unknown()
                    .unwrap_or_else(|| "unknown".to_owned()),
            ),
            SatResult::Sat => match self.solver.get_model() {
                Some(model) => {
                    let a = self.read(terms, &model);
                    self.last = Some(model);
                    Check::Sat(a)
                }
                None => Check::Unknown("the solver returned no model".to_owned()),
            },
        }
    }

    /// Whether the model of the last satisfiable check (still valid: nothing asserted since)
    /// makes `t` true. A model that already satisfies an assumption answers that check.
    pub fn last_model_satisfies(&mut self, terms: &Terms, t: Term) -> bool {
        self.sync(terms);
        let b = self.bool_of(t);
        self.last
            .as_ref()
            .and_then(|m| m.eval(&b, true))
            .and_then(|x| x.as_bool())
            .unwrap_or(false)
    }

    fn read(&self, terms: &Terms, model: &z3::Model<'ctx>) -> Assignment {
        let mut out = Assignment::default();
        for (name, width) in terms.vars() {
            let value = if width == 0 {
                let b = Bool::new_const(self.ctx, name.as_str());
                u128::from(
                    model
                        .eval(&b, true)
                        .and_then(|x| x.as_bool())
                        .unwrap_or(false),
                )
            } else {
                let x = BV::new_const(self.ctx, name.as_str(), width);
                if width <= 64 {
                    model
                        .eval(&x, true)
                        .and_then(|v| v.as_u64())
                        .map_or(0, u128::from)
                } else {
                    let hi = model
                        .eval(&x.extract(width - 1, 64), true)
                        .and_then(|v| v.as_u64());
                    let lo = model.eval(&x.extract(63, 0), true).and_then(|v| v.as_u64());
                    (u128::from(hi.unwrap_or(0)) << 64) | u128::from(lo.unwrap_or(0))
                }
            };
            out.values.insert(name, value);
        }
        out
    }

    fn dump_query(&mut self, assumed: &[Bool<'ctx>]) {
        let Some(dir) = &self.dump else { return };
        self.checks += 1;
        let mut text = format!(
            "; mxcc verify query `{}`, check {}\n",
            self.name, self.checks
        );
        text.push_str(&self.solver.to_string());
        if assumed.is_empty() {
            text.push_str("(check-sat)\n");
        } else {
            text.push_str("(push 1)\n");
            for a in assumed {
                let _ = writeln!(text, "(assert {a})");
            }
            text.push_str("(check-sat)\n(pop 1)\n");
        }
        let file: String = self
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let path = dir.join(format!("{file}-{}.smt2", self.checks));
        if let Err(e) = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, text)) {
            self.dump_errors
                .push(format!("cannot write `{}`: {e}", path.display()));
        }
    }
}
