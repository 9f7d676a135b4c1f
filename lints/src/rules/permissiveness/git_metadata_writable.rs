//! MX3006 git-metadata-writable.

use ir::Diagnostic;
use ir::catalog::{Kind, Persistence};
use ir::fs::FsOp;

use crate::context::{Cx, Scope};
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags grants that make the user's global git configuration (`~/.gitconfig`,
    /// `~/.config/git`) writable.
    ///
    /// ## Why is this bad?
    /// These files run later outside the sandbox: the next `git` command on the host runs hooks and honours `core.fsmonitor`, `core.sshCommand` and aliases from git configuration, so a sandbox that writes them runs code outside the sandbox. The check asks the reference
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
    ///  "filesystem": {"readwritePaths": ["/home/dev/src/app"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All.
    code: "MX3006",
    name: "git-metadata-writable",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    cx.report_exposed_in(
        &META,
        FsOp::Write,
        &[Kind::Persistence(Persistence::Git)],
        Scope::OutsideWorkspaces,
        "writable",
        "global git configuration is honoured by every `git` command outside the sandbox (`core.fsmonitor`, `core.sshCommand`, aliases); narrow the grant or deny it",
        out,
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn git_metadata_writable() {
        insta::assert_snapshot!(check(
            "MX3006",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["/work", "/work/repo", "~"], "readonlyPaths": ["/work/ro"],
"deniedPaths": ["/work/repo/.git/hooks", "/work/repo/.vscode", "/work/repo/.claude"]}}"#
        ));
    }

    #[test]
    fn git_metadata_writable_windows() {
        insta::assert_snapshot!(check(
            "MX3006",
            r#"// mxcc --platform windows
{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["C:\\Work\\Repo", "%USERPROFILE%\\AppData\\Roaming", "C:\\Work\\Repo\\.GIT"],
"deniedPaths": ["C:\\Work\\Repo\\.git\\HOOKS"]}}"#
        ));
    }
}
