//! The `compile` suite: runs the real `mxcc compile` and records stdout, stderr and the exit
//! code. Its output must be short by default and must not depend on the compiling machine
//! unless `--assume-host current` asks for it.

#![expect(
    clippy::expect_used,
    reason = "test helpers outside `#[test]` functions may fail loudly"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/transcript.rs"]
mod support;
use support::transcript;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `mxcc` with arguments in `cwd` with `HOME` set to `home`; returns a snapshot-ready
/// transcript.
fn check_in(cwd: &Path, home: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_mxcc"))
        .args(args)
        .current_dir(cwd)
        .env("HOME", home)
        .output()
        .expect("mxcc runs");
    transcript(&format!("$ mxcc {}", args.join(" ")), &out)
}

/// Runs `mxcc` with arguments from the workspace root.
fn check(args: &[&str]) -> String {
    check_in(&root(), Path::new("/nonexistent-home"), args)
}

fn exit_code(transcript: &str) -> &str {
    transcript.lines().nth(1).unwrap_or_default()
}

fn stdout(transcript: &str) -> &str {
    transcript
        .split_once("--- stdout\n")
        .and_then(|(_, rest)| rest.split_once("--- stderr\n"))
        .map_or("", |(out, _)| out)
}

/// A fresh directory under the system temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mxcc-compile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temporary directory");
    dir
}

#[test]
fn summary_of_a_good_policy_is_short() {
    let t = check(&[
        "compile",
        "--target",
        "all-linux",
        "corpus/coding-agent-bwrap/policy.json",
    ]);
    assert_eq!(exit_code(&t), "exit: 0", "{t}");
    assert!(stdout(&t).lines().count() <= 12, "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn verbose_prints_every_diagnostic_the_summary_counts() {
    let args = [
        "compile",
        "--target",
        "all-linux",
        "corpus/coding-agent-bwrap/policy.json",
    ];
    let short = check(&args);
    let full = check(&[&args[..], &["-v"]].concat());
    assert_eq!(exit_code(&full), "exit: 0", "{full}");
    // Every `N CODE` of the summary's `warnings:` and `notes:` lines is N full diagnostics.
    let mut counted = 0;
    for (label, severity) in [("warnings: ", "warning"), ("notes: ", "note")] {
        let line = stdout(&short)
            .lines()
            .find_map(|l| l.strip_prefix(label))
            .expect("a count line");
        for item in line.split(", ") {
            let (n, code) = item.split_once(' ').expect("`N CODE`");
            let n: usize = n.parse().expect("a count");
            let header = format!("{severity}[{code}]: ");
            let shown = stdout(&full)
                .lines()
                .filter(|l| l.starts_with(&header))
                .count();
            assert_eq!(shown, n, "{code}:\n{full}");
            counted += n;
        }
    }
    assert!(counted > 50, "{short}");
    assert!(!stdout(&full).contains("use -v"), "{full}");
    // The target and proof lines are the same in both forms.
    for line in stdout(&short)
        .lines()
        .filter(|l| l.contains("enforced") || l.contains("soundness"))
    {
        assert!(stdout(&full).contains(line), "{line}\n{full}");
    }
}

#[test]
fn errors_print_in_full_and_exit_one() {
    let t = check(&[
        "compile",
        "--target",
        "all-linux",
        "corpus/tilde-paths-bwrap/policy.json",
    ]);
    assert_eq!(exit_code(&t), "exit: 1", "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn frontend_errors_exit_one() {
    let t = check(&[
        "compile",
        "--target",
        "all-linux",
        "corpus/broken-cidr-host-bits/policy.json",
    ]);
    assert_eq!(exit_code(&t), "exit: 1", "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn unreadable_policy_exits_two() {
    let t = check(&["compile", "--target", "all-linux", "no/such/policy.json"]);
    assert_eq!(exit_code(&t), "exit: 2", "{t}");
    assert!(t.contains("error[MX0001]"), "{t}");
}

#[test]
fn unknown_target_exits_two() {
    let t = check(&[
        "compile",
        "--target",
        "plan9",
        "corpus/coding-agent-bwrap/policy.json",
    ]);
    assert_eq!(exit_code(&t), "exit: 2", "{t}");
}

/// With `--assume-host none` (the default) the output and the artifacts are the same whatever
/// exists on the compiling machine, and whatever its working directory and `HOME`; with
/// `current` they follow the paths.
#[test]
fn output_does_not_depend_on_the_host_unless_asked() {
    let dir = scratch("host");
    let work = dir.join("work");
    let policy = dir.join("policy.json");
    std::fs::write(
        &policy,
        format!(
            r#"{{"version":"0.8.0-alpha","process":{{"commandLine":"make"}},"filesystem":{{"readwritePaths":["{w}"],"deniedPaths":["{w}/.env"]}}}}"#,
            w = work.display()
        ),
    )
    .expect("policy written");
    let out = dir.join("out");
    let (policy, out) = (
        policy.to_str().expect("utf-8"),
        out.to_str().expect("utf-8"),
    );
    let compile = |assume: &str, cwd: &Path, home: &Path| {
        let t = check_in(
            cwd,
            home,
            &[
                "compile",
                "--target",
                "all-linux",
                "--assume-host",
                assume,
                "--out",
                out,
                policy,
            ],
        );
        assert_eq!(exit_code(&t), "exit: 0", "{t}");
        let mut artifacts = Vec::new();
        for name in ["bwrap.args", "landlock.json", "report.json"] {
            let bytes = std::fs::read(Path::new(out).join(name)).expect("artifact written");
            artifacts.push((name, String::from_utf8_lossy(&bytes).into_owned()));
        }
        (t, artifacts)
    };
    let none_before = compile("none", &root(), Path::new("/nonexistent-home"));
    let current_before = compile("current", &root(), Path::new("/nonexistent-home"));
    std::fs::create_dir_all(&work).expect("work directory");
    std::fs::write(work.join(".env"), "SECRET=1").expect("denied file");
    let none_after = compile("none", &dir, &dir);
    let current_after = compile("current", &dir, &dir);
    assert_eq!(none_before, none_after);
    assert_ne!(current_before, current_after);
    // The default is `none`.
    let default = check_in(
        &dir,
        &dir,
        &["compile", "--target", "all-linux", "--out", out, policy],
    );
    assert_eq!(default, none_before.0.replace(" --assume-host none", ""));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A solver timeout in any domain is MX4005 with that domain and a non-zero exit, even when
/// another domain has findings, and never "proved" or "holds" next to it (issue 12).
#[test]
fn a_timeout_in_any_domain_is_unknown_and_fails() {
    let t = check(&[
        "compile",
        "--target",
        "landlock",
        "--timeout-ms",
        "1",
        "corpus/coding-agent-bwrap/policy.json",
    ]);
    let out = stdout(&t);
    // One millisecond is too little for the composition's queries: something times out.
    assert!(out.contains("error[MX4005]"), "{t}");
    assert!(
        out.contains("filesystem: timeout") || out.contains("network: timeout"),
        "{t}"
    );
    assert_eq!(exit_code(&t), "exit: 1", "{t}");
    let verdict = out
        .lines()
        .find(|l| l.starts_with("landlock: soundness"))
        .unwrap_or_default();
    assert!(verdict.contains("UNKNOWN"), "{verdict}");
    assert!(
        !out.contains("soundness proved") && !out.contains("holds"),
        "{t}"
    );
    assert!(out.contains("landlock: artifact withheld"), "{t}");
}
