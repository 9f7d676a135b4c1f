//! MX3004 home-directory-writable.

use ir::Diagnostic;
use ir::fs::FsOp;

use crate::context::{Cx, FRESH};
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a policy that makes a whole home directory writable: `~`, `$HOME`,
    /// `%USERPROFILE%`, or a user's directory under `/home`, `/Users` or `C:\Users`.
    ///
    /// ## Why is this bad?
    /// A writable home lets the sandbox edit shell start-up files, git configuration, SSH
    /// configuration and agent settings: code that runs later outside the sandbox.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "npm test"},
    ///  "filesystem": {"readwritePaths": ["/home/alice"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "npm test"},
    ///  "filesystem": {"readwritePaths": ["/home/alice/src/app"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All.
    code: "MX3004",
    name: "home-directory-writable",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::BTreeSet::new();
    for home in cx.homes() {
        let probe = home.join(FRESH, cx.style);
        let Some(ri) = cx.allowing_rule(FsOp::Write, &probe) else {
            continue;
        };
        let Some(rule) = cx.policy.filesystem.rules.get(ri) else {
            continue;
        };
        if !crate::context::same_path(&rule.path, &home) || !seen.insert(ri) {
            continue;
        }
        out.push(
            META.diagnostic(format!(
                "`{}` makes a whole home directory writable",
                rule.raw
            ))
            .with_label(rule.span, "grants write to the home directory")
            .with_help(
                "shell start-up files, git and SSH configuration in the home directory run \
                     outside the sandbox later; grant the project directory instead",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn home_directory_writable() {
        insta::assert_snapshot!(check(
            "MX3004",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["~", "$HOME", "/home/bob", "/root", "/home/carol/src"], "readonlyPaths": ["/home/dave"]}}"#
        ));
    }

    #[test]
    fn home_directory_writable_windows() {
        insta::assert_snapshot!(check(
            "MX3004",
            r#"// mxcc --platform windows
{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["%USERPROFILE%", "C:\\Users\\Me"]}}"#
        ));
    }
}
