//! The executor's errors and the MX6001–MX6099 code table.
//!
//! Every refusal carries a code. The executor never degrades: when a layer the proof relies on
//! is missing or fails to apply, the command does not start.

use std::fmt;

use ir::Code;

/// The MX6001–MX6099 codes reserved for the executor. Codes are never reused.
pub mod codes {
    use ir::Code;

    /// The kernel's landlock ABI is missing or older than the ruleset needs.
    pub const LANDLOCK_ABI: Code = Code("MX6001");
    /// seccomp filters (or the actions the filter returns) are unavailable.
    pub const SECCOMP: Code = Code("MX6002");
    /// User namespaces cannot be created.
    pub const USER_NAMESPACE: Code = Code("MX6003");
    /// Network namespaces cannot be created, or `slirp4netns` is missing.
    pub const NET_NAMESPACE: Code = Code("MX6004");
    /// `nft` is missing or the ruleset did not load inside the namespace.
    pub const NFTABLES: Code = Code("MX6005");
    /// Pid, ipc, uts or mount namespaces cannot be created.
    pub const NAMESPACE: Code = Code("MX6006");
    /// The policy has errors, or the compiler withheld the artifacts.
    pub const POLICY: Code = Code("MX6010");
    /// An artifact is missing, unreadable or malformed.
    pub const ARTIFACT: Code = Code("MX6011");
    /// An artifact has a format version this executor does not know.
    pub const ARTIFACT_VERSION: Code = Code("MX6012");
    /// A path the ruleset grants does not exist at run time.
    pub const MISSING_PATH: Code = Code("MX6013");
    /// The policy is for another platform.
    pub const PLATFORM: Code = Code("MX6014");
    /// There is no command: no `process.commandLine` and none on the command line.
    pub const NO_COMMAND: Code = Code("MX6015");
    /// The working directory does not exist or has no fixed host location.
    pub const CWD: Code = Code("MX6016");
    /// A construct no applied layer enforces (a target gap this executor cannot close).
    pub const GAP: Code = Code("MX6017");
    /// The command was not found on the policy's `PATH`.
    pub const COMMAND_NOT_FOUND: Code = Code("MX6018");
    /// Creating the sandbox process or writing its id maps failed.
    pub const SPAWN: Code = Code("MX6020");
    /// A mount (private propagation, `/proc`, `/tmp`, a mask) failed.
    pub const MOUNT: Code = Code("MX6021");
    /// Dropping capabilities or setting no_new_privs failed.
    pub const PRIVILEGES: Code = Code("MX6022");
    /// landlock refused the ruleset or `restrict_self` failed.
    pub const LANDLOCK_APPLY: Code = Code("MX6023");
    /// The kernel refused the seccomp filter.
    pub const SECCOMP_APPLY: Code = Code("MX6024");
    /// The re-check after applying found a layer missing.
    pub const VERIFY: Code = Code("MX6025");
    /// `execve` of the command failed.
    pub const EXEC: Code = Code("MX6026");
    /// The timeout expired; the whole process tree was killed.
    pub const TIMEOUT: Code = Code("MX6030");
    /// Informational: the runtime baseline grants read access beyond the policy.
    pub const BASELINE: Code = Code("MX6040");
    /// Retired (never emitted): landlock alone does not hide the metadata (`stat`) of unlisted
    /// paths; the mount view now does, since paths outside the grants do not exist in it. Kept
    /// because codes are never reused.
    pub const METADATA: Code = Code("MX6041");
}

/// Every code with its name and one-line summary (for `mxcc explain`).
pub const CODE_TABLE: &[(Code, &str, &str)] = &[
    (
        codes::LANDLOCK_ABI,
        "landlock-abi",
        "the kernel's landlock ABI is missing or too old",
    ),
    (
        codes::SECCOMP,
        "seccomp-unavailable",
        "seccomp filters are unavailable",
    ),
    (
        codes::USER_NAMESPACE,
        "user-namespace",
        "user namespaces cannot be created",
    ),
    (
        codes::NET_NAMESPACE,
        "net-namespace",
        "network namespaces or slirp4netns are unavailable",
    ),
    (
        codes::NFTABLES,
        "nftables",
        "the nftables ruleset did not load inside the namespace",
    ),
    (
        codes::NAMESPACE,
        "namespace",
        "pid, ipc, uts or mount namespaces are unavailable",
    ),
    (
        codes::POLICY,
        "policy-errors",
        "the policy has errors or its artifacts were withheld",
    ),
    (
        codes::ARTIFACT,
        "artifact",
        "an artifact is missing or malformed",
    ),
    (
        codes::ARTIFACT_VERSION,
        "artifact-version",
        "an artifact format version is unknown",
    ),
    (
        codes::MISSING_PATH,
        "missing-path",
        "a granted path does not exist at run time",
    ),
    (
        codes::PLATFORM,
        "platform",
        "the policy is for another platform",
    ),
    (
        codes::NO_COMMAND,
        "no-command",
        "there is no command to run",
    ),
    (codes::CWD, "cwd", "the working directory does not exist"),
    (
        codes::GAP,
        "unenforced",
        "a construct no applied layer enforces",
    ),
    (
        codes::COMMAND_NOT_FOUND,
        "command-not-found",
        "the command is not on the policy's PATH",
    ),
    (codes::SPAWN, "spawn", "creating the sandbox process failed"),
    (
        codes::MOUNT,
        "mount",
        "a mount of the sandbox's view failed",
    ),
    (
        codes::PRIVILEGES,
        "privileges",
        "dropping capabilities or no_new_privs failed",
    ),
    (
        codes::LANDLOCK_APPLY,
        "landlock-apply",
        "landlock refused the ruleset",
    ),
    (
        codes::SECCOMP_APPLY,
        "seccomp-apply",
        "the kernel refused the seccomp filter",
    ),
    (
        codes::VERIFY,
        "verify",
        "a layer was missing when re-checked before exec",
    ),
    (codes::EXEC, "exec", "execve of the command failed"),
    (
        codes::TIMEOUT,
        "timeout",
        "the timeout expired and the process tree was killed",
    ),
    (
        codes::BASELINE,
        "baseline",
        "the runtime baseline grants system paths read-only",
    ),
    (
        codes::METADATA,
        "metadata",
        "retired: metadata of unlisted paths was visible (the mount view now hides them)",
    ),
];

/// Why the executor did not run the command to completion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunError {
    pub code: Code,
    /// One lowercase sentence; user input in backticks.
    pub message: String,
    pub help: Option<String>,
}

impl RunError {
    pub fn new(code: Code, message: impl Into<String>) -> RunError {
        RunError {
            code,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> RunError {
        self.help = Some(help.into());
        self
    }

    /// The exit status a command-line tool reports: 124 for a timeout (as `timeout(1)`), 126
    /// when the command could not be executed, 127 when it was not found, 125 for every
    /// refusal of the executor itself.
    pub fn exit_status(&self) -> i32 {
        match self.code {
            codes::TIMEOUT => 124,
            codes::EXEC => 126,
            codes::COMMAND_NOT_FOUND => 127,
            _ => 125,
        }
    }
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error[{}]: {}", self.code.0, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RunError {}
