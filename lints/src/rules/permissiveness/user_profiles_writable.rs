//! MX3003 user-profiles-writable.

use ir::Diagnostic;
use ir::catalog::Kind;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a policy that makes the directory of all user profiles writable: `/home` on
    /// Linux, `/Users` on macOS, `C:\Users` on Windows.
    ///
    /// ## Why is this bad?
    /// Every user's home directory lies below it: SSH keys, cloud credentials, shell start-up
    /// files that run at the next login. MXC's own examples (`08_pwsh.json`) grant
    /// read-write `C:\Users`.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "pwsh"},
    ///  "filesystem": {"readwritePaths": ["C:\\Users"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "pwsh"},
    ///  "filesystem": {"readwritePaths": ["C:\\Users\\me\\project"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All.
    code: "MX3003",
    name: "user-profiles-writable",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let roots = cx.fixed_of_kind(Kind::ProfilesRoot);
    for (ri, display) in cx.writable_locations(&roots) {
        let Some(rule) = cx.policy.filesystem.rules.get(ri) else {
            continue;
        };
        out.push(
            META.diagnostic(format!(
                "`{}` makes every user profile under `{display}` writable",
                rule.raw
            ))
            .with_label(rule.span, "grants write to all home directories")
            .with_help(
                "home directories hold credentials and start-up files that run outside the \
                 sandbox; grant the project directory instead",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn user_profiles_writable() {
        insta::assert_snapshot!(check(
            "MX3003",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["/home", "/home/alice/src"], "readonlyPaths": ["/Users"]}}"#
        ));
    }

    #[test]
    fn user_profiles_writable_windows() {
        insta::assert_snapshot!(check(
            "MX3003",
            r#"// mxcc --platform windows
{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["c:\\users\\"]}}"#
        ));
    }
}
