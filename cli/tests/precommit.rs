//! The pre-commit hook (`.pre-commit-hooks.yaml`) driven by the real `pre-commit` tool:
//! `pre-commit try-repo` installs the hook from this repository and runs it on policy files.

#![expect(
    clippy::expect_used,
    reason = "test helpers outside `#[test]` functions may fail loudly"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// `pre-commit` from PATH, or from the tools venv `scripts/bootstrap` creates.
fn pre_commit(root: &Path) -> PathBuf {
    let venv = root.join("target/tools-venv/bin/pre-commit");
    if venv.exists() {
        return venv;
    }
    let on_path = Command::new("pre-commit").arg("--version").output();
    assert!(
        on_path.is_ok_and(|o| o.status.success()),
        "pre-commit is not installed: run scripts/bootstrap (it creates target/tools-venv)"
    );
    PathBuf::from("pre-commit")
}

fn run(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().expect("command runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn hook_runs_mxcc_check_on_changed_policies() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("root");
    let tool = pre_commit(&root);
    let mxcc_dir = Path::new(env!("CARGO_BIN_EXE_mxcc"))
        .parent()
        .expect("bin dir")
        .to_path_buf();
    let work = std::env::temp_dir().join(format!("mxcc-precommit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).expect("temp dir");
    let git = |args: &[&str]| run(Command::new("git").args(args).current_dir(&work));
    assert_eq!(git(&["init", "-q"]).0, 0);
    let good =
        std::fs::read(root.join("corpus/coding-agent-bwrap/policy.json")).expect("good policy");
    let broken = std::fs::read(root.join("corpus/broken-cidr-host-bits/policy.json"))
        .expect("broken policy");
    std::fs::write(work.join("policy.json"), &good).expect("write");
    std::fs::create_dir_all(work.join("broken")).expect("dir");
    std::fs::write(work.join("broken/policy.json"), &broken).expect("write");
    std::fs::write(work.join("notes.json"), b"{\"not\": \"a policy\"}").expect("write");
    assert_eq!(git(&["add", "."]).0, 0);
    let path = format!(
        "{}:{}",
        mxcc_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let home = work.join(".cache-home");
    let try_repo = |files: &[&str]| {
        let mut cmd = Command::new(&tool);
        cmd.args([
            "try-repo",
            root.to_str().expect("utf-8 root"),
            "mxcc-check",
            "--files",
        ])
        .args(files)
        .current_dir(&work)
        .env("PATH", &path)
        .env("PRE_COMMIT_HOME", &home);
        run(&mut cmd)
    };
    let (code, text) = try_repo(&["policy.json", "notes.json"]);
    assert_eq!(code, 0, "the good policy passes:\n{text}");
    assert!(
        text.contains("mxcc check") && text.contains("Passed"),
        "{text}"
    );
    let (code, text) = try_repo(&["policy.json", "broken/policy.json"]);
    assert_eq!(code, 1, "the broken policy fails the hook:\n{text}");
    assert!(
        text.contains("MX2103"),
        "the hook shows mxcc's diagnostic:\n{text}"
    );
    let _ = std::fs::remove_dir_all(&work);
}
