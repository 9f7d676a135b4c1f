//! Fail-closed: when the kernel offers less than the proof assumed, the executor refuses with
//! its code and the command never runs.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers: a failure is a test failure"
)]

mod common;

use std::process::Command;

use common::{fixture, policy, text};

#[test]
fn missing_landlock_refuses_and_never_runs_the_command() {
    let f = fixture();
    let marker = f.root.join("work/ran-without-landlock");
    let _ = std::fs::remove_file(&marker);
    let p = policy("fs", &[]);
    let out = Command::new(common::EXE)
        .arg(&p)
        .arg("--")
        .arg("touch")
        .arg(&marker)
        .env(exec::probe::FAKE_LANDLOCK_ABI_ENV, "0")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(125), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("MX6001"),
        "{}",
        text(&out)
    );
    assert!(
        !marker.exists(),
        "the command ran although landlock was reported missing"
    );
}

#[test]
fn an_older_landlock_abi_than_the_ruleset_needs_refuses() {
    let f = fixture();
    let marker = f.root.join("work/ran-with-abi-3");
    let p = policy("fs", &[]);
    // The fs policy scopes abstract sockets and signals, which needs ABI 6.
    let out = Command::new(common::EXE)
        .arg(&p)
        .args(["--", "touch"])
        .arg(&marker)
        .env(exec::probe::FAKE_LANDLOCK_ABI_ENV, "3")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(125), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("MX6001"),
        "{}",
        text(&out)
    );
    assert!(!marker.exists());
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
    let artifacts = exec::Artifacts::compile(&policy, None);
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
    let f = fixture();
    let marker = f.root.join("work/ran-despite-schema-error");
    let _ = std::fs::remove_file(&marker);
    let p = policy("schema", &[]);
    let out = Command::new(common::EXE)
        .arg(&p)
        .args(["--", "touch"])
        .arg(&marker)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(125), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("MX6010") && stderr.contains("MX11"),
        "{}",
        text(&out)
    );
    assert!(!marker.exists(), "the command ran despite a schema error");
}
