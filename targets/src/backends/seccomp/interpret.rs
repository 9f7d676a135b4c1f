//! A classic BPF interpreter over `struct seccomp_data`, as the kernel runs seccomp filters.
//!
//! It accepts the whole cBPF instruction set the kernel allows in seccomp filters (not only
//! what this compiler emits), so that it can also run libseccomp's programs in the benchmark.

use ir::model::BpfInsn;

/// `struct seccomp_data`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeccompData {
    pub nr: u32,
    pub arch: u32,
    pub instruction_pointer: u64,
    pub args: [u64; 6],
}

impl SeccompData {
    /// The 32-bit word at byte offset `off` (little-endian layout).
    fn word(&self, off: u32) -> Option<u32> {
        let low = |v: u64| (v & 0xffff_ffff) as u32;
        let high = |v: u64| (v >> 32) as u32;
        match off {
            0 => Some(self.nr),
            4 => Some(self.arch),
            8 => Some(low(self.instruction_pointer)),
            12 => Some(high(self.instruction_pointer)),
            16..=60 if off.is_multiple_of(4) => {
                let i = usize::try_from((off - 16) / 8).ok()?;
                let v = *self.args.get(i)?;
                Some(if (off - 16).is_multiple_of(8) {
                    low(v)
                } else {
                    high(v)
                })
            }
            _ => None,
        }
    }
}

/// Why a program could not be run to a `ret`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InterpretError {
    FellOffEnd,
    BadLoad { pc: usize, offset: u32 },
    BadOpcode { pc: usize, code: u16 },
    BadJump { pc: usize },
    DivideByZero { pc: usize },
}

/// The result of one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The `SECCOMP_RET_*` value.
    pub ret: u32,
    /// The number of instructions executed, the final `ret` included.
    pub executed: usize,
}

/// Runs a program on one syscall.
pub fn run(program: &[BpfInsn], data: &SeccompData) -> Result<Outcome, InterpretError> {
    let (mut a, mut x) = (0u32, 0u32);
    let mut mem = [0u32; 16];
    let mut pc = 0usize;
    let mut executed = 0usize;
    loop {
        let insn = program.get(pc).ok_or(InterpretError::FellOffEnd)?;
        executed += 1;
        let k = insn.k;
        let class = insn.code & 0x07;
        let mut next = pc + 1;
        match class {
            // BPF_LD
            0x00 => {
                a = match insn.code {
                    0x20 => data
                        .word(k)
                        .ok_or(InterpretError::BadLoad { pc, offset: k })?,
                    0x00 => k,
                    0x80 => 64,
                    0x60 => *mem
                        .get(k as usize)
                        .ok_or(InterpretError::BadLoad { pc, offset: k })?,
                    code => return Err(InterpretError::BadOpcode { pc, code }),
                };
            }
            // BPF_LDX
            0x01 => {
                x = match insn.code {
                    0x01 => k,
                    0x81 => 64,
                    0x61 => *mem
                        .get(k as usize)
                        .ok_or(InterpretError::BadLoad { pc, offset: k })?,
                    code => return Err(InterpretError::BadOpcode { pc, code }),
                };
            }
            // BPF_ST, BPF_STX
            0x02 | 0x03 => {
                let slot = mem
                    .get_mut(k as usize)
                    .ok_or(InterpretError::BadLoad { pc, offset: k })?;
                *slot = if class == 0x02 { a } else { x };
            }
            // BPF_ALU
            0x04 => {
                let src = if insn.code & 0x08 != 0 { x } else { k };
                a = match insn.code & 0xf0 {
                    0x00 => a.wrapping_add(src),
                    0x10 => a.wrapping_sub(src),
                    0x20 => a.wrapping_mul(src),
                    0x30 => a
                        .checked_div(src)
                        .ok_or(InterpretError::DivideByZero { pc })?,
                    0x40 => a | src,
                    0x50 => a & src,
                    0x60 => a.checked_shl(src).unwrap_or(0),
                    0x70 => a.checked_shr(src).unwrap_or(0),
                    0x80 => a.wrapping_neg(),
                    0x90 => a
                        .checked_rem(src)
                        .ok_or(InterpretError::DivideByZero { pc })?,
                    0xa0 => a ^ src,
                    _ => {
                        return Err(InterpretError::BadOpcode {
                            pc,
                            code: insn.code,
                        });
                    }
                };
            }
            // BPF_JMP
            0x05 => {
                let src = if insn.code & 0x08 != 0 { x } else { k };
                let taken = match insn.code & 0xf0 {
                    0x00 => {
                        next = pc
                            .checked_add(1 + k as usize)
                            .ok_or(InterpretError::BadJump { pc })?;
                        None
                    }
                    0x10 => Some(a == src),
                    0x20 => Some(a > src),
                    0x30 => Some(a >= src),
                    0x40 => Some(a & src != 0),
                    _ => {
                        return Err(InterpretError::BadOpcode {
                            pc,
                            code: insn.code,
                        });
                    }
                };
                if let Some(t) = taken {
                    next = pc + 1 + usize::from(if t { insn.jt } else { insn.jf });
                }
            }
            // BPF_RET
            0x06 => {
                let ret = match insn.code & 0x18 {
                    0x00 => k,
                    0x10 => a,
                    _ => {
                        return Err(InterpretError::BadOpcode {
                            pc,
                            code: insn.code,
                        });
                    }
                };
                return Ok(Outcome { ret, executed });
            }
            // BPF_MISC
            _ => match insn.code {
                0x07 => x = a,
                0x87 => a = x,
                code => return Err(InterpretError::BadOpcode { pc, code }),
            },
        }
        if next > program.len() {
            return Err(InterpretError::BadJump { pc });
        }
        pc = next;
    }
}
