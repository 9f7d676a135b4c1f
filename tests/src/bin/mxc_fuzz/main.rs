//! mxcc's differential fuzzer against MXC's own parser.
//!
//! It mutates seed policies (the corpus's Linux policies, the contract suite's Linux fixtures and
//! its own seeds under `tests/mxc-differential/seeds`), asks MXC's Linux executor
//! (`lxc-exec --dry-run --experimental --allow-testing-features`, given with `--oracle`) and
//! mxcc's frontend in production mode for Linux whether each mutant is accepted, sorts every
//! disagreement into the classes of `classes.rs`, and prints the agreement and the classes.
//! It fails when the agreement is below `--floor` or a disagreement fits no class.
//!
//! Usage: `mxc-fuzz --oracle PATH [--mutants N] [--seed N] [--jobs N] [--timeout SECS]
//! [--floor PERCENT] [--repo DIR] [--out FILE] [--disagreements FILE]`.
//! Built only with the `mxc-shared` feature and run by `scripts/mxc-differential`.

mod classes;
mod json;
mod mutate;
mod oracle;
mod pools;
mod reduce;
mod report;
mod rng;
mod seeds;
mod verdict;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::classes::{Accepts, Facts};
use crate::oracle::OracleVerdict;

/// The command line.
struct Args {
    oracle: PathBuf,
    mutants: u64,
    seed: u64,
    jobs: usize,
    timeout: Duration,
    floor: f64,
    repo: PathBuf,
    out: Option<PathBuf>,
    disagreements: Option<PathBuf>,
}

/// What happened to one mutant.
pub(crate) struct Outcome {
    pub(crate) index: u64,
    pub(crate) seed: usize,
    pub(crate) ops: Vec<String>,
    pub(crate) text: String,
    pub(crate) tree: Option<json::Json>,
    /// MXC's rejection, or `None` when it accepted.
    pub(crate) mxc: Option<String>,
    pub(crate) mxcc: verdict::MxccVerdict,
    pub(crate) timed_out: bool,
    pub(crate) oracle_time: Duration,
    pub(crate) mxcc_time: Duration,
}

impl Outcome {
    /// Whether the mutant names a backend of another platform: MXC's Linux executor does not run
    /// that backend's checks, so its verdict says nothing about them and the mutant is not
    /// compared.
    pub(crate) fn foreign(&self) -> bool {
        self.mxcc.foreign_backend.is_some()
    }

    pub(crate) fn agrees(&self) -> bool {
        self.foreign() || !self.timed_out && self.mxc.is_none() == self.mxcc.accepts()
    }

    /// The class of a disagreement: `Some(None)` when it fits no class.
    pub(crate) fn class(&self) -> Option<Option<usize>> {
        if self.agrees() {
            return None;
        }
        if self.timed_out {
            return Some(None);
        }
        Some(classes::classify(&self.facts()))
    }

    pub(crate) fn facts(&self) -> Facts<'_> {
        Facts {
            accepts: if self.mxc.is_none() {
                Accepts::Mxc
            } else {
                Accepts::Mxcc
            },
            ops: &self.ops,
            text: &self.text,
            mxc: self.mxc.as_deref().unwrap_or(""),
            mxcc_codes: &self.mxcc.codes,
            mxcc_message: &self.mxcc.message,
        }
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("mxc-fuzz: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<bool, String> {
    let args = parse_args()?;
    let start = Instant::now();
    let seeds = seeds::load(&args.repo)?;
    let scratch = std::env::temp_dir().join(format!("mxc-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)
        .map_err(|e| format!("cannot create `{}`: {e}", scratch.display()))?;
    let judged = accepted_seeds(&args, &seeds, &scratch).and_then(|preferred| {
        let outcomes = run_all(&args, &seeds, &preferred, &scratch)?;
        let examples = reduce::examples(&outcomes, &args.oracle, &scratch, args.timeout, args.jobs);
        Ok((preferred, outcomes, examples))
    });
    let _ = std::fs::remove_dir_all(&scratch);
    let (preferred, outcomes, examples) = judged?;
    let summary = report::Summary {
        seed: args.seed,
        seeds: seeds.len(),
        accepted_seeds: preferred.len(),
        jobs: args.jobs,
        floor: args.floor,
        elapsed: start.elapsed(),
    };
    let (table, ok) = report::render(&summary, &outcomes, &examples, &seeds);
    print!("{table}");
    if let Some(out) = &args.out {
        write(out, &table)?;
    }
    if let Some(path) = &args.disagreements {
        write(path, &report::disagreements_jsonl(&outcomes))?;
    }
    Ok(ok)
}

/// The indices of the seeds MXC accepts.
fn accepted_seeds(
    args: &Args,
    seeds: &[seeds::Seed],
    scratch: &Path,
) -> Result<Vec<usize>, String> {
    let config = scratch.join("seed.json");
    let log = scratch.join("seed.log");
    let mut accepted = Vec::new();
    for (i, seed) in seeds.iter().enumerate() {
        write(&config, &seed.tree.to_text())?;
        if matches!(
            oracle::run(&args.oracle, &config, &log, args.timeout)?,
            OracleVerdict::Accepted
        ) {
            accepted.push(i);
        }
    }
    Ok(accepted)
}

/// Runs every mutant on `jobs` threads; the outcomes are in the order of their indices.
fn run_all(
    args: &Args,
    seeds: &[seeds::Seed],
    preferred: &[usize],
    scratch: &Path,
) -> Result<Vec<Outcome>, String> {
    let next = AtomicUsize::new(0);
    let total = usize::try_from(args.mutants).map_err(|_| "too many mutants".to_owned())?;
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new((0..total).map(|_| None).collect());
    let failure: Mutex<Option<String>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for worker in 0..args.jobs {
            let (next, results, failure) = (&next, &results, &failure);
            scope.spawn(move || {
                let config = scratch.join(format!("mutant-{worker}.json"));
                let log = scratch.join(format!("mutant-{worker}.log"));
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total {
                        break;
                    }
                    let mutant = mutate::generate(seeds, preferred, args.seed, i as u64);
                    match judge(args, &mutant.text, &config, &log) {
                        Ok((mxc, timed_out, oracle_time, mxcc, mxcc_time)) => {
                            let outcome = Outcome {
                                index: mutant.index,
                                seed: mutant.seed,
                                ops: mutant.ops,
                                text: mutant.text,
                                tree: mutant.tree,
                                mxc,
                                mxcc,
                                timed_out,
                                oracle_time,
                                mxcc_time,
                            };
                            if let Ok(mut results) = results.lock()
                                && let Some(slot) = results.get_mut(i)
                            {
                                *slot = Some(outcome);
                            }
                        }
                        Err(message) => {
                            if let Ok(mut failure) = failure.lock() {
                                *failure = Some(message);
                            }
                            next.store(total, Ordering::Relaxed);
                        }
                    }
                }
            });
        }
    });
    if let Some(message) = failure.into_inner().ok().flatten() {
        return Err(message);
    }
    let results = results
        .into_inner()
        .map_err(|_| "a worker failed".to_owned())?;
    Ok(results.into_iter().flatten().collect())
}

type Judged = (
    Option<String>,
    bool,
    Duration,
    verdict::MxccVerdict,
    Duration,
);

/// Both verdicts on one text; an oracle run that times out is tried once more.
pub(crate) fn judge(args: &Args, text: &str, config: &Path, log: &Path) -> Result<Judged, String> {
    judge_with(&args.oracle, args.timeout, text, config, log)
}

pub(crate) fn judge_with(
    oracle: &Path,
    timeout: Duration,
    text: &str,
    config: &Path,
    log: &Path,
) -> Result<Judged, String> {
    write(config, text)?;
    let started = Instant::now();
    let mut verdict = oracle::run(oracle, config, log, timeout)?;
    if matches!(verdict, OracleVerdict::TimedOut) {
        verdict = oracle::run(oracle, config, log, timeout)?;
    }
    let oracle_time = started.elapsed();
    let started = Instant::now();
    let mxcc = verdict::check(text);
    let mxcc_time = started.elapsed();
    let (mxc, timed_out) = match verdict {
        OracleVerdict::Accepted => (None, false),
        OracleVerdict::Rejected(reason) => (Some(reason), false),
        OracleVerdict::TimedOut => (Some("timed out".to_owned()), true),
    };
    Ok((mxc, timed_out, oracle_time, mxcc, mxcc_time))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        oracle: PathBuf::new(),
        mutants: 10_000,
        seed: 1,
        jobs: std::thread::available_parallelism().map_or(2, |n| n.get() * 2),
        timeout: Duration::from_secs(10),
        floor: 0.0,
        repo: PathBuf::from("."),
        out: None,
        disagreements: None,
    };
    let mut raw = std::env::args().skip(1);
    while let Some(flag) = raw.next() {
        let value = raw
            .next()
            .ok_or_else(|| format!("`{flag}` needs a value"))?;
        let number = || {
            value
                .parse::<u64>()
                .map_err(|_| format!("`{flag}` needs a number, not `{value}`"))
        };
        match flag.as_str() {
            "--oracle" => args.oracle = PathBuf::from(&value),
            "--mutants" => args.mutants = number()?,
            "--seed" => args.seed = number()?,
            "--jobs" => {
                args.jobs =
                    usize::try_from(number()?.max(1)).map_err(|_| "too many jobs".to_owned())?
            }
            "--timeout" => args.timeout = Duration::from_secs(number()?),
            "--floor" => {
                args.floor = value
                    .parse::<f64>()
                    .map_err(|_| format!("`--floor` needs a percentage, not `{value}`"))?;
            }
            "--repo" => args.repo = PathBuf::from(&value),
            "--out" => args.out = Some(PathBuf::from(&value)),
            "--disagreements" => args.disagreements = Some(PathBuf::from(&value)),
            _ => return Err(format!("unknown option `{flag}`")),
        }
    }
    if args.oracle.as_os_str().is_empty() {
        return Err("`--oracle PATH` is required (MXC's `lxc-exec`)".to_owned());
    }
    if !args.oracle.is_file() {
        return Err(format!("no oracle at `{}`", args.oracle.display()));
    }
    Ok(args)
}
