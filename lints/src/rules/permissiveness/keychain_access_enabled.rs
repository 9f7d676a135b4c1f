//! MX3033 keychain-access-enabled.

use ir::Diagnostic;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a Seatbelt policy where `keychainAccess` opens the security daemons and the user's keychains.
    ///
    /// ## Why is this bad?
    /// `keychainAccess` allows Mach lookups of `securityd`, `trustd` and friends, read-write `~/Library/Keychains` and `/private/var/folders`: the sandbox can ask for stored passwords and certificates.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "containment": "seatbelt", "process": {"commandLine": "make"},
    ///  "seatbelt": {"keychainAccess": true}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "containment": "seatbelt", "process": {"commandLine": "make"},
    ///  "seatbelt": {"keychainAccess": false}}
    /// ```
    ///
    /// ## Backends affected
    /// Seatbelt.
    code: "MX3033",
    name: "keychain-access-enabled",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(span) = cx.seatbelt_switch_on(|s| s.keychain_access, false) else {
        return;
    };
    out.push(
        META.diagnostic("`keychainAccess` opens the security daemons and the user's keychains")
            .with_label(span, "enabled")
            .with_help("keychain access reaches stored passwords and keys; keep it off and pass the one credential the program needs through the environment"),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn keychain_access_enabled() {
        insta::assert_snapshot!(check(
            "MX3033",
            r#"// mxcc --platform macos
{"version": "0.8.0-alpha", "process": {"commandLine": "x"}, "macos_sandbox": {"keychainAccess": true}}"#
        ));
    }
}
