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
//! The main loop is synchronous (one thread, like rust-analyzer's): it applies edits and
//! answers requests from a tolerant parse of the current text, which takes microseconds. The
//! full check (lints and proofs can take long on a large policy) runs on one checker thread
//! once the queue of incoming messages is empty, which coalesces bursts of edits; its
//! diagnostics are published for the version they were computed for, or dropped when the
//! document has changed since.

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
mod worker;

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
