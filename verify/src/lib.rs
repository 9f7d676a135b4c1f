//! Containment, guardrail, property and translation-validation proofs over `ir::Policy`.
//!
//! Paths become regions of a trie of every literal in the query (research §7.2), network
//! requests become address, port and protocol cells (§7.4), and the small domains are
//! enumerated (§7.5). Two engines answer the same questions: an interval engine without a
//! solver, and z3 over quantifier-free bit-vectors (only [`solver`] names z3). Every witness
//! is replayed through `ir::decide`; a mismatch is an internal error, never a finding.
//!
//! # Codes
//!
//! | code   | severity | meaning |
//! |--------|----------|---------|
//! | MX4001 | error    | new policy grants access the baseline does not |
//! | MX4002 | info     | new policy removes access the baseline granted |
//! | MX4003 | error    | policy grants access a guardrail forbids |
//! | MX4004 | error    | policy violates a property |
//! | MX4005 | error    | a proof is unknown (solver timeout or unsupported construct) |
//! | MX4006 | error    | artifact allows access the policy denies (unsound translation) |
//! | MX4007 | warning  | artifact denies access the policy grants (incomplete translation) |
//! | MX4008 | error    | internal verifier error (engines disagree, witness does not replay) |
//! | MX4009 | info     | artifact does not model a domain |
//! | MX4010 | error    | malformed line in a properties file |
//! | MX4011 | reserved | unsupported property construct |
//! | MX4012 | error    | seccomp bytecode differs from its specification |
//!
//! MX4013–MX4099 are reserved for future obligations.

pub mod bpf;
pub mod catalog;
pub mod codes;
pub mod decode;
pub mod encode;
pub mod engine;
pub mod finding;
pub mod group;
pub mod homes;
pub mod intervals;
pub mod names;
pub mod netspace;
pub mod obligation;
pub mod obligations;
pub mod properties;
pub mod ranges;
pub mod regions;
pub mod side;
pub mod slice;
#[cfg(feature = "z3")]
pub mod solver;
pub mod space;
pub mod term;

use ir::model::ArtifactModel;
use ir::{Diagnostic, Policy, Severity, Span};

pub use engine::{Engine, Options};
pub use finding::{Finding, Outcome};
pub use obligations::seccomp::{SeccompOutcome, SeccompWitness};
pub use properties::{Property, PropertyKind};
pub use side::Model;
pub use space::Dim;

use crate::obligation::Run;
use crate::side::Side;

/// What `mxcc diff` reports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DiffReport {
    /// Accesses the new policy grants that the baseline does not (MX4001).
    pub grants_more: Vec<Finding>,
    /// Accesses the baseline granted that the new policy no longer does (MX4002).
    pub grants_less: Vec<Finding>,
    /// Domains no engine could decide.
    pub unknown: Vec<String>,
    /// Bugs in mxcc (engine disagreement, witness replay failure).
    pub internal_errors: Vec<String>,
}

impl DiffReport {
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .grants_more
            .iter()
            .chain(&self.grants_less)
            .map(Finding::to_diagnostic)
            .collect();
        out.extend(
            self.unknown
                .iter()
                .map(|u| unknown_diagnostic("the containment proof", u)),
        );
        out.extend(self.internal_errors.iter().map(|e| internal_diagnostic(e)));
        out
    }
}

fn unknown_diagnostic(what: &str, reason: &str) -> Diagnostic {
    Diagnostic::error(codes::UNKNOWN, format!("{what} is unknown"))
        .with_note(reason.to_owned())
        .with_help(
            "raise the solver timeout or simplify the policy; unknown is never treated as proved",
        )
}

fn internal_diagnostic(e: &str) -> Diagnostic {
    Diagnostic::error(codes::INTERNAL, "internal verifier error")
        .with_note(e.to_owned())
        .with_help("this is a bug in mxcc; please report it with both policies")
}

/// Compares two policies: what NEW grants beyond BASE, and what it no longer grants.
pub fn diff(base: &Policy, new: &Policy, opts: &Options) -> DiffReport {
    let b = Side::Policy {
        policy: base,
        mode: opts.mode,
    };
    let n = Side::Policy {
        policy: new,
        mode: opts.mode,
    };
    let style = new.platform.path_style();
    let more = obligations::contained::obligation(
        "diff-more",
        n,
        b,
        codes::CONTAINMENT_REFUTED,
        Severity::Error,
        "new policy grants access the baseline does not",
        "baseline",
    );
    let less = obligations::contained::obligation(
        "diff-less",
        b,
        n,
        codes::ACCESS_REMOVED,
        Severity::Info,
        "new policy removes access the baseline granted",
        "new policy",
    );
    let mut report = DiffReport::default();
    for (ob, more_side) in [(more, true), (less, false)] {
        let Run {
            outcome,
            internal_errors,
            unknown,
            ..
        } = homes::run(style, &ob, opts);
        report.internal_errors.extend(internal_errors);
        // Every undecided domain is reported, also next to findings in another domain.
        report.unknown.extend(unknown);
        match outcome {
            Outcome::Proved | Outcome::Unknown(_) => {}
            Outcome::Refuted(f) if more_side => report.grants_more = f,
            Outcome::Refuted(f) => report.grants_less = f,
        }
    }
    report
}

/// The result of one guardrail or property proof.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProofResult {
    /// `guardrail #1` or the property as written.
    pub name: String,
    pub span: Option<Span>,
    pub outcome: Outcome,
    /// Every domain the engine could not decide (also when the outcome is refuted).
    pub unknown: Vec<String>,
    pub internal_errors: Vec<String>,
}

impl ProofResult {
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .outcome
            .findings()
            .iter()
            .map(Finding::to_diagnostic)
            .collect();
        let reasons: Vec<&String> = match &self.outcome {
            Outcome::Unknown(reason) if self.unknown.is_empty() => vec![reason],
            _ => self.unknown.iter().collect(),
        };
        for reason in reasons {
            let mut d = unknown_diagnostic(&format!("the proof of `{}`", self.name), reason);
            if let Some(span) = self.span {
                d = d.with_label(span, "this property");
            }
            out.push(d);
        }
        out.extend(self.internal_errors.iter().map(|e| internal_diagnostic(e)));
        out
    }
}

/// Proves that `policy` stays within every guardrail and satisfies every property.
pub fn prove(
    policy: &Policy,
    guardrails: &[Policy],
    properties: &[Property],
    opts: &Options,
) -> Vec<ProofResult> {
    let p = Side::Policy {
        policy,
        mode: opts.mode,
    };
    let mut out = Vec::new();
    for (i, g) in guardrails.iter().enumerate() {
        let gs = Side::Policy {
            policy: g,
            mode: opts.mode,
        };
        let ob = obligations::contained::obligation(
            &format!("guardrail-{}", i + 1),
            p,
            gs,
            codes::GUARDRAIL_REFUTED,
            Severity::Error,
            "policy grants access the guardrail forbids",
            "guardrail",
        );
        let r = homes::run(policy.platform.path_style(), &ob, opts);
        out.push(ProofResult {
            name: format!("guardrail #{}", i + 1),
            span: None,
            outcome: r.outcome,
            unknown: r.unknown,
            internal_errors: r.internal_errors,
        });
    }
    for prop in obligations::property::expand(properties, policy.platform) {
        let (model, dim) = match obligations::property::forbidden(&prop, policy) {
            Ok(x) => x,
            Err(reason) => {
                out.push(ProofResult {
                    name: prop.text.clone(),
                    span: prop.span,
                    outcome: Outcome::Unknown(reason),
                    unknown: Vec::new(),
                    internal_errors: Vec::new(),
                });
                continue;
            }
        };
        let f = Side::Model(&model);
        let ob = obligation::Obligation {
            label: "property".to_owned(),
            left: p,
            right: f,
            relation: space::Relation::Intersection,
            dims: vec![dim],
            prefer_solver: false,
            code: codes::PROPERTY_REFUTED,
            severity: Severity::Error,
            message: format!("policy violates `{}`", prop.text),
            other_role: "property".to_owned(),
        };
        let mut r = homes::run(policy.platform.path_style(), &ob, opts);
        if let Outcome::Refuted(findings) = &mut r.outcome {
            if matches!(prop.kind, PropertyKind::NeverBasename { .. }) {
                // Every class of paths with the name is one witness; one per granting rule
                // says the same with less noise.
                let mut seen = Vec::new();
                findings.retain(|f| {
                    let fresh = !seen.contains(&f.grant_span);
                    seen.push(f.grant_span);
                    fresh
                });
            }
            for f in findings {
                f.other_span = prop.span;
                f.other_cause = format!("`{}` forbids it", prop.text);
            }
        }
        out.push(ProofResult {
            name: prop.text.clone(),
            span: prop.span,
            outcome: r.outcome,
            unknown: r.unknown,
            internal_errors: r.internal_errors,
        });
    }
    out
}

/// What translation validation found for one artifact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArtifactReport {
    pub target: String,
    /// `artifact ⊆ policy`: must be proved; findings are compiler bugs (MX4006).
    pub soundness: Outcome,
    /// `policy ⊆ artifact`: every gap is reported with a witness (MX4007).
    pub completeness: Outcome,
    /// Every domain of the soundness proof the engine could not decide, whatever
    /// `soundness` says (`filesystem: timeout`).
    pub soundness_unknown: Vec<String>,
    /// The same for the completeness measurement.
    pub completeness_unknown: Vec<String>,
    pub not_applicable: Vec<(Dim, String)>,
    pub internal_errors: Vec<String>,
}

impl ArtifactReport {
    /// Every undecided domain, as `("soundness" | "completeness", reason)`: the per-domain
    /// reasons, or the outcome's own reason when it is unknown without one.
    pub fn unknown(&self) -> Vec<(&'static str, &String)> {
        let mut out = Vec::new();
        for (what, outcome, domains) in [
            ("soundness", &self.soundness, &self.soundness_unknown),
            (
                "completeness",
                &self.completeness,
                &self.completeness_unknown,
            ),
        ] {
            match outcome {
                Outcome::Unknown(reason) if domains.is_empty() => out.push((what, reason)),
                _ => out.extend(domains.iter().map(|d| (what, d))),
            }
        }
        out
    }

    /// True when some domain of the soundness proof is undecided.
    pub fn soundness_undecided(&self) -> bool {
        matches!(self.soundness, Outcome::Unknown(_)) || !self.soundness_unknown.is_empty()
    }

    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .soundness
            .findings()
            .iter()
            .chain(self.completeness.findings())
            .map(Finding::to_diagnostic)
            .collect();
        for (what, reason) in self.unknown() {
            out.push(unknown_diagnostic(
                &format!("{what} of `{}`", self.target),
                reason,
            ));
        }
        for (dim, reason) in &self.not_applicable {
            out.push(
                Diagnostic::info(
                    codes::NOT_APPLICABLE,
                    format!(
                        "`{}` does not enforce the {} domain",
                        self.target,
                        dim.as_str()
                    ),
                )
                .with_note(reason.clone()),
            );
        }
        out.extend(self.internal_errors.iter().map(|e| internal_diagnostic(e)));
        out
    }
}

/// Validates an artifact's model against the policy it was emitted from.
pub fn validate_artifact(
    policy: &Policy,
    artifact: &ArtifactModel,
    opts: &Options,
) -> ArtifactReport {
    let model = Model::of_artifact(artifact);
    validate(policy, artifact.target, Side::Model(&model), opts)
}

/// Validates what several artifacts enforce together against the policy they were emitted from.
///
/// The executor applies every artifact of a run, so the sandbox allows a request iff every
/// artifact that speaks about its domain allows it: the models are intersected. A model whose
/// domain is `Unconstrained` contributes nothing to that domain, and a domain no model speaks
/// about is reported as not applicable. This is the question translation validation must ask
/// of partial enforcers such as seccomp, which alone leaves the filesystem open. Soundness
/// (`∩ models ⊆ policy`) and completeness (`policy ⊆ ∩ models`) are answered by both engines:
/// the interval engine evaluates every model on each cell, the solver conjoins their encodings.
pub fn validate_composition(
    policy: &Policy,
    models: &[ArtifactModel],
    opts: &Options,
) -> ArtifactReport {
    let all: Vec<Model> = models.iter().map(Model::of_artifact).collect();
    let names: Vec<&str> = models.iter().map(|m| m.target).collect();
    let target = if names.is_empty() {
        "no artifact".to_owned()
    } else {
        names.join(" + ")
    };
    validate(policy, &target, Side::All(&all), opts)
}

fn validate(policy: &Policy, target: &str, artifact: Side<'_>, opts: &Options) -> ArtifactReport {
    let p = Side::Policy {
        policy,
        mode: opts.mode,
    };
    let style = policy.platform.path_style();
    let sound = obligations::artifact::obligation(
        target,
        artifact,
        p,
        codes::ARTIFACT_UNSOUND,
        Severity::Error,
        &format!("`{target}` allows access the policy denies"),
        "policy",
    );
    let complete = obligations::artifact::obligation(
        target,
        p,
        artifact,
        codes::ARTIFACT_INCOMPLETE,
        Severity::Warning,
        &format!("`{target}` does not enforce access the policy grants"),
        "artifact",
    );
    let s = homes::run(style, &sound, opts);
    let c = homes::run(style, &complete, opts);
    let mut internal_errors = s.internal_errors;
    internal_errors.extend(c.internal_errors);
    ArtifactReport {
        target: target.to_owned(),
        soundness: s.outcome,
        completeness: c.outcome,
        soundness_unknown: s.unknown,
        completeness_unknown: c.unknown,
        not_applicable: s.not_applicable,
        internal_errors,
    }
}

/// Proves that a seccomp cBPF program returns its specification's action for every
/// `(arch, nr, instruction pointer, args)` (symbolic execution of the bytecode and z3).
pub fn prove_seccomp(
    program: &[ir::model::BpfInsn],
    spec: &ir::model::SeccompSpec,
    opts: &Options,
) -> SeccompOutcome {
    obligations::seccomp::prove(program, spec, opts)
}

#[cfg(test)]
mod tests;
