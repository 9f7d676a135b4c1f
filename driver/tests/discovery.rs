//! Which files `mxcc check` finds and checks: directory walks, policy detection, `mxcc.toml`,
//! and standard input. Each test lays out a fresh directory and snapshots what was checked.

#![expect(
    clippy::expect_used,
    reason = "test helpers outside `#[test]` functions may fail loudly"
)]

use std::fmt::Write as _;
use std::path::Path;

use driver::{CheckOptions, CheckReport, PlatformChoice, Stdin};

/// A small policy MXC accepts.
const POLICY: &str = r#"{
  "version": "0.8.0-alpha",
  "containment": "bubblewrap",
  "process": { "commandLine": "/usr/bin/true" },
  "filesystem": { "readonlyPaths": ["/usr"] }
}
"#;

/// A package manifest: JSON with a `version` and nothing of MXC.
const PACKAGE_JSON: &str = r#"{
  "name": "app",
  "version": "1.2.3",
  "dependencies": { "left-pad": "^1.3.0" }
}
"#;

/// Lays out `files` in a fresh directory, checks `args` as `mxcc check` would, and returns a
/// transcript of what was checked, with paths relative to that directory.
///
/// A file whose contents start with `symlink:` is a symbolic link to the rest. An argument
/// `-` is standard input, whose bytes are the `files` entry named `-` (not written to disk);
/// `--stdin-filename NAME` names it.
fn check(files: &[(&str, &str)], args: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    for (name, contents) in files.iter().filter(|(name, _)| *name != "-") {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        match contents.strip_prefix("symlink:") {
            Some(target) => std::os::unix::fs::symlink(target, &path).expect("symlink"),
            None => std::fs::write(&path, contents).expect("write"),
        }
    }
    let mut paths = Vec::new();
    let mut stdin_name = None;
    let mut reads_stdin = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match *arg {
            "-" => reads_stdin = true,
            "--stdin-filename" => stdin_name = rest.next().map(|n| root.join(n)),
            path => paths.push(root.join(path)),
        }
    }
    let stdin = reads_stdin.then(|| Stdin {
        name: stdin_name.unwrap_or_else(|| root.join(driver::STDIN_NAME)),
        bytes: files
            .iter()
            .find(|(name, _)| *name == "-")
            .map_or_else(Vec::new, |(_, c)| c.as_bytes().to_vec()),
    });
    let options = CheckOptions {
        platform: PlatformChoice::Fixed(ir::Platform::Linux),
        ..CheckOptions::default()
    };
    let report = driver::check_inputs(&paths, stdin.as_ref(), &options);
    transcript(root, args, &report)
}

fn transcript(root: &Path, args: &[&str], report: &CheckReport) -> String {
    let rel = |p: &Path| -> String {
        p.strip_prefix(root)
            .map_or_else(|_| p.display().to_string(), |r| r.display().to_string())
    };
    let codes = |diagnostics: &[ir::Diagnostic]| -> String {
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        if codes.is_empty() {
            "clean".to_owned()
        } else {
            codes.join(" ")
        }
    };
    let mut out = format!("$ mxcc check {}\n", args.join(" "));
    let policies = report.policies();
    let _ = writeln!(out, "policies checked: {}", policies.len());
    for f in policies {
        let _ = writeln!(out, "  {}: {}", rel(&f.path), codes(&f.diagnostics));
    }
    let supporting = &report.files[policies.len()..];
    let _ = writeln!(out, "also reported: {}", supporting.len());
    for f in supporting {
        let _ = writeln!(out, "  {}: {}", rel(&f.path), codes(&f.diagnostics));
    }
    let _ = writeln!(out, "skipped: {}", report.skipped.len());
    for p in &report.skipped {
        let _ = writeln!(out, "  {}", rel(p));
    }
    let _ = writeln!(out, "path errors: {}", report.path_errors.len());
    for e in &report.path_errors {
        let message = e
            .diagnostic
            .message
            .replace(&root.display().to_string(), "$DIR");
        let _ = writeln!(
            out,
            "  {}: {} {}",
            rel(&e.path),
            e.diagnostic.code.as_str(),
            message
        );
    }
    let _ = writeln!(out, "has errors: {}", report.has_errors());
    out
}

/// The checked files' paths in a transcript, each once.
fn checked_paths(transcript: &str) -> Vec<&str> {
    transcript
        .lines()
        .skip_while(|l| !l.starts_with("policies checked: "))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.trim().split(':').next())
        .collect()
}

#[test]
fn package_json_and_node_modules_are_not_checked() {
    let t = check(
        &[
            ("proj/package.json", PACKAGE_JSON),
            (
                "proj/tsconfig.json",
                "{\n  // comments are not JSON\n  \"compilerOptions\": {}\n}\n",
            ),
            ("proj/node_modules/left-pad/package.json", PACKAGE_JSON),
            ("proj/node_modules/dep/policy.json", POLICY),
            ("proj/target/debug/policy.json", POLICY),
        ],
        &["proj"],
    );
    assert!(t.contains("policies checked: 0"), "{t}");
    assert!(t.contains("has errors: false"), "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn a_real_policy_is_found_beside_other_json() {
    let t = check(
        &[
            ("proj/package.json", PACKAGE_JSON),
            ("proj/sandbox/policy.json", POLICY),
            (
                "proj/sandbox/broken.json",
                "{\"version\": \"0.8.0-alpha\", \"network\": {",
            ),
            ("proj/sandbox/.hidden.json", POLICY),
            ("proj/.config/policy.json", POLICY),
        ],
        &["proj"],
    );
    assert_eq!(
        checked_paths(&t),
        ["proj/sandbox/broken.json", "proj/sandbox/policy.json"],
        "{t}"
    );
    insta::assert_snapshot!(t);
}

#[test]
fn a_symlink_cycle_checks_each_file_once() {
    let t = check(
        &[
            ("proj/policy.json", POLICY),
            ("proj/sub/other.json", POLICY),
            ("proj/sub/loop", "symlink:.."),
            ("proj/sub/self", "symlink:."),
            ("proj/alias.json", "symlink:policy.json"),
        ],
        &["proj"],
    );
    assert_eq!(
        checked_paths(&t),
        ["proj/policy.json", "proj/sub/other.json"],
        "{t}"
    );
    insta::assert_snapshot!(t);
}

#[test]
fn gitignore_and_ignore_files_are_honoured_without_a_git_repository() {
    let t = check(
        &[
            ("proj/.gitignore", "generated/\n/scratch.json\n"),
            ("proj/.ignore", "vendored.json\n"),
            ("proj/policy.json", POLICY),
            ("proj/scratch.json", POLICY),
            ("proj/generated/policy.json", POLICY),
            ("proj/lib/vendored.json", POLICY),
            ("proj/lib/scratch.json", POLICY),
        ],
        &["proj"],
    );
    assert_eq!(
        checked_paths(&t),
        ["proj/lib/scratch.json", "proj/policy.json"],
        "{t}"
    );
    insta::assert_snapshot!(t);
}

#[test]
fn named_files_are_checked_even_when_ignored_or_not_policy_like() {
    let t = check(
        &[
            ("proj/.gitignore", "generated/\n"),
            ("proj/generated/policy.json", POLICY),
            ("proj/package.json", PACKAGE_JSON),
            ("proj/node_modules/dep/policy.json", POLICY),
        ],
        &[
            "proj/generated/policy.json",
            "proj/package.json",
            "proj/node_modules/dep/policy.json",
        ],
    );
    assert_eq!(
        checked_paths(&t),
        [
            "proj/generated/policy.json",
            "proj/node_modules/dep/policy.json",
            "proj/package.json"
        ],
        "{t}"
    );
    insta::assert_snapshot!(t);
}

#[test]
fn a_directory_with_only_ignored_json_is_an_error() {
    let t = check(
        &[
            ("proj/.gitignore", "*.json\n"),
            ("proj/policy.json", POLICY),
            ("proj/node_modules/dep/policy.json", POLICY),
        ],
        &["proj"],
    );
    assert!(t.contains("MX0002"), "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn mxcc_toml_with_problems_is_reported_but_not_counted() {
    let t = check(
        &[
            ("proj/mxcc.toml", "select = [\"MX9999\"]\nunknown-key = 1\n"),
            ("proj/policy.json", POLICY),
        ],
        &["proj"],
    );
    assert!(t.contains("policies checked: 1"), "{t}");
    assert!(t.contains("also reported: 1\n  proj/mxcc.toml: MX0"), "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn stdin_is_checked_under_its_given_name_with_the_nearest_config() {
    // The policy from standard input has errors; the config beside its name must be found and
    // reported, as for a file on disk.
    let t = check(
        &[
            (
                "-",
                "{\"version\": \"0.8.0-alpha\", \"filesystem\": {\"readonlyPaths\": 1}}",
            ),
            ("proj/mxcc.toml", "unknown-key = 1\n"),
        ],
        &["--stdin-filename", "proj/policy.json", "-"],
    );
    assert!(t.contains("  proj/policy.json: MX"), "{t}");
    assert!(t.contains("  proj/mxcc.toml: MX0101"), "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn stdin_without_a_name_is_checked_even_when_not_policy_like() {
    let t = check(&[("-", PACKAGE_JSON)], &["-"]);
    assert!(t.contains("policies checked: 1\n  <stdin>: MX"), "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn checked_paths_reads_the_transcript() {
    let t = "$ mxcc check x\npolicies checked: 2\n  a.json: clean\n  b.json: MX1001\nalso reported: 0\n";
    assert_eq!(checked_paths(t), ["a.json", "b.json"]);
}
