//! The Linux enforcement executor behind `mxcc run`.
//!
//! [`plan`] turns a policy and its compiled artifacts (from [`targets::compile`] or a directory
//! written by `mxcc compile`) into a [`Plan`]: every step the executor takes, printable for
//! `--dry-run`. [`run`] probes the kernel, refuses with an MX6xxx code when anything the plan
//! relies on is missing, and otherwise starts the command confined, in this order:
//!
//! 1. `clone` into new user, pid, ipc, uts, mount and network namespaces (always a network
//!    namespace: in the host's, abstract UNIX sockets bound inside would be reachable from the
//!    host and `/proc/net` would list the host's connections); the parent writes the uid and
//!    gid maps (the caller's ids, as MXC's bubblewrap backend does);
//! 2. when the policy uses the network, the parent connects the namespace with `slirp4netns`
//!    and loads `nftables.nft` inside it, before the child continues (otherwise it has
//!    loopback only);
//! 3. the child makes every mount private and builds the sandbox's filesystem view the way
//!    bubblewrap does: a new root on tmpfs holding read-only or read-write binds of exactly the
//!    granted paths and the runtime baseline, the masks (denied paths nested in grants, denied
//!    paths under the baseline), a private `/proc`, a minimal `/dev` (with private `/dev/shm`
//!    and `/dev/pts`) and a private `/tmp` limited in size; then
//!    `pivot_root` and the host's mount tree is detached, so paths outside the grants do not
//!    exist inside the sandbox (this closes what landlock cannot mediate, such as `connect` to
//!    a pathname UNIX socket before ABI 9, and hides the metadata of unlisted paths);
//! 4. `chdir`, then every capability is dropped (bounding set, ambient, effective, permitted,
//!    inheritable), then `PR_SET_NO_NEW_PRIVS`;
//! 5. landlock `restrict_self` with the compiled ruleset (missing paths refuse the run);
//! 6. the seccomp filter, last;
//! 7. the child re-checks what it applied (`PR_GET_NO_NEW_PRIVS`, `PR_GET_SECCOMP` = 2, no
//!    capabilities), waits for the parent's second go byte (sent only once the caller's gate,
//!    in `mxcc-run` the full frontend's verdict on the policy, has passed) and `execve`s the
//!    command with the policy's environment only.
//!
//! Standard descriptors that name host files or directories are replaced by pipes the
//! executor relays (the `relay` module), so the command never holds a host descriptor
//! the policy does not grant.
//!
//! The child is pid 1 of its pid namespace: when it exits or the timeout kills it, the kernel
//! kills every process left in the namespace, so nothing outlives the run.
//!
//! Each layer and what it proves is listed in `exec/README.md`.

#![allow(
    unsafe_code,
    reason = "raw landlock, seccomp, clone and mount syscalls have no safe wrapper"
)]

pub mod artifacts;
pub mod command;
pub mod error;
pub mod frontend;
pub mod net;
pub mod plan;
pub mod probe;
pub(crate) mod relay;
pub mod spawn;
pub mod symlinks;
pub(crate) mod sys;

pub use artifacts::{ArtifactSource, Artifacts};
pub use error::{RunError, codes};
pub use frontend::{PendingPolicy, policy_from_source};
pub use plan::{Plan, plan};
pub use probe::{Probe, ProbeOverride};

/// Options of one run.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Lower what the probe reports (never raise it): used to test that the executor fails
    /// closed on a weaker kernel.
    pub probe_override: ProbeOverride,
    /// Leave out MXC's read-only runtime baseline (`/usr`, `/etc`, ...): only the policy's paths
    /// are granted.
    pub no_baseline: bool,
    /// The home directory `~` resolves to; defaults to `$HOME`.
    pub home_dir: Option<String>,
}

/// Plans and runs a command (or `process.commandLine` through `sh -c`) under a policy and its
/// artifacts. Returns the command's exit status (128 + signal number when a signal ended it).
pub fn run(
    policy: &ir::Policy,
    artifacts: &Artifacts,
    command: Option<Vec<String>>,
    opts: &RunOptions,
) -> Result<i32, RunError> {
    let plan = plan(policy, artifacts, command, opts)?;
    run_plan(&plan, opts)
}

/// Probes the kernel, refuses when it offers less than the plan relies on, then runs the plan.
pub fn run_plan(plan: &Plan, opts: &RunOptions) -> Result<i32, RunError> {
    run_plan_gated(plan, opts, || Ok(()))
}

/// [`run_plan`], where `gate` runs while the sandbox is being set up (after `clone`, before
/// `execve`) and decides whether the command starts: on an error the sandbox is killed before
/// the command runs. `mxcc-run` passes the full frontend's verdict on the policy here.
pub fn run_plan_gated(
    plan: &Plan,
    opts: &RunOptions,
    gate: impl FnOnce() -> Result<(), RunError>,
) -> Result<i32, RunError> {
    let probe = Probe::detect(&opts.probe_override);
    plan.check_against(&probe)?;
    spawn::run(plan, probe.cap_last_cap, gate)
}
