//! Shared fixture of the escape and fail-closed suites: a directory tree under `/var/tmp`
//! (the sandbox gets a private `/tmp`), the attack helper compiled with `cc`, and the policies
//! of `tests/policies/` rendered with the fixture's paths.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers: a failure is a test failure"
)]
#![allow(
    dead_code,
    reason = "each test binary uses a different part of the fixture"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard, OnceLock};

pub(crate) struct Fixture {
    pub(crate) root: PathBuf,
    pub(crate) attack: PathBuf,
}

pub(crate) const EXE: &str = env!("CARGO_BIN_EXE_mxcc-run");

fn sh(cmd: &str) {
    let ok = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "fixture command failed: {cmd}");
}

pub(crate) fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let root = PathBuf::from(format!("/var/tmp/mxcc-escape-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let r = root.display();
        // Every file is world-readable and the work tree world-writable, so that a denial seen
        // by the unprivileged run comes from the sandbox, never from file modes.
        sh(&format!(
            "mkdir -p {r}/work/.git/hooks {r}/ro {r}/bin {r}/secret {r}/outside {r}/sock && \
             echo TOPSECRET > {r}/secret/key && echo OUTSIDE > {r}/outside/file && \
             echo ro > {r}/ro/file && echo cfg > {r}/work/.git/config && \
             echo HOOK > {r}/work/.git/hooks/pre-commit && echo ENVSECRET > {r}/work/.env && \
             echo data > {r}/work/data && chmod -R a+rX {r} && chmod 0777 {r}/work {r}/sock"
        ));
        let attack = root.join("bin/attack");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/helpers/attack.c");
        let out = Command::new("cc")
            .args(["-O1", "-o"])
            .arg(&attack)
            .arg(&src)
            .output()
            .expect("cc must be installed to build the attack helper");
        assert!(
            out.status.success(),
            "cc failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        sh(&format!(
            "cp {} {r}/bin/attack-suid && chmod 4755 {r}/bin/attack-suid",
            attack.display()
        ));
        Fixture { root, attack }
    })
}

/// Serialises the suites of one test binary: they share the fixture, and a run of one suite
/// holds mask mount points (created for the run) that another suite would see.
pub(crate) fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Renders `tests/policies/NAME.json` with the fixture's paths and extra substitutions.
pub(crate) fn policy(name: &str, subst: &[(&str, &str)]) -> PathBuf {
    let f = fixture();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/policies/{name}.json"));
    let mut text = std::fs::read_to_string(&src).expect("policy");
    text = text.replace("@ROOT@", &f.root.display().to_string());
    for (k, v) in subst {
        text = text.replace(k, v);
    }
    let tag: String = subst
        .iter()
        .map(|(_, v)| {
            v.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .collect();
    let out = f.root.join(format!("{name}-{tag}.json"));
    // Tests of one binary render the same policy concurrently: write aside and rename, so that
    // a reader never sees a half-written file.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let aside = f.root.join(format!(".{name}-{tag}.json.{n}"));
    std::fs::write(&aside, text).expect("write policy");
    std::fs::rename(&aside, &out).expect("rename policy");
    out
}

/// Who runs the executor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum As {
    Root,
    Nobody,
}

/// Runs `mxcc-run POLICY -- sh -c CMD` as `who`.
pub(crate) fn run(who: As, policy: &Path, cmd: &str, env: &[(&str, &str)]) -> Output {
    let mut c = executor(who);
    c.arg(policy).arg("--").arg("sh").arg("-c").arg(cmd);
    c.env("HOME", "/nonexistent");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("spawn mxcc-run")
}

/// Runs `mxcc-run ARGS...` as `who`, with `HOME` pointing nowhere.
pub(crate) fn run_args(who: As, args: &[&str]) -> Output {
    let mut c = executor(who);
    c.args(args).env("HOME", "/nonexistent");
    c.output().expect("spawn mxcc-run")
}

/// Runs `sh -c CMD` as `who`, unconfined (the proof that an attack works on this host).
pub(crate) fn run_unconfined(who: As, cmd: &str) -> Output {
    let mut c = match who {
        As::Root => Command::new("sh"),
        As::Nobody => {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "sh"]);
            c
        }
    };
    c.arg("-c").arg(cmd).output().expect("spawn sh")
}

/// `mxcc-run` as `who`, without arguments.
pub(crate) fn executor(who: As) -> Command {
    match who {
        As::Root => Command::new(EXE),
        As::Nobody => {
            let mut c = Command::new("setpriv");
            c.args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "--inh-caps=-all",
                EXE,
            ]);
            c
        }
    }
}

pub(crate) fn text(o: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}--- stderr\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}
