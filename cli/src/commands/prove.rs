//! `mxcc prove POLICY [--guardrail G]... [--properties FILE]`.

use driver::{CheckReport, FileReport, proofs::Reference};
use ir::{SourceFile, SourceId};

use crate::Outcome;
use crate::args::{Format, ProveArgs};
use crate::commands::check::options;
use crate::commands::diff::verify_options;
use crate::exit::{self, Thresholds};
use crate::render;

pub(crate) fn run(args: &ProveArgs) -> Outcome {
    let options = options(&args.policy);
    let policy = Reference::load(&args.path, SourceId(0), &options);
    let guardrails: Vec<Reference> = args
        .guardrails
        .iter()
        .enumerate()
        .map(|(i, g)| {
            Reference::load(
                g,
                SourceId(u32::try_from(i + 2).unwrap_or(u32::MAX)),
                &options,
            )
        })
        .collect();
    let properties_file = match &args.properties {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => Some(FileReport {
                path: path.clone(),
                source: SourceFile::new(path.display().to_string(), text),
                source_id: SourceId(1),
                platform: ir::Platform::host(),
                policy: None,
                diagnostics: Vec::new(),
            }),
            Err(e) => {
                return Outcome {
                    stdout: String::new(),
                    stderr: format!(
                        "error[{}]: cannot read `{}`: {e}\n",
                        ir::codes::io::IO_ERROR.as_str(),
                        path.display()
                    ),
                    code: exit::FAILURE,
                };
            }
        },
        None => None,
    };
    let inputs_broken =
        policy.policy().is_none() || guardrails.iter().any(|g| g.policy().is_none());
    if inputs_broken {
        let files = std::iter::once(policy.report)
            .chain(guardrails.into_iter().map(|g| g.report))
            .filter(FileReport::has_errors)
            .collect();
        let report = CheckReport {
            files,
            path_errors: Vec::new(),
            references: Vec::new(),
            skipped: Vec::new(),
            supporting: 0,
        };
        // A policy MXC would reject proves nothing: show why, exit 1 (2 when a file cannot
        // be read).
        let code = exit::report_code(&report, &Thresholds::new(&args.policy)).max(exit::FINDINGS);
        return Outcome {
            stdout: render::findings(&report, args.format),
            stderr: String::new(),
            code,
        };
    }
    let (properties, property_diags) = match &properties_file {
        Some(f) => verify::properties::parse_source(f.source_id, &f.source.text),
        None => (Vec::new(), Vec::new()),
    };
    let guardrail_policies: Vec<ir::Policy> = guardrails
        .iter()
        .filter_map(|g| g.policy().cloned())
        .collect();
    let Some(target) = policy.policy() else {
        return Outcome {
            stdout: String::new(),
            stderr: String::new(),
            code: exit::FAILURE,
        };
    };
    let results = verify::prove(
        target,
        &guardrail_policies,
        &properties,
        &verify_options(&args.solver, args.policy.strict),
    );
    let mut diagnostics = property_diags.clone();
    let mut summary = String::new();
    let (mut proved, mut refuted, mut unknown) = (0usize, 0usize, 0usize);
    for r in &results {
        let verdict = match &r.outcome {
            // A verifier bug voids the verdict: never "proved" next to an internal error.
            _ if !r.internal_errors.is_empty() => {
                unknown += 1;
                "error (internal verifier error)".to_owned()
            }
            verify::Outcome::Proved => {
                proved += 1;
                "proved".to_owned()
            }
            verify::Outcome::Refuted(f) => {
                refuted += 1;
                format!(
                    "refuted ({} finding{})",
                    f.len(),
                    if f.len() == 1 { "" } else { "s" }
                )
            }
            verify::Outcome::Unknown(reason) => {
                unknown += 1;
                format!("unknown: {reason}")
            }
        };
        summary.push_str(&format!(
            "{:<10} {}\n",
            verdict.split(' ').next().unwrap_or(""),
            r.name
        ));
        diagnostics.extend(r.diagnostics());
    }
    let mut file = policy.report.clone();
    file.diagnostics = diagnostics;
    ir::diag::sort(&mut file.diagnostics);
    let mut references: Vec<FileReport> = guardrails.into_iter().map(|g| g.report).collect();
    references.extend(properties_file);
    let report = CheckReport {
        files: vec![file],
        path_errors: Vec::new(),
        references,
        skipped: Vec::new(),
        supporting: 0,
    };
    let mut stdout = render::findings(&report, args.format);
    if args.format == Format::Human {
        if !render::ui().quiet {
            stdout.push_str(&summary);
        }
        stdout.push_str(&format!(
            "{proved} proved, {refuted} refuted, {unknown} unknown\n"
        ));
    }
    let failed = refuted > 0 || !property_diags.is_empty() || (unknown > 0 && !args.allow_unknown);
    // Unknown proofs are errors (MX4005) that `--allow-unknown` lets pass.
    let thresholds = Thresholds::new(&args.policy);
    let judged = report
        .files
        .iter()
        .map(|f| judged(&f.diagnostics, args.allow_unknown, thresholds.of(&f.path)));
    let code = judged.max().unwrap_or(exit::SUCCESS);
    let code = if failed {
        code.max(exit::FINDINGS)
    } else {
        code
    };
    Outcome {
        stdout,
        stderr: String::new(),
        code,
    }
}

/// The exit code of one file's proof diagnostics: an internal verifier error (MX4008) is a
/// failure (2) whatever `--allow-unknown` says; unknown proofs pass only with it.
fn judged(diagnostics: &[ir::Diagnostic], allow_unknown: bool, threshold: ir::Severity) -> u8 {
    exit::code(
        diagnostics
            .iter()
            .filter(|d| !(allow_unknown && d.code == ir::codes::proofs::UNKNOWN)),
        threshold,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(outcome: verify::Outcome, internal: &[&str]) -> verify::ProofResult {
        verify::ProofResult {
            name: "never read /etc/shadow".to_owned(),
            span: None,
            outcome,
            unknown: Vec::new(),
            internal_errors: internal.iter().map(|e| (*e).to_owned()).collect(),
        }
    }

    #[test]
    fn an_internal_verifier_error_exits_two_even_next_to_proved() {
        let broken = result(
            verify::Outcome::Proved,
            &["the engines disagree on filesystem"],
        );
        for allow_unknown in [false, true] {
            assert_eq!(
                judged(&broken.diagnostics(), allow_unknown, ir::Severity::Error),
                exit::FAILURE
            );
        }
        let fine = result(verify::Outcome::Proved, &[]);
        assert_eq!(
            judged(&fine.diagnostics(), false, ir::Severity::Error),
            exit::SUCCESS
        );
        let unknown = result(
            verify::Outcome::Unknown("filesystem: timeout".to_owned()),
            &[],
        );
        assert_eq!(
            judged(&unknown.diagnostics(), false, ir::Severity::Error),
            exit::FINDINGS
        );
    }
}
