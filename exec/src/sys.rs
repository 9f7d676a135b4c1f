//! Raw system calls: landlock, seccomp, capabilities, namespaces and mounts.
//!
//! Every function here is safe to call in the child between `clone` and `execve`: none of them
//! allocates, takes a lock or touches global Rust state. They return the raw `errno` on failure.

use std::ffi::CStr;

use libc::{c_int, c_long, c_void};

use crate::artifacts::SockFilter;

/// `LANDLOCK_CREATE_RULESET_VERSION`.
const LANDLOCK_CREATE_RULESET_VERSION: u32 = 1;
/// `LANDLOCK_RULE_PATH_BENEATH`.
const LANDLOCK_RULE_PATH_BENEATH: c_long = 1;
/// `LANDLOCK_RULE_NET_PORT`.
const LANDLOCK_RULE_NET_PORT: c_long = 2;
/// `SECCOMP_SET_MODE_FILTER`.
const SECCOMP_SET_MODE_FILTER: c_long = 1;
/// `SECCOMP_GET_ACTION_AVAIL`.
const SECCOMP_GET_ACTION_AVAIL: c_long = 2;

pub(crate) fn errno() -> i32 {
    std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EIO)
}

fn check(ret: c_long) -> Result<c_long, i32> {
    if ret < 0 { Err(errno()) } else { Ok(ret) }
}

pub(crate) fn euid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

pub(crate) fn egid() -> u32 {
    // SAFETY: getegid has no preconditions and cannot fail.
    unsafe { libc::getegid() }
}

/// The landlock ABI the running kernel offers; 0 when landlock is missing or disabled.
pub(crate) fn landlock_abi() -> u8 {
    // SAFETY: with a NULL attribute, size 0 and the VERSION flag the kernel only returns the
    // ABI version (or an error); no memory is read or written.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_landlock_create_ruleset,
            std::ptr::null::<c_void>(),
            0usize,
            LANDLOCK_CREATE_RULESET_VERSION,
        )
    };
    u8::try_from(ret).unwrap_or(0)
}

/// True when this process may install seccomp filters and the kernel can return the actions
/// the compiled filters use.
pub(crate) fn seccomp_available() -> bool {
    // SAFETY: PR_GET_SECCOMP takes no pointer arguments.
    let mode = unsafe { libc::prctl(libc::PR_GET_SECCOMP, 0, 0, 0, 0) };
    if mode != 0 {
        // Already in strict mode (it would have killed us) or filtered: stacking works, but
        // an outer filter may deny what the executor needs; treat filtered as available.
        return mode == 2;
    }
    [
        libc::SECCOMP_RET_KILL_PROCESS,
        libc::SECCOMP_RET_ERRNO,
        libc::SECCOMP_RET_ALLOW,
    ]
    .iter()
    .all(|action| {
        let action: u32 = *action;
        // SAFETY: the kernel reads one u32 from a valid pointer to a local.
        let ret = unsafe {
            libc::syscall(
                libc::SYS_seccomp,
                SECCOMP_GET_ACTION_AVAIL,
                0,
                &action as *const u32,
            )
        };
        ret == 0
    })
}

/// `struct landlock_ruleset_attr`, ABI 6 layout; older kernels accept the larger struct as long
/// as the fields they do not know are zero.
#[repr(C)]
pub(crate) struct RulesetAttr {
    pub(crate) handled_access_fs: u64,
    pub(crate) handled_access_net: u64,
    pub(crate) scoped: u64,
}

/// `struct landlock_path_beneath_attr` (packed).
#[repr(C, packed)]
struct PathBeneathAttr {
    allowed_access: u64,
    parent_fd: i32,
}

/// `struct landlock_net_port_attr`.
#[repr(C)]
struct NetPortAttr {
    allowed_access: u64,
    port: u64,
}

pub(crate) fn landlock_create(attr: &RulesetAttr) -> Result<c_int, i32> {
    // SAFETY: the pointer and size describe a live, initialised struct.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_landlock_create_ruleset,
            attr as *const RulesetAttr,
            std::mem::size_of::<RulesetAttr>(),
            0u32,
        )
    };
    check(ret).map(|fd| fd as c_int)
}

pub(crate) fn landlock_add_path(ruleset: c_int, parent_fd: c_int, access: u64) -> Result<(), i32> {
    let attr = PathBeneathAttr {
        allowed_access: access,
        parent_fd,
    };
    // SAFETY: the attribute is a live packed struct with the layout the kernel expects.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_landlock_add_rule,
            ruleset,
            LANDLOCK_RULE_PATH_BENEATH,
            &attr as *const PathBeneathAttr,
            0u32,
        )
    };
    check(ret).map(|_| ())
}

pub(crate) fn landlock_add_port(ruleset: c_int, port: u16, access: u64) -> Result<(), i32> {
    let attr = NetPortAttr {
        allowed_access: access,
        port: u64::from(port),
    };
    // SAFETY: the attribute is a live struct with the layout the kernel expects.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_landlock_add_rule,
            ruleset,
            LANDLOCK_RULE_NET_PORT,
            &attr as *const NetPortAttr,
            0u32,
        )
    };
    check(ret).map(|_| ())
}

pub(crate) fn landlock_restrict(ruleset: c_int) -> Result<(), i32> {
    // SAFETY: plain integer arguments.
    let ret = unsafe { libc::syscall(libc::SYS_landlock_restrict_self, ruleset, 0u32) };
    check(ret).map(|_| ())
}

pub(crate) fn seccomp_install(program: &[SockFilter]) -> Result<(), i32> {
    let len = u16::try_from(program.len()).map_err(|_| libc::E2BIG)?;
    let prog = libc::sock_fprog {
        len,
        filter: program.as_ptr() as *mut libc::sock_filter,
    };
    // SAFETY: `SockFilter` is `#[repr(C)]` with the layout of `struct sock_filter`; the program
    // outlives the call and the kernel copies it.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_seccomp,
            SECCOMP_SET_MODE_FILTER,
            0u32,
            &prog as *const libc::sock_fprog,
        )
    };
    check(ret).map(|_| ())
}

pub(crate) fn prctl(option: c_int, arg: libc::c_ulong) -> Result<c_int, i32> {
    // SAFETY: the options used here take integer arguments only.
    let ret = unsafe { libc::prctl(option, arg, 0, 0, 0) };
    if ret < 0 { Err(errno()) } else { Ok(ret) }
}

/// Drops every capability: bounding set, ambient set, then effective, permitted and
/// inheritable.
pub(crate) fn drop_capabilities(cap_last_cap: u32) -> Result<(), i32> {
    for cap in 0..=cap_last_cap {
        if let Err(e) = prctl(libc::PR_CAPBSET_DROP, libc::c_ulong::from(cap)) {
            // Capabilities the kernel does not know are fine to skip.
            if e != libc::EINVAL {
                return Err(e);
            }
        }
    }
    // SAFETY: integer arguments only.
    let ret = unsafe {
        libc::prctl(
            libc::PR_CAP_AMBIENT,
            libc::PR_CAP_AMBIENT_CLEAR_ALL as libc::c_ulong,
            0,
            0,
            0,
        )
    };
    if ret < 0 {
        return Err(errno());
    }
    capset_zero()
}

/// `_LINUX_CAPABILITY_VERSION_3`.
const CAP_V3: u32 = 0x2008_0522;

#[repr(C)]
struct CapHeader {
    version: u32,
    pid: c_int,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct CapData {
    effective: u32,
    permitted: u32,
    inheritable: u32,
}

fn capset_zero() -> Result<(), i32> {
    let header = CapHeader {
        version: CAP_V3,
        pid: 0,
    };
    let data = [CapData {
        effective: 0,
        permitted: 0,
        inheritable: 0,
    }; 2];
    // SAFETY: version 3 takes two data records; both structs are live and correctly laid out.
    let ret =
        unsafe { libc::syscall(libc::SYS_capset, &header as *const CapHeader, data.as_ptr()) };
    check(ret).map(|_| ())
}

/// True when this process holds no capability at all.
pub(crate) fn no_capabilities() -> bool {
    let header = CapHeader {
        version: CAP_V3,
        pid: 0,
    };
    let mut data = [CapData {
        effective: 1,
        permitted: 1,
        inheritable: 1,
    }; 2];
    // SAFETY: version 3 writes two data records into the live array.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_capget,
            &header as *const CapHeader,
            data.as_mut_ptr(),
        )
    };
    ret == 0
        && data
            .iter()
            .all(|d| d.effective == 0 && d.permitted == 0 && d.inheritable == 0)
}

/// Raises one capability into the inheritable and ambient sets so that it survives `execve`
/// by a process that is not root in its user namespace (used for `nft`).
pub(crate) fn raise_ambient(cap: u32) -> Result<(), i32> {
    let header = CapHeader {
        version: CAP_V3,
        pid: 0,
    };
    let mut data = [CapData {
        effective: 0,
        permitted: 0,
        inheritable: 0,
    }; 2];
    // SAFETY: as in `no_capabilities`.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_capget,
            &header as *const CapHeader,
            data.as_mut_ptr(),
        )
    };
    check(ret)?;
    let (word, bit) = ((cap / 32) as usize, 1u32 << (cap % 32));
    if let Some(d) = data.get_mut(word) {
        d.inheritable |= bit;
    }
    // SAFETY: as in `capset_zero`.
    let ret =
        unsafe { libc::syscall(libc::SYS_capset, &header as *const CapHeader, data.as_ptr()) };
    check(ret)?;
    // SAFETY: integer arguments only.
    let ret = unsafe {
        libc::prctl(
            libc::PR_CAP_AMBIENT,
            libc::PR_CAP_AMBIENT_RAISE as libc::c_ulong,
            libc::c_ulong::from(cap),
            0,
            0,
        )
    };
    if ret < 0 { Err(errno()) } else { Ok(()) }
}

pub(crate) fn mount(
    source: Option<&CStr>,
    target: &CStr,
    fstype: Option<&CStr>,
    flags: libc::c_ulong,
    data: Option<&CStr>,
) -> Result<(), i32> {
    let ptr = |s: Option<&CStr>| s.map_or(std::ptr::null(), CStr::as_ptr);
    // SAFETY: every pointer is NULL or a NUL-terminated string that outlives the call.
    let ret = unsafe {
        libc::mount(
            ptr(source),
            target.as_ptr(),
            ptr(fstype),
            flags,
            ptr(data).cast::<c_void>(),
        )
    };
    if ret < 0 { Err(errno()) } else { Ok(()) }
}

/// The mount flags a remount must keep (they are locked in a user namespace).
pub(crate) fn locked_flags(target: &CStr) -> libc::c_ulong {
    // SAFETY: statvfs writes into a zeroed, live struct.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: the path is NUL-terminated and `st` is a valid out-pointer.
    if unsafe { libc::statvfs(target.as_ptr(), &mut st) } != 0 {
        return 0;
    }
    let mut flags = 0;
    for (st_flag, ms_flag) in [
        (libc::ST_NOSUID, libc::MS_NOSUID),
        (libc::ST_NODEV, libc::MS_NODEV),
        (libc::ST_NOEXEC, libc::MS_NOEXEC),
        (libc::ST_NOATIME, libc::MS_NOATIME),
        (libc::ST_NODIRATIME, libc::MS_NODIRATIME),
        (libc::ST_RELATIME, libc::MS_RELATIME),
    ] {
        if st.f_flag & st_flag != 0 {
            flags |= ms_flag;
        }
    }
    flags
}

/// Makes a bind mount read-only, keeping the flags a user namespace locks on it.
pub(crate) fn remount_bind_read_only(target: &CStr) -> Result<(), i32> {
    let flags = locked_flags(target);
    mount(
        None,
        target,
        None,
        libc::MS_REMOUNT | libc::MS_BIND | libc::MS_RDONLY | flags,
        None,
    )
}

pub(crate) fn open(path: &CStr, flags: c_int) -> Result<c_int, i32> {
    // SAFETY: the path is NUL-terminated; the mode argument is ignored without O_CREAT.
    let fd = unsafe { libc::open(path.as_ptr(), flags | libc::O_CLOEXEC, 0o600) };
    if fd < 0 { Err(errno()) } else { Ok(fd) }
}

pub(crate) fn is_dir_fd(fd: c_int) -> bool {
    // SAFETY: fstat writes into a zeroed, live struct.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `fd` is an open descriptor and `st` a valid out-pointer.
    unsafe { libc::fstat(fd, &mut st) == 0 && (st.st_mode & libc::S_IFMT) == libc::S_IFDIR }
}

pub(crate) fn close(fd: c_int) {
    // SAFETY: closing a descriptor this process owns; errors are irrelevant here.
    unsafe {
        libc::close(fd);
    }
}

pub(crate) fn write_all(fd: c_int, mut bytes: &[u8]) -> Result<(), i32> {
    while !bytes.is_empty() {
        // SAFETY: the buffer is live for `bytes.len()` bytes.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast::<c_void>(), bytes.len()) };
        if n < 0 {
            let e = errno();
            if e == libc::EINTR {
                continue;
            }
            return Err(e);
        }
        bytes = bytes.get(n as usize..).unwrap_or_default();
    }
    Ok(())
}

/// Reads until `buf` is full or end of file; returns the number of bytes read.
pub(crate) fn read_full(fd: c_int, buf: &mut [u8]) -> Result<usize, i32> {
    let mut done = 0;
    while done < buf.len() {
        let rest = buf.get_mut(done..).unwrap_or_default();
        // SAFETY: `rest` is a live, writable buffer of `rest.len()` bytes.
        let n = unsafe { libc::read(fd, rest.as_mut_ptr().cast::<c_void>(), rest.len()) };
        if n < 0 {
            let e = errno();
            if e == libc::EINTR {
                continue;
            }
            return Err(e);
        }
        if n == 0 {
            break;
        }
        done += n as usize;
    }
    Ok(done)
}

pub(crate) fn pipe() -> Result<(c_int, c_int), i32> {
    let mut fds = [0 as c_int; 2];
    // SAFETY: pipe2 writes two descriptors into the live array.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } < 0 {
        return Err(errno());
    }
    let [r, w] = fds;
    Ok((r, w))
}

pub(crate) fn exit(code: c_int) -> ! {
    // SAFETY: _exit never returns and runs no atexit handlers (right after clone).
    unsafe { libc::_exit(code) }
}

pub(crate) fn pivot_root(new_root: &CStr, put_old: &CStr) -> Result<(), i32> {
    // SAFETY: both paths are NUL-terminated strings that outlive the call.
    let ret = unsafe { libc::syscall(libc::SYS_pivot_root, new_root.as_ptr(), put_old.as_ptr()) };
    check(ret).map(|_| ())
}

/// Detaches a mount and everything below it (`umount2(path, MNT_DETACH)`).
pub(crate) fn detach(path: &CStr) -> Result<(), i32> {
    // SAFETY: the path is NUL-terminated.
    let ret = unsafe { libc::umount2(path.as_ptr(), libc::MNT_DETACH) };
    if ret < 0 { Err(errno()) } else { Ok(()) }
}

pub(crate) fn chdir(path: &CStr) -> Result<(), i32> {
    // SAFETY: the path is NUL-terminated.
    if unsafe { libc::chdir(path.as_ptr()) } < 0 {
        Err(errno())
    } else {
        Ok(())
    }
}

/// `mkdir`, where an existing entry counts as success.
pub(crate) fn mkdir(path: &CStr, mode: libc::mode_t) -> Result<(), i32> {
    // SAFETY: the path is NUL-terminated.
    if unsafe { libc::mkdir(path.as_ptr(), mode) } == 0 {
        return Ok(());
    }
    match errno() {
        libc::EEXIST => Ok(()),
        e => Err(e),
    }
}

/// `symlink`, where an existing entry counts as success.
pub(crate) fn symlink(target: &CStr, path: &CStr) -> Result<(), i32> {
    // SAFETY: both strings are NUL-terminated.
    if unsafe { libc::symlink(target.as_ptr(), path.as_ptr()) } == 0 {
        return Ok(());
    }
    match errno() {
        libc::EEXIST => Ok(()),
        e => Err(e),
    }
}

/// True when the path exists (without following a final symbolic link).
pub(crate) fn exists(path: &CStr) -> bool {
    // SAFETY: lstat writes into a zeroed, live struct.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: the path is NUL-terminated and `st` a valid out-pointer.
    unsafe { libc::lstat(path.as_ptr(), &mut st) == 0 }
}

/// `fstat` of an open descriptor.
pub(crate) fn fstat(fd: c_int) -> Result<libc::stat, i32> {
    // SAFETY: fstat writes into a zeroed, live struct.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `st` is a valid out-pointer; an invalid `fd` is reported as EBADF.
    if unsafe { libc::fstat(fd, &mut st) } < 0 {
        Err(errno())
    } else {
        Ok(st)
    }
}

/// The magic number of the filesystem an open descriptor lies on (`fstatfs`).
pub(crate) fn fs_magic(fd: c_int) -> Result<i64, i32> {
    // SAFETY: fstatfs writes into a zeroed, live struct.
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: `st` is a valid out-pointer; an invalid `fd` is reported as EBADF.
    if unsafe { libc::fstatfs(fd, &mut st) } < 0 {
        Err(errno())
    } else {
        Ok(st.f_type as i64)
    }
}

/// True when the descriptor is a terminal.
pub(crate) fn isatty(fd: c_int) -> bool {
    // SAFETY: isatty only issues an ioctl on the descriptor.
    unsafe { libc::isatty(fd) == 1 }
}

/// A close-on-exec duplicate of `fd` numbered `min` or above.
pub(crate) fn dup_above(fd: c_int, min: c_int) -> Result<c_int, i32> {
    // SAFETY: integer arguments only.
    let r = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, min) };
    if r < 0 { Err(errno()) } else { Ok(r) }
}

/// `dup2`: `new` becomes a copy of `old` (without close-on-exec).
pub(crate) fn dup2(old: c_int, new: c_int) -> Result<(), i32> {
    // SAFETY: integer arguments only.
    if unsafe { libc::dup2(old, new) } < 0 {
        Err(errno())
    } else {
        Ok(())
    }
}

/// Sets `O_NONBLOCK` on a descriptor.
pub(crate) fn set_nonblocking(fd: c_int) -> Result<(), i32> {
    // SAFETY: integer arguments only.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return Err(errno());
    }
    // SAFETY: integer arguments only.
    if unsafe { libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) } < 0 {
        return Err(errno());
    }
    Ok(())
}

/// One `read` into `buf` (retried on EINTR); 0 is end of file.
pub(crate) fn read(fd: c_int, buf: &mut [u8]) -> Result<usize, i32> {
    loop {
        // SAFETY: `buf` is a live, writable buffer of `buf.len()` bytes.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast::<c_void>(), buf.len()) };
        if n >= 0 {
            return Ok(n as usize);
        }
        let e = errno();
        if e != libc::EINTR {
            return Err(e);
        }
    }
}

/// One `write` of `buf` (retried on EINTR); returns how many bytes were written.
pub(crate) fn write(fd: c_int, buf: &[u8]) -> Result<usize, i32> {
    loop {
        // SAFETY: `buf` is live for `buf.len()` bytes.
        let n = unsafe { libc::write(fd, buf.as_ptr().cast::<c_void>(), buf.len()) };
        if n >= 0 {
            return Ok(n as usize);
        }
        let e = errno();
        if e != libc::EINTR {
            return Err(e);
        }
    }
}

/// `poll`; returns the number of ready entries (0 on timeout).
pub(crate) fn poll(fds: &mut [libc::pollfd], timeout_ms: c_int) -> Result<usize, i32> {
    let n = libc::nfds_t::try_from(fds.len()).map_err(|_| libc::EINVAL)?;
    // SAFETY: the pointer and count describe a live, writable slice of pollfd.
    let r = unsafe { libc::poll(fds.as_mut_ptr(), n, timeout_ms) };
    if r < 0 { Err(errno()) } else { Ok(r as usize) }
}

/// A descriptor that becomes readable when the process exits (`pidfd_open`).
pub(crate) fn pidfd_open(pid: libc::pid_t) -> Result<c_int, i32> {
    // SAFETY: integer arguments only.
    let r = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0u32) };
    check(r).map(|fd| fd as c_int)
}

/// `struct mount_attr`.
#[repr(C)]
struct MountAttr {
    attr_set: u64,
    attr_clr: u64,
    propagation: u64,
    userns_fd: u64,
}

/// `MOUNT_ATTR_RDONLY`.
const MOUNT_ATTR_RDONLY: u64 = 1;

/// Makes a mount and every mount below it read-only (`mount_setattr` with `AT_RECURSIVE`,
/// Linux 5.12); ENOSYS on older kernels.
pub(crate) fn set_read_only_recursive(target: &CStr) -> Result<(), i32> {
    let attr = MountAttr {
        attr_set: MOUNT_ATTR_RDONLY,
        attr_clr: 0,
        propagation: 0,
        userns_fd: 0,
    };
    // SAFETY: the path is NUL-terminated and the attribute a live struct of the size passed.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            libc::AT_FDCWD,
            target.as_ptr(),
            libc::AT_RECURSIVE as libc::c_uint,
            &attr as *const MountAttr,
            std::mem::size_of::<MountAttr>(),
        )
    };
    check(ret).map(|_| ())
}

/// `struct open_how`.
#[repr(C)]
struct OpenHow {
    flags: u64,
    mode: u64,
    resolve: u64,
}

/// `RESOLVE_NO_SYMLINKS`.
const RESOLVE_NO_SYMLINKS: u64 = 0x04;
/// `OPEN_TREE_CLONE`.
const OPEN_TREE_CLONE: libc::c_uint = 1;
/// `MOVE_MOUNT_F_EMPTY_PATH`.
const MOVE_MOUNT_F_EMPTY_PATH: libc::c_uint = 0x04;

/// Opens a path (`O_PATH`) refusing a symbolic link in any component (`openat2` with
/// `RESOLVE_NO_SYMLINKS`, Linux 5.6): ELOOP when one is met, ENOSYS on older kernels.
pub(crate) fn open_no_symlinks(path: &CStr) -> Result<c_int, i32> {
    let how = OpenHow {
        flags: (libc::O_PATH | libc::O_CLOEXEC) as u64,
        mode: 0,
        resolve: RESOLVE_NO_SYMLINKS,
    };
    // SAFETY: the path is NUL-terminated and `how` a live struct of the size passed.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_openat2,
            libc::AT_FDCWD,
            path.as_ptr(),
            &how as *const OpenHow,
            std::mem::size_of::<OpenHow>(),
        )
    };
    check(ret).map(|fd| fd as c_int)
}

/// Binds `source` and every mount below it onto `target` without following a symbolic link
/// anywhere in `source`: the source is opened with `RESOLVE_NO_SYMLINKS`, its tree cloned from
/// that descriptor (`open_tree`) and attached at `target` (`move_mount`). ENOSYS on kernels
/// without these calls.
pub(crate) fn bind_no_symlinks(source: &CStr, target: &CStr) -> Result<(), i32> {
    let fd = open_no_symlinks(source)?;
    // SAFETY: `fd` is an open descriptor and the empty path is NUL-terminated.
    let tree = unsafe {
        libc::syscall(
            libc::SYS_open_tree,
            fd,
            c"".as_ptr(),
            OPEN_TREE_CLONE
                | libc::O_CLOEXEC as libc::c_uint
                | libc::AT_RECURSIVE as libc::c_uint
                | libc::AT_EMPTY_PATH as libc::c_uint,
        )
    };
    let tree = check(tree).map(|t| t as c_int);
    close(fd);
    let tree = tree?;
    // SAFETY: `tree` is the detached mount just cloned; both paths are NUL-terminated.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_move_mount,
            tree,
            c"".as_ptr(),
            libc::AT_FDCWD,
            target.as_ptr(),
            MOVE_MOUNT_F_EMPTY_PATH,
        )
    };
    close(tree);
    check(ret).map(|_| ())
}
