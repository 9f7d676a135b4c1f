//! `compile`: runs the selected targets on one policy and collects artifacts and the report.

use std::collections::{BTreeMap, BTreeSet};

use ir::Diagnostic;
use ir::model::ArtifactModel;

use crate::artifact::Artifact;
use crate::context::{EmitContext, Options};
use crate::registry;
use crate::report::{self, TargetReport};
use crate::target::{TargetId, codes};

/// The name of the enforcement report file.
pub const REPORT_FILE: &str = "report.json";

/// Everything one compilation produced.
#[derive(Clone, Debug)]
pub struct CompileOutput {
    /// File name to bytes. Artifacts are withheld when any construct was refused (unless gaps
    /// are allowed); `report.json` is always present.
    pub artifacts: BTreeMap<String, Vec<u8>>,
    pub diagnostics: Vec<Diagnostic>,
    pub reports: Vec<TargetReport>,
    /// The model of each emitted artifact, for the verifier.
    pub models: BTreeMap<TargetId, ArtifactModel>,
    /// The typed artifacts (also when withheld), for tests and the verifier.
    pub emitted: BTreeMap<TargetId, Artifact>,
}

impl CompileOutput {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Compiles one policy for the given targets.
pub fn compile(policy: &ir::Policy, targets: &[TargetId], options: &Options) -> CompileOutput {
    let selected: BTreeSet<TargetId> = targets.iter().copied().collect();
    let mut diagnostics = Vec::new();
    let mut reports = Vec::new();
    let mut emitted = BTreeMap::new();
    for id in &selected {
        let target = registry::target(*id);
        let mut cx = EmitContext::new(options, *id, &selected);
        if policy.platform != target.platform() {
            cx.gap(
                codes::WRONG_PLATFORM,
                "platform",
                Some(policy.span),
                format!(
                    "the policy is lowered for `{}`, not for {}",
                    policy.platform.as_str(),
                    target.platform().as_str()
                ),
                "compile with the `--platform` of the target to emit its artifacts",
                &[],
            );
        }
        let artifact = if cx.refused() {
            None
        } else {
            target.emit(policy, &mut cx)
        };
        let refused = cx.refused();
        reports.push(TargetReport {
            target: *id,
            emitted: artifact.is_some() && !refused,
            files: artifact
                .as_ref()
                .map(|a| a.files.keys().map(|k| (*k).to_owned()).collect())
                .unwrap_or_default(),
            format_version: artifact.as_ref().map(|a| a.format_version),
            capabilities: target.capabilities(options),
            entries: cx.entries,
            assumptions: artifact
                .as_ref()
                .map(|a| a.assumptions.clone())
                .unwrap_or_default(),
        });
        diagnostics.extend(cx.diagnostics);
        if let Some(artifact) = artifact {
            emitted.insert(*id, artifact);
        }
    }
    let withhold = diagnostics.iter().any(Diagnostic::is_error);
    if withhold {
        for r in &mut reports {
            r.emitted = false;
        }
    }
    let mut artifacts = BTreeMap::new();
    let mut models = BTreeMap::new();
    for (id, artifact) in &emitted {
        models.insert(*id, registry::target(*id).model(artifact));
        if !withhold {
            for (name, bytes) in &artifact.files {
                artifacts.insert((*name).to_owned(), bytes.clone());
            }
        }
    }
    artifacts.insert(
        REPORT_FILE.to_owned(),
        report::render(&reports, options.source.as_ref()),
    );
    ir::diag::sort(&mut diagnostics);
    CompileOutput {
        artifacts,
        diagnostics,
        reports,
        models,
        emitted,
    }
}
