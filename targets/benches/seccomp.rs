//! Seccomp benchmark: filter size and instructions executed per syscall (max and mean, through
//! the interpreter) for the baseline and for large deny lists, side by side with libseccomp on
//! the same rule set (libseccomp's filter is exported by a tiny C helper compiled with `cc`).
//!
//! Run with `cargo bench -p targets --bench seccomp`. Needs `cc` and `libseccomp-dev`; without
//! them the libseccomp column says why it is missing.

use std::io::Write as _;
use std::process::{Command, Stdio};

use ir::model::BpfInsn;
use targets::Arch;
use targets::backends::seccomp::filter::{EPERM, RET_ERRNO};
use targets::backends::seccomp::interpret::{SeccompData, run};
use targets::backends::seccomp::{Filter, SyscallRule, Test, bpf, compile, filter_for, syscalls};

const HELPER: &str = r#"
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv) {
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx) return 2;
    if (argc > 1 && atoi(argv[1]) == 2) seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
    char line[256];
    while (fgets(line, sizeof line, stdin)) {
        unsigned nr, ret, idx = 0; char op[8] = ""; unsigned long long mask = 0, datum = 0;
        int n = sscanf(line, "%u %x %u %7s %llx %llx", &nr, &ret, &idx, op, &mask, &datum);
        int rc;
        if (n == 2) {
            rc = seccomp_rule_add(ctx, ret, nr, 0);
        } else {
            struct scmp_arg_cmp c;
            memset(&c, 0, sizeof c);
            c.arg = idx;
            if (strcmp(op, "meq") == 0) { c.op = SCMP_CMP_MASKED_EQ; c.datum_a = mask; c.datum_b = datum; }
            else { c.op = SCMP_CMP_NE; c.datum_a = datum; }
            rc = seccomp_rule_add_array(ctx, ret, nr, 1, &c);
        }
        if (rc) { fprintf(stderr, "rule for %u failed: %d\n", nr, rc); return 1; }
    }
    if (seccomp_export_bpf(ctx, 1)) return 3;
    return 0;
}
"#;

/// The rule set as helper input lines; `None` when libseccomp cannot express a rule.
fn helper_input(filter: &Filter) -> Option<String> {
    let mut out = String::new();
    for (nr, rule) in &filter.rules {
        if rule.checks.is_empty() {
            out.push_str(&format!("{nr} {:x}\n", rule.otherwise));
            continue;
        }
        match (rule.name, rule.checks.as_slice()) {
            ("socket" | "socketpair", [only]) => {
                let Test::Eq(family) = only.test else {
                    return None;
                };
                out.push_str(&format!("{nr} {:x} 0 ne 0 {family:x}\n", rule.otherwise));
            }
            _ => {
                for c in &rule.checks {
                    match c.test {
                        Test::Eq(v) => out
                            .push_str(&format!("{nr} {:x} {} meq ffffffff {v:x}\n", c.ret, c.arg)),
                        Test::AnyBits(m) => {
                            for bit in (0..32).map(|b| 1u32 << b).filter(|b| m & b != 0) {
                                out.push_str(&format!(
                                    "{nr} {:x} {} meq {bit:x} {bit:x}\n",
                                    c.ret, c.arg
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    Some(out)
}

fn build_helper() -> Result<std::path::PathBuf, String> {
    let dir = std::env::temp_dir().join(format!("mxcc-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let src = dir.join("export.c");
    std::fs::write(&src, HELPER).map_err(|e| e.to_string())?;
    let bin = dir.join("export");
    let status = Command::new("cc")
        .arg("-O2")
        .arg(&src)
        .arg("-o")
        .arg(&bin)
        .arg("-lseccomp")
        .status()
        .map_err(|e| format!("cc: {e}"))?;
    if status.success() {
        Ok(bin)
    } else {
        Err("cc -lseccomp failed (libseccomp-dev missing?)".to_owned())
    }
}

fn libseccomp(helper: &std::path::Path, input: &str, optimize: u8) -> Result<Vec<BpfInsn>, String> {
    let mut child = Command::new(helper)
        .arg(optimize.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    bpf::from_bytes(&out.stdout).ok_or_else(|| "odd length".to_owned())
}

/// (max, mean) instructions executed over every table syscall, and the number of decisions
/// that differ from the specification.
fn measure(program: &[BpfInsn], filter: &Filter) -> (usize, f64, usize) {
    let table = syscalls::table(filter.arch);
    let (mut max, mut sum, mut wrong) = (0usize, 0usize, 0usize);
    for (_, nr) in table {
        let args = [0u64; 6];
        let data = SeccompData {
            nr: *nr,
            arch: filter.arch.audit(),
            instruction_pointer: 0,
            args,
        };
        match run(program, &data) {
            Ok(o) => {
                max = max.max(o.executed);
                sum += o.executed;
                if o.ret != filter.spec(filter.arch.audit(), *nr, &args) {
                    wrong += 1;
                }
            }
            Err(_) => wrong += 1,
        }
    }
    (max, sum as f64 / table.len() as f64, wrong)
}

fn with_denials(every: usize) -> Filter {
    let mut filter = filter_for(Arch::X86_64, false);
    for (name, nr) in syscalls::table(Arch::X86_64).iter().step_by(every) {
        filter.rules.entry(*nr).or_insert(SyscallRule {
            name,
            checks: Vec::new(),
            otherwise: RET_ERRNO | EPERM,
            reason: "bench",
        });
    }
    filter
}

fn main() {
    let helper = build_helper();
    let cases: Vec<(String, Filter)> = vec![
        (
            "baseline (no network)".to_owned(),
            filter_for(Arch::X86_64, false),
        ),
        ("baseline + deny every 8th".to_owned(), with_denials(8)),
        ("baseline + deny every 3rd".to_owned(), with_denials(3)),
        ("baseline + deny every 2nd".to_owned(), with_denials(2)),
    ];
    println!(
        "{:<28} {:>6} | {:>21} | {:>21} | {:>21}",
        "rule set (x86_64)",
        "rules",
        "mxcc insns/max/mean",
        "libseccomp default",
        "libseccomp optimize=2"
    );
    for (name, filter) in &cases {
        let program = compile::compile(filter);
        let (max, mean, wrong) = measure(&program, filter);
        let ours = format!(
            "{}/{max}/{mean:.1}{}",
            program.len(),
            if wrong > 0 { " WRONG" } else { "" }
        );
        let theirs = |optimize: u8| match (&helper, helper_input(filter)) {
            (Err(e), _) => format!("n/a: {e}"),
            (_, None) => "n/a: inexpressible".to_owned(),
            (Ok(bin), Some(input)) => match libseccomp(bin, &input, optimize) {
                Ok(p) => {
                    let (max, mean, wrong) = measure(&p, filter);
                    format!(
                        "{}/{max}/{mean:.1}{}",
                        p.len(),
                        if wrong > 0 {
                            format!(" ({wrong} differ)")
                        } else {
                            String::new()
                        }
                    )
                }
                Err(e) => format!("n/a: {}", e.trim()),
            },
        };
        println!(
            "{name:<28} {:>6} | {ours:>21} | {:>21} | {:>21}",
            filter.rules.len(),
            theirs(0),
            theirs(2)
        );
    }
}
