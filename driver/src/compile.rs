//! `mxcc compile`: emit backend artifacts and prove what they enforce together.
//!
//! The executor applies every artifact of a run, so translation validation proves the
//! composition of all emitted models (a request is allowed iff every artifact that speaks about
//! its domain allows it). Soundness (the artifacts allow nothing the policy denies) must be
//! proved. A refutation the targets did not announce is a compiler bug, reported as an error
//! that withholds every artifact. A target announces what it allows beyond the policy as
//! regions attached to its gap or compatibility grant ([`targets::Granted::grants`]); a
//! finding is a warning only when, for every artifact that enforces its domain, such a region
//! contains every request of the finding's group ([`excuses_finding`]), evaluated concretely.
//! A domain the engines could not decide is an MX4005 error of its own, also next to findings
//! in other domains, and an undecided soundness domain withholds the artifacts. Completeness
//! shortfalls are reported with witnesses next to the targets' own gap diagnostics. When
//! seccomp is emitted, its bytecode is also proved equal to its specification
//! ([`seccomp_gate`]).

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
    verify_options.home.clone_from(&options.targets.home_dir);
    let models: Vec<ir::model::ArtifactModel> = output.models.values().cloned().collect();
    let mut proofs = Vec::new();
    let mut unsound = false;
    if !models.is_empty() {
        let gate = gate(&policy, &models, &output.reports, &verify_options);
        unsound |= gate.withhold;
        report.diagnostics.extend(gate.diagnostics);
        proofs.push(gate.proof);
    }
    if let Some(artifact) = output.emitted.get(&targets::TargetId::Seccomp) {
        let spec = targets::backends::seccomp::spec_of(artifact);
        let diagnostics = seccomp_gate(spec.as_ref(), &verify_options);
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

/// What the compile gate concluded about the composition of the emitted artifacts.
#[derive(Clone, Debug)]
pub struct Gate {
    pub proof: verify::ArtifactReport,
    /// Findings (excused ones as warnings naming the gaps that contain them), unknown domains
    /// and internal errors.
    pub diagnostics: Vec<Diagnostic>,
    /// True when the artifacts must be withheld: an unannounced soundness finding, an
    /// undecided soundness domain, or an internal verifier error.
    pub withhold: bool,
}

/// The compile gate, the one function `mxcc compile` proves its artifacts with: validates the
/// composition of `models` against the policy and excuses a soundness finding only when, for
/// every artifact that speaks about the witness's domain, a gap or compatibility grant its
/// target reported declares a region that contains the witness (evaluated concretely, as
/// `ir::decide` evaluates a policy). A gap without a region excuses nothing.
pub fn gate(
    policy: &ir::Policy,
    models: &[ir::model::ArtifactModel],
    reports: &[targets::TargetReport],
    options: &verify::Options,
) -> Gate {
    let mut proof = verify::validate_composition(policy, models, options);
    if proof.soundness.findings().iter().any(|f| f.truncated) && proof.unknown().is_empty() {
        // The solver's enumeration stopped at its cap: cells beyond it could lie outside every
        // gap. The interval engine lists every differing cell, so the gate judges all of them.
        // (A timeout is not retried: it stays unknown and is reported.)
        let exact = verify::Options {
            engine: verify::Engine::Intervals,
            ..options.clone()
        };
        proof = verify::validate_composition(policy, models, &exact);
    }
    let diagnostics = proof_diagnostics(&proof, models, reports);
    let withhold = diagnostics.iter().any(|d| {
        d.is_error()
            && (d.code == verify::codes::ARTIFACT_UNSOUND || d.code == verify::codes::INTERNAL)
    }) || proof.soundness_undecided();
    Gate {
        proof,
        diagnostics,
        withhold,
    }
}

/// The bytecode half of the gate: the seccomp program must return its specification's action
/// for every input. Without a specification the proof cannot run, which is an internal error,
/// never a quiet skip.
pub fn seccomp_gate(
    spec: Option<&(Vec<ir::model::BpfInsn>, ir::model::SeccompSpec)>,
    options: &verify::Options,
) -> Vec<Diagnostic> {
    match spec {
        Some((program, spec)) => verify::prove_seccomp(program, spec, options).diagnostics(),
        None => vec![
            Diagnostic::error(
                verify::codes::INTERNAL,
                "internal verifier error: the seccomp filter has no specification to prove it against",
            )
            .with_note("the seccomp artifact carries no readable program or filter plan")
            .with_help("this is a bug in mxcc; please report it with the policy"),
        ],
    }
}

/// How the model takes part in deciding the request in the composition: `Some(true)` when it
/// enforces the request's domain, `Some(false)` when it leaves the domain open, `None` when
/// the domain does not apply to it.
fn enforces(model: &ir::model::ArtifactModel, request: &ir::Request) -> Option<bool> {
    use ir::model::Domain;
    fn of<T>(d: &Domain<T>) -> Option<bool> {
        match d {
            Domain::Enforced(_) => Some(true),
            Domain::Unconstrained => Some(false),
            Domain::NotApplicable(_) => None,
        }
    }
    match request {
        ir::Request::Fs { .. } => of(&model.fs),
        ir::Request::Net { .. } => of(&model.net),
        ir::Request::Ui(_) => of(&model.ui),
        ir::Request::Env { .. } | ir::Request::Run { .. } => None,
    }
}

/// The reported gaps that excuse a soundness finding, or `None` when it is unannounced. Every
/// artifact that enforces the witness's domain allows the witness (the composition does), so
/// each must have reported a gap or compatibility grant whose region contains it. When no
/// artifact enforces the domain, every one leaves it open, and one of them must have reported
/// a region containing the witness.
pub fn excuses<'a>(
    witness: &ir::Request,
    models: &[ir::model::ArtifactModel],
    reports: &'a [targets::TargetReport],
) -> Option<Vec<&'a targets::Entry>> {
    let declared = |model: &ir::model::ArtifactModel| {
        reports
            .iter()
            .filter(|r| r.target.as_str() == model.target)
            .flat_map(|r| &r.entries)
            .find(|e| e.status.is_gap() && e.regions.iter().any(|g| g.contains(witness)))
    };
    let enforcing: Vec<&ir::model::ArtifactModel> = models
        .iter()
        .filter(|m| enforces(m, witness) == Some(true))
        .collect();
    if enforcing.is_empty() {
        return models
            .iter()
            .filter(|m| enforces(m, witness) == Some(false))
            .find_map(declared)
            .map(|e| vec![e]);
    }
    enforcing.into_iter().map(declared).collect()
}

/// The gaps that excuse a whole finding: its witness and every request that stands for its
/// group (`Finding::extent`) must be excused, so that a group mixing excused reads with an
/// unannounced write is not excused by its (read) witness.
pub fn excuses_finding<'a>(
    finding: &verify::Finding,
    models: &[ir::model::ArtifactModel],
    reports: &'a [targets::TargetReport],
) -> Option<Vec<&'a targets::Entry>> {
    let entries = excuses(&finding.witness, models, reports)?;
    finding
        .extent
        .iter()
        .all(|r| excuses(r, models, reports).is_some())
        .then_some(entries)
}

fn proof_diagnostics(
    proof: &verify::ArtifactReport,
    models: &[ir::model::ArtifactModel],
    reports: &[targets::TargetReport],
) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = proof
        .soundness
        .findings()
        .iter()
        .map(|f| match excuses_finding(f, models, reports) {
            None => f.to_diagnostic(),
            Some(entries) => entries.iter().fold(
                f.to_diagnostic().with_severity(Severity::Warning),
                |d, e| {
                    let inside = e
                        .regions
                        .iter()
                        .find(|g| g.contains(&f.witness))
                        .map(ir::model::Region::describe)
                        .unwrap_or_default();
                    d.with_note(format!(
                        "inside a gap the targets reported: {} {} (`{}` grants {inside})",
                        e.code.map(|c| c.as_str()).unwrap_or_default(),
                        e.detail,
                        e.construct
                    ))
                },
            ),
        })
        .collect();
    // Every undecided domain is an error of its own, also next to findings in other domains.
    for (what, reason) in proof.unknown() {
        let help = if what == "soundness" {
            "an artifact whose soundness is not proved is not emitted; raise `--timeout-ms`"
        } else {
            "the artifacts may deny access the policy grants there; raise `--timeout-ms`"
        };
        let domain = verify::Dim::ALL
            .iter()
            .map(|d| d.as_str())
            .find(|d| reason.contains(&format!("{d}: ")))
            .map(|d| format!(" in the {d} domain"))
            .unwrap_or_default();
        out.push(
            Diagnostic::error(
                verify::codes::UNKNOWN,
                format!("{what} of `{}` is unknown{domain}", proof.target),
            )
            .with_note(reason.clone())
            .with_help(help),
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
