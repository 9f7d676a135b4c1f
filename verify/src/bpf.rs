//! Symbolic execution of a seccomp cBPF program into one bit-vector term.
//!
//! The registers `A` and `X` and the scratch memory `M[0..16]` are 32-bit terms over free
//! variables for the fields of `struct seccomp_data` (`nr`, `arch`, the two words of the
//! instruction pointer and of each argument). cBPF jumps only forward, so the program is a DAG
//! visited once in instruction order: every instruction's state is the `ite` merge of the states
//! flowing into it, guarded by the path condition of each edge. The result is the `ite` chain
//! of every `ret`'s value under its path condition; no paths are enumerated.

use ir::model::BpfInsn;

use crate::term::{BvOp, Term, Terms};

/// The names of the `seccomp_data` variables.
pub mod var {
    pub const NR: &str = "bpf_nr";
    pub const ARCH: &str = "bpf_arch";
    pub const IP_LO: &str = "bpf_ip_lo";
    pub const IP_HI: &str = "bpf_ip_hi";

    /// The name of the low (`hi == false`) or high word of argument `i`.
    pub fn arg(i: usize, hi: bool) -> String {
        format!("bpf_arg{i}_{}", if hi { "hi" } else { "lo" })
    }
}

/// The machine state on one edge.
#[derive(Clone, Debug, PartialEq, Eq)]
struct State {
    a: Term,
    x: Term,
    mem: [Term; 16],
}

/// The free variable for the 32-bit word of `seccomp_data` at a byte offset.
pub fn word(t: &mut Terms, offset: u32) -> Option<Term> {
    let name = match offset {
        0 => var::NR.to_owned(),
        4 => var::ARCH.to_owned(),
        8 => var::IP_LO.to_owned(),
        12 => var::IP_HI.to_owned(),
        16..=60 if offset.is_multiple_of(4) => {
            let i = usize::try_from((offset - 16) / 8).ok()?;
            var::arg(i, !(offset - 16).is_multiple_of(8))
        }
        _ => return None,
    };
    Some(t.bv_var(&name, 32))
}

/// Merges the states flowing into one instruction.
fn merge(t: &mut Terms, incoming: Vec<(Term, State)>) -> Option<(Term, State)> {
    let mut it = incoming.into_iter();
    let (mut guard, mut state) = it.next()?;
    for (g, s) in it {
        // INVARIANT: `guard` is the disjunction of the guards merged so far; the new edge's
        // state wins exactly where its guard holds.
        let pick = |t: &mut Terms, new: Term, old: Term| t.bv_ite(g, new, old);
        state.a = pick(t, s.a, state.a);
        state.x = pick(t, s.x, state.x);
        for (slot, new) in state.mem.iter_mut().zip(s.mem) {
            *slot = pick(t, new, *slot);
        }
        guard = t.or([guard, g]);
    }
    Some((guard, state))
}

/// The action the program returns, as a term over the `seccomp_data` variables.
pub fn execute(t: &mut Terms, program: &[BpfInsn]) -> Result<Term, String> {
    let zero = t.bv(0, 32);
    let start = State {
        a: zero,
        x: zero,
        mem: [zero; 16],
    };
    let mut incoming: Vec<Vec<(Term, State)>> = vec![Vec::new(); program.len()];
    let tt = t.tt();
    if let Some(first) = incoming.first_mut() {
        first.push((tt, start));
    } else {
        return Err("the program is empty".to_owned());
    }
    let mut rets: Vec<(Term, Term)> = Vec::new();
    for (pc, insn) in program.iter().enumerate() {
        let edges = incoming.get_mut(pc).map(std::mem::take).unwrap_or_default();
        let Some((guard, mut s)) = merge(t, edges) else {
            continue;
        };
        let k = t.bv(u128::from(insn.k), 32);
        let bad = |what: &str| format!("instruction {pc} (code 0x{:02x}): {what}", insn.code);
        let mem = |i: u32| usize::try_from(i).ok().filter(|i| *i < 16);
        let mut next: Vec<(usize, Term)> = vec![(pc + 1, guard)];
        match insn.code {
            0x20 => s.a = word(t, insn.k).ok_or_else(|| bad("load outside seccomp_data"))?,
            0x00 => s.a = k,
            0x80 | 0x81 => {
                let len = t.bv(64, 32);
                if insn.code == 0x80 {
                    s.a = len;
                } else {
                    s.x = len;
                }
            }
            0x60 | 0x61 => {
                let i = mem(insn.k).ok_or_else(|| bad("scratch slot out of range"))?;
                let v = *s
                    .mem
                    .get(i)
                    .ok_or_else(|| bad("scratch slot out of range"))?;
                if insn.code == 0x60 {
                    s.a = v;
                } else {
                    s.x = v;
                }
            }
            0x01 => s.x = k,
            0x02 | 0x03 => {
                let i = mem(insn.k).ok_or_else(|| bad("scratch slot out of range"))?;
                let v = if insn.code == 0x02 { s.a } else { s.x };
                if let Some(slot) = s.mem.get_mut(i) {
                    *slot = v;
                }
            }
            0x07 => s.x = s.a,
            0x87 => s.a = s.x,
            code if code & 0x07 == 0x04 => {
                let src = if code & 0x08 != 0 { s.x } else { k };
                s.a = match code & 0xf0 {
                    0x00 => t.bv_op(BvOp::Add, s.a, src),
                    0x10 => t.bv_op(BvOp::Sub, s.a, src),
                    0x20 => t.bv_op(BvOp::Mul, s.a, src),
                    0x40 => t.bv_op(BvOp::Or, s.a, src),
                    0x50 => t.bv_op(BvOp::And, s.a, src),
                    0x60 => t.bv_op(BvOp::Shl, s.a, src),
                    0x70 => t.bv_op(BvOp::Lshr, s.a, src),
                    0x80 => t.bv_op(BvOp::Sub, zero, s.a),
                    0xa0 => t.bv_op(BvOp::Xor, s.a, src),
                    _ => return Err(bad("unsupported ALU operation (division or modulo)")),
                };
            }
            0x05 => {
                let target = pc
                    .checked_add(1)
                    .and_then(|p| p.checked_add(usize::try_from(insn.k).ok()?))
                    .ok_or_else(|| bad("jump overflows"))?;
                next = vec![(target, guard)];
            }
            code if code & 0x07 == 0x05 => {
                let src = if code & 0x08 != 0 { s.x } else { k };
                let cond = match code & 0xf0 {
                    0x10 => t.eq(s.a, src),
                    0x20 => {
                        let le = t.ule(s.a, src);
                        t.not(le)
                    }
                    0x30 => t.ule(src, s.a),
                    0x40 => {
                        let and = t.bv_op(BvOp::And, s.a, src);
                        let z = t.eq(and, zero);
                        t.not(z)
                    }
                    _ => return Err(bad("unsupported jump")),
                };
                let ncond = t.not(cond);
                let taken = t.and([guard, cond]);
                let not_taken = t.and([guard, ncond]);
                next = vec![
                    (pc + 1 + usize::from(insn.jt), taken),
                    (pc + 1 + usize::from(insn.jf), not_taken),
                ];
            }
            0x06 => {
                rets.push((guard, k));
                continue;
            }
            0x16 => {
                rets.push((guard, s.a));
                continue;
            }
            _ => return Err(bad("unsupported opcode")),
        }
        for (target, g) in next {
            if t.as_bool(g) == Some(false) {
                continue;
            }
            // Jumps go forward by construction (offsets are unsigned); falling off the end is
            // the only way to leave the program without a `ret`.
            let slot = incoming
                .get_mut(target)
                .ok_or_else(|| bad("control can fall off the end of the program"))?;
            slot.push((g, s.clone()));
        }
    }
    // The guards of the `ret`s partition the inputs, so the last one needs no test.
    let mut it = rets.into_iter().rev();
    let (_, mut acc) = it
        .next()
        .ok_or_else(|| "the program has no reachable `ret`".to_owned())?;
    for (g, v) in it {
        acc = t.bv_ite(g, v, acc);
    }
    Ok(acc)
}
