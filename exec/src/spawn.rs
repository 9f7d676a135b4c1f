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
use std::path::{Path, PathBuf};

use libc::c_int;

use crate::artifacts::{FILE_RIGHTS, SockFilter};
use crate::error::{RunError, codes};
use crate::net;
use crate::plan::{DEVICES, NetPlan, Plan, SHM_SIZE_MIB, TMP_SIZE_MIB, ViewEntry, ViewKind};
use crate::relay::Relay;
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
    Stdio,
}

impl Step {
    fn from_u32(n: u32) -> Option<Step> {
        const ALL: [Step; 16] = [
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
            Step::Stdio,
        ];
        ALL.into_iter().find(|s| *s as u32 == n)
    }
}

/// The staging tmpfs (mounted over `/tmp` of the private mount namespace) and, inside it,
/// where the new root is built and where the host root is kept until it is detached.
const STAGE: &std::ffi::CStr = c"/tmp";
const STAGE_OLD: &std::ffi::CStr = c"/tmp/oldroot";
const NEWROOT: &str = "/newroot";
const OLDROOT: &str = "/oldroot";

/// One mount operation of the child, in order.
#[derive(Debug)]
enum MountOp {
    /// `mount --make-rprivate /`.
    Private,
    /// A tmpfs over `/tmp` becomes the root (`pivot_root`), the host root moves to `/oldroot`.
    Stage,
    /// An empty tmpfs at `/newroot`: the sandbox's root.
    NewRoot,
    /// Creates a directory; failures are left to the mount that needs it.
    Mkdir { path: CString },
    /// A fresh procfs for the new pid namespace.
    Proc { target: CString },
    /// A tmpfs for the minimal `/dev`.
    Dev { target: CString },
    /// A private tmpfs (`/tmp`, `/dev/shm`) with its mount options (mode and size).
    Tmp { target: CString, options: CString },
    /// A new `devpts` instance.
    Pts { target: CString },
    /// A symbolic link.
    Symlink { target: CString, path: CString },
    /// Binds a host path (under `/oldroot`) onto `target`, read-only or not.
    Bind {
        source: CString,
        target: CString,
        read_only: bool,
    },
    /// Binds a directory onto itself (recursively), making it a mount point.
    Pin { target: CString },
    /// An empty tmpfs, remounted read-only at the end; skipped when the mount point is missing
    /// and cannot be created (inside a read-only bind, nothing can create it).
    DenyDir { target: CString },
    /// `/dev/null` bound read-only over a file.
    DenyFile { target: CString },
    /// Remounts one of the view's own tmpfs read-only (after every deeper mount is in place).
    RemountRo {
        target: CString,
        flags: libc::c_ulong,
    },
    /// `pivot_root` into the new root and detach the host's mount tree.
    Enter,
}
/// Everything the child needs, computed before `clone`.
struct Child {
    sync_r: c_int,
    err_w: c_int,
    /// Pipe ends dup'ed onto the standard descriptors they relay (`crate::relay`).
    stdio: Vec<(c_int, c_int)>,
    mounts: Vec<MountOp>,
    cwd: CString,
    /// The working directory with symbolic links resolved, tried when `cwd` does not resolve
    /// in the view.
    cwd_canonical: CString,
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

fn inside(root: &str, p: &Path) -> Result<CString, RunError> {
    let mut bytes = root.as_bytes().to_vec();
    bytes.extend_from_slice(p.as_os_str().as_bytes());
    CString::new(bytes)
        .map_err(|_| RunError::new(codes::ARTIFACT, format!("`{}` contains NUL", p.display())))
}

/// Adds a `Mkdir` for every ancestor of `p` (strictly above it) not created yet.
fn parents(ops: &mut Vec<MountOp>, made: &mut Vec<PathBuf>, p: &Path) -> Result<(), RunError> {
    let mut up: Vec<&Path> = p
        .ancestors()
        .skip(1)
        .filter(|a| a.parent().is_some())
        .collect();
    up.reverse();
    for a in up {
        if !made.iter().any(|m| m == a) {
            made.push(a.to_path_buf());
            ops.push(MountOp::Mkdir {
                path: inside(NEWROOT, a)?,
            });
        }
    }
    Ok(())
}

const TMPFS_RO: libc::c_ulong =
    libc::MS_REMOUNT | libc::MS_RDONLY | libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC;

/// The child's mount operations: the view of the plan built on a new root, bubblewrap style.
fn mount_ops(plan: &Plan) -> Result<Vec<MountOp>, RunError> {
    let mut ops = vec![MountOp::Private, MountOp::Stage, MountOp::NewRoot];
    let mut made: Vec<PathBuf> = Vec::new();
    let mut remount = Vec::new();
    let root_level = |e: &ViewEntry| e.path.parent().is_none();
    let mut entries: Vec<&ViewEntry> = plan.view.iter().filter(|e| root_level(e)).collect();
    let specials = entries.len();
    entries.extend(plan.view.iter().filter(|e| !root_level(e)));
    for (i, e) in entries.into_iter().enumerate() {
        if i == specials {
            special_ops(plan, &mut ops, &mut made)?;
        }
        parents(&mut ops, &mut made, &e.path)?;
        let target = inside(NEWROOT, &e.path)?;
        ops.push(match &e.kind {
            ViewKind::Bind { source, read_only } => MountOp::Bind {
                source: inside(OLDROOT, source)?,
                target,
                read_only: *read_only,
            },
            ViewKind::Symlink { target: link } => MountOp::Symlink {
                target: cpath(link)?,
                path: target,
            },
            ViewKind::Pin => MountOp::Pin { target },
            ViewKind::Deny { file: true } => MountOp::DenyFile { target },
            ViewKind::Deny { file: false } => {
                remount.push(MountOp::RemountRo {
                    target: target.clone(),
                    flags: TMPFS_RO,
                });
                MountOp::DenyDir { target }
            }
        });
        made.push(e.path.clone());
    }
    if plan.view.iter().all(root_level) {
        special_ops(plan, &mut ops, &mut made)?;
    }
    // The working directory exists in the view even when no grant holds it (it is then an
    // empty directory of the new root; landlock decides what the command may do there).
    let cwd = crate::plan::canonical(&plan.cwd);
    parents(&mut ops, &mut made, &cwd.join("x"))?;
    ops.extend(remount);
    ops.push(MountOp::RemountRo {
        target: inside(NEWROOT, Path::new("/dev"))?,
        flags: libc::MS_REMOUNT | libc::MS_RDONLY | libc::MS_NOSUID | libc::MS_NOEXEC,
    });
    ops.push(MountOp::RemountRo {
        target: inside(NEWROOT, Path::new(""))?,
        flags: libc::MS_REMOUNT | libc::MS_RDONLY | libc::MS_NOSUID | libc::MS_NODEV,
    });
    ops.push(MountOp::Enter);
    Ok(ops)
}

/// `/proc`, the minimal `/dev` and the private `/tmp`.
fn special_ops(
    plan: &Plan,
    ops: &mut Vec<MountOp>,
    made: &mut Vec<PathBuf>,
) -> Result<(), RunError> {
    let mut dir = |ops: &mut Vec<MountOp>, p: &str| -> Result<CString, RunError> {
        let path = inside(NEWROOT, Path::new(p))?;
        made.push(PathBuf::from(p));
        ops.push(MountOp::Mkdir { path: path.clone() });
        Ok(path)
    };
    let target = dir(ops, "/proc")?;
    ops.push(MountOp::Proc { target });
    let target = dir(ops, "/dev")?;
    ops.push(MountOp::Dev { target });
    // Read-only binds: reading and writing a device goes to its driver whatever the mount, but
    // its inode (mode, owner, times) is the host's, and with the caller's uid mapped to itself
    // the command would own it; a read-only mount refuses `chmod`, `chown` and `utimensat`.
    for d in DEVICES.iter().filter(|d| Path::new(d).exists()) {
        ops.push(MountOp::Bind {
            source: inside(OLDROOT, Path::new(d))?,
            target: inside(NEWROOT, Path::new(d))?,
            read_only: true,
        });
    }
    let target = dir(ops, "/dev/shm")?;
    ops.push(MountOp::Tmp {
        target,
        options: cstr(&format!("mode=1777,size={SHM_SIZE_MIB}m"))?,
    });
    let target = dir(ops, "/dev/pts")?;
    ops.push(MountOp::Pts { target });
    for (name, link) in [
        ("/dev/ptmx", "pts/ptmx"),
        ("/dev/fd", "/proc/self/fd"),
        ("/dev/stdin", "/proc/self/fd/0"),
        ("/dev/stdout", "/proc/self/fd/1"),
        ("/dev/stderr", "/proc/self/fd/2"),
    ] {
        ops.push(MountOp::Symlink {
            target: cstr(link)?,
            path: inside(NEWROOT, Path::new(name))?,
        });
    }
    if plan.private_tmp {
        let target = dir(ops, "/tmp")?;
        ops.push(MountOp::Tmp {
            target,
            options: cstr(&format!("mode=1777,size={TMP_SIZE_MIB}m"))?,
        });
    }
    Ok(())
}

fn prepare(
    plan: &Plan,
    cap_last_cap: u32,
    sync_r: c_int,
    err_w: c_int,
    stdio: Vec<(c_int, c_int)>,
) -> Result<Child, RunError> {
    let mounts = mount_ops(plan)?;
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
        stdio,
        mounts,
        cwd: cpath(&plan.cwd)?,
        cwd_canonical: cpath(&crate::plan::canonical(&plan.cwd))?,
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

fn apply_mounts(c: &Child) -> Result<(), (i32, usize)> {
    let none = None;
    let nosuid_nodev = libc::MS_NOSUID | libc::MS_NODEV;
    for (i, op) in c.mounts.iter().enumerate() {
        let r = match op {
            MountOp::Private => sys::mount(none, c"/", none, libc::MS_REC | libc::MS_PRIVATE, none),
            MountOp::Stage => sys::mount(
                Some(c"tmpfs"),
                STAGE,
                Some(c"tmpfs"),
                nosuid_nodev,
                Some(c"mode=0755,size=64k,nr_inodes=64"),
            )
            .and_then(|()| sys::mkdir(c"/tmp/newroot", 0o755))
            .and_then(|()| sys::mkdir(STAGE_OLD, 0o755))
            .and_then(|()| sys::pivot_root(STAGE, STAGE_OLD))
            .and_then(|()| sys::chdir(c"/")),
            MountOp::NewRoot => sys::mount(
                Some(c"tmpfs"),
                c"/newroot",
                Some(c"tmpfs"),
                nosuid_nodev,
                Some(c"mode=0755"),
            ),
            MountOp::Mkdir { path } => {
                // An ancestor inside a read-only bind may be missing: the mount that needs it
                // then fails (or, for a deny mask, is skipped).
                let _ = sys::mkdir(path, 0o755);
                Ok(())
            }
            MountOp::Proc { target } => sys::mount(
                Some(c"proc"),
                target,
                Some(c"proc"),
                libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC,
                none,
            ),
            MountOp::Dev { target } => sys::mount(
                Some(c"tmpfs"),
                target,
                Some(c"tmpfs"),
                libc::MS_NOSUID | libc::MS_NOEXEC,
                Some(c"mode=0755"),
            ),
            MountOp::Tmp { target, options } => sys::mount(
                Some(c"tmpfs"),
                target,
                Some(c"tmpfs"),
                nosuid_nodev,
                Some(options),
            ),
            MountOp::Pts { target } => sys::mount(
                Some(c"devpts"),
                target,
                Some(c"devpts"),
                libc::MS_NOSUID | libc::MS_NOEXEC,
                Some(c"newinstance,ptmxmode=0666,mode=0620"),
            ),
            MountOp::Symlink { target, path } => sys::symlink(target, path),
            MountOp::Pin { target } => sys::mkdir(target, 0o000).and_then(|()| {
                sys::mount(
                    Some(target),
                    target,
                    none,
                    libc::MS_BIND | libc::MS_REC,
                    none,
                )
            }),
            MountOp::DenyDir { target } => match sys::mkdir(target, 0o000) {
                Err(libc::EROFS | libc::ENOENT) => Ok(()),
                Err(e) => Err(e),
                Ok(()) => sys::mount(
                    Some(c"tmpfs"),
                    target,
                    Some(c"tmpfs"),
                    libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC,
                    Some(c"mode=000,size=16k,nr_inodes=64"),
                ),
            },
            MountOp::DenyFile { target } => sys::mount(
                Some(c"/oldroot/dev/null"),
                target,
                none,
                libc::MS_BIND,
                none,
            )
            .and_then(|()| sys::remount_bind_read_only(target)),
            MountOp::Bind {
                source,
                target,
                read_only,
            } => {
                // The mount point may be missing (in the new root, or inside a deny tmpfs).
                if !sys::exists(target) {
                    let dir = sys::open(source, libc::O_PATH).is_ok_and(|fd| {
                        let d = sys::is_dir_fd(fd);
                        sys::close(fd);
                        d
                    });
                    if dir {
                        let _ = sys::mkdir(target, 0o755);
                    } else if let Ok(f) = sys::open(target, libc::O_CREAT | libc::O_WRONLY) {
                        sys::close(f);
                    }
                }
                // The source was resolved when the run was planned: a component swapped for a
                // symbolic link since then refuses the run (ELOOP) instead of being followed.
                // No fallback: every kernel with landlock (5.13, which the probe requires) has
                // `openat2` (5.6), so ENOSYS fails the run closed like any other error.
                sys::bind_no_symlinks(source, target).and_then(|()| {
                    if !*read_only {
                        return Ok(());
                    }
                    // The top first, then every host submount below it: a recursive bind
                    // keeps each submount's own flags, writable ones included. No fallback:
                    // `mount_setattr` (5.12) predates landlock (5.13), which the probe requires.
                    sys::remount_bind_read_only(target)
                        .and_then(|()| sys::set_read_only_recursive(target))
                })
            }
            MountOp::RemountRo { target, flags } => {
                if sys::exists(target) {
                    sys::mount(none, target, none, *flags, none)
                } else {
                    // A skipped deny mask.
                    Ok(())
                }
            }
            MountOp::Enter => sys::chdir(c"/newroot")
                .and_then(|()| sys::pivot_root(c".", c"."))
                .and_then(|()| sys::detach(c"."))
                .and_then(|()| sys::chdir(c"/")),
        };
        r.map_err(|e| (e, i))?;
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
    // Relayed standard descriptors: the host's are replaced by the executor's pipes.
    for (i, (pipe, target)) in c.stdio.iter().enumerate() {
        if let Err(e) = sys::dup2(*pipe, *target) {
            fail(err, Step::Stdio, e, i);
        }
    }
    // SAFETY: setsid has no preconditions.
    if unsafe { libc::setsid() } < 0 {
        fail(err, Step::Setsid, sys::errno(), 0);
    }
    if let Err((e, i)) = apply_mounts(c) {
        fail(err, Step::Mount, e, i);
    }
    if let Err(e) = sys::chdir(&c.cwd).or_else(|_| sys::chdir(&c.cwd_canonical)) {
        fail(err, Step::Chdir, e, 0);
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
    // The command starts only when the executor says so (it may still be checking the policy);
    // anything but the go byte, including the executor's death, ends the child here.
    let mut go = [0u8; 1];
    if sys::read_full(c.sync_r, &mut go) != Ok(1) || go != [1] {
        sys::exit(125);
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
        Step::Sync | Step::Setsid | Step::Chdir | Step::CloseFds | Step::Stdio => RunError::new(
            codes::SPAWN,
            format!("sandbox setup step {step:?} failed: {os}"),
        ),
    }
}

fn write_file(path: &str, text: &str) -> Result<(), RunError> {
    std::fs::write(path, text)
        .map_err(|e| RunError::new(codes::SPAWN, format!("cannot write `{path}`: {e}")))
}

/// Runs the plan: the probe has been checked by the caller, which passes the number of the
/// highest capability it found (`/proc/sys/kernel/cap_last_cap`), and `gate`, which decides
/// whether the command starts once the sandbox is set up.
pub fn run(
    plan: &Plan,
    cap_last_cap: u32,
    gate: impl FnOnce() -> Result<(), RunError>,
) -> Result<i32, RunError> {
    let spawn_err = |what: &str, e: i32| {
        RunError::new(
            codes::SPAWN,
            format!("{what}: {}", std::io::Error::from_raw_os_error(e)),
        )
    };
    let (sync_r, sync_w) = sys::pipe().map_err(|e| spawn_err("pipe", e))?;
    let (err_r, err_w) = sys::pipe().map_err(|e| spawn_err("pipe", e))?;
    // Closed with the relay whenever this function returns.
    let mut relay =
        Relay::new().map_err(|e| spawn_err("cannot relay the standard descriptors", e))?;
    let mut child = prepare(plan, cap_last_cap, sync_r, err_w, relay.child_ends())?;
    // Missing mount points of masks inside writable binds are created on the host before the
    // sandbox starts, and only those this run created are removed afterwards (a concurrent run
    // of the same policy keeps its own).
    let mut ghosts = Vec::new();
    for g in &plan.ghosts {
        match std::fs::create_dir(g) {
            Ok(()) => {
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(g, std::fs::Permissions::from_mode(0o000));
                ghosts.push(g.clone());
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                for g in ghosts.iter().rev() {
                    let _ = std::fs::remove_dir(g);
                }
                sys::close(sync_r);
                sys::close(sync_w);
                sys::close(err_r);
                sys::close(err_w);
                return Err(RunError::new(
                    codes::MOUNT,
                    format!("cannot create the mask mount point `{}`: {e}", g.display()),
                ));
            }
        }
    }
    let flags = libc::CLONE_NEWUSER
        | libc::CLONE_NEWPID
        | libc::CLONE_NEWIPC
        | libc::CLONE_NEWUTS
        | libc::CLONE_NEWNS
        | libc::CLONE_NEWNET;
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
    relay.close_child_ends();
    if pid < 0 {
        let e = sys::errno();
        for g in ghosts.iter().rev() {
            let _ = std::fs::remove_dir(g);
        }
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
        ghosts,
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
    // The first byte starts the child's setup; the second, once `gate` allowed it, the command.
    let sent = sys::write_all(sync_w, &[1]);
    if let Err(e) = sent {
        sys::close(sync_w);
        sys::close(err_r);
        return Err(spawn_err("cannot start the sandbox", e));
    }
    if let Err(e) = gate() {
        // Dropping the guard kills the sandbox before it executes anything.
        sys::close(sync_w);
        sys::close(err_r);
        return Err(e);
    }
    // A child that failed its setup has exited and left its error record: read it below.
    let _ = sys::write_all(sync_w, &[1]);
    sys::close(sync_w);
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
    guard.wait(plan.timeout_ms, &mut relay)
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
    /// Waits for the sandbox, relaying its standard descriptors, and kills it at the timeout.
    fn wait(&mut self, timeout_ms: u32, relay: &mut Relay) -> Result<i32, RunError> {
        let mut timed_out = false;
        if timeout_ms > 0 || !relay.is_empty() {
            let pidfd = sys::pidfd_open(self.pid).map_err(|e| {
                RunError::new(
                    codes::SPAWN,
                    format!(
                        "pidfd_open failed; cannot supervise the sandbox: {}",
                        std::io::Error::from_raw_os_error(e)
                    ),
                )
            })?;
            let deadline = (timeout_ms > 0).then(|| {
                std::time::Instant::now() + std::time::Duration::from_millis(u64::from(timeout_ms))
            });
            let mut exited = false;
            loop {
                // Once pid 1 is gone the kernel has killed the whole namespace: the output
                // pipes reach end of file once drained.
                if exited && !relay.outputs_open() {
                    break;
                }
                let mut fds = Vec::with_capacity(4);
                let mut which = Vec::with_capacity(3);
                if !exited {
                    fds.push(libc::pollfd {
                        fd: pidfd,
                        events: libc::POLLIN,
                        revents: 0,
                    });
                }
                let base = fds.len();
                relay.interest(&mut fds, &mut which);
                let ms = match deadline {
                    Some(d) if !exited => {
                        let left = d.saturating_duration_since(std::time::Instant::now());
                        c_int::try_from(left.as_millis()).unwrap_or(c_int::MAX)
                    }
                    _ => -1,
                };
                match sys::poll(&mut fds, ms) {
                    Ok(0) => {
                        timed_out = true;
                        // The child is pid 1 of its namespace: killing it kills every process
                        // in it.
                        // SAFETY: signalling our own child.
                        unsafe { libc::kill(self.pid, libc::SIGKILL) };
                        exited = true;
                        relay.stop_input();
                        continue;
                    }
                    Ok(_) => {}
                    Err(libc::EINTR) => continue,
                    Err(_) => break,
                }
                if !exited && fds.first().is_some_and(|p| p.revents != 0) {
                    exited = true;
                    relay.stop_input();
                }
                relay.service(fds.get(base..).unwrap_or_default(), &which);
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
