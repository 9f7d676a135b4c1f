//! The kernel probe: what this machine can enforce, measured before every run.
//!
//! The probe asks the kernel directly: the landlock ABI through
//! `landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION)`, seccomp through
//! `prctl(PR_GET_SECCOMP)` and the actions the kernel lists as available, namespaces through
//! the sysctls that disable them, and the helper binaries on `PATH`. An override can only make
//! the probe report less (a missing feature), never more, so it cannot weaken a run.

use std::path::PathBuf;

use crate::sys;

/// Lowers what the probe reports, to test the refusal paths.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProbeOverride {
    /// Report at most this landlock ABI (0 = landlock missing).
    pub landlock_abi: Option<u8>,
    /// Report seccomp as missing.
    pub no_seccomp: bool,
    /// Report user namespaces as missing.
    pub no_user_namespaces: bool,
}

/// The environment variable the `mxcc-run` binary reads into [`ProbeOverride::landlock_abi`].
pub const FAKE_LANDLOCK_ABI_ENV: &str = "MXCC_EXEC_PROBE_LANDLOCK_ABI";

/// What the kernel offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Probe {
    /// 0 when landlock is missing or disabled.
    pub landlock_abi: u8,
    pub seccomp_filter: bool,
    /// `SECCOMP_RET_*` actions the kernel can return (`/proc/sys/kernel/seccomp/actions_avail`).
    pub seccomp_actions: Vec<String>,
    pub user_namespaces: bool,
    pub net_namespaces: bool,
    pub pid_namespaces: bool,
    pub slirp4netns: Option<PathBuf>,
    pub nft: Option<PathBuf>,
    /// `/proc/sys/kernel/cap_last_cap`.
    pub cap_last_cap: u32,
}

fn sysctl(path: &str) -> Option<String> {
    std::fs::read_to_string(path)
        .ok()
        .map(|s| s.trim().to_owned())
}

fn nonzero(path: &str) -> bool {
    sysctl(path)
        .and_then(|s| s.parse::<u64>().ok())
        .is_some_and(|n| n > 0)
}

/// Finds a helper binary in the usual system directories (never in the policy's `PATH`).
pub fn which(name: &str) -> Option<PathBuf> {
    [
        "/usr/bin",
        "/usr/sbin",
        "/bin",
        "/sbin",
        "/usr/local/bin",
        "/usr/local/sbin",
    ]
    .iter()
    .map(|d| PathBuf::from(d).join(name))
    .find(|p| p.is_file())
}

impl Probe {
    pub fn detect(over: &ProbeOverride) -> Probe {
        let mut landlock_abi = sys::landlock_abi();
        if let Some(cap) = over.landlock_abi {
            landlock_abi = landlock_abi.min(cap);
        }
        let seccomp_filter = !over.no_seccomp && sys::seccomp_available();
        let seccomp_actions = sysctl("/proc/sys/kernel/seccomp/actions_avail")
            .map(|s| s.split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default();
        // Debian's `kernel.unprivileged_userns_clone` and Ubuntu's AppArmor restriction only
        // matter without privileges; root is checked by `max_user_namespaces` alone.
        let unprivileged_ok = sys::euid() == 0
            || (sysctl("/proc/sys/kernel/unprivileged_userns_clone").is_none_or(|s| s != "0")
                && sysctl("/proc/sys/kernel/apparmor_restrict_unprivileged_userns")
                    .is_none_or(|s| s == "0"));
        let user_namespaces = !over.no_user_namespaces
            && nonzero("/proc/sys/user/max_user_namespaces")
            && unprivileged_ok;
        Probe {
            landlock_abi,
            seccomp_filter,
            seccomp_actions,
            user_namespaces,
            net_namespaces: nonzero("/proc/sys/user/max_net_namespaces"),
            pid_namespaces: nonzero("/proc/sys/user/max_pid_namespaces")
                && nonzero("/proc/sys/user/max_mnt_namespaces")
                && nonzero("/proc/sys/user/max_ipc_namespaces")
                && nonzero("/proc/sys/user/max_uts_namespaces"),
            slirp4netns: which("slirp4netns"),
            nft: which("nft"),
            cap_last_cap: sysctl("/proc/sys/kernel/cap_last_cap")
                .and_then(|s| s.parse().ok())
                .unwrap_or(63),
        }
    }
}
