//! MX3031 nested-pty-enabled.

use ir::Diagnostic;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a Seatbelt policy where `nestedPty` (default `true`) lets the sandbox open pseudo-terminals.
    ///
    /// ## Why is this bad?
    /// `nestedPty` defaults to `true`: the profile allows `pseudo-tty` and read-write `/dev/ptmx`, so the sandbox can open new terminals (a step towards terminal-injection attacks) although few programs need it.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "containment": "seatbelt", "process": {"commandLine": "make"},
    ///  "seatbelt": {"nestedPty": true}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "containment": "seatbelt", "process": {"commandLine": "make"},
    ///  "seatbelt": {"nestedPty": false}}
    /// ```
    ///
    /// ## Backends affected
    /// Seatbelt.
    code: "MX3031",
    name: "nested-pty-enabled",
    category: Permissiveness,
    severity: Info,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(span) = cx.seatbelt_switch_on(|s| s.nested_pty, true) else {
        return;
    };
    out.push(
        META.diagnostic("`nestedPty` (default `true`) lets the sandbox open pseudo-terminals")
            .with_label(span, "enabled")
            .with_help("pseudo-terminals are rarely needed and widen the attack surface; set `seatbelt.nestedPty` to `false` unless the program spawns interactive shells"),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn nested_pty_enabled_by_default() {
        insta::assert_snapshot!(check(
            "MX3031",
            r#"// mxcc --platform macos
{"version": "0.8.0-alpha", "process": {"commandLine": "x"}}"#
        ));
    }
}
