//! The command line of the executor, shared by `mxcc run` and the standalone `mxcc-run`:
//! `run POLICY [--dry-run] [--artifacts DIR] [--emit-artifacts DIR] [--no-baseline]
//! [-- CMD ARGS...]`. Without `CMD` it runs `process.commandLine` through `sh -c`, as MXC does.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::{Artifacts, PendingPolicy, RunError, RunOptions, codes};

const USAGE: &str = "usage: mxcc run POLICY [--dry-run] [--artifacts DIR] [--emit-artifacts DIR] \
                     [--no-baseline] [-- CMD ARGS...]";

struct Args {
    policy: PathBuf,
    dry_run: bool,
    artifacts: Option<PathBuf>,
    emit: Option<PathBuf>,
    no_baseline: bool,
    command: Option<Vec<String>>,
}

fn parse(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut policy = None;
    let mut args = Args {
        policy: PathBuf::new(),
        dry_run: false,
        artifacts: None,
        emit: None,
        no_baseline: false,
        command: None,
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--" => {
                args.command = Some(it.by_ref().collect());
                break;
            }
            "--dry-run" => args.dry_run = true,
            "--no-baseline" => args.no_baseline = true,
            "--emit-artifacts" => args.emit = Some(PathBuf::from(it.next().ok_or(USAGE)?)),
            "--artifacts" => args.artifacts = Some(PathBuf::from(it.next().ok_or(USAGE)?)),
            "-h" | "--help" => return Err(USAGE.to_owned()),
            s if s.starts_with('-') => return Err(format!("unknown option `{s}`\n{USAGE}")),
            s if policy.is_none() => policy = Some(PathBuf::from(s)),
            s => return Err(format!("unexpected argument `{s}`\n{USAGE}")),
        }
    }
    args.policy = policy.ok_or(USAGE)?;
    Ok(args)
}

/// Plans the run. A run plans from a speculative lowering of the policy while the full
/// frontend's verdict is still pending (see `crate::frontend`); `--dry-run` and
/// `--emit-artifacts` wait for the verdict first.
fn load(args: &Args, opts: &RunOptions) -> Result<(crate::Plan, Option<PendingPolicy>), RunError> {
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
    let (policy, pending) = if args.dry_run || args.emit.is_some() {
        (pending.confirm()?, None)
    } else {
        (pending.policy.clone(), Some(pending))
    };
    let artifacts = match loaded {
        Some(a) => a,
        // Emitted artifacts record their source; the policy was confirmed above.
        None if args.emit.is_some() => {
            Artifacts::compile(&policy, opts.home_dir.clone(), Some(source))
        }
        None => Artifacts::compile(&policy, opts.home_dir.clone(), None),
    };
    if let Some(dir) = &args.emit {
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
    match crate::plan(&policy, &artifacts, args.command.clone(), opts) {
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

/// Runs `mxcc run` / `mxcc-run` with the arguments after the subcommand name.
pub fn main(args: impl IntoIterator<Item = String>) -> ExitCode {
    let args = match parse(args.into_iter()) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut opts = RunOptions {
        no_baseline: args.no_baseline,
        home_dir: std::env::var("HOME").ok(),
        ..RunOptions::default()
    };
    // The override can only lower the probed ABI (see `ProbeOverride`), never weaken a run.
    if let Ok(v) = std::env::var(crate::probe::FAKE_LANDLOCK_ABI_ENV) {
        opts.probe_override.landlock_abi = v.parse().ok().or(Some(0));
    }
    let result = load(&args, &opts).and_then(|(plan, pending)| {
        if args.emit.is_some() {
            Ok(0)
        } else if args.dry_run {
            print!("{plan}");
            let probe = crate::Probe::detect(&opts.probe_override);
            plan.check_against(&probe).map(|()| 0)
        } else {
            for n in &plan.notes {
                eprintln!("mxcc-run: note[{}]: {}", n.code.as_str(), n.message);
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
