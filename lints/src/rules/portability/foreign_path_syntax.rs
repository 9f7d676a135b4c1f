//! MX3203 foreign-path-syntax.

use ir::Diagnostic;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a filesystem entry written in another platform's syntax: a drive letter, UNC
    /// path or backslashes in a Linux or macOS policy, or a POSIX absolute path in a Windows
    /// policy.
    ///
    /// ## Why is this bad?
    /// MXC does no translation: paths are host paths in the host's native syntax. On Linux
    /// `C:\Users\me` is a relative file name with backslashes in it; on Windows `/home/me` is
    /// relative to the current drive. The entry grants or denies something other than meant.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readonlyPaths": ["C:\\tools"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readonlyPaths": ["/opt/tools"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All; check the policy with `--platform` set to where it runs.
    code: "MX3203",
    name: "foreign-path-syntax",
    category: Portability,
    severity: Warning,
    status: Preview,
}

fn looks_windows(raw: &str) -> bool {
    let b = raw.as_bytes();
    let drive =
        b.len() >= 2 && b.first().is_some_and(u8::is_ascii_alphabetic) && b.get(1) == Some(&b':');
    drive || raw.starts_with("\\\\") || raw.contains('\\') || raw.starts_with('%')
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let windows = cx.style.windows;
    for rule in &cx.policy.filesystem.rules {
        let foreign = if windows {
            rule.raw.starts_with('/') && !rule.raw.starts_with("//")
        } else {
            looks_windows(&rule.raw)
        };
        if !foreign {
            continue;
        }
        let (this, other) = if windows {
            ("Windows", "POSIX")
        } else {
            (cx.policy.platform.as_str(), "Windows")
        };
        out.push(
            META.diagnostic(format!(
                "`{}` is a {other} path in a {this} policy",
                rule.raw
            ))
            .with_label(rule.span, format!("{other} syntax"))
            .with_help(
                "MXC passes paths verbatim in the host's syntax, so this entry names a different \
                     location; check the policy with `--platform` for the host it runs on",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn foreign_path_syntax() {
        insta::assert_snapshot!(check(
            "MX3203",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readonlyPaths": ["C:\\x", "\\\\srv\\s", "%TEMP%", "/ok"]}}"#
        ));
        insta::assert_snapshot!(check(
            "MX3203",
            r#"// mxcc --platform windows
{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readonlyPaths": ["/home/me", "C:\\ok"]}}"#
        ));
    }
}
