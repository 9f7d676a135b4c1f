//! `mxcc compile`: emit backend artifacts and prove what they enforce together.
//!
//! The executor applies every artifact of a run, so translation validation proves the
//! composition of all emitted models (a request is allowed iff every artifact that speaks about
//! its domain allows it). Soundness (the artifacts allow nothing the policy denies) must be
//! proved. A refutation the targets did not announce is a compiler bug, reported as an error
//! that withholds every artifact; one inside a gap a target already reported (an error or
//! warning with an MX5xxx code for the same construct) is a warning that points at that gap.
//! Completeness shortfalls are reported with witnesses next to the targets' own gap
//! diagnostics. When seccomp is emitted, its bytecode is also proved equal to its
//! specification.

use std::collections::BTreeMap;
use std::path::Path;

use ir::{Diagnostic, Severity, SourceId};

use crate::check::{CheckOptions, FileReport, check_reference, check_reference_bytes};

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
    /// What each selected target made of every construct, in target order; empty when the
    /// frontend rejected the policy.
    pub targets: Vec<targets::TargetReport>,
}

pub fn compile(path: &Path, ids: &[targets::TargetId], options: &CompileOptions) -> CompileResult {
    let bytes = std::fs::read(path);
    let mut report = match &bytes {
        Ok(bytes) => check_reference_bytes(path, SourceId(0), bytes, &options.check),
        Err(_) => check_reference(path, SourceId(0), &options.check),
    };
    let (Some(policy), Ok(bytes)) = (
        report.policy.clone().filter(|_| !report.has_errors()),
        bytes,
    ) else {
        return CompileResult {
            report,
            artifacts: BTreeMap::new(),
            proofs: Vec::new(),
            targets: Vec::new(),
        };
    };
    // `report.json` records the bytes the frontend just accepted (see `targets::source`).
    let mut target_options = options.targets.clone();
    target_options.source = Some(targets::SourceRecord::of(
        &bytes,
        report.platform,
        options.check.exact,
    ));
    let output = targets::compile(&policy, ids, &target_options);
    report.diagnostics.extend(output.diagnostics);
    let mut verify_options = options.check.verify.clone();
    verify_options.mode = ir::Mode::Mxc;
    let gaps: Vec<Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| is_gap(d))
        .cloned()
        .collect();
    let models: Vec<ir::model::ArtifactModel> = output.models.values().cloned().collect();
    let mut proofs = Vec::new();
    let mut unsound = false;
    if !models.is_empty() {
        let proof = verify::validate_composition(&policy, &models, &verify_options);
        let diagnostics = proof_diagnostics(&proof, &gaps);
        unsound |= diagnostics
            .iter()
            .any(|d| d.is_error() && d.code != verify::codes::ARTIFACT_INCOMPLETE);
        report.diagnostics.extend(diagnostics);
        proofs.push(proof);
    }
    if let Some(artifact) = output.emitted.get(&targets::TargetId::Seccomp)
        && let Some((program, spec)) = targets::backends::seccomp::spec_of(artifact)
    {
        let diagnostics = verify::prove_seccomp(&program, &spec, &verify_options).diagnostics();
        unsound |= diagnostics.iter().any(Diagnostic::is_error);
        report.diagnostics.extend(diagnostics);
    }
    let mut artifacts = output.artifacts;
    if unsound {
        artifacts.retain(|name, _| name == targets::REPORT_FILE);
    }
    ir::diag::sort(&mut report.diagnostics);
    CompileResult {
        report,
        artifacts,
        proofs,
        targets: output.reports,
    }
}

/// True for a target's report of a construct it does not enforce as written, at any severity:
/// a compatibility grant another target also makes (reported as information) is as much a
/// reported difference as a warning.
fn is_gap(d: &Diagnostic) -> bool {
    d.code.as_str().starts_with("MX5")
}

/// The construct a target diagnostic is about, from its `construct `...`` note.
fn construct_of(d: &Diagnostic) -> Option<&str> {
    d.notes.iter().find_map(|n| {
        let rest = n.split_once("construct `")?.1;
        rest.split_once('`').map(|(c, _)| c)
    })
}

/// The verifier domain a target construct belongs to: its first dotted component, except that
/// a target's compatibility baseline (system directories granted for MXC compatibility) is
/// filesystem access.
fn domain_of(construct: &str) -> &str {
    let head = construct.split(['.', ' ', '[']).next().unwrap_or(construct);
    if head == "baseline" {
        "filesystem"
    } else {
        head
    }
}

/// The gap a soundness finding falls into: a gap on a construct of the finding's domain,
/// preferring one whose label covers the policy rule the finding is about.
fn gap_for<'a>(finding: &verify::Finding, gaps: &'a [Diagnostic]) -> Option<&'a Diagnostic> {
    let domain = finding.domain.as_str();
    let in_domain = |g: &&Diagnostic| construct_of(g).is_some_and(|c| domain_of(c) == domain);
    let covers = |g: &&Diagnostic| {
        finding.other_span.is_some_and(|s| {
            g.labels.iter().any(|l| {
                l.span.source == s.source && l.span.start <= s.start && s.end <= l.span.end
            })
        })
    };
    gaps.iter()
        .filter(in_domain)
        .find(covers)
        .or_else(|| gaps.iter().find(in_domain))
}

fn proof_diagnostics(proof: &verify::ArtifactReport, gaps: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = proof
        .soundness
        .findings()
        .iter()
        .map(|f| match gap_for(f, gaps) {
            None => f.to_diagnostic(),
            Some(gap) => f
                .to_diagnostic()
                .with_severity(Severity::Warning)
                .with_note(format!(
                    "inside a gap the targets reported: {} {}",
                    gap.code.as_str(),
                    gap.message
                )),
        })
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
