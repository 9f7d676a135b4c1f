//! The operations the CLI and the LSP server expose, wired from the frontend, the lints, the
//! verifier and the targets. Nothing here touches the terminal.

pub mod check;
pub mod compile;
pub mod config;
pub mod files;
pub mod proofs;
pub mod query;

pub use check::{
    CheckOptions, CheckReport, FileReport, PlatformChoice, Progress, STDIN_NAME, Stdin,
    check_inputs, check_paths, check_source,
};
pub use files::collect;
