//! Syscall tables per architecture (generated from the kernel UAPI headers).

mod aarch64;
mod x86_64;

use crate::context::Arch;

/// `(name, number)` pairs of an architecture, sorted by number.
pub fn table(arch: Arch) -> &'static [(&'static str, u32)] {
    match arch {
        Arch::X86_64 => x86_64::SYSCALLS,
        Arch::Aarch64 => aarch64::SYSCALLS,
    }
}

/// The number of a syscall on an architecture, when it exists there.
pub fn number(arch: Arch, name: &str) -> Option<u32> {
    table(arch)
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, nr)| *nr)
}

/// The name of a syscall number on an architecture.
pub fn name(arch: Arch, nr: u32) -> Option<&'static str> {
    table(arch)
        .iter()
        .find(|(_, n)| *n == nr)
        .map(|(name, _)| *name)
}
