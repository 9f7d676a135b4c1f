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
    if cx.policy.backend() != ir::Backend::Seatbelt {
        return;
    }
    let section = cx.policy.seatbelt.as_ref();
    let setting = section.map_or(ir::Setting::default_value(false), |s| s.keychain_access);
    if !setting.value {
        return;
    }
    let span = setting
        .span
        .or(section.map(|s| s.key.span))
        .or(cx.policy.containment.requested.as_ref().map(|c| c.span))
        .unwrap_or(cx.policy.span);
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
