//! MX3001 filesystem-root-granted.

use ir::{Diagnostic, FsAccess, Root};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a filesystem root (`/`, a drive such as `C:\`, or a UNC share) in
    /// `readwritePaths` or `readonlyPaths`.
    ///
    /// ## Why is this bad?
    /// A root grant exposes every file on the volume: credentials in every home directory,
    /// `/etc/shadow`, other users' data. MXC's SDK adds `C:\` to `readonlyPaths` whenever
    /// `pwsh.exe` is on `PATH`, and on the AppContainer tier a root grant becomes an
    /// inheritable ACE on the whole drive.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readonlyPaths": ["/"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readonlyPaths": ["/usr", "/work/project"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All. Bubblewrap and LXC bind-mount the whole root, Seatbelt emits `(subpath "/")`,
    /// the AppContainer DACL tier writes an inheritable ACE on the drive root.
    code: "MX3001",
    name: "filesystem-root-granted",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for rule in &cx.policy.filesystem.rules {
        let is_volume_root = matches!(
            rule.path.root,
            Root::Posix | Root::Drive(_) | Root::Unc { .. }
        );
        if rule.access == FsAccess::Denied || !is_volume_root || !rule.path.is_root() {
            continue;
        }
        let what = if rule.access == FsAccess::ReadWrite {
            "read and write"
        } else {
            "read"
        };
        out.push(
            META.diagnostic(format!(
                "`{}` grants {what} access to the whole filesystem",
                rule.raw
            ))
            .with_label(rule.span, format!("root in `{}`", rule.access.list_name()))
            .with_help(
                "a root grant exposes every file on the volume, including credentials; \
                     list the directories the program needs instead",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn filesystem_root_granted() {
        insta::assert_snapshot!(check(
            "MX3001",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["/"], "readonlyPaths": ["/usr", "/"], "deniedPaths": ["/"]}}"#
        ));
    }

    #[test]
    fn filesystem_root_granted_windows() {
        insta::assert_snapshot!(check(
            "MX3001",
            r#"// mxcc --platform windows
{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readonlyPaths": ["c:\\", "\\\\srv\\share", "C:\\Users"]}}"#
        ));
    }
}
