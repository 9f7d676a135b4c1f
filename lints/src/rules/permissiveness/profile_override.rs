//! MX3030 profile-override.

use ir::Diagnostic;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags `seatbelt.profileOverride`.
    ///
    /// ## Why is this bad?
    /// The override replaces the generated Seatbelt profile verbatim: every `filesystem`,
    /// `network` and `ui` field of the policy is type-checked and then ignored. What the
    /// sandbox may do is whatever the SBPL string says, which no check here can see.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "containment": "seatbelt", "process": {"commandLine": "make"},
    ///  "seatbelt": {"profileOverride": "(version 1)(allow default)"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "containment": "seatbelt", "process": {"commandLine": "make"},
    ///  "seatbelt": {"nestedPty": false}, "filesystem": {"readwritePaths": ["/Users/me/src/app"]}}
    /// ```
    ///
    /// ## Backends affected
    /// Seatbelt.
    code: "MX3030",
    name: "profile-override",
    category: Permissiveness,
    severity: Error,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(po) = cx
        .policy
        .seatbelt
        .as_ref()
        .and_then(|s| s.profile_override.as_ref())
    else {
        return;
    };
    let mut d = META
        .diagnostic("`profileOverride` replaces the generated profile, so the policy's other fields are ignored")
        .with_label(po.span, "verbatim SBPL profile");
    for span in [cx.policy.filesystem.span, cx.policy.network.span]
        .into_iter()
        .flatten()
    {
        d = d.with_secondary(span, "ignored");
    }
    out.push(d.with_help(
        "with an override the filesystem, network and UI fields are type-checked and dropped; \
         express the policy in MXC fields instead",
    ));
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn profile_override() {
        insta::assert_snapshot!(check(
            "MX3030",
            r#"// mxcc --platform macos
{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readonlyPaths": ["/usr"]},
"seatbelt": {"profileOverride": "(version 1)(allow default)"}}"#
        ));
    }
}
