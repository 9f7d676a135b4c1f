//! The red team's classes (issue 13), each as root and as `nobody`: every attack is first run
//! unconfined to prove it works on this host, then under `mxcc-run`, and the host-side effect
//! is checked both times; every false denial is an ordinary command that must succeed.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers: a failure is a test failure"
)]

mod common;

use std::os::linux::net::SocketAddrExt;
use std::path::PathBuf;
use std::process::{Command, Output};

use common::{As, fixture, policy, run_args, text};

const WHO: [As; 2] = [As::Root, As::Nobody];

fn sh(cmd: &str) {
    let ok = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "setup command failed: {cmd}");
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The run was refused with `code` before the command ran: exit 125, the code on stderr,
/// nothing on stdout.
fn refused(o: &Output, code: &str) -> bool {
    o.status.code() == Some(125)
        && String::from_utf8_lossy(&o.stderr).contains(code)
        && o.stdout.is_empty()
}

/// A root-owned tree outside every world-writable directory, with trusted links (`a -> b`,
/// `b -> real`), a link owned by `nobody` and a file behind them; removed when dropped.
struct SystemTree {
    dir: PathBuf,
}

impl SystemTree {
    fn new() -> SystemTree {
        let dir = PathBuf::from(format!("/var/lib/mxcc-links-{}", std::process::id()));
        let d = dir.display();
        sh(&format!(
            "rm -rf {d} && mkdir -p {d}/real && echo SYSTEMFILE > {d}/real/file && \
             ln -s b {d}/a && ln -s real {d}/b && ln -s real {d}/foreign && \
             chown -h 65534:65534 {d}/foreign && chmod -R go-w,a+rX {d}"
        ));
        SystemTree { dir }
    }
}

impl Drop for SystemTree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The most common policy shape on a merged-`/usr` distribution (`/bin -> usr/bin`) runs, with
/// the baseline and without it, and trusted links further down resolve in the view; links
/// anyone but root can change stay refused (MX6017) and the command never runs.
#[test]
fn trusted_system_links_resolve_and_untrusted_links_refuse() {
    let _serial = common::serial();
    let f = fixture();
    let r = f.root.display().to_string();
    let tree = SystemTree::new();
    let t = tree.dir.display().to_string();
    // This host is merged-/usr: the case would prove nothing otherwise.
    assert!(
        std::fs::symlink_metadata("/bin").is_ok_and(|m| m.file_type().is_symlink()),
        "`/bin` is expected to be a symbolic link on this host"
    );
    let system = policy("system", &[("@EXTRA@", "")]);
    let chain = policy("system", &[("@EXTRA@", &format!(", \"{t}/a\""))]);
    let s = system.display().to_string();
    let c = chain.display().to_string();
    let mut failures = Vec::new();
    for who in WHO {
        for base in [&[][..], &["--no-baseline"][..]] {
            let ok: [(&[&str], &str); 4] = [
                (&[&s, "--", "/bin/sh", "-c", "true"], ""),
                (&[&s, "--", "/bin/sh", "-c", "ls /bin/"], "\nsh\n"),
                (
                    &[
                        &s,
                        "--",
                        "/bin/sh",
                        "-c",
                        "ls /lib64/ /lib/ | grep -c . && echo libs",
                    ],
                    "libs",
                ),
                (
                    &[&c, "--", "/bin/cat", &format!("{t}/a/file")],
                    "SYSTEMFILE",
                ),
            ];
            for (args, want) in ok {
                let args: Vec<&str> = base.iter().chain(args).copied().collect();
                let out = run_args(who, &args);
                if out.status.code() != Some(0) || !format!("\n{}", stdout(&out)).contains(want) {
                    failures.push(format!(
                        "[{who:?}] {args:?}: expected `{want}`\n{}",
                        text(&out)
                    ));
                }
            }
        }
        // Untrusted: owned by `nobody`, or in a directory others can write.
        sh(&format!(
            "rm -f {r}/work/l-ro && ln -s {r}/ro {r}/work/l-ro"
        ));
        for (what, link) in [
            ("a link owned by nobody", format!("{t}/foreign")),
            (
                "a link in a world-writable directory",
                format!("{r}/work/l-ro"),
            ),
        ] {
            let p = policy("system", &[("@EXTRA@", &format!(", \"{link}\""))]);
            let marker = f.root.join(format!("work/ran-untrusted-{who:?}"));
            let _ = std::fs::remove_file(&marker);
            let out = run_args(
                who,
                &[
                    &p.display().to_string(),
                    "--",
                    "/bin/touch",
                    &marker.display().to_string(),
                ],
            );
            let why = String::from_utf8_lossy(&out.stderr).contains("not a trusted system link");
            if !refused(&out, "MX6017") || !why || marker.exists() {
                failures.push(format!("[{who:?}] {what}: expected MX6017\n{}", text(&out)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What an attack changes on the host when it works.
enum Effect {
    /// The attack's output shows this text (a secret).
    Prints(String),
    /// The attack rewrites this file (its content is restored after each attempt).
    Rewrites(PathBuf),
    /// The attack creates this file (removed after each attempt).
    Creates(PathBuf),
    /// The attack changes the mode or times of this host inode (restored after each attempt).
    Touches(PathBuf),
}

/// Mode and modification time of a host inode, as `touch -d` and `chmod` take them back.
fn inode_state(path: &std::path::Path) -> (u32, String) {
    use std::os::unix::fs::MetadataExt;
    let md = std::fs::metadata(path).expect("metadata");
    (
        md.mode() & 0o7777,
        format!("@{}.{:09}", md.mtime(), md.mtime_nsec()),
    )
}

struct Attack {
    name: &'static str,
    /// The command inside the sandbox (`sh -c`).
    inner: String,
    /// Redirections applied by the caller's shell to `mxcc-run` (or, unconfined, to `sh`).
    redirect: String,
    effect: Effect,
}

/// Runs `sh -c INNER` with the caller's redirections as `who`: unconfined, or under
/// `mxcc-run POLICY`.
fn attempt(who: As, policy: Option<&std::path::Path>, inner: &str, redirect: &str) -> Output {
    let runner = match policy {
        Some(p) => format!("{} -q {} -- sh -c '{inner}'", common::EXE, p.display()),
        None => format!("sh -c '{inner}'"),
    };
    let line = format!("{runner} {redirect}");
    let mut c = match who {
        As::Root => Command::new("sh"),
        As::Nobody => {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "sh"]);
            c
        }
    };
    c.arg("-c")
        .arg(line)
        .env("HOME", "/nonexistent")
        .output()
        .expect("spawn sh")
}

/// Runs every attack unconfined (it must work: the host-side effect is seen), then confined
/// (the effect must not be seen). Returns the failures.
fn prove(who: As, policy: &std::path::Path, attacks: &[Attack]) -> Vec<String> {
    let mut failures = Vec::new();
    for a in attacks {
        let before = match &a.effect {
            Effect::Rewrites(file) => std::fs::read(file).expect("target file"),
            Effect::Prints(_) | Effect::Creates(_) | Effect::Touches(_) => Vec::new(),
        };
        let inode = match &a.effect {
            Effect::Touches(path) => Some(inode_state(path)),
            _ => None,
        };
        let undo = || match &a.effect {
            Effect::Rewrites(file) => std::fs::write(file, &before).expect("restore"),
            Effect::Creates(file) => {
                let _ = std::fs::remove_file(file);
            }
            Effect::Touches(path) => {
                if let Some((mode, time)) = &inode {
                    let p = path.display();
                    sh(&format!("chmod {mode:o} {p} && touch -c -d {time} {p}"));
                }
            }
            Effect::Prints(_) => {}
        };
        undo();
        let happened = |out: &Output| match &a.effect {
            Effect::Prints(secret) => stdout(out).contains(secret.as_str()),
            Effect::Rewrites(file) => std::fs::read(file).ok() != Some(before.clone()),
            Effect::Creates(file) => file.exists(),
            Effect::Touches(path) => Some(inode_state(path)) != inode,
        };
        let out = attempt(who, None, &a.inner, &a.redirect);
        if !happened(&out) {
            failures.push(format!(
                "[{who:?}] {}: the attack does not work unconfined, so it proves nothing\n{}",
                a.name,
                text(&out)
            ));
        }
        undo();
        let out = attempt(who, Some(policy), &a.inner, &a.redirect);
        if happened(&out) {
            failures.push(format!("[{who:?}] {}: ESCAPED\n{}", a.name, text(&out)));
        }
        undo();
    }
    failures
}

/// Descriptors 0–2 naming host files and directories: reopened through `/proc/self/fd/N`
/// they would resolve through the host's mounts, past the masks and read-only binds. The
/// executor relays them through its own pipes; ordinary redirections keep working.
#[test]
fn inherited_standard_descriptors_reach_no_host_file() {
    let _serial = common::serial();
    let f = fixture();
    let r = f.root.display().to_string();
    // Writable by anyone on the host, so that the unconfined proof also works as `nobody`;
    // read-only in the policy.
    let config = f.root.join("work/.git/config");
    sh(&format!("chmod 0666 {}", config.display()));
    let attacks = [
        Attack {
            name: "read a denied file through a directory on stdin",
            inner: "cat /proc/self/fd/0/secret/key".into(),
            redirect: format!("< {r}"),
            effect: Effect::Prints("TOPSECRET".into()),
        },
        Attack {
            name: "read a masked directory through the workspace on stdin",
            inner: "cat /proc/self/fd/0/.git/hooks/pre-commit".into(),
            redirect: format!("< {r}/work"),
            effect: Effect::Prints("HOOK".into()),
        },
        Attack {
            name: "read a masked file through the workspace on stderr",
            inner: "cat /proc/self/fd/2/.env".into(),
            redirect: format!("2< {r}/work"),
            effect: Effect::Prints("ENVSECRET".into()),
        },
        Attack {
            name: "enter the host root through stdout opened on it and list a denied directory",
            inner: "cd /proc/self/fd/1 && ls secret >&0".into(),
            redirect: format!("0>&1 1< {r}"),
            effect: Effect::Prints("key".into()),
        },
        Attack {
            name: "rewrite a read-only file through stdin reopened for writing",
            inner: "echo ESCAPED > /proc/self/fd/0".into(),
            redirect: format!("< {}", config.display()),
            effect: Effect::Rewrites(config.clone()),
        },
        Attack {
            name: "create a file outside every grant through a directory on stdin",
            inner: "echo ESCAPED > /proc/self/fd/0/sock/planted".into(),
            redirect: format!("< {r}"),
            effect: Effect::Creates(f.root.join("sock/planted")),
        },
    ];
    let p = policy("fs", &[]);
    let mut failures = Vec::new();
    for who in WHO {
        failures.extend(prove(who, &p, &attacks));
        // Ordinary redirections still work through the relay.
        let out_file = f.root.join(format!("work/relay-out-{who:?}"));
        let o = out_file.display();
        for (inner, redirect, want) in [
            ("cat", format!("< {r}/ro/file"), "ro\n".to_owned()),
            (
                "wc -c",
                format!("< {r}/bin/attack"),
                std::fs::metadata(&f.attack)
                    .expect("attack")
                    .len()
                    .to_string(),
            ),
            (
                "echo out; echo err >&2; exit 3",
                format!("> {o} 2>&1; echo status $?; cat {o}"),
                "status 3\nout\nerr\n".to_owned(),
            ),
            (
                "read l; echo got $l",
                format!("< {r}/work/data"),
                "got data".to_owned(),
            ),
        ] {
            let out = attempt(who, Some(&p), inner, &redirect);
            if !stdout(&out).contains(&want) {
                failures.push(format!(
                    "[{who:?}] `{inner}` {redirect}: expected `{want}`\n{}",
                    text(&out)
                ));
            }
        }
        let _ = std::fs::remove_file(&out_file);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Binds an abstract UNIX socket inside `sh -c` (unconfined or under `policy`), waits until it
/// is bound, and reports whether a host process can connect to it.
fn host_reaches_abstract_socket(
    who: As,
    policy: Option<&std::path::Path>,
    name: &str,
) -> Result<bool, String> {
    use std::io::BufRead;
    // No quotes in the script: it is nested in `sh -c '...'`.
    let inner = format!(
        "exec python3 -c \"import socket,sys,time; s=socket.socket(socket.AF_UNIX); \
         s.bind(bytes(1)+sys.argv[1].encode()); s.listen(1); print(sys.argv[1], flush=True); \
         time.sleep(3)\" {name}"
    );
    let runner = match policy {
        Some(p) => format!("exec {} -q {} -- sh -c '{inner}'", common::EXE, p.display()),
        None => format!("exec sh -c '{inner}'"),
    };
    let mut c = match who {
        As::Root => Command::new("sh"),
        As::Nobody => {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "sh"]);
            c
        }
    };
    let mut child = c
        .arg("-c")
        .arg(&runner)
        .env("HOME", "/nonexistent")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("stdout");
    let _ = std::io::BufReader::new(stdout).read_line(&mut line);
    let result = if line.trim() == name {
        let addr =
            std::os::unix::net::SocketAddr::from_abstract_name(name.as_bytes()).expect("name");
        Ok(std::os::unix::net::UnixStream::connect_addr(&addr).is_ok())
    } else {
        Err(format!(
            "the listener did not start: `{runner}` printed `{line}`"
        ))
    };
    let _ = child.kill();
    let out = child.wait_with_output().expect("wait");
    result.map_err(|e| format!("{e}\n{}", String::from_utf8_lossy(&out.stderr)))
}

/// The sandbox always has its own network namespace, even when the policy uses no network:
/// an abstract UNIX socket it binds is not reachable from the host, and `/proc/net` does not
/// list the host's connections.
#[test]
fn the_network_namespace_is_always_private() {
    let _serial = common::serial();
    let p = policy("fs", &[]);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("tcp listener");
    let port = listener.local_addr().expect("addr").port();
    let host_name = format!("mxcc-hardening-host-{}", std::process::id());
    let _host_abstract = std::os::unix::net::UnixListener::bind_addr(
        &std::os::unix::net::SocketAddr::from_abstract_name(host_name.as_bytes()).expect("name"),
    )
    .expect("abstract listener");
    let attacks = [
        Attack {
            name: "list the host's TCP listeners in /proc/net/tcp",
            inner: "cat /proc/net/tcp".into(),
            redirect: String::new(),
            effect: Effect::Prints(format!("0100007F:{port:04X}")),
        },
        Attack {
            name: "list the host's abstract UNIX sockets in /proc/net/unix",
            inner: "cat /proc/net/unix".into(),
            redirect: String::new(),
            effect: Effect::Prints(format!("@{host_name}")),
        },
    ];
    let mut failures = Vec::new();
    for who in WHO {
        failures.extend(prove(who, &p, &attacks));
        let name = format!("mxcc-hardening-{}-{who:?}", std::process::id());
        match host_reaches_abstract_socket(who, None, &name) {
            Ok(true) => {}
            Ok(false) => failures.push(format!(
                "[{who:?}] abstract socket bound inside: the host cannot reach it even unconfined, so the case proves nothing"
            )),
            Err(e) => failures.push(format!("[{who:?}] unconfined: {e}")),
        }
        match host_reaches_abstract_socket(who, Some(&p), &name) {
            Ok(false) => {}
            Ok(true) => failures.push(format!(
                "[{who:?}] abstract socket bound inside: ESCAPED (the host connected to it)"
            )),
            Err(e) => failures.push(format!("[{who:?}] confined: {e}")),
        }
    }
    drop(listener);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Scratch space and terminals: a private `/tmp` even when a policy path lies under `/tmp`
/// (`mktemp` used to fail there), limited in size; a private `/dev/shm` (Python's
/// multiprocessing locks); a new `devpts` instance with `/dev/ptmx`. None of them is the
/// host's: what the sandbox writes there never appears on the host.
#[test]
fn private_tmp_shm_and_pts() {
    let _serial = common::serial();
    let tmp_root = PathBuf::from(format!("/tmp/mxcc-hardening-{}", std::process::id()));
    let t = tmp_root.display().to_string();
    sh(&format!(
        "rm -rf {t} && mkdir -p {t}/work {t}/ro && echo RO > {t}/ro/file && \
         chmod 0777 {t}/work && chmod -R a+rX {t}"
    ));
    let p = policy("tmp", &[("@TMPROOT@", &t)]);
    let shm_plant = PathBuf::from(format!("/dev/shm/mxcc-hardening-{}", std::process::id()));
    let tmp_plant = PathBuf::from(format!("/tmp/mxcc-hardening-plant-{}", std::process::id()));
    let attacks = [
        Attack {
            name: "plant a file in the host's /dev/shm",
            inner: format!("echo x > {}", shm_plant.display()),
            redirect: String::new(),
            effect: Effect::Creates(shm_plant),
        },
        Attack {
            name: "plant a file in the host's /tmp beside a granted path",
            inner: format!("echo x > {}", tmp_plant.display()),
            redirect: String::new(),
            effect: Effect::Creates(tmp_plant),
        },
    ];
    let mut failures = Vec::new();
    for who in WHO {
        failures.extend(prove(who, &p, &attacks));
        let tag = format!("{who:?}");
        let ok = [
            ("mktemp beside a policy path under /tmp", "f=$(mktemp) && d=$(mktemp -d) && echo made".to_owned(), "made".to_owned()),
            ("the granted path under /tmp is writable", format!("echo w > {t}/work/{tag} && cat {t}/work/{tag}"), "w".to_owned()),
            ("the read-only path under /tmp is readable", format!("cat {t}/ro/file"), "RO".to_owned()),
            ("/tmp is limited in size", "df -k /tmp | tail -n 1".to_owned(), format!(" {} ", 1024 * 1024)),
            ("/dev/shm is limited in size", "df -k /dev/shm | tail -n 1".to_owned(), format!(" {} ", 64 * 1024)),
            ("python multiprocessing locks", "python3 -c \"import multiprocessing as m; m.Lock(); print(7*6)\"".to_owned(), "42".to_owned()),
            ("a pseudo-terminal from /dev/ptmx", "python3 -c \"import os; m, s = os.openpty(); os.write(m, b\\\"hi\\\\n\\\"); print(os.ttyname(s), os.read(s, 9))\"".to_owned(), "/dev/pts/0 b'hi\\n'".to_owned()),
        ];
        for (name, cmd, want) in ok {
            let out = common::run(who, &p, &cmd, &[]);
            if out.status.code() != Some(0) || !stdout(&out).contains(&want) {
                failures.push(format!(
                    "[{who:?}] {name}: expected `{want}`\n{}",
                    text(&out)
                ));
            }
        }
        if std::fs::read_to_string(tmp_root.join(format!("work/{tag}")))
            .ok()
            .as_deref()
            != Some("w\n")
        {
            failures.push(format!(
                "[{who:?}] the write under the granted /tmp path did not reach the host"
            ));
        }
        let out = common::run(who, &p, &format!("echo x > {t}/ro/file"), &[]);
        if out.status.code() == Some(0)
            || std::fs::read_to_string(tmp_root.join("ro/file"))
                .ok()
                .as_deref()
                != Some("RO\n")
        {
            failures.push(format!(
                "[{who:?}] the read-only path under /tmp was written\n{}",
                text(&out)
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&tmp_root);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The view's device nodes are the host's inodes; with the caller's uid mapped to itself, root
/// in the sandbox owns them and could change their mode and times on the host. They are bound
/// read-only (reads and writes still reach the driver). Only as root: `nobody` owns no device
/// node, so the attack does not work unconfined either.
#[test]
fn device_nodes_keep_their_host_inode() {
    let _serial = common::serial();
    let p = policy("fs", &[]);
    let attacks = [
        Attack {
            name: "change the times of the host's /dev/full",
            inner: "touch -c /dev/full".into(),
            redirect: String::new(),
            effect: Effect::Touches(PathBuf::from("/dev/full")),
        },
        Attack {
            name: "change the mode of the host's /dev/zero",
            inner: "chmod 0606 /dev/zero".into(),
            redirect: String::new(),
            effect: Effect::Touches(PathBuf::from("/dev/zero")),
        },
    ];
    let mut failures = prove(As::Root, &p, &attacks);
    for who in WHO {
        let out = common::run(
            who,
            &p,
            "echo x > /dev/null && head -c 3 /dev/zero | wc -c && head -c 5 /dev/urandom | wc -c",
            &[],
        );
        if out.status.code() != Some(0) || stdout(&out) != "3\n5\n" {
            failures.push(format!("[{who:?}] devices stay usable\n{}", text(&out)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A host mount below a read-only grant; unmounted when dropped.
struct HostMount {
    path: PathBuf,
}

impl Drop for HostMount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.path).status();
    }
}

/// A read-only grant nested in a read-write one is held by its read-only bind (landlock's union
/// grants the enclosing write): a writable host mount below it must become read-only too, not
/// only the top of the bind.
#[test]
fn host_submounts_below_a_read_only_grant_are_read_only() {
    let _serial = common::serial();
    let f = fixture();
    let sub = f.root.join("work/ro-dir/sub");
    sh(&format!(
        "mkdir -p {} && chmod -R a+rX {}/work/ro-dir",
        sub.display(),
        f.root.display()
    ));
    let s = sub.display().to_string();
    sh(&format!(
        "mount -t tmpfs -o mode=1777,size=1m mxcc-hardening {s}"
    ));
    let _mount = HostMount { path: sub.clone() };
    let p = policy("nested", &[]);
    let attacks = [Attack {
        name: "write into a host submount below a read-only grant nested in a read-write one",
        inner: format!("echo ESCAPED > {s}/planted"),
        redirect: String::new(),
        effect: Effect::Creates(sub.join("planted")),
    }];
    let mut failures = Vec::new();
    for who in WHO {
        failures.extend(prove(who, &p, &attacks));
        let out = common::run(who, &p, &format!("ls -a {s} && echo listed"), &[]);
        if out.status.code() != Some(0) || !stdout(&out).contains("listed") {
            failures.push(format!(
                "[{who:?}] the submount stays readable\n{}",
                text(&out)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A granted directory swapped for a symbolic link to a secret while runs are planned and
/// mounted (a host process racing the executor). Unconfined, the swap is seen; confined, no
/// run may follow the link: each either sees the real directory or is refused.
#[test]
fn a_granted_path_swapped_for_a_link_is_never_followed() {
    let _serial = common::serial();
    let f = fixture();
    let r = f.root.display().to_string();
    sh(&format!(
        "rm -rf {r}/race && mkdir -p {r}/race/dir && echo REAL > {r}/race/dir/key && chmod -R a+rX {r}/race"
    ));
    let p = policy("race", &[]);
    // Swaps `dir` for a link to the secret directory and back, every 2 ms, until killed.
    let swap = format!(
        "import os,time\nd='{r}/race/dir'\nwhile True:\n    os.rename(d, d+'.real'); os.symlink('{r}/secret', d); time.sleep(0.002)\n    os.unlink(d); os.rename(d+'.real', d); time.sleep(0.002)\n"
    );
    let mut swapper = Command::new("python3")
        .arg("-c")
        .arg(&swap)
        .spawn()
        .expect("swapper");
    // The swapper is running once the link has been seen.
    let link = f.root.join("race/dir");
    let started = std::time::Instant::now();
    while !std::fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink())
        && started.elapsed() < std::time::Duration::from_secs(10)
    {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let mut failures = Vec::new();
    for who in WHO {
        let cmd = format!("cat {r}/race/dir/key");
        let seen =
            (0..200).any(|_| stdout(&common::run_unconfined(who, &cmd)).contains("TOPSECRET"));
        if !seen {
            failures.push(format!(
                "[{who:?}] the swap was never seen unconfined, so the race proves nothing"
            ));
        }
        let mut real = 0;
        for _ in 0..40 {
            let out = common::run(who, &p, &cmd, &[]);
            if stdout(&out).contains("TOPSECRET") {
                failures.push(format!(
                    "[{who:?}] ESCAPED: a run followed the swapped link\n{}",
                    text(&out)
                ));
            }
            real += usize::from(stdout(&out).contains("REAL"));
        }
        eprintln!("[{who:?}] 40 racing runs: {real} saw the real directory, the rest were refused");
    }
    let _ = swapper.kill();
    let _ = swapper.wait();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
