//! MX3040 workspace-persistence-writable.

use ir::Diagnostic;
use ir::catalog::{Kind, Persistence};
use ir::fs::FsOp;

use crate::context::{Cx, list};
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a writable workspace in which repository files that run later outside the
    /// sandbox stay writable: git hooks and configuration (`.git/hooks`, `.git/config`,
    /// `.gitmodules`), editor settings (`.vscode/`, `.idea/`), coding-agent configuration
    /// (`.mcp.json`, `.claude/`, `.codex/`, `.agents/`, `.cursor/`) and direnv's `.envrc`.
    /// It reports one finding per workspace, listing every exposed target.
    ///
    /// A **workspace** is the `process.cwd`, or the directory holding a repository or tool
    /// name in a path the policy itself lists, in any list: `/repo` is a workspace when the
    /// policy names `/repo/.git/hooks`, `/repo/.env` or `/repo/.vscode`, and a nested
    /// repository named as `/repo/vendor/lib/.git` is one too. Volume roots, the shared
    /// temporary and profiles roots, system directories and directories inside a catalogued
    /// location are never workspaces. Other granted directories (toolchains, caches,
    /// datasets, output folders) are not checked for these names; the targets that run
    /// regardless of any repository (shell start-up files and `~/.gitconfig` in a home
    /// directory, `PATH` directories) have their own rules (MX3006 to MX3009, MX3010).
    ///
    /// ## Why is this bad?
    /// These files run later outside the sandbox, with the developer's full rights: the next
    /// `git` command runs hooks and honours `core.fsmonitor`, `core.sshCommand` and aliases;
    /// VS Code tasks and JetBrains run configurations run when the project is opened; agent
    /// configuration declares MCP servers, hooks and pre-approved commands for the next
    /// session; direnv runs `.envrc` at the next `cd`. The check asks the reference semantics
    /// whether writing each target below each workspace is allowed, so a `deniedPaths` entry
    /// (or a read-only grant of `.git/config`) clears that target.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "agent", "cwd": "/work/repo"},
    ///  "filesystem": {"readwritePaths": ["/work/repo"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "agent", "cwd": "/work/repo"},
    ///  "filesystem": {"readwritePaths": ["/work/repo"],
    ///    "readonlyPaths": ["/work/repo/.git/config"],
    ///    "deniedPaths": ["/work/repo/.git/hooks", "/work/repo/.gitmodules",
    ///      "/work/repo/.vscode", "/work/repo/.idea", "/work/repo/.mcp.json",
    ///      "/work/repo/.claude", "/work/repo/.codex", "/work/repo/.agents",
    ///      "/work/repo/.cursor", "/work/repo/.envrc"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All.
    code: "MX3040",
    name: "workspace-persistence-writable",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

const KINDS: [Kind; 4] = [
    Kind::Persistence(Persistence::Git),
    Kind::Persistence(Persistence::Editor),
    Kind::Persistence(Persistence::Agent),
    Kind::Persistence(Persistence::ShellStartup),
];

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for exposure in cx.exposed_per_workspace(FsOp::Write, &KINDS) {
        let Some(rule) = cx.policy.filesystem.rules.get(exposure.rule) else {
            continue;
        };
        let names: Vec<String> = exposure
            .entries
            .iter()
            .filter_map(|(ei, shown)| {
                cx.sensitive
                    .get(*ei)
                    .map(|s| format!("`{shown}` ({})", s.what))
            })
            .collect();
        let count = names.len();
        out.push(
            META.diagnostic(format!(
                "workspace `{}` leaves {} writable",
                exposure.workspace.display,
                list(&names, 5)
            ))
            .with_label(
                rule.span,
                format!("{} entry grants write", rule.access.list_name()),
            )
            .with_help(format!(
                "{} {} run later outside the sandbox; deny {} (or grant `.git/config` \
                 read-only)",
                count,
                if count == 1 { "file" } else { "files" },
                if count == 1 { "it" } else { "them" },
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn workspace_persistence_writable() {
        insta::assert_snapshot!(check(
            "MX3040",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "cwd": "/work/repo"},
"filesystem": {"readwritePaths": ["/work", "/opt/cache", "~"], "readonlyPaths": ["/work/ro"],
"deniedPaths": ["/work/repo/.git/hooks", "/work/repo/.vscode", "/work/repo/.claude",
"/work/other/.git/hooks"]}}"#
        ));
    }

    #[test]
    fn workspace_persistence_all_denied_is_clean() {
        insta::assert_snapshot!(check(
            "MX3040",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "cwd": "/work/repo"},
"filesystem": {"readwritePaths": ["/work/repo", "/work/repo/build"],
"readonlyPaths": ["/work/repo/.git"],
"deniedPaths": ["/work/repo/.gitmodules", "/work/repo/.vscode", "/work/repo/.idea",
"/work/repo/.mcp.json", "/work/repo/.claude", "/work/repo/.codex", "/work/repo/.agents",
"/work/repo/.cursor", "/work/repo/.envrc"]}}"#
        ));
    }

    #[test]
    fn workspace_persistence_writable_windows() {
        insta::assert_snapshot!(check(
            "MX3040",
            r#"// mxcc --platform windows
{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["C:\\Work\\Repo", "%USERPROFILE%\\AppData\\Roaming", "C:\\Work\\Repo\\.GIT"],
"deniedPaths": ["C:\\Work\\Repo\\.git\\HOOKS"]}}"#
        ));
    }
}
