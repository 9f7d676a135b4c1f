//! The seccomp specification: which action each `(arch, nr, args)` gets. This is the data the
//! BPF program must implement; [`Filter::spec`] evaluates it directly (the reference for the
//! interpreter tests and for the verifier's bytecode-equivalence proof).

use std::collections::BTreeMap;

use crate::context::Arch;

/// `SECCOMP_RET_KILL_PROCESS`.
pub const RET_KILL_PROCESS: u32 = 0x8000_0000;
/// `SECCOMP_RET_ERRNO`, to be or-ed with an errno.
pub const RET_ERRNO: u32 = 0x0005_0000;
/// `SECCOMP_RET_ALLOW`.
pub const RET_ALLOW: u32 = 0x7fff_0000;
pub const EPERM: u32 = 1;
pub const ENOSYS: u32 = 38;
/// Syscall numbers at or above this are the x32 ABI on x86_64.
pub const X32_SYSCALL_BIT: u32 = 0x4000_0000;

/// A test on the low 32 bits of one argument. Only the low word is compared because the
/// arguments tested are C `int`s or `unsigned int`s, whose upper bits the kernel ignores (and
/// which some libcs leave non-zero).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Test {
    /// The low word equals the value.
    Eq(u32),
    /// The low word has any of these bits set.
    AnyBits(u32),
}

impl Test {
    pub fn holds(self, arg: u64) -> bool {
        let low = (arg & 0xffff_ffff) as u32;
        match self {
            Test::Eq(v) => low == v,
            Test::AnyBits(m) => low & m != 0,
        }
    }
}

/// One argument check: when the test holds, return `ret`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArgCheck {
    pub arg: u8,
    pub test: Test,
    pub ret: u32,
}

/// What one syscall gets: the first check that holds decides, else `otherwise`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyscallRule {
    pub name: &'static str,
    pub checks: Vec<ArgCheck>,
    pub otherwise: u32,
    pub reason: &'static str,
}

/// The whole specification for one architecture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub arch: Arch,
    /// The action for syscalls without a rule.
    pub default: u32,
    pub rules: BTreeMap<u32, SyscallRule>,
}

impl Filter {
    /// The action for one syscall: the specification the program must implement.
    pub fn spec(&self, arch: u32, nr: u32, args: &[u64; 6]) -> u32 {
        if arch != self.arch.audit() {
            return RET_KILL_PROCESS;
        }
        if self.arch == Arch::X86_64 && nr >= X32_SYSCALL_BIT {
            return RET_KILL_PROCESS;
        }
        match self.rules.get(&nr) {
            None => self.default,
            Some(rule) => rule
                .checks
                .iter()
                .find(|c| {
                    args.get(usize::from(c.arg))
                        .is_some_and(|a| c.test.holds(*a))
                })
                .map_or(rule.otherwise, |c| c.ret),
        }
    }
}

/// A readable name of a return value.
pub fn ret_name(ret: u32) -> String {
    match ret {
        RET_ALLOW => "ALLOW".to_owned(),
        RET_KILL_PROCESS => "KILL_PROCESS".to_owned(),
        r if r & 0xffff_0000 == RET_ERRNO => match r & 0xffff {
            EPERM => "ERRNO(EPERM)".to_owned(),
            ENOSYS => "ERRNO(ENOSYS)".to_owned(),
            e => format!("ERRNO({e})"),
        },
        r => format!("0x{r:08x}"),
    }
}
