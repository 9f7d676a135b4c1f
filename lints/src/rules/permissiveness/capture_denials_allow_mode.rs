//! MX3029 capture-denials-allow-mode.

use ir::Diagnostic;
use ir::policy::CaptureMode;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags `"captureDenials": {"mode": "allow"}` in `processContainer`.
    ///
    /// ## Why is this bad?
    /// Allow mode injects the `permissiveLearningMode` capability: every access the policy
    /// would deny is allowed and only logged. The sandbox restricts nothing while it runs.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "processcontainer", "process": {"commandLine": "app.exe"},
    ///  "processContainer": {"captureDenials": {"mode": "allow"}}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "processcontainer", "process": {"commandLine": "app.exe"},
    ///  "processContainer": {"captureDenials": {"mode": "block"}}}
    /// ```
    ///
    /// ## Backends affected
    /// ProcessContainer.
    code: "MX3029",
    name: "capture-denials-allow-mode",
    category: Permissiveness,
    severity: Error,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(cd) = cx
        .policy
        .process_container
        .as_ref()
        .and_then(|pc| pc.capture_denials.as_ref())
    else {
        return;
    };
    if cd.mode.value != CaptureMode::Allow {
        return;
    }
    out.push(
        META.diagnostic(
            "`captureDenials` in `allow` mode allows every denied access and only logs it",
        )
        .with_label(cd.mode.span.unwrap_or(cd.span), "permissive learning mode")
        .with_help(
            "allow mode turns the sandbox into an audit log; use `\"mode\": \"block\"` to \
                 record denials while still enforcing them",
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn capture_denials_allow_mode() {
        insta::assert_snapshot!(check(
            "MX3029",
            r#"// mxcc --platform windows
{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"processContainer": {"captureDenials": {"mode": "allow", "outputPath": "C:\\logs\\d.etl"}}}"#
        ));
    }
}
