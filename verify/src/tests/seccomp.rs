//! `prove_seccomp`: the compiler's real filters prove equal to their specification; mutated
//! programs are refuted with a witness that replays through the targets' cBPF interpreter.

use ir::model::BpfInsn;
use targets::backends::seccomp::{bpf, compile, filter_for, interpret, spec};
use targets::context::Arch;

use crate::{Options, SeccompOutcome, prove_seccomp};

fn program_and_spec(arch: Arch, network: bool) -> (Vec<BpfInsn>, ir::model::SeccompSpec) {
    let filter = filter_for(arch, network);
    (compile::compile(&filter), spec(&filter))
}

/// Runs the proof; for a refutation, replays the witness through the interpreter and returns
/// its description.
fn check(program: &[BpfInsn], spec: &ir::model::SeccompSpec) -> String {
    match prove_seccomp(program, spec, &Options::default()) {
        SeccompOutcome::Proved => "proved".to_owned(),
        SeccompOutcome::Unknown(r) => format!("unknown: {r}"),
        SeccompOutcome::Internal(e) => format!("internal error: {e}"),
        SeccompOutcome::Refuted(w) => {
            let data = interpret::SeccompData {
                nr: w.nr,
                arch: w.arch,
                instruction_pointer: w.instruction_pointer,
                args: w.args,
            };
            let ran = interpret::run(program, &data).map(|o| o.ret);
            assert_eq!(ran, Ok(w.artifact), "the witness does not replay: {w:?}");
            assert_eq!(spec.action(w.arch, w.nr, &w.args), w.spec);
            assert_ne!(w.artifact, w.spec);
            // The solver's choice of witness depends on its state; the snapshot records only
            // that one was found and replayed.
            assert!(w.describe().contains("artifact="));
            "refuted (the witness replays through the interpreter)".to_owned()
        }
    }
}

#[test]
fn baseline_filters_prove_equal() {
    for arch in Arch::ALL {
        for network in [false, true] {
            let (program, spec) = program_and_spec(arch, network);
            assert_eq!(
                check(&program, &spec),
                "proved",
                "{arch:?} network={network}"
            );
        }
    }
}

#[test]
fn mutated_programs_are_refuted_with_replayed_witnesses() {
    let (program, spec) = program_and_spec(Arch::X86_64, true);
    let mut out = String::new();
    // Off by one in the first syscall-number split.
    let mut off = program.clone();
    if let Some(i) = off.iter().position(|i| i.code == bpf::JMP_JGE_K) {
        off[i].k += 1;
    }
    out.push_str(&format!("off-by-one jge: {}\n", check(&off, &spec)));
    // A flipped argument test: the `jeq` branches of the last argument check swap.
    let mut flipped = program.clone();
    if let Some(i) = flipped.iter().rposition(|i| i.code == bpf::JMP_JEQ_K) {
        let insn = flipped[i];
        flipped[i] = BpfInsn {
            jt: insn.jf,
            jf: insn.jt,
            ..insn
        };
    }
    out.push_str(&format!("flipped jeq: {}\n", check(&flipped, &spec)));
    // A wrong architecture constant.
    let mut arch = program.clone();
    if let Some(i) = arch.iter().position(|i| i.code == bpf::JMP_JEQ_K) {
        arch[i].k ^= 1;
    }
    out.push_str(&format!("wrong arch: {}\n", check(&arch, &spec)));
    // A backward-looking program is impossible; a program that falls off its end is rejected.
    let cut = &program[..program.len() - 1];
    out.push_str(&format!("truncated: {}\n", check(cut, &spec)));
    insta::assert_snapshot!("seccomp_mutations", out);
}
