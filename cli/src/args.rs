//! The command-line surface (design.md, "CLI surface"): one binary, flags mean the same in
//! every subcommand.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "mxcc",
    version,
    about = "Compile, lint and verify MXC sandbox policies"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check policy files: syntax, schema, MXC validation, lints and proofs.
    Check(CheckArgs),
    /// Print the JSON Schema this mxcc applies for a schema version.
    Schema(SchemaArgs),
    /// List every lint rule.
    Rules(RulesArgs),
    /// Print the documentation of a rule, by code (`MX3001`) or name.
    Explain(ExplainArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum PlatformArg {
    Linux,
    Macos,
    Windows,
}

impl PlatformArg {
    pub(crate) fn platform(self) -> ir::Platform {
        match self {
            PlatformArg::Linux => ir::Platform::Linux,
            PlatformArg::Macos => ir::Platform::Macos,
            PlatformArg::Windows => ir::Platform::Windows,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

/// Options shared by every subcommand that reads policies.
#[derive(Debug, clap::Args)]
pub(crate) struct PolicyArgs {
    /// The platform to check for. Without it, a file whose `containment` or backend section
    /// names a platform is checked for that platform, every other file for the host.
    #[arg(long, value_enum)]
    pub(crate) platform: Option<PlatformArg>,
    /// Exact-contract mode: exact version strings, no nulls, closed objects.
    #[arg(long)]
    pub(crate) exact: bool,
    /// Deny-overrides semantics everywhere (an allow nested under a deny is an error).
    #[arg(long)]
    pub(crate) strict: bool,
    /// The `mxcc.toml` to use for every file, instead of the nearest one upward.
    #[arg(long)]
    pub(crate) config: Option<PathBuf>,
    /// Largest policy file accepted, in bytes.
    #[arg(long, default_value_t = 16 * 1024 * 1024)]
    pub(crate) max_file_size: usize,
}

#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) policy: PolicyArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// Policy files, or directories searched recursively for `*.json`.
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct SchemaArgs {
    /// The schema version, e.g. `0.8.0-alpha` or `0.9.0-dev`.
    #[arg(long)]
    pub(crate) version: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, clap::Args)]
pub(crate) struct RulesArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub(crate) format: ListFormat,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ExplainArgs {
    /// A rule code such as `MX3001`, or a rule name.
    pub(crate) rule: String,
}
