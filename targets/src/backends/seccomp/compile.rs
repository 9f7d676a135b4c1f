//! Lowers a [`Filter`] to a cBPF program.
//!
//! Layout: load `arch`, kill on mismatch, load `nr`, then a balanced binary tree of `jge`
//! over the syscall-number ranges on which the action is constant (on x86_64 the x32 range
//! `nr ≥ 0x40000000` is one more range, killed). A leaf is a shared `ret` or, for syscalls with
//! argument checks, a block that loads the low word of an argument and tests it. A syscall
//! decided on `nr` alone executes `⌈log2 ranges⌉ + 4` instructions.
//!
//! The program is generated backwards (cBPF jumps only go forward), so every jump target
//! already exists when the jump is emitted; a conditional jump farther than 255 instructions
//! goes through a `ja` trampoline, and a far `ret` is simply emitted again.

use std::collections::BTreeMap;

use ir::model::BpfInsn;

use crate::backends::seccomp::bpf::{
    self, JMP_JA, JMP_JEQ_K, JMP_JGE_K, JMP_JSET_K, LD_W_ABS, RET_K,
};
use crate::backends::seccomp::filter::{Filter, RET_KILL_PROCESS, Test, X32_SYSCALL_BIT};
use crate::context::Arch;

/// What a range of syscall numbers leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Leaf {
    Ret(u32),
    /// The argument-check block of this syscall.
    Block(u32),
}

/// The ranges `[lo, hi]` covering every `u32`, with adjacent equal leaves merged.
fn ranges(filter: &Filter) -> Vec<(u32, u32, Leaf)> {
    let mut points: BTreeMap<u32, Leaf> = BTreeMap::new();
    for (nr, rule) in &filter.rules {
        let leaf = if rule.checks.is_empty() {
            Leaf::Ret(rule.otherwise)
        } else {
            Leaf::Block(*nr)
        };
        points.insert(*nr, leaf);
    }
    let top = if filter.arch == Arch::X86_64 {
        X32_SYSCALL_BIT
    } else {
        u32::MAX
    };
    let mut out: Vec<(u32, u32, Leaf)> = Vec::new();
    let mut push = |lo: u32, hi: u32, leaf: Leaf| match out.last_mut() {
        Some(last)
            if last.2 == leaf
                && matches!(leaf, Leaf::Ret(_))
                && last.1.checked_add(1) == Some(lo) =>
        {
            last.1 = hi;
        }
        _ => out.push((lo, hi, leaf)),
    };
    // `next` is the first number not yet covered; `None` once `u32::MAX` is covered.
    let mut next = Some(0u32);
    for (nr, leaf) in points.range(..top) {
        let Some(from) = next else { break };
        if *nr > from {
            push(from, nr - 1, Leaf::Ret(filter.default));
        }
        push(*nr, *nr, *leaf);
        next = nr.checked_add(1);
    }
    if let Some(from) = next {
        if filter.arch == Arch::X86_64 {
            if from < X32_SYSCALL_BIT {
                push(from, X32_SYSCALL_BIT - 1, Leaf::Ret(filter.default));
            }
            push(X32_SYSCALL_BIT, u32::MAX, Leaf::Ret(RET_KILL_PROCESS));
        } else {
            push(from, u32::MAX, Leaf::Ret(filter.default));
        }
    }
    out
}

/// The number of ranges the tree decides between (for the instruction bound).
pub fn range_count(filter: &Filter) -> usize {
    ranges(filter).len()
}

/// A program under construction, stored back to front: `rev[i]` is the i-th instruction from
/// the end, and a label is such an index.
struct Builder {
    rev: Vec<BpfInsn>,
    rets: BTreeMap<u32, usize>,
}

impl Builder {
    /// The forward distance from the next emitted instruction to `target`.
    fn distance(&self, target: usize) -> usize {
        self.rev.len() - target - 1
    }

    fn push(&mut self, insn: BpfInsn) -> usize {
        self.rev.push(insn);
        self.rev.len() - 1
    }

    fn ret(&mut self, value: u32) -> usize {
        match self.rets.get(&value) {
            Some(label) if self.distance(*label) <= 255 => *label,
            _ => {
                let label = self.push(bpf::stmt(RET_K, value));
                self.rets.insert(value, label);
                label
            }
        }
    }

    /// A label reachable by a conditional jump from the next instruction.
    fn near(&mut self, target: usize) -> usize {
        if self.distance(target) <= 255 {
            target
        } else {
            let k = u32::try_from(self.distance(target)).unwrap_or(u32::MAX);
            self.push(bpf::stmt(JMP_JA, k))
        }
    }

    fn cond(&mut self, code: u16, k: u32, mut jt: usize, mut jf: usize) -> usize {
        // Each trampoline lands right before the jump, so this ends after at most three steps.
        loop {
            if self.distance(jt) > 255 {
                jt = self.near(jt);
            } else if self.distance(jf) > 255 {
                jf = self.near(jf);
            } else {
                break;
            }
        }
        let off = |b: &Builder, t: usize| u8::try_from(b.distance(t)).unwrap_or(u8::MAX);
        let insn = bpf::jump(code, k, off(self, jt), off(self, jf));
        self.push(insn)
    }

    fn leaf(&mut self, filter: &Filter, leaf: Leaf) -> usize {
        match leaf {
            Leaf::Ret(value) => self.ret(value),
            Leaf::Block(nr) => self.block(filter, nr),
        }
    }

    /// The argument-check block of one syscall.
    fn block(&mut self, filter: &Filter, nr: u32) -> usize {
        let Some(rule) = filter.rules.get(&nr) else {
            return self.ret(filter.default);
        };
        let mut next = self.ret(rule.otherwise);
        for (i, check) in rule.checks.iter().enumerate().rev() {
            let hit = self.ret(check.ret);
            let (code, k) = match check.test {
                Test::Eq(v) => (JMP_JEQ_K, v),
                Test::AnyBits(m) => (JMP_JSET_K, m),
            };
            next = self.cond(code, k, hit, next);
            let reload = i == 0 || rule.checks.get(i - 1).is_none_or(|p| p.arg != check.arg);
            if reload {
                next = self.push(bpf::stmt(LD_W_ABS, bpf::arg_low(check.arg)));
            }
        }
        next
    }

    fn tree(&mut self, filter: &Filter, ranges: &[(u32, u32, Leaf)]) -> usize {
        match ranges {
            [] => self.ret(filter.default),
            [(_, _, leaf)] => self.leaf(filter, *leaf),
            _ => {
                let mid = ranges.len() / 2;
                let (left, right) = ranges.split_at(mid);
                let pivot = right.first().map_or(0, |r| r.0);
                let jt = self.tree(filter, right);
                let jf = self.tree(filter, left);
                self.cond(JMP_JGE_K, pivot, jt, jf)
            }
        }
    }
}

/// Compiles the filter to a program.
pub fn compile(filter: &Filter) -> Vec<BpfInsn> {
    let mut b = Builder {
        rev: Vec::new(),
        rets: BTreeMap::new(),
    };
    let ranges = ranges(filter);
    let root = b.tree(filter, &ranges);
    if root + 1 != b.rev.len() {
        let k = u32::try_from(b.distance(root)).unwrap_or(u32::MAX);
        b.push(bpf::stmt(JMP_JA, k));
    }
    let ld_nr = b.push(bpf::stmt(LD_W_ABS, bpf::OFF_NR));
    let kill = b.ret(RET_KILL_PROCESS);
    b.cond(JMP_JEQ_K, filter.arch.audit(), ld_nr, kill);
    b.push(bpf::stmt(LD_W_ABS, bpf::OFF_ARCH));
    b.rev.reverse();
    b.rev
}
