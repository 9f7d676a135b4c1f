//! `mxcc`: the MXC policy compiler and verifier.
//!
//! Exit codes: 0 no error-level diagnostic (or the proof holds), 1 errors found (or NEW grants
//! more), 2 usage or IO error.

mod args;
mod commands;
mod render;

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;

use crate::args::{Cli, Command};

/// What a command printed and how the process should exit.
pub(crate) struct Outcome {
    pub(crate) stdout: String,
    pub(crate) stderr: String,
    pub(crate) code: u8,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Clap prints help and version to stdout with success, usage errors with code 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let outcome = match cli.command {
        Command::Lsp => return lsp::run_stdio(),
        Command::Run { args } => return exec::command::main(args),
        Command::Check(args) => commands::check::run(&args),
        Command::Schema(args) => commands::schema::run(&args),
        Command::Diff(args) => commands::diff::run(&args),
        Command::Prove(args) => commands::prove::run(&args),
        Command::Compile(args) => commands::compile::run(&args),
        Command::Rules(args) => commands::rules::run(&args),
        Command::Explain(args) => commands::rules::explain(&args),
    };
    let _ = std::io::stdout()
        .lock()
        .write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr()
        .lock()
        .write_all(outcome.stderr.as_bytes());
    ExitCode::from(outcome.code)
}
