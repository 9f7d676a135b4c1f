//! MX3010 path-directory-writable.

use ir::catalog::{Kind, Persistence};
use ir::fs::FsOp;
use ir::{CanonPath, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags writable directories that are on a `PATH`: the well-known ones
    /// (`/usr/local/bin`, `~/.local/bin`, `~/bin`, `~/.cargo/bin`, `~/go/bin`,
    /// `%LOCALAPPDATA%\Microsoft\WindowsApps`, `C:\Program Files`, ...) and every directory in
    /// a `PATH=` entry of `process.env`.
    ///
    /// ## Why is this bad?
    /// A program the sandbox drops into a `PATH` directory shadows a real command the next
    /// time anyone runs it, outside the sandbox. MXC's SDK turns every `PATH` directory into a
    /// grant (`getAvailableToolsPolicy`), so a user-writable `PATH` entry becomes a hole.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["~/.local"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["~/.local/share/myapp"], "readonlyPaths": ["~/.local/bin"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All.
    code: "MX3010",
    name: "path-directory-writable",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

const HELP: &str = "a program written to a `PATH` directory shadows real commands that run \
                    outside the sandbox later; make the directory read-only";

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    cx.report_exposed(
        &META,
        FsOp::Write,
        &[Kind::Persistence(Persistence::PathDir)],
        "writable",
        HELP,
        out,
    );
    let sep = if cx.style.windows { ';' } else { ':' };
    for entry in &cx.policy.process.env {
        if entry.name.as_deref() != Some("PATH") {
            continue;
        }
        for dir in entry.value.as_deref().unwrap_or("").split(sep) {
            if dir.is_empty() {
                continue;
            }
            let path = CanonPath::parse(dir, cx.style).path;
            let Some(ri) = cx.allowing_rule(FsOp::Write, &path) else {
                continue;
            };
            let Some(rule) = cx.policy.filesystem.rules.get(ri) else {
                continue;
            };
            out.push(
                META.diagnostic(format!("`PATH` directory `{dir}` is writable"))
                    .with_label(entry.span, "`PATH` set here")
                    .with_secondary(rule.span, "this entry grants write")
                    .with_help(HELP),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn path_directory_writable() {
        insta::assert_snapshot!(check(
            "MX3010",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "env": ["PATH=/work/tools/bin:/usr/bin"]},
"filesystem": {"readwritePaths": ["/work", "/usr/local"], "readonlyPaths": ["/usr"]}}"#
        ));
    }
}
