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
    /// Show every access NEW grants that BASE does not (exit 1 if there is any), and the reverse.
    Diff(DiffArgs),
    /// Prove a policy stays within guardrail policies and satisfies properties.
    Prove(ProveArgs),
    /// Emit backend artifacts and prove each one against the policy.
    Compile(CompileArgs),
    /// Run the language server over stdio.
    Lsp,
    /// Run a command confined by a policy (Linux): `mxcc run POLICY [--dry-run]
    /// [--artifacts DIR] [--emit-artifacts DIR] [--no-baseline] [-- CMD ARGS...]`.
    Run {
        /// The policy and the executor's options, then `--` and the command.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
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
    /// Prove every policy grants nothing this baseline policy does not (MX4001).
    #[arg(long)]
    pub(crate) baseline: Option<PathBuf>,
    /// Prove every policy stays within this guardrail policy (MX4003); repeatable.
    #[arg(long = "guardrail")]
    pub(crate) guardrails: Vec<PathBuf>,
    /// Policy files, or directories searched recursively for `*.json`.
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
}

/// Options of the prover.
#[derive(Debug, clap::Args)]
pub(crate) struct SolverArgs {
    /// Per-query solver timeout in milliseconds; a timeout is unknown, never proved.
    #[arg(long, default_value_t = 5000)]
    pub(crate) timeout_ms: u32,
    /// Write every solver query as SMT-LIB into this directory.
    #[arg(long)]
    pub(crate) dump_smt: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct DiffArgs {
    #[command(flatten)]
    pub(crate) policy: PolicyArgs,
    #[command(flatten)]
    pub(crate) solver: SolverArgs,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// The baseline policy.
    pub(crate) base: PathBuf,
    /// The new policy.
    pub(crate) new: PathBuf,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ProveArgs {
    #[command(flatten)]
    pub(crate) policy: PolicyArgs,
    #[command(flatten)]
    pub(crate) solver: SolverArgs,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// A guardrail policy the policy must stay within; repeatable.
    #[arg(long = "guardrail")]
    pub(crate) guardrails: Vec<PathBuf>,
    /// A properties file (see verify/PROPERTIES.md).
    #[arg(long)]
    pub(crate) properties: Option<PathBuf>,
    /// Do not fail when a proof is unknown (a solver timeout, an unsupported construct).
    #[arg(long)]
    pub(crate) allow_unknown: bool,
    /// The policy to prove things about.
    pub(crate) path: PathBuf,
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

#[derive(Debug, clap::Args)]
pub(crate) struct CompileArgs {
    #[command(flatten)]
    pub(crate) policy: PolicyArgs,
    #[command(flatten)]
    pub(crate) solver: SolverArgs,
    /// A target (`landlock`, `seccomp`, `bwrap`, `nftables`, `seatbelt`, `appcontainer`,
    /// `firewall`, `wsb`, `lxc`) or a group (`all-linux`, `all-macos`, `all-windows`, `all`).
    #[arg(long)]
    pub(crate) target: String,
    /// Write the artifacts into this directory (created if missing).
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
    /// Emit even when a construct cannot be enforced (gaps become warnings).
    #[arg(long)]
    pub(crate) allow_gaps: bool,
    /// The home directory `~` resolves to in emitted paths.
    #[arg(long)]
    pub(crate) home_dir: Option<String>,
    /// The landlock ABI to target (default: the lowest that enforces the policy).
    #[arg(long)]
    pub(crate) landlock_abi: Option<u8>,
    /// The Windows build the Windows targets are emitted for.
    #[arg(long)]
    pub(crate) windows_build: Option<u32>,
    /// Also emit `seatbelt-override.json`, an MXC config carrying the verified profile.
    #[arg(long)]
    pub(crate) seatbelt_override: bool,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// The policy to compile.
    pub(crate) path: PathBuf,
}
