use crate::context::PathKind;
use crate::target::TargetId;
use crate::tests::{check_emit, options};

#[test]
fn mxc_order_and_masks() {
    check_emit(
        "bwrap_masks",
        &[TargetId::Bwrap],
        r#"{"version":"0.8.0-alpha","filesystem":{"readwritePaths":["/work","/work/secret/allowed"],"readonlyPaths":["/data"],"deniedPaths":["/work/secret","/data/key.pem","~/.ssh"]},"process":{"commandLine":"echo 'a\\b'\necho two","env":["A=1","NOEQ"],"cwd":"/work"}}"#,
        &crate::context::Options {
            home_dir: Some("/home/u".to_owned()),
            ..options(&[("/data/key.pem", PathKind::File)])
        },
    );
}

#[test]
fn home_without_home_dir_is_refused() {
    let out = check_emit(
        "bwrap_home_refused",
        &[TargetId::Bwrap],
        r#"{"version":"0.8.0-alpha","filesystem":{"readwritePaths":["~/proj"]},"process":{"commandLine":"true"}}"#,
        &options(&[]),
    );
    assert!(out.has_errors());
    assert_eq!(out.artifacts.keys().collect::<Vec<_>>(), ["report.json"]);
}

/// Runs the emitted argv under the real `/usr/bin/bwrap` and checks that allowed accesses
/// work and denied ones fail. bwrap must be installed: a missing binary fails the test.
#[test]
fn real_bwrap_enforces_the_mount_table() {
    use std::process::Command;

    let bwrap = std::path::Path::new("/usr/bin/bwrap");
    assert!(
        bwrap.exists(),
        "bubblewrap is required for this test: install the `bubblewrap` package"
    );
    let root = std::env::temp_dir().join(format!("mxcc-bwrap-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for dir in ["rw/secret/allowed", "ro", "hidden"] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
    }
    std::fs::write(root.join("rw/secret/key"), "SECRET").unwrap();
    std::fs::write(root.join("ro/file"), "RO").unwrap();
    std::fs::write(root.join("ro/key.pem"), "PEM").unwrap();
    std::fs::write(root.join("hidden/file"), "HIDDEN").unwrap();
    let r = root.display();
    let json = format!(
        r#"{{"version":"0.8.0-alpha","filesystem":{{"readwritePaths":["{r}/rw","{r}/rw/secret/allowed"],"readonlyPaths":["{r}/ro"],"deniedPaths":["{r}/rw/secret","{r}/ro/key.pem"]}},"process":{{"commandLine":"true"}}}}"#
    );
    let policy = crate::tests::policy(&json);
    let options = crate::context::Options::default();
    let out = crate::compile(&policy, &[TargetId::Bwrap, TargetId::Seccomp], &options);
    assert!(!out.has_errors(), "{:#?}", out.diagnostics);
    let args =
        crate::backends::bwrap::parse(&String::from_utf8_lossy(&out.artifacts["bwrap.args"]));
    let bpf = root.join("filter.bpf");
    std::fs::write(&bpf, &out.artifacts["seccomp.bpf"]).unwrap();
    // Runs a shell snippet in the sandbox, with the filter on fd 3; true when it exits 0.
    let run = |script: &str| {
        let cut = args.iter().position(|a| a == "--").unwrap();
        let mut cmd = Command::new(bwrap);
        cmd.args(&args[..cut]).args(["--", "sh", "-c", script]);
        let file = std::fs::File::open(&bpf).unwrap();
        let fd = std::os::fd::OwnedFd::from(file);
        // The filter is passed as fd 3 through a tiny shell redirection.
        let line = std::iter::once(bwrap.display().to_string())
            .chain(cmd.get_args().map(|a| shell_quote(&a.to_string_lossy())))
            .collect::<Vec<_>>()
            .join(" ");
        drop(fd);
        Command::new("sh")
            .arg("-c")
            .arg(format!(
                "exec {line} 3< {}",
                shell_quote(&bpf.display().to_string())
            ))
            .status()
            .unwrap()
            .success()
    };
    assert!(run("true"), "the sandbox starts");
    assert!(
        run(&format!("echo hi > {r}/rw/new && cat {r}/rw/new")),
        "write under readwrite"
    );
    assert!(run(&format!("cat {r}/ro/file")), "read under readonly");
    assert!(
        !run(&format!("echo x > {r}/ro/file")),
        "write under readonly fails"
    );
    assert!(
        !run(&format!("cat {r}/rw/secret/key")),
        "denied directory hides its files"
    );
    assert!(
        !run(&format!("echo x > {r}/rw/secret/new")),
        "denied directory is not writable"
    );
    assert!(
        run(&format!("echo ok > {r}/rw/secret/allowed/f")),
        "a deeper readwrite re-exposes"
    );
    assert!(
        !run(&format!("grep -q PEM {r}/ro/key.pem")),
        "a denied file reads as empty"
    );
    assert!(
        !run(&format!("cat {r}/hidden/file")),
        "unlisted paths do not exist"
    );
    assert!(
        !run("cat /proc/1/environ >/dev/null && ls /root"),
        "the host root is not visible"
    );
    assert!(
        run("cat /etc/hostname >/dev/null || true"),
        "the baseline is mounted"
    );
    assert!(!run("unshare -U true"), "seccomp refuses new namespaces");
    assert_eq!(
        std::fs::read_to_string(root.join("rw/secret/key")).unwrap(),
        "SECRET"
    );
    assert!(!root.join("rw/secret/new").exists());
    let _ = std::fs::remove_dir_all(&root);
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}
