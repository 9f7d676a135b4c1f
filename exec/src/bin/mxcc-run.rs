//! `mxcc-run POLICY [OPTIONS] [-- CMD ARGS...]`: the executor without the rest of the CLI (the
//! same arguments and code path as `mxcc run`).

use clap::Parser as _;

fn main() -> std::process::ExitCode {
    match exec::command::Standalone::try_parse() {
        Ok(cli) => exec::command::main(&cli.run, cli.quiet),
        Err(e) => {
            // Help and version go to stdout with success, usage errors exit 2.
            let _ = e.print();
            std::process::ExitCode::from(if e.use_stderr() {
                exec::command::USAGE_ERROR
            } else {
                0
            })
        }
    }
}
