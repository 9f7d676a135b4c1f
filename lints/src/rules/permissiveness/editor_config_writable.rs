//! MX3007 editor-config-writable.

use ir::Diagnostic;
use ir::catalog::{Kind, Persistence};
use ir::fs::FsOp;

use crate::context::{Cx, Scope};
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags grants that make the user's editor extensions (`~/.vscode`) writable.
    ///
    /// ## Why is this bad?
    /// These files run later outside the sandbox: VS Code tasks, launch configurations and recommended extensions, and JetBrains run configurations, execute when the developer opens the project, outside the sandbox. The check asks the reference
    /// semantics whether writing each location is allowed, below every home directory the
    /// policy can reach, and a `deniedPaths` entry clears the finding. The per-repository
    /// targets inside a workspace are reported once per workspace by MX3040
    /// (workspace-persistence-writable).
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "agent"},
    ///  "filesystem": {"readwritePaths": ["/home/dev"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "agent"},
    ///  "filesystem": {"readwritePaths": ["/home/dev"], "deniedPaths": ["/home/dev/.vscode"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All.
    code: "MX3007",
    name: "editor-config-writable",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    cx.report_exposed_in(
        &META,
        FsOp::Write,
        &[Kind::Persistence(Persistence::Editor)],
        Scope::OutsideWorkspaces,
        "writable",
        "editor extensions run outside the sandbox at the next editor start; narrow the grant or deny them",
        out,
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn editor_config_writable() {
        insta::assert_snapshot!(check(
            "MX3007",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["/work", "/work/repo", "~"], "readonlyPaths": ["/work/ro"],
"deniedPaths": ["/work/repo/.git/hooks", "/work/repo/.vscode", "/work/repo/.claude"]}}"#
        ));
    }

    #[test]
    fn editor_config_writable_windows() {
        insta::assert_snapshot!(check(
            "MX3007",
            r#"// mxcc --platform windows
{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["C:\\Work\\Repo", "%USERPROFILE%\\AppData\\Roaming", "C:\\Work\\Repo\\.GIT"],
"deniedPaths": ["C:\\Work\\Repo\\.git\\HOOKS"]}}"#
        ));
    }
}
