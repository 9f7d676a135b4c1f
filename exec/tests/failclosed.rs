//! Fail-closed: when the kernel offers less than the proof assumed, the executor refuses with
//! its code and the command never runs.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers: a failure is a test failure"
)]

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{fixture, policy, text};

#[test]
fn missing_landlock_refuses_and_never_runs_the_command() {
    let p = policy("fs", &[]);
    let abi = [(exec::probe::FAKE_LANDLOCK_ABI_ENV, "0")];
    let (out, marker) = touch(&[p.as_os_str()], &abi, "ran-without-landlock");
    assert_refused(&out, &["MX6001"], &marker);
}

#[test]
fn an_older_landlock_abi_than_the_ruleset_needs_refuses() {
    let p = policy("fs", &[]);
    // The fs policy scopes abstract sockets and signals, which needs ABI 6.
    let abi = [(exec::probe::FAKE_LANDLOCK_ABI_ENV, "3")];
    let (out, marker) = touch(&[p.as_os_str()], &abi, "ran-with-abi-3");
    assert_refused(&out, &["MX6001"], &marker);
}

#[test]
fn the_library_refuses_on_a_weaker_probe() {
    let f = fixture();
    let p = policy("fs", &[]);
    let bytes = std::fs::read(&p).expect("policy");
    let check = driver::CheckOptions {
        platform: driver::PlatformChoice::Fixed(ir::Platform::Linux),
        ..driver::CheckOptions::default()
    };
    let report = driver::check_source(&p, ir::SourceId(0), &bytes, &check);
    let policy = report.policy.expect("policy lowers");
    let artifacts = exec::Artifacts::compile(&policy, None, None);
    let marker = f.root.join("work/ran-from-library");
    let opts = exec::RunOptions {
        probe_override: exec::ProbeOverride {
            landlock_abi: Some(0),
            ..Default::default()
        },
        ..Default::default()
    };
    let cmd = vec!["touch".to_owned(), marker.display().to_string()];
    let err = exec::run(&policy, &artifacts, Some(cmd.clone()), &opts).expect_err("must refuse");
    assert_eq!(err.code, exec::codes::LANDLOCK_ABI);
    for (over, code) in [
        (
            exec::ProbeOverride {
                no_seccomp: true,
                ..Default::default()
            },
            exec::codes::SECCOMP,
        ),
        (
            exec::ProbeOverride {
                no_user_namespaces: true,
                ..Default::default()
            },
            exec::codes::USER_NAMESPACE,
        ),
    ] {
        let opts = exec::RunOptions {
            probe_override: over,
            ..Default::default()
        };
        let err =
            exec::run(&policy, &artifacts, Some(cmd.clone()), &opts).expect_err("must refuse");
        assert_eq!(err.code, code);
    }
    assert!(!marker.exists());
}

/// A granted path that is missing is decided by the landlock target (MX5035: no rule, so the
/// path stays denied); the sandbox cannot create it.
#[test]
fn a_granted_path_missing_at_compile_time_stays_denied() {
    let f = fixture();
    let p = policy("missing", &[]);
    let target = f.root.join("does-not-exist");
    let out = Command::new(common::EXE)
        .arg(&p)
        .args(["--", "mkdir", "-p"])
        .arg(&target)
        .output()
        .expect("run");
    assert_ne!(out.status.code(), Some(0), "{}", text(&out));
    assert!(!target.exists());
}

/// The executor sets the sandbox up while the schema stage of the frontend still runs; an error
/// only that stage finds must still keep the command from starting.
#[test]
fn an_error_only_the_schema_finds_refuses_and_never_runs_the_command() {
    let p = policy("schema", &[]);
    let (out, marker) = touch(&[p.as_os_str()], &[], "ran-despite-schema-error");
    assert_refused(&out, &["MX6010", "MX11"], &marker);
}

/// Runs `mxcc-run ARGS -- touch MARKER` with extra environment (the marker lies under the
/// work tree and is removed first).
fn touch(args: &[&OsStr], env: &[(&str, &str)], marker: &str) -> (Output, PathBuf) {
    let marker = fixture().root.join("work").join(marker);
    let _ = std::fs::remove_file(&marker);
    let out = Command::new(common::EXE)
        .args(args)
        .envs(env.iter().copied())
        .args(["--", "touch"])
        .arg(&marker)
        .output()
        .expect("run");
    (out, marker)
}

/// The run was refused (exit 125) with every needle in its message, and the command never ran.
fn assert_refused(out: &Output, needles: &[&str], marker: &Path) {
    assert_eq!(out.status.code(), Some(125), "{}", text(out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(needles.iter().all(|n| stderr.contains(n)), "{}", text(out));
    assert!(
        !marker.exists(),
        "the command ran although the run was refused"
    );
}

/// Emits the fs policy's artifacts into a fresh directory and returns it.
fn emitted(name: &str) -> (PathBuf, PathBuf) {
    let f = fixture();
    let p = policy("fs", &[]);
    let dir = f.root.join(format!("artifacts-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    let out = Command::new(common::EXE)
        .arg(&p)
        .arg("--emit-artifacts")
        .arg(&dir)
        .output()
        .expect("emit");
    assert!(out.status.success(), "{}", text(&out));
    (p, dir)
}

/// Artifacts record the policy bytes they were compiled from; run against a changed policy
/// they would enforce another policy, so the run is refused.
#[test]
fn artifacts_of_another_version_of_the_policy_refuse() {
    let f = fixture();
    let (p, dir) = emitted("stale");
    let changed = f.root.join("fs-changed.json");
    let text_of = std::fs::read_to_string(&p).expect("policy");
    std::fs::write(&changed, text_of.replacen('{', "{ ", 1)).expect("write");
    let (out, marker) = touch(
        &[
            changed.as_os_str(),
            OsStr::new("--artifacts"),
            dir.as_os_str(),
        ],
        &[],
        "ran-with-stale-artifacts",
    );
    assert_refused(&out, &["MX6011", "another version of the policy"], &marker);
}

/// The same bytes run with their artifacts; artifacts without a source record (an older
/// `mxcc compile`) still run, through the whole frontend.
#[test]
fn artifacts_of_these_bytes_run_with_or_without_a_source_record() {
    let (p, dir) = emitted("fresh");
    let report_path = dir.join("report.json");
    let report = std::fs::read_to_string(&report_path).expect("report");
    let value: serde_json::Value = serde_json::from_str(&report).expect("json");
    let recorded = targets::SourceRecord::from_report(&value).expect("a source record");
    let bytes = std::fs::read(&p).expect("policy");
    assert_eq!(
        recorded,
        targets::SourceRecord::of(&bytes, ir::Platform::Linux, false)
    );
    for strip in [false, true] {
        if strip {
            let mut v = value.clone();
            if let Some(o) = v.as_object_mut() {
                o.remove("source");
            }
            std::fs::write(&report_path, v.to_string()).expect("write");
        }
        let (out, marker) = touch(
            &[p.as_os_str(), OsStr::new("--artifacts"), dir.as_os_str()],
            &[],
            &format!("ran-with-artifacts-{strip}"),
        );
        assert!(out.status.success(), "{}", text(&out));
        assert!(marker.exists(), "the command did not run (strip {strip})");
    }
}
