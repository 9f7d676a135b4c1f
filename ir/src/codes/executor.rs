//! MX6xxx: the executor (`mxcc run`).

crate::codes::declare_codes! {
    family: "executor";

    /// The kernel's landlock ABI is missing or older than the ruleset needs.
    LANDLOCK_ABI = "MX6001", "kernel-landlock-abi", Error;

    /// Seccomp filters (or the actions the filter returns) are unavailable.
    SECCOMP = "MX6002", "kernel-seccomp", Error;

    /// User namespaces cannot be created.
    USER_NAMESPACE = "MX6003", "user-namespace-unavailable", Error;

    /// Network namespaces cannot be created, or `slirp4netns` is missing.
    NET_NAMESPACE = "MX6004", "net-namespace-unavailable", Error;

    /// `nft` is missing or the ruleset did not load inside the namespace.
    NFTABLES = "MX6005", "nftables-unavailable", Error;

    /// Pid, ipc, uts or mount namespaces cannot be created.
    NAMESPACE = "MX6006", "namespace-unavailable", Error;

    /// The policy has errors, or the compiler withheld the artifacts.
    POLICY = "MX6010", "policy-rejected", Error;

    /// An artifact is missing, unreadable or malformed.
    ARTIFACT = "MX6011", "artifact-unreadable", Error;

    /// An artifact has a format version this executor does not know.
    ARTIFACT_VERSION = "MX6012", "artifact-version", Error;

    /// A path the ruleset grants does not exist at run time.
    MISSING_PATH = "MX6013", "runtime-missing-path", Error;

    /// The policy is for another platform.
    PLATFORM = "MX6014", "executor-wrong-platform", Error;

    /// There is no command: no `process.commandLine` and none on the command line.
    NO_COMMAND = "MX6015", "no-command", Error;

    /// The working directory does not exist or has no fixed host location.
    CWD = "MX6016", "working-directory", Error;

    /// A construct no applied layer enforces (a target gap this executor cannot close).
    GAP = "MX6017", "unenforced-gap", Error;

    /// The command was not found on the policy's `PATH`.
    COMMAND_NOT_FOUND = "MX6018", "command-not-found", Error;

    /// Creating the sandbox process or writing its id maps failed.
    SPAWN = "MX6020", "spawn-failed", Error;

    /// A mount (private propagation, `/proc`, `/tmp`, a mask) failed.
    MOUNT = "MX6021", "mount-failed", Error;

    /// Dropping capabilities or setting no_new_privs failed.
    PRIVILEGES = "MX6022", "privilege-drop-failed", Error;

    /// Landlock refused the ruleset or `restrict_self` failed.
    LANDLOCK_APPLY = "MX6023", "landlock-apply-failed", Error;

    /// The kernel refused the seccomp filter.
    SECCOMP_APPLY = "MX6024", "seccomp-apply-failed", Error;

    /// The re-check after applying found a layer missing.
    VERIFY = "MX6025", "layer-recheck-failed", Error;

    /// `execve` of the command failed.
    EXEC = "MX6026", "exec-failed", Error;

    /// The timeout expired; the whole process tree was killed.
    TIMEOUT = "MX6030", "timeout-expired", Error;

    /// Informational: the runtime baseline grants read access beyond the policy.
    BASELINE = "MX6040", "runtime-baseline-read", Info;

    /// Retired (never emitted): landlock alone does not hide the metadata (`stat`) of unlisted paths; the mount view now does, since paths outside the grants do not exist in it. Kept because codes are never reused.
    METADATA = "MX6041", "metadata-visible-retired", Info;
}
