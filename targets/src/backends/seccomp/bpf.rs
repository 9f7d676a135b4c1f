//! Classic BPF opcodes and constructors used by the compiler, interpreter and disassembler.

use ir::model::BpfInsn;

pub const LD_W_ABS: u16 = 0x20;
pub const JMP_JA: u16 = 0x05;
pub const JMP_JEQ_K: u16 = 0x15;
pub const JMP_JGT_K: u16 = 0x25;
pub const JMP_JGE_K: u16 = 0x35;
pub const JMP_JSET_K: u16 = 0x45;
pub const RET_K: u16 = 0x06;
/// `offsetof(struct seccomp_data, nr)`.
pub const OFF_NR: u32 = 0;
/// `offsetof(struct seccomp_data, arch)`.
pub const OFF_ARCH: u32 = 4;
/// `offsetof(struct seccomp_data, args)`.
pub const OFF_ARGS: u32 = 16;
/// The kernel's limit on one filter.
pub const MAX_INSNS: usize = 4096;

pub fn stmt(code: u16, k: u32) -> BpfInsn {
    BpfInsn {
        code,
        jt: 0,
        jf: 0,
        k,
    }
}

pub fn jump(code: u16, k: u32, jt: u8, jf: u8) -> BpfInsn {
    BpfInsn { code, jt, jf, k }
}

/// The low word of argument `i` (little-endian: both supported arches are).
pub fn arg_low(i: u8) -> u32 {
    OFF_ARGS + 8 * u32::from(i)
}

/// `struct sock_filter` as raw little-endian bytes.
pub fn to_bytes(program: &[BpfInsn]) -> Vec<u8> {
    let mut out = Vec::with_capacity(program.len() * 8);
    for insn in program {
        out.extend_from_slice(&insn.code.to_le_bytes());
        out.push(insn.jt);
        out.push(insn.jf);
        out.extend_from_slice(&insn.k.to_le_bytes());
    }
    out
}

/// Parses raw `struct sock_filter` bytes; `None` when the length is not a multiple of 8.
pub fn from_bytes(bytes: &[u8]) -> Option<Vec<BpfInsn>> {
    if !bytes.len().is_multiple_of(8) {
        return None;
    }
    bytes
        .chunks_exact(8)
        .map(|c| match c {
            [c0, c1, jt, jf, k0, k1, k2, k3] => Some(BpfInsn {
                code: u16::from_le_bytes([*c0, *c1]),
                jt: *jt,
                jf: *jf,
                k: u32::from_le_bytes([*k0, *k1, *k2, *k3]),
            }),
            _ => None,
        })
        .collect()
}
