//! MX3028 ui-limit-maskable.

use ir::{Backend, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a ProcessContainer policy that enables UI (`"ui": {"disable": false}`) and
    /// relies on the input-injection or IME limits.
    ///
    /// ## Why is this bad?
    /// MXC applies UI job limits as `requested & supported`, silently: `injection: false` is
    /// not enforced below Windows build 26100 and the IME limit not below 22621. With UI
    /// enabled, the sandbox may then inject input into other windows on older hosts, and
    /// nothing reports it.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "processcontainer", "process": {"commandLine": "app.exe"},
    ///  "ui": {"disable": false, "injection": false}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "processcontainer", "process": {"commandLine": "app.exe"},
    ///  "ui": {"disable": true}}
    /// ```
    ///
    /// ## Backends affected
    /// ProcessContainer on Windows builds before 26100 (injection) and 22621 (IME).
    code: "MX3028",
    name: "ui-limit-maskable",
    category: Permissiveness,
    severity: Info,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let p = cx.policy;
    if p.backend() != Backend::ProcessContainer || p.ui.disable.value {
        return;
    }
    let Some(span) = p.ui.disable.span else {
        return;
    };
    let mut masked = Vec::new();
    if !p.ui.injection.value {
        masked.push("`injection: false` (enforced from build 26100)");
    }
    let ime = p
        .process_container
        .as_ref()
        .is_none_or(|pc| !pc.ui.ime.value);
    if ime {
        masked.push("the IME limit (enforced from build 22621)");
    }
    if masked.is_empty() {
        return;
    }
    out.push(
        META.diagnostic(format!(
            "with UI enabled, {} may be silently unenforced on older Windows builds",
            masked.join(" and ")
        ))
        .with_label(span, "UI enabled")
        .with_help(
            "MXC masks UI limits to what the OS supports without an error; keep `ui.disable` \
             `true`, or require a Windows build that enforces these limits",
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn ui_limit_maskable() {
        insta::assert_snapshot!(check(
            "MX3028",
            r#"// mxcc --platform windows
{"version": "0.8.0-alpha", "process": {"commandLine": "x"}, "ui": {"disable": false},
"processContainer": {"ui": {"ime": true}}}"#
        ));
    }
}
