//! MX3006 git-metadata-writable.

use ir::Diagnostic;
use ir::catalog::{Kind, Persistence};
use ir::fs::FsOp;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags grants that make git hooks and configuration (`.git/hooks`, `.git/config`, `.gitmodules`, also in nested repositories, and `~/.gitconfig`) writable.
    ///
    /// ## Why is this bad?
    /// These files run later outside the sandbox: the next `git` command on the host runs hooks and honours `core.fsmonitor`, `core.sshCommand` and aliases from git configuration, so a sandbox that writes them runs code outside the sandbox. The check asks the reference
    /// semantics whether writing each location is allowed below every directory the policy
    /// names (nested repositories and subdirectories it names included), and a `deniedPaths`
    /// entry clears the finding.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "agent"},
    ///  "filesystem": {"readwritePaths": ["/work/repo"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "agent"},
    ///  "filesystem": {"readwritePaths": ["/work/repo"], "deniedPaths": ["/work/repo/.git", "/work/repo/.gitmodules"]}}
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
    cx.report_exposed(
        &META,
        FsOp::Write,
        &[Kind::Persistence(Persistence::Git)],
        "writable",
        "git hooks and configuration run by the next `git` command outside the sandbox; deny `.git` (and `.gitmodules`) inside writable repositories",
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
