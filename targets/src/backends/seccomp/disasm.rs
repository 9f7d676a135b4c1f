//! A readable listing of a seccomp program (`seccomp.txt`), annotated with syscall and
//! argument names through a forward dataflow of what the accumulator holds.

use std::fmt::Write as _;

use ir::model::BpfInsn;

use crate::backends::seccomp::bpf::{OFF_ARCH, OFF_ARGS, OFF_NR};
use crate::backends::seccomp::filter::ret_name;
use crate::backends::seccomp::syscalls;
use crate::context::Arch;

/// What the accumulator holds at an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Acc {
    Unset,
    Nr,
    Arch,
    Arg(u32),
    Unknown,
}

fn join(a: Option<Acc>, b: Acc) -> Acc {
    match a {
        None => b,
        Some(a) if a == b => a,
        Some(_) => Acc::Unknown,
    }
}

fn states(program: &[BpfInsn]) -> Vec<Acc> {
    let mut state: Vec<Option<Acc>> = vec![None; program.len() + 1];
    if let Some(first) = state.first_mut() {
        *first = Some(Acc::Unset);
    }
    for (pc, insn) in program.iter().enumerate() {
        let Some(here) = state.get(pc).copied().flatten() else {
            continue;
        };
        let after = match insn.code {
            0x20 if insn.k == OFF_NR => Acc::Nr,
            0x20 if insn.k == OFF_ARCH => Acc::Arch,
            0x20 if insn.k >= OFF_ARGS => Acc::Arg((insn.k - OFF_ARGS) / 8),
            c if c & 0x07 == 0x00 || c & 0x07 == 0x04 || c == 0x87 => Acc::Unknown,
            _ => here,
        };
        let mut succ = Vec::new();
        match insn.code & 0x07 {
            0x06 => {}
            0x05 if insn.code == 0x05 => succ.push(pc + 1 + insn.k as usize),
            0x05 => {
                succ.push(pc + 1 + usize::from(insn.jt));
                succ.push(pc + 1 + usize::from(insn.jf));
            }
            _ => succ.push(pc + 1),
        }
        for s in succ {
            if let Some(slot) = state.get_mut(s) {
                *slot = Some(join(*slot, after));
            }
        }
    }
    state
        .into_iter()
        .take(program.len())
        .map(|s| s.unwrap_or(Acc::Unknown))
        .collect()
}

/// The listing, one instruction per line.
pub fn disassemble(program: &[BpfInsn], arch: Arch) -> String {
    let states = states(program);
    let mut out = String::new();
    for (pc, insn) in program.iter().enumerate() {
        let acc = states.get(pc).copied().unwrap_or(Acc::Unknown);
        let target = |off: u32| pc + 1 + off as usize;
        let (text, note) = match insn.code {
            0x20 => {
                let what = match insn.k {
                    OFF_NR => "nr".to_owned(),
                    OFF_ARCH => "arch".to_owned(),
                    k if k >= OFF_ARGS => {
                        let half = if (k - OFF_ARGS).is_multiple_of(8) {
                            "low"
                        } else {
                            "high"
                        };
                        format!("args[{}] {half}", (k - OFF_ARGS) / 8)
                    }
                    _ => "?".to_owned(),
                };
                (format!("ld   [{}]", insn.k), what)
            }
            0x05 => (format!("ja   {:04}", target(insn.k)), String::new()),
            0x15 | 0x25 | 0x35 | 0x45 => {
                let op = match insn.code {
                    0x15 => "jeq ",
                    0x25 => "jgt ",
                    0x35 => "jge ",
                    _ => "jset",
                };
                let note = match acc {
                    Acc::Nr => syscalls::name(arch, insn.k).unwrap_or("").to_owned(),
                    Acc::Arch if insn.k == arch.audit() => {
                        format!("AUDIT_ARCH_{}", arch.as_str().to_uppercase())
                    }
                    _ => String::new(),
                };
                (
                    format!(
                        "{op} #0x{:x}, {:04}, {:04}",
                        insn.k,
                        target(u32::from(insn.jt)),
                        target(u32::from(insn.jf))
                    ),
                    note,
                )
            }
            0x06 => (format!("ret  #0x{:08x}", insn.k), ret_name(insn.k)),
            code => (
                format!("op{code:#06x} #0x{:x}, {}, {}", insn.k, insn.jt, insn.jf),
                String::new(),
            ),
        };
        let _ = if note.is_empty() {
            writeln!(out, "{pc:04}: {text}")
        } else {
            writeln!(out, "{pc:04}: {text:<32} ; {note}")
        };
    }
    out
}
