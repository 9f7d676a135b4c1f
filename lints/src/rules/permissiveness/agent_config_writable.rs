//! MX3008 agent-config-writable.

use ir::Diagnostic;
use ir::catalog::{Kind, Persistence};
use ir::fs::FsOp;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags grants that make coding-agent configuration (`.mcp.json`, `.claude/`, `.codex/`, `.agents/`, `.cursor/`) writable.
    ///
    /// ## Why is this bad?
    /// These files run later outside the sandbox: agent configuration declares MCP servers, hooks and pre-approved commands; the next agent session runs them with the developer's full rights. The check asks the reference
    /// semantics whether writing each location is allowed below every directory the policy
    /// names (nested repositories and subdirectories it names included), and a `deniedPaths`
    /// entry clears the finding.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "agent"},
    ///  "filesystem": {"readwritePaths": ["/work/repo/src"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "agent"},
    ///  "filesystem": {"readwritePaths": ["/work/repo/src"], "deniedPaths": ["/work/repo/src/.mcp.json", "/work/repo/src/.claude", "/work/repo/src/.codex", "/work/repo/src/.agents", "/work/repo/src/.cursor"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All.
    code: "MX3008",
    name: "agent-config-writable",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    cx.report_exposed(
        &META,
        FsOp::Write,
        &[Kind::Persistence(Persistence::Agent)],
        "writable",
        "agent configuration starts servers and runs hooks in the next agent session, outside the sandbox; deny these names inside writable directories",
        out,
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn agent_config_writable() {
        insta::assert_snapshot!(check(
            "MX3008",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["/work", "/work/repo", "~"], "readonlyPaths": ["/work/ro"],
"deniedPaths": ["/work/repo/.git/hooks", "/work/repo/.vscode", "/work/repo/.claude"]}}"#
        ));
    }

    #[test]
    fn agent_config_writable_windows() {
        insta::assert_snapshot!(check(
            "MX3008",
            r#"// mxcc --platform windows
{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["C:\\Work\\Repo", "%USERPROFILE%\\AppData\\Roaming", "C:\\Work\\Repo\\.GIT"],
"deniedPaths": ["C:\\Work\\Repo\\.git\\HOOKS"]}}"#
        ));
    }
}
