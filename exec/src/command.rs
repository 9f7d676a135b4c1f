//! The command line of the executor, shared by `mxcc run` and the standalone `mxcc-run`:
//! one clap [`RunArgs`] parsed by both. Without `CMD` it runs `process.commandLine` through
//! `sh -c`, as MXC does.
//!
//! Exit status (README, "Exit codes"): the command's own status when it ran (128 + N when a
//! signal N ended it); 2 for a usage error or when the policy file or the `--artifacts`
//! directory cannot be read, before anything runs; 124 when the policy's timeout killed the
//! command (as `timeout(1)`); 125 when the executor refused to run or failed itself (the
//! policy has errors, the kernel is weaker than the proof assumed, a layer did not apply);
//! 126 when the command could not be executed; 127 when it was not found. The codes the
//! executor uses are those `env(1)`, `timeout(1)` and container runtimes use, so that a
//! command's own 1 is never mistaken for a refusal.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::{Artifacts, PendingPolicy, RunError, RunOptions, codes};

/// Usage errors and unreadable inputs, before anything runs: the status every `mxcc`
/// subcommand uses for them.
pub const USAGE_ERROR: u8 = 2;

/// The executor's options and the command to run.
#[derive(Clone, Debug, clap::Args)]
#[command(
    after_help = "Exit status: the command's own status when it ran (128 + N after signal N); \
                  2 usage error or unreadable POLICY/--artifacts before anything ran; 124 the \
                  policy's timeout killed the command; 125 the executor refused or failed (policy \
                  errors, a kernel weaker than the proof assumed, a layer that did not apply); \
                  126 the command could not be executed; 127 the command was not found."
)]
pub struct RunArgs {
    /// The MXC policy that confines the command.
    #[arg(value_name = "POLICY")]
    pub policy: PathBuf,
    /// Print the plan (layers, mounts, rules) and check the kernel can enforce it; run nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Use the artifacts `mxcc compile --target all-linux --out DIR` wrote instead of compiling
    /// the policy again.
    #[arg(long, value_name = "DIR")]
    pub artifacts: Option<PathBuf>,
    /// Write the artifacts the run would apply into DIR (created if missing) and run nothing.
    #[arg(long, value_name = "DIR")]
    pub emit_artifacts: Option<PathBuf>,
    /// Leave out MXC's read-only runtime baseline (`/usr`, `/etc`, ...): grant only the
    /// policy's paths.
    #[arg(long)]
    pub no_baseline: bool,
    /// The command and its arguments, after `--`; default: the policy's `process.commandLine`
    /// through `sh -c`.
    #[arg(last = true, value_name = "CMD")]
    pub command: Vec<String>,
}

/// `mxcc-run`: the executor without the rest of the CLI.
#[derive(Debug, clap::Parser)]
#[command(
    name = "mxcc-run",
    version,
    about = "Run a command confined by an MXC policy (Linux); the same code path as `mxcc run`"
)]
pub struct Standalone {
    /// Do not print the executor's notes (the runtime baseline, approximations) on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub run: RunArgs,
}

/// Plans the run. A run plans from a speculative lowering of the policy while the full
/// frontend's verdict is still pending (see `crate::frontend`); `--dry-run` and
/// `--emit-artifacts` wait for the verdict first.
fn load(
    args: &RunArgs,
    opts: &RunOptions,
) -> Result<(crate::Plan, Option<PendingPolicy>), RunError> {
    let bytes = std::fs::read(&args.policy).map_err(|e| {
        RunError::new(
            codes::POLICY,
            format!("cannot read `{}`: {e}", args.policy.display()),
        )
    })?;
    // What the frontend would record for these bytes (see `targets::source`).
    let source = targets::SourceRecord::of(&bytes, ir::Platform::Linux, false);
    let loaded = match &args.artifacts {
        Some(dir) => Some(Artifacts::load(dir)?),
        None => None,
    };
    // Artifacts compiled from these very bytes under the executor's frontend settings say that
    // the full frontend accepted them: the schema stage is not run again.
    let accepted = match &loaded {
        Some(a) => a.compiled_from(&source)?,
        None => false,
    };
    let pending = if accepted {
        PendingPolicy::accepted(&args.policy, bytes)?
    } else {
        PendingPolicy::start(&args.policy, bytes)?
    };
    let (policy, pending) = if args.dry_run || args.emit_artifacts.is_some() {
        (pending.confirm()?, None)
    } else {
        (pending.policy.clone(), Some(pending))
    };
    let artifacts = match loaded {
        Some(a) => a,
        // Emitted artifacts record their source; the policy was confirmed above.
        None if args.emit_artifacts.is_some() => {
            Artifacts::compile(&policy, opts.home_dir.clone(), Some(source))
        }
        None => Artifacts::compile(&policy, opts.home_dir.clone(), None),
    };
    if let Some(dir) = &args.emit_artifacts {
        let io = |e: std::io::Error| {
            RunError::new(
                codes::ARTIFACT,
                format!("cannot write `{}`: {e}", dir.display()),
            )
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        for (name, bytes) in &artifacts.files {
            std::fs::write(dir.join(name), bytes).map_err(io)?;
        }
    }
    let command = (!args.command.is_empty()).then(|| args.command.clone());
    match crate::plan(&policy, &artifacts, command, opts) {
        Ok(plan) => Ok((plan, pending)),
        Err(e) => {
            // The policy's own errors come first.
            if let Some(p) = pending {
                p.confirm()?;
            }
            Err(e)
        }
    }
}

/// Reports an input that cannot be read before anything runs (exit 2).
fn unreadable(args: &RunArgs) -> Option<String> {
    if let Err(e) = std::fs::metadata(&args.policy) {
        return Some(format!(
            "error[{}]: cannot read `{}`: {e}",
            codes::POLICY.0,
            args.policy.display()
        ));
    }
    match &args.artifacts {
        Some(dir) if !dir.is_dir() => Some(format!(
            "error[{}]: cannot read `{}`: not a directory",
            codes::ARTIFACT.0,
            dir.display()
        )),
        _ => None,
    }
}

/// Runs `mxcc run` / `mxcc-run` with parsed arguments; see the module documentation for the
/// exit status. `quiet` leaves out the executor's notes.
pub fn main(args: &RunArgs, quiet: bool) -> ExitCode {
    if let Some(message) = unreadable(args) {
        eprintln!("mxcc-run: {message}");
        return ExitCode::from(USAGE_ERROR);
    }
    let mut opts = RunOptions {
        no_baseline: args.no_baseline,
        home_dir: std::env::var("HOME").ok(),
        ..RunOptions::default()
    };
    // The override can only lower the probed ABI (see `ProbeOverride`), never weaken a run.
    if let Ok(v) = std::env::var(crate::probe::FAKE_LANDLOCK_ABI_ENV) {
        opts.probe_override.landlock_abi = v.parse().ok().or(Some(0));
    }
    let result = load(args, &opts).and_then(|(plan, pending)| {
        if args.emit_artifacts.is_some() {
            Ok(0)
        } else if args.dry_run {
            print!("{plan}");
            let probe = crate::Probe::detect(&opts.probe_override);
            plan.check_against(&probe).map(|()| 0)
        } else {
            if !quiet {
                for n in &plan.notes {
                    eprintln!("mxcc-run: note[{}]: {}", n.code.as_str(), n.message);
                }
            }
            crate::run_plan_gated(&plan, &opts, || match pending {
                Some(p) => p.confirm().map(|_| ()),
                None => Ok(()),
            })
        }
    });
    match result {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(255)),
        Err(e) => {
            eprintln!("mxcc-run: {e}");
            ExitCode::from(u8::try_from(e.exit_status()).unwrap_or(125))
        }
    }
}
