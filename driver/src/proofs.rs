//! Proofs against other policies: `mxcc diff`, `mxcc prove`, and `check --baseline/--guardrail`.
//!
//! The other policies (baseline, guardrails) are compiled like any checked file, with their own
//! source ids, so findings can point into them; a reference policy MXC would reject is
//! reported and not used.

use std::path::{Path, PathBuf};

use ir::{Diagnostic, SourceId};

use crate::check::{CheckOptions, FileReport, check_reference};

/// A policy other policies are compared with.
#[derive(Clone, Debug)]
pub struct Reference {
    pub report: FileReport,
}

impl Reference {
    /// Compiles a reference policy (no lints: only what MXC would accept matters).
    pub fn load(path: &Path, id: SourceId, options: &CheckOptions) -> Reference {
        Reference {
            report: check_reference(path, id, options),
        }
    }

    /// The policy, when MXC would accept the file.
    pub fn policy(&self) -> Option<&ir::Policy> {
        self.report
            .policy
            .as_ref()
            .filter(|_| !self.report.has_errors())
    }
}

/// The references `check` proves every policy against.
#[derive(Clone, Debug, Default)]
pub struct Proofs {
    pub baseline: Option<Reference>,
    pub guardrails: Vec<Reference>,
}

impl Proofs {
    pub fn load(
        baseline: Option<&PathBuf>,
        guardrails: &[PathBuf],
        first_id: u32,
        options: &CheckOptions,
    ) -> Proofs {
        let mut id = first_id;
        let mut next = || {
            let current = SourceId(id);
            id = id.saturating_add(1);
            current
        };
        Proofs {
            baseline: baseline.map(|p| Reference::load(p, next(), options)),
            guardrails: guardrails
                .iter()
                .map(|p| Reference::load(p, next(), options))
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.baseline.is_none() && self.guardrails.is_empty()
    }

    /// Every reference, for rendering labels that point into them.
    pub fn references(&self) -> impl Iterator<Item = &Reference> {
        self.baseline.iter().chain(&self.guardrails)
    }

    /// MX4xxx diagnostics for one policy: containment in the baseline, then each guardrail.
    pub fn run(&self, policy: &ir::Policy, options: &verify::Options) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if let Some(base) = self.baseline.as_ref().and_then(Reference::policy) {
            // Access the policy removes relative to the baseline is no finding for `check`.
            let report = verify::diff(base, policy, options);
            let removed = verify::codes::ACCESS_REMOVED;
            out.extend(
                report
                    .diagnostics()
                    .into_iter()
                    .filter(|d| d.code != removed),
            );
        }
        let guardrails: Vec<ir::Policy> = self
            .guardrails
            .iter()
            .filter_map(Reference::policy)
            .cloned()
            .collect();
        if !guardrails.is_empty() {
            for result in verify::prove(policy, &guardrails, &[], options) {
                out.extend(result.diagnostics());
            }
        }
        out
    }
}
