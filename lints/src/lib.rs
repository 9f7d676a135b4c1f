//! Lints over the MXC policy IR: permissiveness (MX30xx), correctness (MX31xx) and
//! portability (MX32xx).
//!
//! One rule is one file in `src/rules/<category>/`; `src/registry.rs` is generated from the
//! directory listing by the `registry_is_fresh` test. Rules that reason about access use
//! [`ir::decide`] and the IR's path and network algebra, never string matching of raw paths.
//!
//! Entry points for the CLI: [`run`], [`rules`], [`explain`], [`metrics`], the
//! [`config::Config`] of `mxcc.toml`, and the SARIF and GitHub renderers in [`output`].

pub mod config;
mod context;
pub mod docs;
pub mod metrics;
pub mod output;
mod registry;
mod rule;

#[cfg(test)]
mod tests;

use ir::{Diagnostic, Mode, Policy};

pub use config::Config;
pub use context::LintContext;
pub use metrics::Metrics;
pub use rule::{Category, RuleMeta, Status};

use crate::context::Cx;

/// Runs every enabled rule on a policy and returns the findings in presentation order.
pub fn run(policy: &Policy, lint: &LintContext) -> Vec<Diagnostic> {
    run_filtered(policy, lint, |meta| {
        lint.config.enabled(meta, lint.path.as_deref())
    })
}

fn run_filtered(
    policy: &Policy,
    lint: &LintContext,
    enabled: impl Fn(&RuleMeta) -> bool,
) -> Vec<Diagnostic> {
    let sensitive = context::sensitive(policy, &lint.config);
    let mode = if lint.strict { Mode::Strict } else { Mode::Mxc };
    let metrics = metrics::compute(policy, &sensitive, mode);
    let cx = Cx {
        policy,
        strict: lint.strict,
        mode,
        style: policy.platform.path_style(),
        metrics: &metrics,
        sensitive: &sensitive,
        cache: crate::context::Cache::default(),
    };
    let mut out = Vec::new();
    for (meta, check) in registry::METAS.iter().zip(registry::CHECKS) {
        if !enabled(meta) {
            continue;
        }
        let mut found = Vec::new();
        check(&cx, &mut found);
        let overridden = lint
            .config
            .severity
            .keys()
            .any(|k| k == meta.code || k == meta.name || meta.code.starts_with(k.as_str()));
        if overridden {
            let severity = lint.config.severity(meta);
            for d in &mut found {
                d.severity = severity;
            }
        }
        out.extend(found);
    }
    ir::diag::sort(&mut out);
    out
}

/// Every rule, ordered by code.
pub fn rules() -> &'static [RuleMeta] {
    registry::METAS
}

/// Every diagnostic code, MX0xxx to MX6xxx: the registry in `ir::codes` joined with the lint
/// rules, in code order. `mxcc explain`, `mxcc rules --all`, SARIF, hover and the generated
/// pages under `docs/codes/` read this list.
pub fn codes() -> Vec<ir::codes::CodeInfo> {
    let mut all: Vec<ir::codes::CodeInfo> = ir::codes::all()
        .copied()
        .chain(registry::METAS.iter().map(RuleMeta::info))
        .collect();
    all.sort_by_key(|c| c.code);
    all
}

/// A code's registry entry by code (`MX1101`, any case) or by name (`unknown-field`).
pub fn code_info(code_or_name: &str) -> Option<ir::codes::CodeInfo> {
    let key = code_or_name.trim();
    codes()
        .into_iter()
        .find(|c| c.code.as_str().eq_ignore_ascii_case(key) || c.name == key)
}

/// A rule by code (`MX3001`, any case) or by name (`filesystem-root-granted`).
pub fn explain(code_or_name: &str) -> Option<&'static RuleMeta> {
    let key = code_or_name.trim();
    registry::METAS
        .iter()
        .find(|m| m.code.eq_ignore_ascii_case(key) || m.name == key)
}

/// Quantitative findings with the built-in catalogue and MXC semantics.
pub fn metrics(policy: &Policy) -> Metrics {
    metrics_with(policy, &LintContext::default())
}

/// Quantitative findings with the user's catalogue extensions and semantics.
pub fn metrics_with(policy: &Policy, lint: &LintContext) -> Metrics {
    let sensitive = context::sensitive(policy, &lint.config);
    let mode = if lint.strict { Mode::Strict } else { Mode::Mxc };
    metrics::compute(policy, &sensitive, mode)
}
