//! `mxcc-run POLICY [--dry-run] [--artifacts DIR] [--no-baseline] [-- CMD ARGS...]`: the
//! executor without the rest of the CLI (the same code path as `mxcc run`).

fn main() -> std::process::ExitCode {
    exec::command::main(std::env::args().skip(1))
}
