//! MX3009 shell-startup-writable.

use ir::Diagnostic;
use ir::catalog::{Kind, Persistence};
use ir::fs::FsOp;

use crate::context::{Cx, Scope};
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags grants that make shell start-up and login files (`~/.bashrc`, `~/.profile`,
    /// `~/.zshrc`, `~/.ssh/config`, autostart entries, launch agents, PowerShell profiles,
    /// the Startup folder) writable.
    ///
    /// ## Why is this bad?
    /// These files run at the next shell or login, outside the sandbox, with the user's full rights and no sandbox. The check asks the reference
    /// semantics whether writing each location is allowed, below every home directory the
    /// policy can reach, and a `deniedPaths` entry clears the finding. The per-repository
    /// targets inside a workspace are reported once per workspace by MX3040
    /// (workspace-persistence-writable).
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "agent"},
    ///  "filesystem": {"readwritePaths": ["~/.config"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "agent"},
    ///  "filesystem": {"readonlyPaths": ["~/.config"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All.
    code: "MX3009",
    name: "shell-startup-writable",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    cx.report_exposed_in(
        &META,
        FsOp::Write,
        &[Kind::Persistence(Persistence::ShellStartup)],
        Scope::OutsideWorkspaces,
        "writable",
        "start-up files run at the next login or shell outside the sandbox; narrow the grant or deny them",
        out,
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn shell_startup_writable() {
        insta::assert_snapshot!(check(
            "MX3009",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["/work", "/work/repo", "~"], "readonlyPaths": ["/work/ro"],
"deniedPaths": ["/work/repo/.git/hooks", "/work/repo/.vscode", "/work/repo/.claude"]}}"#
        ));
    }

    #[test]
    fn shell_startup_writable_windows() {
        insta::assert_snapshot!(check(
            "MX3009",
            r#"// mxcc --platform windows
{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["C:\\Work\\Repo", "%USERPROFILE%\\AppData\\Roaming", "C:\\Work\\Repo\\.GIT"],
"deniedPaths": ["C:\\Work\\Repo\\.git\\HOOKS"]}}"#
        ));
    }
}
