//! The command-line surface (design.md, "CLI surface"): one binary, flags mean the same in
//! every subcommand.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::exit::FailOn;

/// The exit codes every subcommand but `run` shares, for `--help` and the man page.
const EXIT_CODES: &str = "Exit codes: 0 nothing at or above the --fail-on threshold; 1 policy \
findings at or above it (syntax and schema errors included; for diff, NEW grants more; for \
prove, a proof is refuted or unknown); 2 usage, IO or internal errors. `mxcc run --help` lists \
the executor's codes.";

#[derive(Debug, Parser)]
#[command(
    name = "mxcc",
    version,
    about = "Compile, lint and verify MXC sandbox policies",
    after_help = EXIT_CODES
)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The help heading of the global options.
const GLOBAL: &str = "Global options";

/// Options every subcommand accepts, before or after its name.
#[derive(Debug, clap::Args)]
pub(crate) struct GlobalArgs {
    /// Colour the human output: `auto` colours when stdout is a terminal and `NO_COLOR` is
    /// unset or empty (never with `--output`).
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, global = true, help_heading = GLOBAL)]
    pub(crate) color: ColorArg,
    /// Print less: human output keeps only the diagnostics at or above the `--fail-on`
    /// threshold and the summary lines; no progress, no notes. Machine formats are unchanged.
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub(crate) quiet: bool,
    /// Write the report to FILE instead of stdout (errors still go to stderr).
    #[arg(short, long, global = true, value_name = "FILE", help_heading = GLOBAL)]
    pub(crate) output: Option<PathBuf>,
    /// Run only these lint rules (codes, code prefixes, rule names or `ALL`; comma-separated or
    /// repeated). Replaces `select` and `ignore` of `mxcc.toml`; other diagnostics are kept.
    #[arg(long, global = true, value_delimiter = ',', value_name = "SELECTOR", help_heading = GLOBAL)]
    pub(crate) select: Option<Vec<String>>,
    /// Switch these lint rules off (codes, prefixes or names), whatever `mxcc.toml` selects;
    /// next to `--select`, the more specific selector wins.
    #[arg(long, global = true, value_delimiter = ',', value_name = "SELECTOR", help_heading = GLOBAL)]
    pub(crate) ignore: Vec<String>,
    /// Print how many diagnostics each code produced instead of the code frames.
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub(crate) statistics: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorArg {
    Auto,
    Always,
    Never,
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
    /// Run a command confined by a policy (Linux), or `process.commandLine` without one.
    Run(exec::command::RunArgs),
    /// Decide one request against a policy with the reference semantics: the decision, the
    /// deciding rule and the runtime baseline (exit 0 allowed, 1 denied).
    Query(QueryArgs),
    /// List every lint rule.
    Rules(RulesArgs),
    /// Print the documentation of any diagnostic code (`MX1101`, `MX3001`, `MX5003`) or rule
    /// name.
    Explain(ExplainArgs),
    /// Print a shell completion script (`mxcc completions bash > /etc/bash_completion.d/mxcc`).
    Completions(CompletionsArgs),
    /// Print the man page, in roff (`mxcc man | man -l -`; `mxcc man check` for one command).
    #[command(alias = "manpage")]
    Man(ManArgs),
}

/// `mxcc query POLICY read|write|exec PATH` or `mxcc query POLICY egress|ingress ADDR PORT
/// [tcp|udp]`.
#[derive(Debug, clap::Args)]
pub(crate) struct QueryArgs {
    #[command(flatten)]
    pub(crate) policy: PolicyArgs,
    /// Output format (`human` or `json`).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// The policy file.
    pub(crate) path: PathBuf,
    /// The access to decide.
    #[arg(value_enum)]
    pub(crate) access: crate::commands::query::Access,
    /// A path (read, write, exec) or an IP address (egress, ingress).
    pub(crate) target: String,
    /// The port (egress, ingress).
    pub(crate) port: Option<u16>,
    /// The protocol (egress, ingress; default tcp).
    #[arg(value_enum)]
    pub(crate) protocol: Option<crate::commands::query::Transport>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ManArgs {
    /// A subcommand whose page to print instead of mxcc's.
    pub(crate) command: Option<String>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
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
    /// The lowest severity that makes the command exit 1 [default: `fail-on` of mxcc.toml,
    /// else error].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub(crate) fail_on: Option<FailOn>,
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
    /// The name standard input (`-`) has in diagnostics; `mxcc.toml` is searched from it.
    #[arg(long, value_name = "NAME")]
    pub(crate) stdin_filename: Option<PathBuf>,
    /// Policy files, directories searched recursively for `*.json` MXC configs, or `-` for
    /// one policy read from standard input.
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
    /// List every diagnostic code (MX0xxx to MX6xxx), not only the lint rules.
    #[arg(long)]
    pub(crate) all: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ExplainArgs {
    /// A code such as `MX1101` or `MX3001`, or a name such as `unknown-field`.
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
    /// What to assume about the machine that will run the sandbox: nothing (`none`), or that
    /// it is this one (`current`).
    ///
    /// `none`: no path is examined here, so the output is the same on every machine; a mask or
    /// mount whose form depends on a path's kind is built to fail closed and reported (MX5033),
    /// and the artifacts assume that no policy path is a symbolic link (reported, and listed in
    /// `report.json`). `current`: this machine's paths are examined (symbolic links refused,
    /// missing paths reported), as `mxcc run` does.
    #[arg(long, value_enum, value_name = "HOST", default_value_t = AssumeHost::Nothing)]
    pub(crate) assume_host: AssumeHost,
    /// Print every diagnostic in full, not only the errors and a count of the others.
    #[arg(short, long)]
    pub(crate) verbose: bool,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// The policy to compile.
    pub(crate) path: PathBuf,
}

/// `compile --assume-host`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum AssumeHost {
    #[value(name = "none")]
    Nothing,
    Current,
}
