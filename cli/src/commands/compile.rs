//! `mxcc compile --target T [--out DIR] POLICY`.
//!
//! Human output is short by default: the errors in full, one line per target (its files and
//! what became of its constructs), the proof verdict, and every other diagnostic counted by
//! code. `--verbose` prints every diagnostic instead of the counts. Machine formats print every
//! diagnostic either way.

use std::collections::BTreeMap;

use driver::CheckReport;
use driver::compile::CompileOptions;
use ir::Severity;
use targets::{Status, TargetReport};

use crate::Outcome;
use crate::args::{AssumeHost, CompileArgs, Format};
use crate::commands::check::options;
use crate::commands::diff::verify_options;
use crate::exit::{self, Thresholds};
use crate::render;

pub(crate) fn run(args: &CompileArgs) -> Outcome {
    let Some(ids) = targets::registry::resolve(&args.target) else {
        let names: Vec<&str> = targets::TargetId::ALL
            .iter()
            .map(|t| t.as_str())
            .chain(targets::registry::GROUPS.iter().map(|(g, _)| *g))
            .collect();
        return Outcome {
            stdout: String::new(),
            stderr: format!(
                "error[{}]: unknown target `{}`\n  = help: known targets and groups: {}\n",
                ir::codes::io::UNKNOWN_TARGET,
                args.target,
                names.join(", ")
            ),
            code: exit::FAILURE,
        };
    };
    let mut check = options(&args.policy);
    check.verify = verify_options(&args.solver, false);
    let defaults = targets::Options::default();
    let options = CompileOptions {
        check,
        targets: targets::Options {
            allow_gaps: args.allow_gaps,
            landlock_abi: args.landlock_abi,
            home_dir: args.home_dir.clone(),
            windows_build: args.windows_build.unwrap_or(defaults.windows_build),
            seatbelt_override: args.seatbelt_override,
            paths: match args.assume_host {
                AssumeHost::Nothing => targets::PathProbe::Unknown,
                AssumeHost::Current => targets::PathProbe::Host,
            },
            ..defaults
        },
    };
    let result = driver::compile::compile(&args.path, &ids, &options);
    let mut stderr = String::new();
    let mut written = Vec::new();
    if let Some(dir) = &args.out {
        if let Err(e) = std::fs::create_dir_all(dir) {
            return Outcome {
                stdout: String::new(),
                stderr: format!(
                    "error[{}]: cannot create `{}`: {e}\n",
                    ir::codes::io::IO_ERROR,
                    dir.display()
                ),
                code: exit::FAILURE,
            };
        }
        for (name, bytes) in &result.artifacts {
            let path = dir.join(name);
            match std::fs::write(&path, bytes) {
                Ok(()) => written.push(path.display().to_string()),
                Err(e) => stderr.push_str(&format!(
                    "error[{}]: cannot write `{}`: {e}\n",
                    ir::codes::io::IO_ERROR,
                    path.display()
                )),
            }
        }
    }
    let report = CheckReport {
        files: vec![result.report],
        path_errors: Vec::new(),
        references: Vec::new(),
        skipped: Vec::new(),
        supporting: 0,
    };
    let human = args.format == Format::Human;
    // `--statistics` counts every diagnostic itself.
    let short = human && !args.verbose && !render::ui().statistics;
    let mut stdout = if short {
        render::findings(&errors_only(&report), args.format)
    } else {
        render::findings(&report, args.format)
    };
    if human {
        for target in &result.targets {
            stdout.push_str(&target_line(target, &result.artifacts));
        }
        // Soundness findings inside gaps the targets reported are warnings; unannounced ones
        // are errors (compiler bugs) and withhold the artifacts.
        let unsound = |error: bool| {
            report
                .files
                .iter()
                .flat_map(|f| &f.diagnostics)
                .filter(|d| d.code == verify::codes::ARTIFACT_UNSOUND && d.is_error() == error)
                .count()
        };
        for proof in &result.proofs {
            // An undecided domain is never reported next to "proved" or "holds".
            let undecided: Vec<&String> = proof
                .unknown()
                .into_iter()
                .filter(|(what, _)| *what == "soundness")
                .map(|(_, reason)| reason)
                .collect();
            let sound = match &proof.soundness {
                _ if !undecided.is_empty() => format!(
                    "UNKNOWN ({}; {} finding{} so far)",
                    undecided
                        .iter()
                        .map(|r| r.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                    proof.soundness.findings().len(),
                    plural(proof.soundness.findings().len())
                ),
                verify::Outcome::Proved => "proved".to_owned(),
                verify::Outcome::Refuted(_) if unsound(true) == 0 => format!(
                    "holds outside the reported gaps ({} finding{} inside them)",
                    unsound(false),
                    if unsound(false) == 1 { "" } else { "s" }
                ),
                verify::Outcome::Refuted(_) => {
                    format!("REFUTED ({} unannounced findings)", unsound(true))
                }
                verify::Outcome::Unknown(r) => format!("unknown ({r})"),
            };
            let complete_undecided = proof
                .unknown()
                .iter()
                .any(|(what, _)| *what == "completeness");
            let complete = match &proof.completeness {
                _ if complete_undecided => "completeness unknown".to_owned(),
                verify::Outcome::Proved => "complete".to_owned(),
                verify::Outcome::Refuted(f) => {
                    format!(
                        "{} completeness gap{}",
                        f.len(),
                        if f.len() == 1 { "" } else { "s" }
                    )
                }
                verify::Outcome::Unknown(r) => format!("completeness unknown ({r})"),
            };
            stdout.push_str(&format!(
                "{}: soundness {sound}; {complete}\n",
                proof.target
            ));
        }
        if short {
            stdout.push_str(&counts(&report));
        }
        if args.out.is_some() {
            for path in &written {
                stdout.push_str(&format!("wrote {path}\n"));
            }
        } else {
            let names: Vec<&str> = result.artifacts.keys().map(String::as_str).collect();
            if names.is_empty() {
                stdout.push_str("no artifacts: the policy has errors\n");
            } else {
                stdout.push_str(&format!(
                    "artifacts (use --out DIR to write them): {}\n",
                    names.join(", ")
                ));
            }
        }
    }
    // A policy error exits 1, an unreadable policy or an unwritable artifact 2 (`exit`).
    let code = if stderr.is_empty() {
        exit::report_code(&report, &Thresholds::new(&args.policy))
    } else {
        exit::FAILURE
    };
    Outcome {
        stdout,
        stderr,
        code,
    }
}

/// The report with its errors only: in the short output, nothing else is printed in full.
fn errors_only(report: &CheckReport) -> CheckReport {
    let mut errors = report.clone();
    for file in &mut errors.files {
        file.diagnostics.retain(ir::Diagnostic::is_error);
    }
    errors
}

/// One target: the files it emitted (or that they were withheld) and how many constructs it
/// enforced, approximated (more strictly than asked) and refused, then the other outcomes that
/// occurred (covered by another target, gaps allowed, compatibility grants).
fn target_line(target: &TargetReport, artifacts: &BTreeMap<String, Vec<u8>>) -> String {
    let count =
        |wanted: fn(Status) -> bool| target.entries.iter().filter(|e| wanted(e.status)).count();
    let mut counts = vec![
        format!("{} enforced", count(|s| s == Status::Enforced)),
        format!("{} approximated", count(|s| s == Status::Approximated)),
        format!("{} refused", count(|s| s == Status::Refused)),
    ];
    let covered = count(|s| matches!(s, Status::Covered(_)));
    let allowed = count(|s| s == Status::GapAllowed);
    let grants = count(|s| s == Status::CompatGrant);
    if covered > 0 {
        counts.push(format!("{covered} covered by another target"));
    }
    if allowed > 0 {
        counts.push(format!("{allowed} allowed gap{}", plural(allowed)));
    }
    if grants > 0 {
        counts.push(format!("{grants} compatibility grant{}", plural(grants)));
    }
    let files: Vec<&str> = target
        .files
        .iter()
        .map(String::as_str)
        .filter(|f| artifacts.contains_key(*f))
        .collect();
    let files = match (files.is_empty(), target.files.is_empty()) {
        (false, _) => files.join(", "),
        (true, true) => "no artifact".to_owned(),
        (true, false) => "artifact withheld".to_owned(),
    };
    format!(
        "{}: {files}; {}\n",
        target.target.as_str(),
        counts.join(", ")
    )
}

/// The diagnostics the short output does not print, counted by severity and code.
fn counts(report: &CheckReport) -> String {
    let mut by_code: BTreeMap<(Severity, &str), usize> = BTreeMap::new();
    for d in report.files.iter().flat_map(|f| &f.diagnostics) {
        if !d.is_error() {
            *by_code.entry((d.severity, d.code.as_str())).or_default() += 1;
        }
    }
    if by_code.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    for (severity, label) in [(Severity::Warning, "warnings"), (Severity::Info, "notes")] {
        let codes: Vec<String> = by_code
            .iter()
            .filter(|((s, _), _)| *s == severity)
            .map(|((_, code), n)| format!("{n} {code}"))
            .collect();
        if !codes.is_empty() {
            out.push_str(&format!("{label}: {}\n", codes.join(", ")));
        }
    }
    out.push_str("use -v to see every diagnostic\n");
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
