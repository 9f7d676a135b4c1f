//! MX3039 relative-path-lookup.

use ir::Diagnostic;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a `PATH=` entry in `process.env` that contains an empty element, `.`, or a
    /// relative directory.
    ///
    /// ## Why is this bad?
    /// The shell then looks up commands in the current directory, which in a sandbox is
    /// usually a writable workspace: a file named `git` or `ls` there runs instead of the real
    /// program. MXC's SDK copies the host `PATH` into the policy, `.` entries included.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make", "env": ["PATH=.:/usr/bin:/bin"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make", "env": ["PATH=/usr/bin:/bin"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All.
    code: "MX3039",
    name: "relative-path-lookup",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let windows = cx.style.windows;
    let sep = if windows { ';' } else { ':' };
    for entry in &cx.policy.process.env {
        if !entry
            .name
            .as_deref()
            .is_some_and(|n| n.eq_ignore_ascii_case("PATH") && (windows || n == "PATH"))
        {
            continue;
        }
        let value = entry.value.as_deref().unwrap_or("");
        let bad: Vec<String> = value
            .split(sep)
            .filter(|d| {
                let root = ir::CanonPath::parse(d, cx.style).path.root;
                d.is_empty() || root == ir::Root::Relative
            })
            .map(|d| {
                if d.is_empty() {
                    "(empty)".to_owned()
                } else {
                    format!("`{d}`")
                }
            })
            .collect();
        if bad.is_empty() {
            continue;
        }
        out.push(
            META.diagnostic(format!(
                "`PATH` has relative elements {}, so commands are looked up in the working directory",
                bad.join(", ")
            ))
            .with_label(entry.span, "relative `PATH` element")
            .with_help(
                "a program named like a real command in a writable working directory runs \
                 instead of it; keep only absolute directories in `PATH`",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn relative_path_lookup() {
        insta::assert_snapshot!(check(
            "MX3039",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "env": ["PATH=/usr/bin::bin", "PATH=/bin"]}}"#
        ));
    }
}
