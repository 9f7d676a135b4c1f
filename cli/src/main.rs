//! `mxcc`: the MXC policy compiler and verifier.
//!
//! Exit codes are the same for every subcommand (`exit`): 0 nothing at or above the
//! `--fail-on` threshold, 1 policy findings at or above it, 2 usage, IO or internal errors.
//! `mxcc run` passes its command's status through (`exec::command`).

mod args;
mod commands;
mod exit;
mod progress;
mod render;

use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;

use clap::Parser as _;

use crate::args::{ColorArg, Command, Format, GlobalArgs};

/// What a command printed and how the process should exit.
pub(crate) struct Outcome {
    pub(crate) stdout: String,
    pub(crate) stderr: String,
    pub(crate) code: u8,
}

impl Outcome {
    /// A usage error: a message on stderr, exit 2.
    fn usage(message: String) -> Outcome {
        Outcome {
            stdout: String::new(),
            stderr: message,
            code: exit::FAILURE,
        }
    }
}

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Clap prints help and version to stdout with success, usage errors with code 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::FAILURE
            } else {
                exit::SUCCESS
            });
        }
    };
    let global = &cli.global;
    let (policy, format) = match &cli.command {
        Command::Check(a) => (Some(&a.policy), Some(a.format)),
        Command::Diff(a) => (Some(&a.policy), Some(a.format)),
        Command::Prove(a) => (Some(&a.policy), Some(a.format)),
        Command::Compile(a) => (Some(&a.policy), Some(a.format)),
        _ => (None, None),
    };
    render::configure(render::Ui {
        color: color(global),
        quiet: global.quiet,
        statistics: global.statistics,
        fail_on: policy.and_then(|p| p.fail_on),
        config: policy.and_then(|p| p.config.clone()),
        rules: lints::config::Overrides {
            select: global.select.clone(),
            ignore: global.ignore.clone(),
        },
    });
    let outcome = match usage_error(global, format) {
        Some(message) => Outcome::usage(message),
        None => match cli.command {
            Command::Lsp => return lsp::run_stdio(),
            Command::Run(args) => return exec::command::main(&args, global.quiet),
            Command::Check(args) => commands::check::run(&args),
            Command::Schema(args) => commands::schema::run(&args),
            Command::Diff(args) => commands::diff::run(&args),
            Command::Prove(args) => commands::prove::run(&args),
            Command::Compile(args) => commands::compile::run(&args),
            Command::Query(args) => commands::query::run(&args),
            Command::Rules(args) => commands::rules::run(&args),
            Command::Explain(args) => commands::rules::explain(&args),
            Command::Completions(args) => commands::completions::completions(&args),
            Command::Man(args) => commands::completions::man(&args),
        },
    };
    let code = match &global.output {
        Some(path) => match std::fs::write(path, outcome.stdout.as_bytes()) {
            Ok(()) => outcome.code,
            Err(e) => {
                eprintln!(
                    "error[{}]: cannot write `{}`: {e}",
                    ir::codes::io::IO_ERROR.as_str(),
                    path.display()
                );
                exit::FAILURE
            }
        },
        None => {
            let _ = std::io::stdout()
                .lock()
                .write_all(outcome.stdout.as_bytes());
            outcome.code
        }
    };
    let _ = std::io::stderr()
        .lock()
        .write_all(outcome.stderr.as_bytes());
    ExitCode::from(code)
}

/// `--color`: `auto` colours when stdout is a terminal, the report is not written to a file
/// and `NO_COLOR` is unset or empty.
fn color(global: &GlobalArgs) -> bool {
    match global.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            global.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Global options that make no sense together, or selectors that name no rule.
fn usage_error(global: &GlobalArgs, format: Option<Format>) -> Option<String> {
    let selectors = global.select.iter().flatten().chain(&global.ignore);
    if let Some(unknown) = selectors
        .into_iter()
        .find(|s| !lints::config::is_known_selector(s))
    {
        return Some(format!(
            "error: `{unknown}` matches no lint rule\n  = help: use a code (`MX3001`), a code \
             prefix (`MX30`), a rule name or `ALL`; `mxcc rules` lists them\n"
        ));
    }
    if global.statistics && matches!(format, Some(Format::Sarif | Format::Github)) {
        return Some(
            "error: `--statistics` prints a table or JSON\n  = help: use it with `--format \
             human` or `--format json`\n"
                .to_owned(),
        );
    }
    None
}
