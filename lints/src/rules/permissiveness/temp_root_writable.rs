//! MX3002 temp-root-writable.

use ir::Diagnostic;
use ir::catalog::Kind;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a policy that makes a whole shared temporary directory writable (`/tmp`,
    /// `/var/tmp`, `$TMPDIR`, `%TEMP%`, `C:\Windows\Temp`, macOS `/private/var/folders`).
    ///
    /// ## Why is this bad?
    /// The host's temporary root is shared by every process of the user (and on Linux by every
    /// user). A sandbox that writes there can plant files other programs pick up, replace
    /// sockets and lock files, and read what other programs left behind. MXC's SDK helper
    /// `getTemporaryFilesPolicy` returns the whole temp root although its comment promises a
    /// unique subdirectory.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["/tmp"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["/tmp/build-3f2a"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All. Bubblewrap mounts a private tmpfs on `/tmp` by default, and a `readwritePaths`
    /// entry for `/tmp` replaces it with the host's directory.
    code: "MX3002",
    name: "temp-root-writable",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let roots = cx.fixed_of_kind(Kind::TempRoot);
    for (ri, display) in cx.writable_locations(&roots) {
        let Some(rule) = cx.policy.filesystem.rules.get(ri) else {
            continue;
        };
        out.push(
            META.diagnostic(format!(
                "`{}` makes the shared temporary directory `{display}` writable",
                rule.raw
            ))
            .with_label(rule.span, "grants write to the whole temporary root")
            .with_help(
                "every process of the user shares this directory, so the sandbox can plant or \
                 replace files others use; grant a unique subdirectory created for this run",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn temp_root_writable() {
        insta::assert_snapshot!(check(
            "MX3002",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["/tmp", "/var", "$TMPDIR", "/tmp/sub"], "readonlyPaths": ["/var/tmp"]}}"#
        ));
    }

    #[test]
    fn temp_root_writable_windows_and_macos() {
        insta::assert_snapshot!(check(
            "MX3002",
            r#"// mxcc --platform windows
{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["%TEMP%", "C:\\Windows\\Temp", "%USERPROFILE%\\AppData\\Local\\Temp\\x"]}}"#
        ));
        insta::assert_snapshot!(check(
            "MX3002",
            r#"// mxcc --platform macos
{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["/private/var/folders", "/var/tmp"]}}"#
        ));
    }
}
