//! The executor's frontend: the policy lowered for Linux, with no lints and no proofs (they
//! never change what is enforced; they are `mxcc check`'s business).
//!
//! The full frontend ([`compiler::compile`]) spends most of its time building the JSON Schema
//! validator. [`PendingPolicy::start`] therefore runs it on a thread while the caller plans and
//! sets up the sandbox from a speculative lowering (syntax, header, MXC's cross-field rules and
//! lowering, without the schema). [`PendingPolicy::confirm`] joins the thread and accepts the
//! speculative policy only when the full frontend reports no error and lowers exactly the same
//! policy; the command is started only after that (see [`crate::run_plan_gated`]).
//!
//! With `--artifacts DIR` whose `report.json` records these very bytes as accepted under the
//! executor's settings ([`targets::SourceRecord`]), [`PendingPolicy::accepted`] lowers them
//! without the schema stage and without the thread: the artifacts the run applies already rest
//! on that record, so it is trusted no more than they are. Artifacts recording other bytes are
//! refused (MX6011).

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use crate::error::{RunError, codes};

fn options() -> compiler::Options {
    compiler::Options {
        platform: ir::Platform::Linux,
        exact: false,
        limits: compiler::Limits::default(),
    }
}

fn refusal(path: &Path, diagnostics: &[ir::Diagnostic]) -> Option<RunError> {
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect();
    (!errors.is_empty()).then(|| {
        RunError::new(
            codes::POLICY,
            format!("`{}` has errors: {}", path.display(), errors.join("; ")),
        )
        .with_help("run `mxcc check` on the policy")
    })
}

/// Runs every frontend stage (MX6010 on any error) and returns the lowered policy.
pub fn policy_from_source(path: &Path, bytes: &[u8]) -> Result<ir::Policy, RunError> {
    let output = compiler::compile(ir::SourceId(0), bytes, &options());
    if let Some(e) = refusal(path, &output.diagnostics) {
        return Err(e);
    }
    output.policy.ok_or_else(|| {
        RunError::new(
            codes::POLICY,
            format!("`{}` is not an MXC config", path.display()),
        )
    })
}

/// The frontend without the schema stage (`compile_tree` minus `schema::check`).
fn speculative(bytes: &[u8]) -> Option<ir::Policy> {
    let (tree, mut diagnostics) = compiler::syntax::parse(ir::SourceId(0), bytes, options().limits);
    let root = tree.filter(compiler::Node::is_object)?;
    let o = options();
    let header = compiler::header::read(
        &root,
        ir::SourceId(0),
        o.platform,
        o.exact,
        &mut diagnostics,
    );
    compiler::validate::check(&root, &header, &mut diagnostics);
    if diagnostics.iter().any(ir::Diagnostic::is_error) {
        return None;
    }
    let policy = compiler::lower::lower(&root, &header, &mut diagnostics);
    // A value lowering could not read: the full frontend reports it.
    (!diagnostics.iter().any(ir::Diagnostic::is_error)).then_some(policy)
}

/// A policy lowered speculatively while the full frontend still runs.
#[derive(Debug)]
pub struct PendingPolicy {
    path: PathBuf,
    /// The speculative lowering: plan with it, never run a command before [`Self::confirm`].
    pub policy: ir::Policy,
    /// The full frontend; `None` when these bytes are known to have passed it.
    full: Option<JoinHandle<Result<ir::Policy, RunError>>>,
}

impl PendingPolicy {
    /// Starts the full frontend on a thread and lowers the policy speculatively. When the
    /// speculative stages already find an error, waits for the full frontend's diagnostics.
    pub fn start(path: &Path, bytes: Vec<u8>) -> Result<PendingPolicy, RunError> {
        // The full frontend starts first: it is the longer of the two.
        let shared = std::sync::Arc::new(bytes);
        let (owned, theirs) = (path.to_path_buf(), std::sync::Arc::clone(&shared));
        let full = std::thread::Builder::new()
            .name("mxcc-frontend".to_owned())
            .spawn(move || policy_from_source(&owned, &theirs))
            .map_err(|e| {
                RunError::new(
                    codes::SPAWN,
                    format!("cannot start the frontend thread: {e}"),
                )
            })?;
        match speculative(&shared) {
            Some(policy) => Ok(PendingPolicy {
                path: path.to_path_buf(),
                policy,
                full: Some(full),
            }),
            // The speculative stages found an error: the full frontend reports it with every
            // other diagnostic.
            None => match full.join() {
                Ok(Err(e)) => Err(e),
                _ => Err(RunError::new(
                    codes::POLICY,
                    format!("`{}` has errors", path.display()),
                )),
            },
        }
    }

    /// Lowers bytes the full frontend is known to have accepted (artifacts compiled from them
    /// record so): the stages without the schema, which lower them exactly as the full
    /// frontend does. Any error there runs the full frontend for its diagnostics.
    pub fn accepted(path: &Path, bytes: Vec<u8>) -> Result<PendingPolicy, RunError> {
        match speculative(&bytes) {
            Some(policy) => Ok(PendingPolicy {
                path: path.to_path_buf(),
                policy,
                full: None,
            }),
            None => policy_from_source(path, &bytes).and_then(|_| {
                Err(RunError::new(
                    codes::POLICY,
                    format!("`{}` has errors", path.display()),
                ))
            }),
        }
    }

    /// Waits for the full frontend: its errors refuse the run (MX6010), and so does any
    /// difference between its policy and the speculative one.
    pub fn confirm(self) -> Result<ir::Policy, RunError> {
        let Some(full) = self.full else {
            return Ok(self.policy);
        };
        let full = full.join().map_err(|_| {
            RunError::new(
                codes::POLICY,
                format!("the frontend failed on `{}`", self.path.display()),
            )
        })??;
        if full != self.policy {
            return Err(RunError::new(
                codes::POLICY,
                format!(
                    "the frontend lowered `{}` differently without its schema stage",
                    self.path.display()
                ),
            )
            .with_help("this is a bug in mxcc; the command was not started"));
        }
        Ok(full)
    }
}
