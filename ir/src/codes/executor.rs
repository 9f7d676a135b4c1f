//! MX6xxx: the executor (`mxcc run`).

crate::codes::declare_codes! {
    family: "executor";

    /// The kernel's landlock ABI is missing or older than the ruleset needs.
    ///
    /// ## What it means
    /// Before anything runs, `mxcc run` probes the kernel and refuses (exit 125) when it offers less
    /// than the proof assumed: the ruleset's ABI, at least 4 when TCP ports are filtered and 6 when
    /// abstract UNIX sockets and signals are scoped. mxcc never runs a command with a weaker layer.
    /// The example lowers the probed ABI with `MXCC_EXEC_PROBE_LANDLOCK_ABI`, which can only weaken
    /// the probe.
    ///
    /// ## Example
    /// ```text
    /// $ MXCC_EXEC_PROBE_LANDLOCK_ABI=0 mxcc run run.json
    /// mxcc-run: error[MX6001]: landlock is not available; the ruleset needs ABI 6
    ///   help: run on a kernel with landlock enabled (`lsm=landlock,...`); mxcc never runs unconfined
    /// ```
    ///
    /// ## What to do
    /// Run on a kernel with landlock enabled (`lsm=landlock,...` on the kernel command line), version
    /// 6.12 or later for ABI 6.
    LANDLOCK_ABI = "MX6001", "kernel-landlock-abi", Error;

    /// Seccomp filters, or the filter actions the executor needs, are unavailable.
    ///
    /// ## What it means
    /// The probe checks that seccomp filter mode is available with the `KILL_PROCESS`, `ERRNO` and
    /// `ALLOW` actions; without them the seccomp layer cannot be applied and the run is refused
    /// (exit 125). It appears only on kernels built without seccomp filters, which cannot be
    /// reproduced on a machine that has them.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run policy.json
    /// mxcc-run: error[MX6002]: seccomp filters are not available
    ///   help: the filter needs SECCOMP_RET_KILL_PROCESS, ERRNO and ALLOW
    /// ```
    ///
    /// ## What to do
    /// Run on a kernel with `CONFIG_SECCOMP_FILTER`.
    SECCOMP = "MX6002", "kernel-seccomp", Error;

    /// Unprivileged user namespaces cannot be created.
    ///
    /// ## What it means
    /// The sandbox is built inside a new user namespace (with pid, ipc, uts and mount namespaces), so
    /// the executor needs no privileges. When the probe finds user namespaces disabled, or creating
    /// them fails with `EPERM` or `ENOSPC`, the run is refused (exit 125). It appears only where
    /// `user.max_user_namespaces` is 0 or unprivileged user namespaces are restricted.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run policy.json
    /// mxcc-run: error[MX6003]: user namespaces cannot be created
    ///   help: enable `user.max_user_namespaces` (and unprivileged user namespaces)
    /// ```
    ///
    /// ## What to do
    /// Enable unprivileged user namespaces (`sysctl user.max_user_namespaces=...`, and the
    /// distribution's own switch such as `kernel.apparmor_restrict_unprivileged_userns=0`).
    USER_NAMESPACE = "MX6003", "user-namespace-unavailable", Error;

    /// A network namespace cannot be created, or `slirp4netns` is missing or failed.
    ///
    /// ## What it means
    /// A policy that denies the host loopback runs in its own network namespace; one that allows some
    /// egress also needs `slirp4netns` (looked up in `/usr/bin`, `/usr/sbin`, `/bin`, `/sbin` and
    /// `/usr/local`) to connect that namespace. When either is missing, or `slirp4netns` fails to
    /// start, the run is refused (exit 125). It cannot be reproduced where both are available.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run net.json
    /// mxcc-run: error[MX6004]: `slirp4netns` is not installed
    ///   help: install slirp4netns; allowed egress needs it
    /// ```
    ///
    /// ## What to do
    /// Install `slirp4netns`, and allow network namespaces for unprivileged users.
    NET_NAMESPACE = "MX6004", "net-namespace-unavailable", Error;

    /// `nft` is missing, or the nftables ruleset did not load inside the sandbox's namespace.
    ///
    /// ## What it means
    /// Allowed egress is filtered by `nftables.nft`, loaded with `nft` inside the sandbox's network
    /// namespace before the command starts. Without `nft`, or when loading or listing the ruleset
    /// fails, the run is refused (exit 125) rather than run unfiltered. It cannot be reproduced where
    /// `nft` is installed and works.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run net.json
    /// mxcc-run: error[MX6005]: `nft` is not installed
    ///   help: install nftables; egress filtering needs it
    /// ```
    ///
    /// ## What to do
    /// Install nftables (`nft`); if it is installed, run `nft -f nftables.nft` by hand to see why
    /// the ruleset does not load.
    NFTABLES = "MX6005", "nftables-unavailable", Error;

    /// Pid, mount, ipc or uts namespaces cannot be created.
    ///
    /// ## What it means
    /// The sandbox gets its own process tree, mount table, IPC and host name. When the probe finds
    /// these namespaces disabled, the run is refused (exit 125). It appears only on kernels or
    /// containers that disable them.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run policy.json
    /// mxcc-run: error[MX6006]: pid, mount, ipc or uts namespaces are disabled
    /// ```
    ///
    /// ## What to do
    /// Run on a host (or in a container) that allows creating these namespaces.
    NAMESPACE = "MX6006", "namespace-unavailable", Error;

    /// The policy cannot be read, has errors, or the compiler withheld its artifacts.
    ///
    /// ## What it means
    /// `mxcc run` runs the whole frontend (without lints) and refuses a policy with any error, listing
    /// the codes; it also refuses when `report.json` of `--artifacts` says an artifact was withheld.
    /// An unreadable policy file exits 2 before anything runs; other refusals exit 125.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run bad-policy.json
    /// mxcc-run: error[MX6010]: `bad-policy.json` has errors: MX1102: `filesystem.readwritePaths` must be an array or `null`, not a string
    ///   help: run `mxcc check` on the policy
    /// ```
    ///
    /// ## What to do
    /// Run `mxcc check` (and `mxcc compile`) on the policy and fix what they report.
    POLICY = "MX6010", "policy-rejected", Error;

    /// An artifact is missing, unreadable, malformed, or compiled from another version of the policy.
    ///
    /// ## What it means
    /// With `--artifacts DIR` the executor reads `landlock.json`, `seccomp.bpf`, `report.json` and,
    /// when the policy uses the network, `nftables.nft`. A missing or malformed file, or a
    /// `report.json` that records a different SHA-256 of the policy bytes, refuses the run (exit 125;
    /// exit 2 when DIR is not a directory). Artifacts withheld by `mxcc compile` are missing too.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run run.json --artifacts arts
    /// mxcc-run: error[MX6011]: the artifacts were compiled from another version of the policy (sha256 cede17d9331e83c9e3854ac05b3612b8b4604171d8ecf709c8471d9e4457ceaf, the policy is 27c2e6b0805a27dee2fdbd7b8c2418790d9e9e454080b23248e01bba98b887eb)
    ///   help: compile the artifacts again from this policy
    /// ```
    ///
    /// ## What to do
    /// Compile again from this policy: `mxcc compile --target all-linux --out DIR policy.json`, and
    /// fix what it refuses if an artifact is missing.
    ARTIFACT = "MX6011", "artifact-unreadable", Error;

    /// An artifact has a format version this executor does not read.
    ///
    /// ## What it means
    /// `landlock.json` carries a `format_version`; an executor reads only the version it was built
    /// for, so artifacts from another mxcc release are refused (exit 125) rather than misread.
    ///
    /// ## Example
    /// ```text
    /// $ sed -i 's/"format_version": 1/"format_version": 2/' arts3/landlock.json
    /// $ mxcc run later.json --artifacts arts3
    /// mxcc-run: error[MX6012]: `landlock.json` has format version Some(2); this executor reads 1
    /// ```
    ///
    /// ## What to do
    /// Compile the artifacts with the same mxcc that runs them.
    ARTIFACT_VERSION = "MX6012", "artifact-version", Error;

    /// A path the landlock ruleset grants does not exist (or cannot be opened) at run time.
    ///
    /// ## What it means
    /// Landlock can only grant a path it can open. When `mxcc run` compiles the policy itself (or
    /// `mxcc compile --assume-host current` does), grants of missing paths are dropped (MX5035), so
    /// this appears with `--artifacts` compiled without examining the paths, or when a path is
    /// removed after compiling. The run is refused (exit 125).
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run later.json --emit-artifacts arts && rmdir later
    /// $ mxcc run later.json --artifacts arts
    /// mxcc-run: error[MX6013]: `/tmp/cd456/later` (`filesystem.readonlyPaths[0]`) does not exist
    ///   help: create it before running or remove it from the policy
    /// ```
    ///
    /// ## What to do
    /// Create the path before running, or remove it from the policy and compile again.
    MISSING_PATH = "MX6013", "runtime-missing-path", Error;

    /// The policy is lowered for another platform than Linux.
    ///
    /// ## What it means
    /// The executor enforces Linux artifacts only. `mxcc run` itself always lowers the policy for
    /// Linux, so it never reports this code (a `seatbelt` policy is run with Linux semantics); only a
    /// caller of the executor library that passes a policy lowered for macOS or Windows sees it.
    ///
    /// ## Example
    /// ```text
    /// (not emitted by `mxcc run`, which lowers every policy for Linux; the library message is:)
    /// error[MX6014]: the policy is lowered for `macos`, not linux
    /// ```
    ///
    /// ## What to do
    /// Run macOS and Windows policies with MXC on their own platform.
    PLATFORM = "MX6014", "executor-wrong-platform", Error;

    /// There is no command to run.
    ///
    /// ## What it means
    /// Without a command after `--`, `mxcc run` runs `process.commandLine` through `sh -c`, as MXC
    /// does. A policy that passes the frontend without one (a state-aware request such as a
    /// `provision` phase) leaves nothing to run, and the run is refused (exit 125).
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run corpus/isolation-session-provision/policy.json
    /// mxcc-run: error[MX6015]: there is no command to run
    ///   help: set `process.commandLine` or pass one after `--`
    /// ```
    ///
    /// ## What to do
    /// Pass the command after `--` (`mxcc run policy.json -- make test`) or set `process.commandLine`.
    NO_COMMAND = "MX6015", "no-command", Error;

    /// The working directory does not exist, or has no fixed host location.
    ///
    /// ## What it means
    /// `process.cwd` is used verbatim, as MXC does; a `~` path needs `HOME`. A missing directory, or
    /// one that cannot be resolved to a host path, refuses the run (exit 125) instead of starting the
    /// command somewhere else.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run cwd.json
    /// mxcc-run: error[MX6016]: the working directory `/tmp/cd456/gone` does not exist
    /// ```
    ///
    /// ## What to do
    /// Create the directory, or fix `process.cwd`.
    CWD = "MX6016", "working-directory", Error;

    /// A construct that the artifacts leave unenforced is not closed by any layer the executor applies.
    ///
    /// ## What it means
    /// Artifacts compiled with `--allow-gaps` can record refusals in `report.json`. The executor
    /// closes some of them itself (metadata through its mount view, network protocols through its
    /// network plan); any other gap refuses the run (exit 125), since running would enforce less
    /// than the policy.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --platform linux --target all-linux --allow-gaps --out t1 tilde.json
    /// $ mxcc run tilde.json --artifacts t1
    /// mxcc-run: error[MX6017]: `filesystem.readonlyPaths[0]` is not enforced by any layer this executor applies: `~/.config/tool` has no fixed host location
    ///   help: target `landlock`, MX5002; fix the policy or the target
    /// ```
    ///
    /// ## What to do
    /// Fix the construct the named MX5xxx code reports, then compile without `--allow-gaps`.
    GAP = "MX6017", "unenforced-gap", Error;

    /// The command was not found on the policy's `PATH`, or inside the sandbox.
    ///
    /// ## What it means
    /// A command name without `/` is looked up in the `PATH` of `process.env` (default
    /// `/usr/local/bin:/usr/bin:/bin`); `execve` failing with `ENOENT` inside the sandbox (the binary
    /// is outside the sandbox's view) is reported with the same code. The exit status is 127, as a shell's.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run run.json -- no-such-tool --version
    /// mxcc-run: error[MX6018]: `no-such-tool` is not on the sandbox's PATH `/usr/local/bin:/usr/bin:/bin`
    /// ```
    ///
    /// ## What to do
    /// Install the command, set `PATH` in `process.env`, or grant the directory that holds it.
    COMMAND_NOT_FOUND = "MX6018", "command-not-found", Error;

    /// Creating the sandbox process, or a step of setting it up, failed.
    ///
    /// ## What it means
    /// Covers the system calls around the namespaces: `clone` (other than `EPERM`/`ENOSPC`, which are
    /// MX6003), writing `setgroups` and the uid/gid maps, pipes, `pidfd_open` (needed to enforce the
    /// timeout), and the child's `setsid`, `chdir` and descriptor closing. The run is refused or
    /// aborted (exit 125). It appears only on unusual kernel or resource failures.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run policy.json
    /// mxcc-run: error[MX6020]: cannot create the sandbox namespaces: <OS error>
    /// ```
    ///
    /// ## What to do
    /// Read the OS error; check process limits (`ulimit -u`) and that `/proc` is mounted.
    SPAWN = "MX6020", "spawn-failed", Error;

    /// A mount step of the sandbox's filesystem view failed.
    ///
    /// ## What it means
    /// The executor builds a new root on tmpfs with the policy's paths bound into it, a private
    /// `/proc`, a minimal `/dev` and `/tmp`, and masks for denied paths. A mount that fails, or a mask
    /// mount point that cannot be created, aborts the run (exit 125) instead of running with a partial
    /// view. It appears on hosts whose mount restrictions forbid these mounts in a user namespace.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run policy.json
    /// mxcc-run: error[MX6021]: mount step `<step>` failed: <OS error>
    /// ```
    ///
    /// ## What to do
    /// Check the failing step with `mxcc run --dry-run`, which prints every mount.
    MOUNT = "MX6021", "mount-failed", Error;

    /// Dropping capabilities or setting `no_new_privs` failed.
    ///
    /// ## What it means
    /// Before landlock and seccomp, the child drops every capability (bounding, ambient, effective,
    /// permitted, inheritable) and sets `PR_SET_NO_NEW_PRIVS`. If either fails, the run is aborted
    /// (exit 125). It does not occur on a normal Linux kernel.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run policy.json
    /// mxcc-run: error[MX6022]: NoNewPrivs failed: <OS error>
    /// ```
    ///
    /// ## What to do
    /// Report it with the kernel version; the command was not started.
    PRIVILEGES = "MX6022", "privilege-drop-failed", Error;

    /// Landlock refused the ruleset, a rule, or `restrict_self`.
    ///
    /// ## What it means
    /// The probe passed, but creating the ruleset, adding a path or port rule, or restricting the
    /// process failed. The run is aborted (exit 125); the command never runs without landlock. A
    /// path that cannot be opened for its rule is MX6013 instead.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run policy.json
    /// mxcc-run: error[MX6023]: landlock refused the ruleset at LandlockAdd (`<path>`): <OS error>
    /// ```
    ///
    /// ## What to do
    /// Check the kernel's landlock support and the path named; report it if the kernel is recent.
    LANDLOCK_APPLY = "MX6023", "landlock-apply-failed", Error;

    /// The kernel refused the seccomp filter.
    ///
    /// ## What it means
    /// The filter is installed last, just before `execve`. If the kernel rejects it (for example a
    /// filter from another architecture), the run is aborted (exit 125).
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run policy.json
    /// mxcc-run: error[MX6024]: the kernel refused the seccomp filter: <OS error>
    /// ```
    ///
    /// ## What to do
    /// Compile the artifacts for the machine's architecture; report it otherwise.
    SECCOMP_APPLY = "MX6024", "seccomp-apply-failed", Error;

    /// The re-check just before `execve` found a layer missing.
    ///
    /// ## What it means
    /// After applying every layer the child reads its own status: `NoNewPrivs` must be 1, `Seccomp`
    /// must be 2 (filter mode) and no capability may remain. If any is wrong, the command is not
    /// executed (exit 125).
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run policy.json
    /// mxcc-run: error[MX6025]: re-check before exec failed: the seccomp filter is not active
    /// ```
    ///
    /// ## What to do
    /// Report it with the kernel version; the command was not started.
    VERIFY = "MX6025", "layer-recheck-failed", Error;

    /// `execve` of the command failed inside the sandbox.
    ///
    /// ## What it means
    /// Everything was applied, but the kernel refused to execute the command: it is not executable,
    /// landlock does not grant execute on it, or its interpreter is missing. The exit status is 126,
    /// as a shell's. A missing command is MX6018 (127).
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run run.json -- /tmp/cd456/app/script.sh
    /// mxcc-run: error[MX6026]: cannot execute `/tmp/cd456/app/script.sh` in the sandbox: Permission denied (os error 13)
    /// ```
    ///
    /// ## What to do
    /// Make the file executable, and make sure the policy grants read access to its directory.
    EXEC = "MX6026", "exec-failed", Error;

    /// The command ran longer than `process.timeout` and was killed with its whole process tree.
    ///
    /// ## What it means
    /// The executor enforces `process.timeout` (milliseconds; 0 is unlimited) by killing the
    /// command and every process it started in the sandbox. The exit status is 124, as `timeout(1)`'s.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run slow.json
    /// mxcc-run: error[MX6030]: the command ran longer than `process.timeout` (1000 ms) and was killed with its process tree
    /// ```
    ///
    /// ## What to do
    /// Raise `process.timeout`, or find out why the command hangs.
    TIMEOUT = "MX6030", "timeout-expired", Error;

    /// The runtime baseline grants read and execute access beyond the policy.
    ///
    /// ## What it means
    /// Like MXC's bubblewrap backend, the executor makes the system directories (`/usr`, `/etc`,
    /// `/lib`, ...) readable and executable, with a private `/proc`, `/tmp` and the usual devices, so
    /// that `sh -c` can start. It prints this note on stderr before each run; `mxcc --quiet run`
    /// (or `mxcc-run --quiet`) leaves it out.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc run run.json
    /// mxcc-run: note[MX6040]: MXC's runtime baseline is readable and executable: /bin, /sbin, /lib, /lib64, /usr/bin, /usr/sbin, /usr/lib, /usr/lib64, /usr/libexec, /usr/share, /etc, private /proc, /tmp and devices
    /// hello
    /// ```
    ///
    /// ## What to do
    /// Nothing; pass `--no-baseline` to grant only the policy's paths (the command must then find
    /// `sh` and its libraries through them).
    BASELINE = "MX6040", "runtime-baseline-read", Info;

    /// Retired, never emitted: landlock alone does not hide the metadata (`stat`) of unlisted paths.
    ///
    /// ## What it means
    /// The executor used to note that `stat` of unlisted paths still works under landlock. Its mount
    /// view now holds only the granted paths, so others do not exist in the sandbox and the note was
    /// dropped. The code is kept because codes are never reused.
    ///
    /// ## Example
    /// ```text
    /// (never emitted; kept because codes are never reused)
    /// ```
    ///
    /// ## What to do
    /// Nothing.
    METADATA = "MX6041", "metadata-visible-retired", Info;
}
