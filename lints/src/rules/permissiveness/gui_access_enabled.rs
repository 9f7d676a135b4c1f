//! MX3032 gui-access-enabled.

use ir::Diagnostic;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a Seatbelt policy where `guiAccess` adds unfiltered Mach lookup and registration, IOKit and writable per-user temp directories.
    ///
    /// ## Why is this bad?
    /// `guiAccess` adds *unfiltered* `mach-lookup`, `mach-register` and `iokit-open`, and read-write `/private/tmp` and `/private/var/folders` (every per-user temporary and cache directory): most of the Seatbelt boundary is gone.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "containment": "seatbelt", "process": {"commandLine": "make"},
    ///  "seatbelt": {"guiAccess": true}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "containment": "seatbelt", "process": {"commandLine": "make"},
    ///  "seatbelt": {"guiAccess": false}}
    /// ```
    ///
    /// ## Backends affected
    /// Seatbelt.
    code: "MX3032",
    name: "gui-access-enabled",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(span) = cx.seatbelt_switch_on(|s| s.gui_access, false) else {
        return;
    };
    out.push(
        META.diagnostic("`guiAccess` adds unfiltered Mach lookup and registration, IOKit and writable per-user temp directories")
            .with_label(span, "enabled")
            .with_help("GUI access opens every Mach service and the per-user temp directories; keep it off and run GUI programs outside the sandbox"),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn gui_access_enabled() {
        insta::assert_snapshot!(check(
            "MX3032",
            r#"// mxcc --platform macos
{"version": "0.8.0-alpha", "process": {"commandLine": "x"}, "seatbelt": {"guiAccess": true, "keychainAccess": false}}"#
        ));
    }
}
