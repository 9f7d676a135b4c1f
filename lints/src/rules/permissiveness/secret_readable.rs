//! MX3005 secret-readable.

use ir::Diagnostic;
use ir::catalog::Kind;
use ir::fs::FsOp;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags every grant that makes a location of the secrets catalogue readable: `~/.ssh`,
    /// `~/.aws`, `~/.gnupg`, `~/.kube`, `~/.docker/config.json`, `~/.config/gh`, `.env`
    /// files in workspaces (the `process.cwd`, or a directory holding `.git`, `.env`, ...
    /// in a path the policy lists; see MX3040), browser profiles, keychains, `/etc/shadow`, the Windows
    /// credential stores, and the paths added under `[secrets]` in `mxcc.toml`.
    ///
    /// ## Why is this bad?
    /// A process that can read credentials can use them outside the sandbox, for as long as
    /// they stay valid. The check asks the reference semantics whether reading each catalogue
    /// location is allowed, so a broad grant such as `/home` or `~` is caught even when no
    /// entry names `.ssh`, and a `deniedPaths` entry for the secret clears the finding.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readonlyPaths": ["~/.ssh"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readonlyPaths": ["~/src/app"],
    ///    "deniedPaths": ["~/src/app/.env", "~/src/app/.env.local"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All.
    code: "MX3005",
    name: "secret-readable",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    cx.report_exposed(
        &META,
        FsOp::Read,
        &[Kind::Secret],
        "readable",
        "credentials the sandbox can read can be used outside it; narrow the grant or add the \
         secret to `deniedPaths`",
        out,
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn secret_readable() {
        insta::assert_snapshot!(check(
            "MX3005",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readonlyPaths": ["/home", "/etc", "/work/app"], "readwritePaths": ["~/.aws/config"],
"deniedPaths": ["/home/alice/.ssh", "/work/app/.env"]}}"#
        ));
    }

    #[test]
    fn secret_readable_denied_is_clean() {
        insta::assert_snapshot!(check(
            "MX3005",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readonlyPaths": ["/usr", "/work/app/src"], "deniedPaths": ["~/.ssh"]}}"#
        ));
    }

    #[test]
    fn secret_readable_windows() {
        insta::assert_snapshot!(check(
            "MX3005",
            r#"// mxcc --platform windows
{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readonlyPaths": ["%USERPROFILE%\\AppData\\Roaming"]}}"#
        ));
    }
}
