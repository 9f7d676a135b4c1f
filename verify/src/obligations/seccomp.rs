//! Seccomp bytecode equivalence: the emitted cBPF program returns exactly the action its
//! specification gives, for every `(arch, nr, instruction pointer, args)`.
//!
//! The program is symbolically executed into one term `P` ([`crate::bpf`]) and the
//! specification encoded as a term `S` over the same variables; the asserts
//! `out_bpf == P ∧ out_spec == S ∧ out_bpf != out_spec` are unsatisfiable iff the two are equal.
//! A model is a concrete `seccomp_data` on which they differ; its specification action is
//! replayed through [`ir::model::SeccompSpec::action`] (the program's action is replayed through
//! the targets' interpreter in the tests, which `verify` cannot depend on).

use ir::model::{ArchSpec, ArgCmp, BpfInsn, SeccompSpec};
use ir::{Diagnostic, Severity};

use crate::bpf::{self, var};
use crate::codes;
use crate::engine::Options;
use crate::term::{BvOp, Term, Terms};

/// A `seccomp_data` on which the program and its specification disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeccompWitness {
    pub arch: u32,
    pub nr: u32,
    pub instruction_pointer: u64,
    pub args: [u64; 6],
    /// What the program returns, according to the solver.
    pub artifact: u32,
    /// What the specification returns.
    pub spec: u32,
}

impl SeccompWitness {
    /// `arch=0xc000003e, nr=101, args=[0, ...], artifact=ERRNO(1), spec=ALLOW`.
    pub fn describe(&self) -> String {
        let args: Vec<String> = self.args.iter().map(|a| format!("{a:#x}")).collect();
        format!(
            "arch={:#x}, nr={}, args=[{}], artifact={}, spec={}",
            self.arch,
            self.nr,
            args.join(", "),
            action_name(self.artifact),
            action_name(self.spec)
        )
    }
}

/// A readable `SECCOMP_RET_*` value.
pub fn action_name(ret: u32) -> String {
    match ret & 0xffff_0000 {
        0x7fff_0000 => "ALLOW".to_owned(),
        0x8000_0000 => "KILL_PROCESS".to_owned(),
        0x0000_0000 => "KILL_THREAD".to_owned(),
        0x0005_0000 => format!("ERRNO({})", ret & 0xffff),
        0x7ff0_0000 => "TRACE".to_owned(),
        0x7ffc_0000 => "LOG".to_owned(),
        _ => format!("{ret:#010x}"),
    }
}

/// The result of the bytecode proof.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SeccompOutcome {
    Proved,
    Refuted(SeccompWitness),
    Unknown(String),
    /// A bug in the verifier (a wrongly sorted term): an error, never a proof.
    Internal(String),
}

impl SeccompOutcome {
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            SeccompOutcome::Proved => Vec::new(),
            SeccompOutcome::Refuted(w) => vec![
                Diagnostic::error(
                    codes::SECCOMP_UNEQUAL,
                    "the seccomp program does not implement its specification",
                )
                .with_note(format!("witness: {}", w.describe()))
                .with_help("this is a bug in mxcc's cBPF compiler; the filter is not emitted"),
            ],
            SeccompOutcome::Unknown(reason) => vec![
                Diagnostic::new(
                    codes::UNKNOWN,
                    Severity::Error,
                    "the seccomp bytecode proof is unknown",
                )
                .with_note(reason.clone())
                .with_help("raise the solver timeout; unknown is never treated as proved"),
            ],
            SeccompOutcome::Internal(e) => vec![
                Diagnostic::error(codes::INTERNAL, "internal verifier error")
                    .with_note(e.clone())
                    .with_help("this is a bug in mxcc; please report it with the policy"),
            ],
        }
    }
}

const OUT_BPF: &str = "bpf_out";
const OUT_SPEC: &str = "spec_out";

/// The specification as a term over the `seccomp_data` variables.
fn spec_term(t: &mut Terms, spec: &SeccompSpec) -> Term {
    let arch = t.bv_var(var::ARCH, 32);
    let mut acc = t.bv(u128::from(spec.mismatch_action), 32);
    // The first entry for an arch wins, so fold from the last.
    for (audit, a) in spec.arches.iter().rev() {
        let is = t.eq_const(arch, u128::from(*audit));
        let body = arch_term(t, a);
        acc = t.bv_ite(is, body, acc);
    }
    acc
}

fn arch_term(t: &mut Terms, spec: &ArchSpec) -> Term {
    let nr = t.bv_var(var::NR, 32);
    let mut acc = t.bv(u128::from(spec.default), 32);
    for rule in spec.rules.iter().rev() {
        let mut body = t.bv(u128::from(rule.otherwise), 32);
        for c in rule.checks.iter().rev() {
            let low = t.bv_var(&var::arg(usize::from(c.arg), false), 32);
            let mask = t.bv(u128::from(c.mask), 32);
            let masked = t.bv_op(BvOp::And, low, mask);
            let holds = match c.cmp {
                ArgCmp::MaskedEq => t.eq_const(masked, u128::from(c.value)),
                ArgCmp::AnyBits => {
                    let z = t.eq_const(masked, 0);
                    t.not(z)
                }
            };
            let action = t.bv(u128::from(c.action), 32);
            body = t.bv_ite(holds, action, body);
        }
        let is = t.eq_const(nr, u128::from(rule.nr));
        acc = t.bv_ite(is, body, acc);
    }
    if let Some((bound, action)) = spec.x32_guard {
        let b = t.bv(u128::from(bound), 32);
        let above = t.ule(b, nr);
        let kill = t.bv(u128::from(action), 32);
        acc = t.bv_ite(above, kill, acc);
    }
    acc
}

/// Proves that `program` returns `spec`'s action for every input.
pub fn prove(program: &[BpfInsn], spec: &SeccompSpec, opts: &Options) -> SeccompOutcome {
    let mut t = Terms::new();
    // Every variable exists even when neither side reads it, so models always name it.
    for name in [var::NR, var::ARCH, var::IP_LO, var::IP_HI] {
        t.bv_var(name, 32);
    }
    for i in 0..6 {
        for hi in [false, true] {
            t.bv_var(&var::arg(i, hi), 32);
        }
    }
    let p = match bpf::execute(&mut t, program) {
        Ok(p) => p,
        Err(e) => return SeccompOutcome::Unknown(format!("cannot execute the program: {e}")),
    };
    let s = spec_term(&mut t, spec);
    solve(&mut t, p, s, spec, opts)
}

#[cfg(not(feature = "z3"))]
fn solve(_: &mut Terms, _: Term, _: Term, _: &SeccompSpec, _: &Options) -> SeccompOutcome {
    SeccompOutcome::Unknown("mxcc was built without z3".to_owned())
}

#[cfg(feature = "z3")]
fn solve(t: &mut Terms, p: Term, s: Term, spec: &SeccompSpec, opts: &Options) -> SeccompOutcome {
    use crate::solver::{Check, SolverOptions, with_session};

    let out_p = t.bv_var(OUT_BPF, 32);
    let out_s = t.bv_var(OUT_SPEC, 32);
    let ep = t.eq(out_p, p);
    let es = t.eq(out_s, s);
    let same = t.eq(out_p, out_s);
    let differ = t.not(same);
    // Preferences: a known architecture, zero high words and instruction pointer.
    let mut preferences = Vec::new();
    if let Some((audit, _)) = spec.arches.first() {
        let arch = t.bv_var(var::ARCH, 32);
        preferences.push(t.eq_const(arch, u128::from(*audit)));
    }
    for name in [var::IP_LO.to_owned(), var::IP_HI.to_owned()]
        .into_iter()
        .chain((0..6).map(|i| var::arg(i, true)))
        .chain((0..6).map(|i| var::arg(i, false)))
    {
        let v = t.bv_var(&name, 32);
        preferences.push(t.eq_const(v, 0));
    }
    let sopts = SolverOptions {
        timeout_ms: opts.timeout_ms,
        dump_smt: opts.dump_smt.clone(),
    };
    with_session(&sopts, "seccomp-bytecode", |session| {
        for a in [ep, es, differ] {
            session.assert(t, a);
        }
        let mut found = match session.check(t, &[]) {
            Check::Unsat => return SeccompOutcome::Proved,
            Check::Unknown(r) => return SeccompOutcome::Unknown(r),
            Check::Error(e) => return SeccompOutcome::Internal(e),
            Check::Sat(a) => a,
        };
        let mut kept = Vec::new();
        for pref in preferences {
            kept.push(pref);
            match session.check(t, &kept) {
                Check::Sat(a) => found = a,
                Check::Unsat | Check::Unknown(_) => {
                    kept.pop();
                }
                Check::Error(e) => return SeccompOutcome::Internal(e),
            }
        }
        let word = |name: &str| u32::try_from(found.get(name)).unwrap_or(0);
        let mut args = [0u64; 6];
        for (i, a) in args.iter_mut().enumerate() {
            *a = (u64::from(word(&var::arg(i, true))) << 32) | u64::from(word(&var::arg(i, false)));
        }
        let w = SeccompWitness {
            arch: word(var::ARCH),
            nr: word(var::NR),
            instruction_pointer: (u64::from(word(var::IP_HI)) << 32) | u64::from(word(var::IP_LO)),
            args,
            artifact: word(OUT_BPF),
            spec: word(OUT_SPEC),
        };
        // Replay the specification side through the reference evaluator.
        if spec.action(w.arch, w.nr, &w.args) != w.spec || w.spec == w.artifact {
            return SeccompOutcome::Unknown(format!(
                "internal: the witness `{}` does not replay on the specification",
                w.describe()
            ));
        }
        SeccompOutcome::Refuted(w)
    })
}
