//! The network layer: slirp4netns connects the sandbox's network namespace to the host, and
//! `nftables.nft` is loaded inside that namespace before the command starts.

use std::io::Write;
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};

use crate::error::{RunError, codes};
use crate::probe::which;
use crate::sys;

/// `CAP_NET_ADMIN`.
const CAP_NET_ADMIN: u32 = 12;

/// Starts slirp4netns for the namespace of `pid` and waits until the interface is up.
pub fn start_slirp(pid: libc::pid_t, host_loopback: bool) -> Result<Child, RunError> {
    let bin = which("slirp4netns")
        .ok_or_else(|| RunError::new(codes::NET_NAMESPACE, "`slirp4netns` is not installed"))?;
    let fail = |m: String| RunError::new(codes::NET_NAMESPACE, m);
    let (ready_r, ready_w) = sys::pipe().map_err(|e| fail(format!("pipe: {e}")))?;
    let mut cmd = Command::new(bin);
    cmd.arg("--configure")
        .arg("--mtu=65520")
        .arg("--disable-dns");
    if !host_loopback {
        cmd.arg("--disable-host-loopback");
    }
    cmd.arg(format!("--userns-path=/proc/{pid}/ns/user"))
        .arg("--ready-fd=3")
        .arg(pid.to_string())
        .arg("tap0")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // SAFETY: dup2 is async-signal-safe; the closure only moves the ready pipe to fd 3.
    unsafe {
        cmd.pre_exec(move || {
            if libc::dup2(ready_w, 3) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let spawned = cmd.spawn();
    sys::close(ready_w);
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) => {
            sys::close(ready_r);
            return Err(fail(format!("cannot start slirp4netns: {e}")));
        }
    };
    let mut byte = [0u8; 1];
    let n = sys::read_full(ready_r, &mut byte).unwrap_or(0);
    sys::close(ready_r);
    if n != 1 {
        let _ = child.kill();
        let out = child
            .wait_with_output()
            .map(|o| String::from_utf8_lossy(&o.stderr).into_owned());
        return Err(fail(format!(
            "slirp4netns did not configure the namespace: {}",
            out.unwrap_or_default().trim()
        )));
    }
    Ok(child)
}

/// Loads the ruleset with `nft -f -` inside the user and network namespaces of `pid`, then
/// reads it back to check that the table exists.
pub fn load_nft(pid: libc::pid_t, ruleset: &str) -> Result<(), RunError> {
    let fail = |m: String| RunError::new(codes::NFTABLES, m);
    nft(pid, &["-f", "-"], Some(ruleset))
        .map_err(|e| fail(format!("loading nftables.nft failed: {e}")))?;
    let listed = nft(pid, &["list", "table", "inet", "mxcc"], None)
        .map_err(|e| fail(format!("nftables.nft did not load: {e}")))?;
    if !listed.contains("chain egress") {
        return Err(fail(
            "the `mxcc` table has no egress chain after loading".to_owned(),
        ));
    }
    Ok(())
}

fn nft(pid: libc::pid_t, args: &[&str], input: Option<&str>) -> Result<String, String> {
    let bin = which("nft").ok_or("`nft` is not installed")?;
    let user = std::fs::File::open(format!("/proc/{pid}/ns/user")).map_err(|e| e.to_string())?;
    let netns = std::fs::File::open(format!("/proc/{pid}/ns/net")).map_err(|e| e.to_string())?;
    let (user_fd, net_fd) = (user.as_raw_fd(), netns.as_raw_fd());
    let root = sys::euid() == 0;
    let mut cmd = Command::new(bin);
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: setns, capget/capset and prctl are async-signal-safe system calls on descriptors
    // opened before the fork.
    unsafe {
        cmd.pre_exec(move || {
            if libc::setns(user_fd, libc::CLONE_NEWUSER) < 0
                || libc::setns(net_fd, libc::CLONE_NEWNET) < 0
            {
                return Err(std::io::Error::last_os_error());
            }
            if !root {
                sys::raise_ambient(CAP_NET_ADMIN).map_err(std::io::Error::from_raw_os_error)?;
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().map_err(|e| e.to_string())?;
    if let Some(mut stdin) = child.stdin.take()
        && let Some(text) = input
    {
        stdin
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_owned());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
