//! MX3035 clipboard-direction-ignored.

use ir::{Backend, Clipboard, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags `"clipboard": "read"` or `"clipboard": "write"` on Seatbelt.
    ///
    /// ## Why is this bad?
    /// Seatbelt can only allow or deny the pasteboard service as a whole: `read` and `write`
    /// both become full access. A policy that meant "paste in only" also lets the sandbox
    /// overwrite the user's clipboard (and the other way round, read what the user copied:
    /// passwords, tokens).
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "containment": "seatbelt", "process": {"commandLine": "app"},
    ///  "ui": {"disable": false, "clipboard": "read"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "containment": "seatbelt", "process": {"commandLine": "app"},
    ///  "ui": {"disable": false, "clipboard": "none"}}
    /// ```
    ///
    /// ## Backends affected
    /// Seatbelt.
    code: "MX3035",
    name: "clipboard-direction-ignored",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let c = cx.policy.ui.clipboard;
    if cx.policy.backend() != Backend::Seatbelt
        || !matches!(c.value, Clipboard::Read | Clipboard::Write)
    {
        return;
    }
    let Some(span) = c.span else { return };
    out.push(
        META.diagnostic(format!(
            "Seatbelt grants `clipboard` `{}` as full read and write access",
            c.value.as_str()
        ))
        .with_label(span, "direction not enforceable")
        .with_help(
            "Seatbelt allows the pasteboard service as a whole, so the sandbox can both read what \
             the user copied and overwrite it; use `none` unless both directions are acceptable",
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn clipboard_direction_ignored() {
        insta::assert_snapshot!(check(
            "MX3035",
            r#"// mxcc --platform macos
{"version": "0.8.0-alpha", "process": {"commandLine": "x"}, "ui": {"clipboard": "write"}}"#
        ));
    }
}
