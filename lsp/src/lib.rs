//! `mxcc lsp`: a language server for MXC policy files, over stdio.
//!
//! Features: incremental text sync (UTF-16 positions), the diagnostics of `mxcc check`
//! (through [`driver::check_source`], so the editor and the CLI always agree), hover with the
//! schema documentation of keys and the documentation of diagnostic codes, completion of keys
//! and enum values from the schema of the file's version, quick fixes, and document symbols.
//!
//! Only `*.json` documents whose root object has an MXC top-level key, or a `$schema` that
//! mentions mxc, are treated as policies; other documents get no diagnostics.
//!
//! The server is synchronous (one thread, like rust-analyzer's main loop without its pool):
//! a check of a large policy takes milliseconds, so it runs on every change; diagnostics are
//! published once the queue of incoming messages is empty, which coalesces bursts of edits.

mod completion;
mod cursor;
mod diagnostics;
mod document;
mod fixes;
mod hover;
mod loose;
mod rules;
mod schema;
mod server;
mod symbols;
mod text;

#[cfg(test)]
mod tests;

use std::process::ExitCode;

use lsp_server::Connection;

/// Serves the language server protocol on stdin and stdout until the client says `exit`.
/// Exits with 0 after `shutdown` then `exit`, and with 1 otherwise (as the protocol asks).
pub fn run_stdio() -> ExitCode {
    let (connection, io_threads) = Connection::stdio();
    let served = server::serve(&connection);
    drop(connection);
    let joined = io_threads.join();
    match (served, joined) {
        (Ok(()), Ok(())) => ExitCode::SUCCESS,
        (Err(e), _) => {
            eprintln!("mxcc lsp: {e}");
            ExitCode::FAILURE
        }
        (Ok(()), Err(e)) => {
            eprintln!("mxcc lsp: {e}");
            ExitCode::FAILURE
        }
    }
}
