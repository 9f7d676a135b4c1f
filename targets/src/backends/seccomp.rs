//! seccomp-BPF: this project's own cBPF compiler. Writes the raw program (`seccomp.bpf`, an
//! array of little-endian `struct sock_filter`, format 1) and a listing (`seccomp.txt`).
//!
//! The filter is a documented baseline deny list plus the socket families the network
//! section needs. Policy denials return `ERRNO(EPERM)` so that tools fail gracefully; a foreign
//! architecture (i386 `int 0x80` included) and the x32 ABI kill the process.
//!
//! Baseline (every policy):
//! - `ptrace`, `process_vm_readv`, `process_vm_writev`: reading or driving other processes;
//! - `bpf`, `perf_event_open`, `userfaultfd`: kernel attack surface and exploitation aids;
//! - `kexec_load`, `kexec_file_load`, module and swap syscalls, `reboot`, clock setters,
//!   `acct`, `quotactl`, `syslog`, `iopl`, `ioperm`: host administration;
//! - the mount family (`mount`, `umount2`, `pivot_root`, `move_mount`, `open_tree`, `fsopen`,
//!   `fsmount`, `fsconfig`, `fspick`, `mount_setattr`) and `chroot`: the mount namespace
//!   built by the executor must stay as it is;
//! - `keyctl`, `add_key`, `request_key`: the kernel keyring is not namespaced;
//! - `unshare`, `setns`, and `clone` with any `CLONE_NEW*` flag: no new namespaces (user
//!   namespaces re-grant capabilities); `clone3` returns `ENOSYS` (its flags sit behind a
//!   pointer seccomp cannot read; libcs fall back to `clone`);
//! - `open_by_handle_at`, `name_to_handle_at`: file handles bypass path-based checks;
//! - `io_uring_setup`, `io_uring_enter`, `io_uring_register`: io_uring performs socket and file
//!   operations without the syscalls this filter inspects;
//! - `ioctl(TIOCSTI)` and `ioctl(TIOCLINUX)`: terminal input injection (CVE-2017-5226).
//!
//! Network: `socket` and `socketpair` are limited to an allow-list of families: `AF_UNIX`
//! only when the policy denies all network, plus `AF_INET`, `AF_INET6` and `AF_NETLINK` when it
//! allows some (never `AF_PACKET`, `AF_VSOCK` or any other family). Seccomp cannot see
//! addresses or ports: that part of the policy is left to `nftables` or `bwrap`.

pub mod bpf;
pub mod compile;
pub mod disasm;
pub mod filter;
pub mod interpret;
pub mod syscalls;

use std::collections::BTreeMap;

use ir::model::{
    ArchSpec, ArgCmp, ArtifactModel, Domain, FsOps, NetChain, NetModel, Region, SeccompArgCheck,
    SeccompModel, SeccompRule, SeccompSpec,
};
use ir::{Action, Direction, Endpoint, Mode, Protocol, Request};

use crate::artifact::{Artifact, Plan};
use crate::context::{Arch, EmitContext, Options};
use crate::netspace;
use crate::target::{Capability, Support, Target, TargetId, codes};

pub use filter::{ArgCheck, Filter, SyscallRule, Test};

/// The raw program file.
pub const FILE_BPF: &str = "seccomp.bpf";
/// The listing file.
pub const FILE_TXT: &str = "seccomp.txt";
/// The version of the two files' format.
pub const FORMAT_VERSION: u32 = 1;

const AF_UNIX: u32 = 1;
const AF_INET: u32 = 2;
const AF_INET6: u32 = 10;
const AF_NETLINK: u32 = 16;
const TIOCSTI: u32 = 0x5412;
const TIOCLINUX: u32 = 0x541C;
/// `CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |
/// CLONE_NEWPID | CLONE_NEWNET`.
const CLONE_NEW_MASK: u32 = 0x7E02_0000;

/// Syscalls denied with `EPERM` for every policy, with the reason.
const BASELINE: &[(&str, &str)] = &[
    ("ptrace", "inspects and drives other processes"),
    ("process_vm_readv", "reads other processes' memory"),
    ("process_vm_writev", "writes other processes' memory"),
    ("bpf", "kernel attack surface"),
    ("perf_event_open", "kernel attack surface and side channels"),
    ("userfaultfd", "exploitation aid"),
    ("kexec_load", "host administration"),
    ("kexec_file_load", "host administration"),
    ("init_module", "host administration"),
    ("finit_module", "host administration"),
    ("delete_module", "host administration"),
    ("swapon", "host administration"),
    ("swapoff", "host administration"),
    ("reboot", "host administration"),
    ("settimeofday", "host administration"),
    ("clock_settime", "host administration"),
    ("clock_adjtime", "host administration"),
    ("adjtimex", "host administration"),
    ("acct", "host administration"),
    ("quotactl", "host administration"),
    ("quotactl_fd", "host administration"),
    ("syslog", "reads the kernel log"),
    ("iopl", "raw port I/O"),
    ("ioperm", "raw port I/O"),
    ("mount", "changes the mount namespace"),
    ("umount2", "changes the mount namespace"),
    ("pivot_root", "changes the mount namespace"),
    ("move_mount", "changes the mount namespace"),
    ("open_tree", "changes the mount namespace"),
    ("fsopen", "changes the mount namespace"),
    ("fsmount", "changes the mount namespace"),
    ("fsconfig", "changes the mount namespace"),
    ("fspick", "changes the mount namespace"),
    ("mount_setattr", "changes the mount namespace"),
    ("chroot", "changes the root directory"),
    ("keyctl", "the kernel keyring is not namespaced"),
    ("add_key", "the kernel keyring is not namespaced"),
    ("request_key", "the kernel keyring is not namespaced"),
    ("unshare", "new namespaces re-grant capabilities"),
    ("setns", "joins other namespaces"),
    ("open_by_handle_at", "file handles bypass path checks"),
    ("name_to_handle_at", "file handles bypass path checks"),
    ("io_uring_setup", "io_uring bypasses syscall filtering"),
    ("io_uring_enter", "io_uring bypasses syscall filtering"),
    ("io_uring_register", "io_uring bypasses syscall filtering"),
];

pub struct Seccomp;

/// True when the policy allows any network request at all.
pub(crate) fn network_used(policy: &ir::Policy) -> bool {
    let net = &policy.network;
    if net.proxy.is_some() {
        return true;
    }
    let points = netspace::address_points(net);
    let cells = netspace::port_cells(net);
    [Direction::Egress, Direction::Ingress]
        .into_iter()
        .any(|direction| {
            Protocol::ALL.into_iter().any(|protocol| {
                points.iter().any(|ip| {
                    cells.iter().any(|(lo, _)| {
                        let request = Request::Net {
                            direction,
                            protocol,
                            endpoint: Endpoint::Ip(*ip),
                            port: *lo,
                        };
                        ir::decide(policy, &request, Mode::Mxc).allowed
                    })
                })
            })
        })
}

/// The specification for a policy on an architecture.
pub fn filter_for(arch: Arch, network: bool) -> Filter {
    let eperm = filter::RET_ERRNO | filter::EPERM;
    let mut rules = BTreeMap::new();
    let mut add =
        |name: &'static str, checks: Vec<ArgCheck>, otherwise: u32, reason: &'static str| {
            // A syscall missing on this architecture needs no rule.
            if let Some(nr) = syscalls::number(arch, name) {
                rules.insert(
                    nr,
                    SyscallRule {
                        name,
                        checks,
                        otherwise,
                        reason,
                    },
                );
            }
        };
    for (name, reason) in BASELINE {
        add(name, Vec::new(), eperm, reason);
    }
    add(
        "clone3",
        Vec::new(),
        filter::RET_ERRNO | filter::ENOSYS,
        "flags unreadable; libc falls back to clone",
    );
    add(
        "clone",
        vec![ArgCheck {
            arg: 0,
            test: Test::AnyBits(CLONE_NEW_MASK),
            ret: eperm,
        }],
        filter::RET_ALLOW,
        "no new namespaces",
    );
    let tty = |v| ArgCheck {
        arg: 1,
        test: Test::Eq(v),
        ret: eperm,
    };
    add(
        "ioctl",
        vec![tty(TIOCSTI), tty(TIOCLINUX)],
        filter::RET_ALLOW,
        "terminal input injection",
    );
    let mut families = vec![AF_UNIX];
    if network {
        families.extend([AF_INET, AF_INET6, AF_NETLINK]);
    }
    let fam: Vec<ArgCheck> = families
        .iter()
        .map(|f| ArgCheck {
            arg: 0,
            test: Test::Eq(*f),
            ret: filter::RET_ALLOW,
        })
        .collect();
    let why = if network {
        "socket families: unix, inet, inet6, netlink"
    } else {
        "socket families: unix only"
    };
    add("socket", fam.clone(), eperm, why);
    add("socketpair", fam, eperm, why);
    Filter {
        arch,
        default: filter::RET_ALLOW,
        rules,
    }
}

fn listing(filter: &Filter, program: &[ir::model::BpfInsn]) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "# mxcc seccomp filter, format {FORMAT_VERSION}, arch {}, {} instructions\n",
        filter.arch.as_str(),
        program.len()
    ));
    out.push_str(
        "# foreign arch -> KILL_PROCESS; x32 (nr >= 0x40000000, x86_64) -> KILL_PROCESS\n",
    );
    out.push_str(&format!(
        "# default -> {}\n",
        filter::ret_name(filter.default)
    ));
    for (nr, rule) in &filter.rules {
        let checks: Vec<String> = rule
            .checks
            .iter()
            .map(|c| {
                let test = match c.test {
                    Test::Eq(v) => format!("args[{}] == 0x{v:x}", c.arg),
                    Test::AnyBits(m) => format!("args[{}] & 0x{m:x}", c.arg),
                };
                format!("{test} -> {}", filter::ret_name(c.ret))
            })
            .collect();
        let body = if checks.is_empty() {
            filter::ret_name(rule.otherwise)
        } else {
            format!(
                "{}; else {}",
                checks.join("; "),
                filter::ret_name(rule.otherwise)
            )
        };
        out.push_str(&format!(
            "# {nr:>3} {:<18} {body}  ({})\n",
            rule.name, rule.reason
        ));
    }
    out.push('\n');
    out.push_str(&disasm::disassemble(program, filter.arch));
    out
}

fn deny_all() -> NetModel {
    let chain = NetChain {
        rules: Vec::new(),
        default: Action::Deny,
    };
    NetModel {
        egress: chain.clone(),
        ingress: chain,
        proxy_reachable: false,
    }
}

/// The specification a filter stands for, as data the verifier can read.
pub fn spec(filter: &Filter) -> SeccompSpec {
    let rules = filter
        .rules
        .iter()
        .map(|(nr, rule)| SeccompRule {
            nr: *nr,
            checks: rule
                .checks
                .iter()
                .map(|c| {
                    let (mask, value, cmp) = match c.test {
                        Test::Eq(v) => (u32::MAX, v, ArgCmp::MaskedEq),
                        Test::AnyBits(m) => (m, 0, ArgCmp::AnyBits),
                    };
                    SeccompArgCheck {
                        arg: c.arg,
                        mask,
                        value,
                        cmp,
                        action: c.ret,
                    }
                })
                .collect(),
            otherwise: rule.otherwise,
        })
        .collect();
    let x32_guard = (filter.arch == Arch::X86_64)
        .then_some((filter::X32_SYSCALL_BIT, filter::RET_KILL_PROCESS));
    SeccompSpec {
        arches: vec![(
            filter.arch.audit(),
            ArchSpec {
                default: filter.default,
                x32_guard,
                rules,
            },
        )],
        mismatch_action: filter::RET_KILL_PROCESS,
    }
}

/// The emitted program of a seccomp artifact and the specification it was compiled from; `None`
/// for any other artifact.
pub fn spec_of(artifact: &Artifact) -> Option<(Vec<ir::model::BpfInsn>, SeccompSpec)> {
    let (filter, model) = Seccomp::filter(artifact)?;
    Some((model.program, spec(filter)))
}

impl Seccomp {
    /// The specification and program of a seccomp artifact, for the verifier.
    pub fn filter(artifact: &Artifact) -> Option<(&Filter, SeccompModel)> {
        match &artifact.plan {
            Plan::Seccomp(filter) => {
                let bytes = artifact.files.get(FILE_BPF)?;
                let program = bpf::from_bytes(bytes)?;
                Some((
                    filter,
                    SeccompModel {
                        program,
                        arches: vec![filter.arch.audit()],
                    },
                ))
            }
            _ => None,
        }
    }
}

impl Target for Seccomp {
    fn id(&self) -> TargetId {
        TargetId::Seccomp
    }

    fn capabilities(&self, _options: &Options) -> Vec<Capability> {
        vec![
            Capability {
                construct: "network (deny all)",
                support: Support::Exact,
                note: "socket families other than AF_UNIX refused".to_owned(),
            },
            Capability {
                construct: "network (addresses, ports)",
                support: Support::None,
                note: "seccomp cannot read sockaddr".to_owned(),
            },
            Capability {
                construct: "filesystem",
                support: Support::None,
                note: "paths sit behind pointers".to_owned(),
            },
        ]
    }

    fn emit(&self, policy: &ir::Policy, cx: &mut EmitContext<'_>) -> Option<Artifact> {
        let network = network_used(policy);
        let filter = filter_for(cx.options.arch, network);
        let program = compile::compile(&filter);
        if program.len() > bpf::MAX_INSNS {
            cx.gap(
                codes::SECCOMP_TOO_LARGE,
                "seccomp",
                None,
                format!(
                    "the filter has {} instructions; the kernel accepts {}",
                    program.len(),
                    bpf::MAX_INSNS
                ),
                "report this as a compiler bug",
                &[],
            );
        }
        if network {
            cx.gap(
                codes::SECCOMP_NET_COARSE,
                "network",
                policy.network.span.or(Some(policy.span)),
                "seccomp restricts socket families, not the addresses and ports the policy names"
                    .to_owned(),
                "emit `nftables` alongside to filter by address and port",
                &[TargetId::Nftables],
            )
            .grants([Region::net(None, None)]);
        } else {
            cx.enforced(
                "network",
                policy.network.span,
                "no IP socket can be created (AF_UNIX only)",
            );
        }
        if !policy.filesystem.rules.is_empty() || policy.filesystem.span.is_some() {
            cx.gap(
                codes::SECCOMP_FS,
                "filesystem",
                policy.filesystem.span.or(Some(policy.span)),
                "seccomp does not restrict filesystem paths".to_owned(),
                "emit `bwrap` or `landlock` alongside",
                &[TargetId::Bwrap, TargetId::Landlock],
            )
            .grants([Region::FsEverywhere(FsOps::ALL)]);
        }
        let mut files = BTreeMap::new();
        files.insert(FILE_BPF, bpf::to_bytes(&program));
        files.insert(FILE_TXT, listing(&filter, &program).into_bytes());
        let assumptions = vec![
            format!("the sandbox runs {} code (other architectures are killed)", filter.arch.as_str()),
            "the filter is installed with no_new_privs before exec, from memory the sandbox cannot write".to_owned(),
        ];
        Some(Artifact {
            target: TargetId::Seccomp,
            format_version: FORMAT_VERSION,
            files,
            assumptions,
            plan: Plan::Seccomp(filter),
        })
    }

    fn model(&self, artifact: &Artifact) -> ArtifactModel {
        let restricted = match &artifact.plan {
            Plan::Seccomp(filter) => filter.rules.values().any(|r| {
                r.name == "socket"
                    && r.checks
                        .iter()
                        .all(|c| c.test == Test::Eq(AF_UNIX) || c.ret != filter::RET_ALLOW)
            }),
            _ => false,
        };
        ArtifactModel {
            target: "seccomp",
            fs: Domain::Unconstrained,
            net: if restricted {
                Domain::Enforced(deny_all())
            } else {
                Domain::Unconstrained
            },
            ui: Domain::NotApplicable("seccomp does not mediate UI".to_owned()),
        }
    }
}
