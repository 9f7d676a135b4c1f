use crate::backends::seccomp::filter::{RET_ALLOW, RET_ERRNO, RET_KILL_PROCESS};
use crate::backends::seccomp::interpret::{SeccompData, run};
use crate::backends::seccomp::{compile, filter_for, syscalls};
use crate::context::Arch;
use crate::target::TargetId;
use crate::tests::{check_emit, options};

/// Argument samples: zero, the tested values, upper-word garbage and bit patterns.
fn samples() -> Vec<u64> {
    let mut v = vec![
        0,
        1,
        2,
        10,
        16,
        17,
        40,
        0x5412,
        0x541C,
        0x7E02_0000,
        0x1000_0000,
        0x11,
        u64::MAX,
    ];
    let with_high: Vec<u64> = v.iter().map(|x| x | 0xdead_beef_0000_0000).collect();
    v.extend(with_high);
    v
}

#[test]
fn program_equals_spec_for_every_syscall_arch_and_sampled_args() {
    for arch in Arch::ALL {
        for network in [false, true] {
            let filter = filter_for(arch, network);
            let program = compile::compile(&filter);
            let mut nrs: Vec<u32> = (0..1100).collect();
            nrs.extend([
                0x3fff_ffff,
                0x4000_0000,
                0x4000_0001,
                0x4000_0029,
                0xffff_fffe,
                u32::MAX,
            ]);
            for audit in [arch.audit(), 0x4000_0003, 0xC000_003E, 0xC000_00B7] {
                for nr in &nrs {
                    for a in samples() {
                        let args = [a, a, a, a, a, a];
                        let data = SeccompData {
                            nr: *nr,
                            arch: audit,
                            instruction_pointer: 0,
                            args,
                        };
                        let got = run(&program, &data).expect("runs").ret;
                        assert_eq!(
                            got,
                            filter.spec(audit, *nr, &args),
                            "{arch:?} nr {nr} arg {a:#x}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn decision_tree_is_balanced() {
    for arch in Arch::ALL {
        let filter = filter_for(arch, true);
        let program = compile::compile(&filter);
        let n = compile::range_count(&filter);
        let bound = (usize::BITS - (n - 1).leading_zeros()) as usize + 4;
        for nr in 0..1100u32 {
            if filter.rules.get(&nr).is_some_and(|r| !r.checks.is_empty()) {
                continue;
            }
            let data = SeccompData {
                nr,
                arch: arch.audit(),
                instruction_pointer: 0,
                args: [0; 6],
            };
            let executed = run(&program, &data).unwrap().executed;
            assert!(
                executed <= bound,
                "{arch:?} nr {nr}: {executed} > {bound} (n = {n})"
            );
        }
    }
}

#[test]
fn far_jumps_use_trampolines() {
    // Deny every other syscall: hundreds of ranges force jumps longer than 255.
    let mut filter = filter_for(Arch::X86_64, true);
    for (name, nr) in syscalls::table(Arch::X86_64).iter().step_by(2) {
        filter
            .rules
            .entry(*nr)
            .or_insert(crate::backends::seccomp::SyscallRule {
                name,
                checks: Vec::new(),
                otherwise: RET_ERRNO | 1,
                reason: "test",
            });
    }
    let program = compile::compile(&filter);
    assert!(program.len() > 300);
    for nr in 0..1100u32 {
        for a in [0u64, 0x5412, 2, 0x1000_0000] {
            let args = [a; 6];
            let data = SeccompData {
                nr,
                arch: Arch::X86_64.audit(),
                instruction_pointer: 0,
                args,
            };
            assert_eq!(
                run(&program, &data).unwrap().ret,
                filter.spec(Arch::X86_64.audit(), nr, &args)
            );
        }
    }
}

#[test]
fn key_decisions() {
    let filter = filter_for(Arch::X86_64, false);
    let program = compile::compile(&filter);
    let ret = |nr: u32, args: [u64; 6]| {
        run(
            &program,
            &SeccompData {
                nr,
                arch: Arch::X86_64.audit(),
                instruction_pointer: 0,
                args,
            },
        )
        .unwrap()
        .ret
    };
    let nr = |name| syscalls::number(Arch::X86_64, name).unwrap();
    assert_eq!(ret(nr("read"), [0; 6]), RET_ALLOW);
    assert_eq!(ret(nr("ptrace"), [0; 6]), RET_ERRNO | 1);
    assert_eq!(ret(nr("socket"), [1, 1, 0, 0, 0, 0]), RET_ALLOW);
    assert_eq!(ret(nr("socket"), [2, 1, 0, 0, 0, 0]), RET_ERRNO | 1);
    assert_eq!(
        ret(nr("socket"), [0xffff_ffff_0000_0001, 1, 0, 0, 0, 0]),
        RET_ALLOW
    );
    assert_eq!(ret(nr("ioctl"), [0, 0x5412, 0, 0, 0, 0]), RET_ERRNO | 1);
    assert_eq!(
        ret(nr("ioctl"), [0, 0x1_0000_5412, 0, 0, 0, 0]),
        RET_ERRNO | 1
    );
    assert_eq!(
        ret(nr("clone"), [0x1000_0000, 0, 0, 0, 0, 0]),
        RET_ERRNO | 1
    );
    assert_eq!(ret(nr("clone"), [0x11, 0, 0, 0, 0, 0]), RET_ALLOW);
    assert_eq!(ret(0x4000_0000 + nr("read"), [0; 6]), RET_KILL_PROCESS);
}

#[test]
fn snapshot_no_network() {
    check_emit(
        "seccomp_no_network",
        &[TargetId::Seccomp],
        r#"{"version":"0.8.0-alpha","process":{"commandLine":"true"}}"#,
        &options(&[]),
    );
}
