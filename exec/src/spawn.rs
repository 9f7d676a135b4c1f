//! Starting the command: `clone` into namespaces, the parent's setup (id maps, network), the
//! child's setup (mounts, privileges, landlock, seccomp, re-check), `execve`, and supervision
//! (exit status, timeout, cleanup).
//!
//! Everything the child needs is computed before `clone` ([`Child`]); between `clone` and
//! `execve` the child only makes system calls on that data, writes a fixed-size error record
//! on failure and exits, so the executor stays correct even when called from a threaded
//! program.

use std::ffi::{CString, c_char};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use libc::c_int;

use crate::artifacts::{FILE_RIGHTS, MaskKind, SockFilter};
use crate::error::{RunError, codes};
use crate::net;
use crate::plan::{NetPlan, Plan};
use crate::sys::{self, RulesetAttr};

/// The steps of the child, as reported in an error record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
enum Step {
    Sync = 1,
    Setsid,
    Mount,
    Chdir,
    Capabilities,
    NoNewPrivs,
    LandlockCreate,
    LandlockPath,
    LandlockAdd,
    LandlockPort,
    LandlockRestrict,
    Seccomp,
    Verify,
    Exec,
    CloseFds,
}

impl Step {
    fn from_u32(n: u32) -> Option<Step> {
        const ALL: [Step; 15] = [
            Step::Sync,
            Step::Setsid,
            Step::Mount,
            Step::Chdir,
            Step::Capabilities,
            Step::NoNewPrivs,
            Step::LandlockCreate,
            Step::LandlockPath,
            Step::LandlockAdd,
            Step::LandlockPort,
            Step::LandlockRestrict,
            Step::Seccomp,
            Step::Verify,
            Step::Exec,
            Step::CloseFds,
        ];
        ALL.into_iter().find(|s| *s as u32 == n)
    }
}

/// One mount operation of the child, in order.
#[derive(Debug)]
enum MountOp {
    /// `mount --make-rprivate /`.
    Private,
    /// A fresh procfs for the new pid namespace.
    Proc,
    /// A private tmpfs on `/tmp`.
    Tmp,
    /// Opens a host path (before any mask hides it) into source slot `slot`.
    OpenSource { path: CString, slot: usize },
    /// Creates a missing mount point as an empty directory.
    Ghost { path: CString },
    /// Binds a directory onto itself (recursively), making it a mount point.
    Pin { target: CString },
    /// An empty tmpfs, remounted read-only at the end.
    DenyDir { target: CString },
    /// `/dev/null` bound read-only over a file.
    DenyFile { target: CString },
    /// Binds source slot `slot` onto `target`, read-only or not.
    Bind {
        slot: usize,
        target: CString,
        read_only: bool,
    },
    /// Remounts a deny tmpfs read-only (after every deeper mount is in place).
    RemountRo { target: CString },
}

/// Everything the child needs, computed before `clone`.
struct Child {
    sync_r: c_int,
    err_w: c_int,
    mounts: Vec<MountOp>,
    sources: Vec<c_int>,
    cwd: CString,
    cap_last_cap: u32,
    attr: RulesetAttr,
    /// Paths with the rights for a directory and for a file.
    paths: Vec<(CString, u64, u64)>,
    ports: Vec<(u16, u64)>,
    seccomp: Vec<SockFilter>,
    exe: CString,
    _argv: Vec<CString>,
    argv_ptrs: Vec<*const c_char>,
    _envp: Vec<CString>,
    envp_ptrs: Vec<*const c_char>,
}

fn cstr(s: &str) -> Result<CString, RunError> {
    CString::new(s).map_err(|_| RunError::new(codes::ARTIFACT, format!("`{s}` contains NUL")))
}

fn cpath(p: &Path) -> Result<CString, RunError> {
    CString::new(p.as_os_str().as_bytes())
        .map_err(|_| RunError::new(codes::ARTIFACT, format!("`{}` contains NUL", p.display())))
}

fn mount_ops(plan: &Plan) -> Result<(Vec<MountOp>, usize), RunError> {
    let mut ops = vec![MountOp::Private, MountOp::Proc];
    if plan.private_tmp {
        ops.push(MountOp::Tmp);
    }
    let mut slots = 0;
    let mut binds = Vec::new();
    for m in &plan.masks {
        if m.kind != MaskKind::Denied {
            ops.push(MountOp::OpenSource {
                path: cstr(&m.path)?,
                slot: slots,
            });
            binds.push(slots);
            slots += 1;
        }
    }
    for g in &plan.ghosts {
        ops.push(MountOp::Ghost { path: cpath(g)? });
    }
    for p in &plan.pins {
        ops.push(MountOp::Pin { target: cstr(p)? });
    }
    let mut remount = Vec::new();
    let mut next = binds.into_iter();
    for m in &plan.masks {
        let target = cstr(&m.path)?;
        match m.kind {
            MaskKind::Denied => {
                let is_file = std::fs::metadata(&m.path).is_ok_and(|md| !md.is_dir());
                if is_file {
                    ops.push(MountOp::DenyFile { target });
                } else {
                    remount.push(MountOp::RemountRo {
                        target: target.clone(),
                    });
                    ops.push(MountOp::DenyDir { target });
                }
            }
            MaskKind::ReadOnly | MaskKind::ReadWrite => {
                let slot = next.next().unwrap_or_default();
                ops.push(MountOp::Bind {
                    slot,
                    target,
                    read_only: m.kind == MaskKind::ReadOnly,
                });
            }
        }
    }
    ops.extend(remount);
    Ok((ops, slots))
}

fn prepare(plan: &Plan, cap_last_cap: u32, sync_r: c_int, err_w: c_int) -> Result<Child, RunError> {
    let (mounts, slots) = mount_ops(plan)?;
    let ll = &plan.landlock;
    let mut paths = Vec::new();
    for r in &ll.paths {
        let dir = r.access & ll.handled_fs;
        paths.push((cstr(&r.path)?, dir, dir & FILE_RIGHTS));
    }
    let mut ports = Vec::new();
    for (right, lo, hi) in &ll.ports {
        for port in *lo..=*hi {
            ports.push((port, right & ll.handled_net));
        }
    }
    let argv: Vec<CString> = plan
        .argv
        .iter()
        .map(|a| cstr(a))
        .collect::<Result<_, _>>()?;
    let envp: Vec<CString> = plan
        .env
        .iter()
        .map(|(k, v)| cstr(&format!("{k}={v}")))
        .collect::<Result<_, _>>()?;
    let mut argv_ptrs: Vec<*const c_char> = argv.iter().map(|a| a.as_ptr()).collect();
    argv_ptrs.push(std::ptr::null());
    let mut envp_ptrs: Vec<*const c_char> = envp.iter().map(|a| a.as_ptr()).collect();
    envp_ptrs.push(std::ptr::null());
    Ok(Child {
        sync_r,
        err_w,
        mounts,
        sources: vec![-1; slots],
        cwd: cpath(&plan.cwd)?,
        cap_last_cap,
        attr: RulesetAttr {
            handled_access_fs: ll.handled_fs,
            handled_access_net: ll.handled_net,
            scoped: ll.scoped,
        },
        paths,
        ports,
        seccomp: plan.seccomp.clone(),
        exe: cpath(&plan.exe)?,
        _argv: argv,
        argv_ptrs,
        _envp: envp,
        envp_ptrs,
    })
}

/// Writes the error record and exits. Never returns.
fn fail(err_w: c_int, step: Step, errno: i32, index: usize) -> ! {
    let mut rec = [0u8; 12];
    let fields = [
        step as u32,
        errno as u32,
        u32::try_from(index).unwrap_or(u32::MAX),
    ];
    for (chunk, field) in rec.chunks_exact_mut(4).zip(fields) {
        chunk.copy_from_slice(&field.to_le_bytes());
    }
    let _ = sys::write_all(err_w, &rec);
    sys::exit(125)
}

/// `/proc/self/fd/N` in a stack buffer (no allocation in the child).
fn fd_path(fd: c_int, buf: &mut [u8; 32]) -> &std::ffi::CStr {
    const PREFIX: &[u8] = b"/proc/self/fd/";
    let mut digits = [0u8; 12];
    let mut n = fd.unsigned_abs();
    let mut len = 0;
    loop {
        if let Some(d) = digits.get_mut(len) {
            *d = b'0' + (n % 10) as u8;
        }
        len += 1;
        n /= 10;
        if n == 0 || len >= digits.len() {
            break;
        }
    }
    let mut pos = 0;
    for b in PREFIX
        .iter()
        .copied()
        .chain(digits.iter().take(len).rev().copied())
    {
        if let Some(slot) = buf.get_mut(pos) {
            *slot = b;
        }
        pos += 1;
    }
    if let Some(slot) = buf.get_mut(pos) {
        *slot = 0;
    }
    std::ffi::CStr::from_bytes_until_nul(buf.as_slice()).unwrap_or_default()
}

fn apply_mounts(c: &mut Child) -> Result<(), (i32, usize)> {
    let none = None;
    for (i, op) in c.mounts.iter().enumerate() {
        let r = match op {
            MountOp::Private => sys::mount(none, c"/", none, libc::MS_REC | libc::MS_PRIVATE, none),
            MountOp::Proc => sys::mount(
                Some(c"proc"),
                c"/proc",
                Some(c"proc"),
                libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC,
                none,
            ),
            MountOp::Tmp => sys::mount(
                Some(c"tmpfs"),
                c"/tmp",
                Some(c"tmpfs"),
                libc::MS_NOSUID | libc::MS_NODEV,
                Some(c"mode=1777"),
            ),
            MountOp::OpenSource { path, slot } => sys::open(path, libc::O_PATH).map(|fd| {
                if let Some(s) = c.sources.get_mut(*slot) {
                    *s = fd;
                }
            }),
            MountOp::Ghost { path } => {
                // SAFETY: the path is NUL-terminated.
                let ret = unsafe { libc::mkdir(path.as_ptr(), 0o000) };
                if ret == 0 || sys::errno() == libc::EEXIST {
                    Ok(())
                } else {
                    Err(sys::errno())
                }
            }
            MountOp::Pin { target } => sys::mount(
                Some(target),
                target,
                none,
                libc::MS_BIND | libc::MS_REC,
                none,
            ),
            MountOp::DenyDir { target } => sys::mount(
                Some(c"tmpfs"),
                target,
                Some(c"tmpfs"),
                libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC,
                Some(c"mode=000,size=16k,nr_inodes=64"),
            ),
            MountOp::DenyFile { target } => {
                sys::mount(Some(c"/dev/null"), target, none, libc::MS_BIND, none).and_then(|()| {
                    let flags = sys::locked_flags(target);
                    sys::mount(
                        none,
                        target,
                        none,
                        libc::MS_REMOUNT | libc::MS_BIND | libc::MS_RDONLY | flags,
                        none,
                    )
                })
            }
            MountOp::Bind {
                slot,
                target,
                read_only,
            } => {
                let fd = c.sources.get(*slot).copied().unwrap_or(-1);
                let mut buf = [0u8; 32];
                let src = fd_path(fd, &mut buf);
                // The target may be missing inside a deny tmpfs: create the mount point.
                if sys::open(target, libc::O_PATH).map(sys::close).is_err() {
                    if sys::is_dir_fd(fd) {
                        // SAFETY: the path is NUL-terminated.
                        unsafe { libc::mkdir(target.as_ptr(), 0o755) };
                    } else if let Ok(f) = sys::open(target, libc::O_CREAT | libc::O_WRONLY) {
                        sys::close(f);
                    }
                }
                sys::mount(Some(src), target, none, libc::MS_BIND | libc::MS_REC, none).and_then(
                    |()| {
                        if *read_only {
                            let flags = sys::locked_flags(target);
                            sys::mount(
                                none,
                                target,
                                none,
                                libc::MS_REMOUNT | libc::MS_BIND | libc::MS_RDONLY | flags,
                                none,
                            )
                        } else {
                            Ok(())
                        }
                    },
                )
            }
            MountOp::RemountRo { target } => sys::mount(
                none,
                target,
                none,
                libc::MS_REMOUNT
                    | libc::MS_RDONLY
                    | libc::MS_NOSUID
                    | libc::MS_NODEV
                    | libc::MS_NOEXEC,
                none,
            ),
        };
        r.map_err(|e| (e, i))?;
    }
    for fd in &c.sources {
        if *fd >= 0 {
            sys::close(*fd);
        }
    }
    Ok(())
}

fn apply_landlock(c: &Child) -> Result<(), (Step, i32, usize)> {
    let ruleset = sys::landlock_create(&c.attr).map_err(|e| (Step::LandlockCreate, e, 0))?;
    for (i, (path, dir_rights, file_rights)) in c.paths.iter().enumerate() {
        let fd = sys::open(path, libc::O_PATH).map_err(|e| (Step::LandlockPath, e, i))?;
        let rights = if sys::is_dir_fd(fd) {
            *dir_rights
        } else {
            *file_rights
        };
        let r = if rights == 0 {
            Ok(())
        } else {
            sys::landlock_add_path(ruleset, fd, rights)
        };
        sys::close(fd);
        r.map_err(|e| (Step::LandlockAdd, e, i))?;
    }
    for (i, (port, rights)) in c.ports.iter().enumerate() {
        if *rights != 0 {
            sys::landlock_add_port(ruleset, *port, *rights)
                .map_err(|e| (Step::LandlockPort, e, i))?;
        }
    }
    let r = sys::landlock_restrict(ruleset);
    sys::close(ruleset);
    r.map_err(|e| (Step::LandlockRestrict, e, 0))
}

/// The child: runs between `clone` and `execve`. Never returns.
fn child_main(c: &mut Child) -> ! {
    let err = c.err_w;
    // The command dies with the executor; a dead executor is also seen as end of file below.
    let _ = sys::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
    let mut go = [0u8; 1];
    match sys::read_full(c.sync_r, &mut go) {
        Ok(1) if go == [1] => {}
        Ok(_) => sys::exit(125),
        Err(e) => fail(err, Step::Sync, e, 0),
    }
    sys::close(c.sync_r);
    // SAFETY: setsid has no preconditions.
    if unsafe { libc::setsid() } < 0 {
        fail(err, Step::Setsid, sys::errno(), 0);
    }
    if let Err((e, i)) = apply_mounts(c) {
        fail(err, Step::Mount, e, i);
    }
    // SAFETY: the path is NUL-terminated.
    if unsafe { libc::chdir(c.cwd.as_ptr()) } < 0 {
        fail(err, Step::Chdir, sys::errno(), 0);
    }
    if let Err(e) = sys::drop_capabilities(c.cap_last_cap) {
        fail(err, Step::Capabilities, e, 0);
    }
    if let Err(e) = sys::prctl(libc::PR_SET_NO_NEW_PRIVS, 1) {
        fail(err, Step::NoNewPrivs, e, 0);
    }
    if let Err((step, e, i)) = apply_landlock(c) {
        fail(err, step, e, i);
    }
    // Descriptors inherited from the caller must not reach the command (an open directory
    // would bypass landlock): mark every one above stderr close-on-exec.
    // SAFETY: integer arguments only.
    let r = unsafe {
        libc::syscall(
            libc::SYS_close_range,
            3u32,
            u32::MAX,
            libc::CLOSE_RANGE_CLOEXEC,
        )
    };
    if r < 0 {
        fail(err, Step::CloseFds, sys::errno(), 0);
    }
    if let Err(e) = sys::seccomp_install(&c.seccomp) {
        fail(err, Step::Seccomp, e, 0);
    }
    let nnp = sys::prctl(libc::PR_GET_NO_NEW_PRIVS, 0);
    let mode = sys::prctl(libc::PR_GET_SECCOMP, 0);
    if nnp != Ok(1) {
        fail(err, Step::Verify, 0, 1);
    }
    if mode != Ok(2) {
        fail(err, Step::Verify, 0, 2);
    }
    if !sys::no_capabilities() {
        fail(err, Step::Verify, 0, 3);
    }
    // SAFETY: every pointer array is NULL-terminated and points into CStrings owned by `c`.
    unsafe { libc::execve(c.exe.as_ptr(), c.argv_ptrs.as_ptr(), c.envp_ptrs.as_ptr()) };
    fail(err, Step::Exec, sys::errno(), 0)
}

fn child_error(plan: &Plan, c: &Child, step: Step, errno: i32, index: usize) -> RunError {
    let os = std::io::Error::from_raw_os_error(errno);
    let path_of = |i: usize| {
        plan.landlock
            .paths
            .get(i)
            .map(|r| r.path.clone())
            .unwrap_or_default()
    };
    match step {
        Step::Mount => {
            let what = c
                .mounts
                .get(index)
                .map(|m| format!("{m:?}"))
                .unwrap_or_default();
            RunError::new(codes::MOUNT, format!("mount step `{what}` failed: {os}"))
        }
        Step::LandlockPath => RunError::new(
            codes::MISSING_PATH,
            format!("`{}` cannot be opened in the sandbox: {os}", path_of(index)),
        )
        .with_help("landlock cannot grant a missing path; the run is refused"),
        Step::LandlockCreate | Step::LandlockAdd | Step::LandlockPort | Step::LandlockRestrict => {
            RunError::new(
                codes::LANDLOCK_APPLY,
                format!(
                    "landlock refused the ruleset at {step:?} (`{}`): {os}",
                    path_of(index)
                ),
            )
        }
        Step::Seccomp => RunError::new(
            codes::SECCOMP_APPLY,
            format!("the kernel refused the seccomp filter: {os}"),
        ),
        Step::Verify => {
            let what = match index {
                1 => "no_new_privs is not set",
                2 => "the seccomp filter is not active",
                _ => "capabilities remain",
            };
            RunError::new(
                codes::VERIFY,
                format!("re-check before exec failed: {what}"),
            )
        }
        Step::Exec => {
            let code = if errno == libc::ENOENT {
                codes::COMMAND_NOT_FOUND
            } else {
                codes::EXEC
            };
            RunError::new(
                code,
                format!(
                    "cannot execute `{}` in the sandbox: {os}",
                    plan.exe.display()
                ),
            )
        }
        Step::Capabilities | Step::NoNewPrivs => {
            RunError::new(codes::PRIVILEGES, format!("{step:?} failed: {os}"))
        }
        Step::Sync | Step::Setsid | Step::Chdir | Step::CloseFds => RunError::new(
            codes::SPAWN,
            format!("sandbox setup step {step:?} failed: {os}"),
        ),
    }
}

fn write_file(path: &str, text: &str) -> Result<(), RunError> {
    std::fs::write(path, text)
        .map_err(|e| RunError::new(codes::SPAWN, format!("cannot write `{path}`: {e}")))
}

/// Runs the plan: the probe has been checked by the caller.
pub fn run(plan: &Plan) -> Result<i32, RunError> {
    let cap_last_cap = crate::probe::Probe::detect(&Default::default()).cap_last_cap;
    let spawn_err = |what: &str, e: i32| {
        RunError::new(
            codes::SPAWN,
            format!("{what}: {}", std::io::Error::from_raw_os_error(e)),
        )
    };
    let (sync_r, sync_w) = sys::pipe().map_err(|e| spawn_err("pipe", e))?;
    let (err_r, err_w) = sys::pipe().map_err(|e| spawn_err("pipe", e))?;
    let mut child = prepare(plan, cap_last_cap, sync_r, err_w)?;
    let mut flags = libc::CLONE_NEWUSER
        | libc::CLONE_NEWPID
        | libc::CLONE_NEWIPC
        | libc::CLONE_NEWUTS
        | libc::CLONE_NEWNS;
    if plan.net_namespace() {
        flags |= libc::CLONE_NEWNET;
    }
    let (uid, gid) = (sys::euid(), sys::egid());
    // SAFETY: a raw clone without CLONE_VM and with a NULL stack behaves like fork: the child
    // gets a copy of the address space and continues here. It only runs `child_main`, which
    // makes system calls on data prepared above and never returns.
    let pid = unsafe {
        libc::syscall(
            libc::SYS_clone,
            (flags | libc::SIGCHLD) as libc::c_ulong,
            0usize,
            0usize,
            0usize,
            0usize,
        )
    };
    if pid == 0 {
        child_main(&mut child);
    }
    sys::close(sync_r);
    sys::close(err_w);
    if pid < 0 {
        let e = sys::errno();
        sys::close(sync_w);
        sys::close(err_r);
        let code = if e == libc::EPERM || e == libc::ENOSPC {
            codes::USER_NAMESPACE
        } else {
            codes::SPAWN
        };
        return Err(RunError::new(
            code,
            format!(
                "cannot create the sandbox namespaces: {}",
                std::io::Error::from_raw_os_error(e)
            ),
        ));
    }
    let pid = pid as libc::pid_t;
    let mut guard = Guard {
        pid,
        slirp: None,
        ghosts: plan.ghosts.clone(),
        reaped: false,
    };
    let setup = (|| -> Result<(), RunError> {
        write_file(&format!("/proc/{pid}/setgroups"), "deny")?;
        write_file(&format!("/proc/{pid}/uid_map"), &format!("{uid} {uid} 1\n"))?;
        write_file(&format!("/proc/{pid}/gid_map"), &format!("{gid} {gid} 1\n"))?;
        if let NetPlan::Filtered { nft, host_loopback } = &plan.net {
            guard.slirp = Some(net::start_slirp(pid, *host_loopback)?);
            net::load_nft(pid, nft)?;
        }
        Ok(())
    })();
    if let Err(e) = setup {
        sys::close(sync_w);
        sys::close(err_r);
        return Err(e);
    }
    let sent = sys::write_all(sync_w, &[1]);
    sys::close(sync_w);
    if let Err(e) = sent {
        sys::close(err_r);
        return Err(spawn_err("cannot start the sandbox", e));
    }
    let mut rec = [0u8; 12];
    let n = sys::read_full(err_r, &mut rec).unwrap_or(0);
    sys::close(err_r);
    if n == rec.len() {
        let word = |i: usize| {
            rec.get(i * 4..i * 4 + 4)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map_or(0, u32::from_le_bytes)
        };
        let step = Step::from_u32(word(0)).unwrap_or(Step::Sync);
        return Err(child_error(
            plan,
            &child,
            step,
            word(1) as i32,
            word(2) as usize,
        ));
    }
    guard.wait(plan.timeout_ms)
}

/// Owns the sandbox process, slirp4netns and the ghost mount points: whatever happens, the
/// sandbox is killed, slirp4netns stopped and ghosts removed.
struct Guard {
    pid: libc::pid_t,
    slirp: Option<std::process::Child>,
    ghosts: Vec<std::path::PathBuf>,
    reaped: bool,
}

impl Guard {
    fn wait(&mut self, timeout_ms: u32) -> Result<i32, RunError> {
        let mut timed_out = false;
        if timeout_ms > 0 {
            // SAFETY: integer arguments; pidfd_open on our own unreaped child.
            let pidfd = unsafe { libc::syscall(libc::SYS_pidfd_open, self.pid, 0u32) } as c_int;
            if pidfd < 0 {
                return Err(RunError::new(
                    codes::SPAWN,
                    "pidfd_open failed; cannot enforce the timeout",
                ));
            }
            let mut pfd = libc::pollfd {
                fd: pidfd,
                events: libc::POLLIN,
                revents: 0,
            };
            let deadline =
                std::time::Instant::now() + std::time::Duration::from_millis(u64::from(timeout_ms));
            loop {
                let left = deadline.saturating_duration_since(std::time::Instant::now());
                let ms = c_int::try_from(left.as_millis()).unwrap_or(c_int::MAX);
                // SAFETY: one live pollfd.
                let r = unsafe { libc::poll(&mut pfd, 1, ms) };
                if r > 0 {
                    break;
                }
                if r == 0 {
                    timed_out = true;
                    // The child is pid 1 of its namespace: killing it kills every process in it.
                    // SAFETY: signalling our own child.
                    unsafe { libc::kill(self.pid, libc::SIGKILL) };
                    break;
                }
                if sys::errno() != libc::EINTR {
                    break;
                }
            }
            sys::close(pidfd);
        }
        let mut status = 0;
        loop {
            // SAFETY: waiting for our own child into a live int.
            let r = unsafe { libc::waitpid(self.pid, &mut status, 0) };
            if r >= 0 || sys::errno() != libc::EINTR {
                break;
            }
        }
        self.reaped = true;
        if timed_out {
            return Err(RunError::new(
                codes::TIMEOUT,
                format!(
                    "the command ran longer than `process.timeout` ({timeout_ms} ms) and was killed with its process tree"
                ),
            ));
        }
        if libc::WIFEXITED(status) {
            Ok(libc::WEXITSTATUS(status))
        } else if libc::WIFSIGNALED(status) {
            Ok(128 + libc::WTERMSIG(status))
        } else {
            Ok(125)
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if !self.reaped {
            let mut status = 0;
            // SAFETY: killing and reaping our own child.
            unsafe {
                libc::kill(self.pid, libc::SIGKILL);
                libc::waitpid(self.pid, &mut status, 0);
            }
        }
        if let Some(mut slirp) = self.slirp.take() {
            let _ = slirp.kill();
            let _ = slirp.wait();
        }
        for g in self.ghosts.iter().rev() {
            let _ = std::fs::remove_dir(g);
        }
    }
}
