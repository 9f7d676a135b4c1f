//! `mxcc compile`: emit backend artifacts and prove each one against the policy.
//!
//! Translation validation runs on every emission: soundness (the artifact allows nothing the
//! policy denies) must be proved, and a refutation is a compiler bug reported as an error that
//! withholds every artifact; completeness shortfalls are reported with witnesses next to the
//! target's own gap diagnostics.

use std::collections::BTreeMap;
use std::path::Path;

use ir::{Diagnostic, SourceId};

use crate::check::{CheckOptions, FileReport, check_reference};

#[derive(Clone, Debug, Default)]
pub struct CompileOptions {
    pub check: CheckOptions,
    pub targets: targets::Options,
}

/// What `compile` produced for one policy.
#[derive(Clone, Debug)]
pub struct CompileResult {
    /// The policy file, with frontend, target and proof diagnostics.
    pub report: FileReport,
    /// File name to bytes; empty when anything was refused or unsound (except `report.json`).
    pub artifacts: BTreeMap<String, Vec<u8>>,
    /// One translation-validation report per emitted target.
    pub proofs: Vec<verify::ArtifactReport>,
}

pub fn compile(path: &Path, ids: &[targets::TargetId], options: &CompileOptions) -> CompileResult {
    let mut report = check_reference(path, SourceId(0), &options.check);
    let Some(policy) = report.policy.clone().filter(|_| !report.has_errors()) else {
        return CompileResult {
            report,
            artifacts: BTreeMap::new(),
            proofs: Vec::new(),
        };
    };
    let output = targets::compile(&policy, ids, &options.targets);
    report.diagnostics.extend(output.diagnostics);
    let mut verify_options = options.check.verify.clone();
    verify_options.mode = ir::Mode::Mxc;
    let mut proofs = Vec::new();
    for model in output.models.values() {
        let proof = verify::validate_artifact(&policy, model, &verify_options);
        report.diagnostics.extend(proof_diagnostics(&proof));
        proofs.push(proof);
    }
    let unsound = proofs.iter().any(|p| !p.soundness.is_proved());
    let mut artifacts = output.artifacts;
    if unsound {
        artifacts.retain(|name, _| name == targets::REPORT_FILE);
    }
    ir::diag::sort(&mut report.diagnostics);
    CompileResult {
        report,
        artifacts,
        proofs,
    }
}

fn proof_diagnostics(proof: &verify::ArtifactReport) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = proof
        .soundness
        .findings()
        .iter()
        .map(verify::Finding::to_diagnostic)
        .collect();
    if let verify::Outcome::Unknown(reason) = &proof.soundness {
        out.push(
            Diagnostic::error(
                verify::codes::UNKNOWN,
                format!("soundness of `{}` is unknown", proof.target),
            )
            .with_note(reason.clone())
            .with_help(
                "an artifact whose soundness is not proved is not emitted; raise `--timeout-ms`",
            ),
        );
    }
    out.extend(
        proof
            .completeness
            .findings()
            .iter()
            .map(verify::Finding::to_diagnostic),
    );
    out.extend(proof.internal_errors.iter().map(|e| {
        Diagnostic::error(verify::codes::INTERNAL, "internal verifier error")
            .with_note(e.clone())
            .with_help("this is a bug in mxcc; please report it with the policy")
    }));
    out
}
