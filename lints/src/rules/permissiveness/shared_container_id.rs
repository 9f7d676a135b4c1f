//! MX3025 shared-container-id.

use ir::{Backend, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a ProcessContainer policy without a `containerId`, or with the default `CLI`.
    ///
    /// ## Why is this bad?
    /// The AppContainer SID is derived from `containerId`, which defaults to `CLI`. Every run
    /// without one shares one identity: its DACL entries and firewall rules, so one run can
    /// read another's files or revoke its grants.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "processcontainer", "process": {"commandLine": "app.exe"},
    ///  "processContainer": {"leastPrivilege": true}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "processcontainer", "containerId": "ci-build-42",
    ///  "process": {"commandLine": "app.exe"}, "processContainer": {"leastPrivilege": true}}
    /// ```
    ///
    /// ## Backends affected
    /// ProcessContainer.
    code: "MX3025",
    name: "shared-container-id",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let p = cx.policy;
    if p.backend() != Backend::ProcessContainer {
        return;
    }
    let (span, message) = match &p.container_id {
        Some(id) if id.value.eq_ignore_ascii_case("CLI") => (
            id.span,
            "`containerId` `CLI` is the identity every run shares by default",
        ),
        Some(_) => return,
        None => (
            p.containment.requested.as_ref().map_or(p.span, |c| c.span),
            "no `containerId`: the AppContainer identity `CLI` is shared by every such run",
        ),
    };
    out.push(
        META.diagnostic(message)
            .with_label(span, "shared AppContainer identity")
            .with_help(
                "runs with the same identity share DACL entries and firewall rules and can revoke \
                 each other's grants; set a unique `containerId` per sandbox",
            ),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn shared_container_id() {
        insta::assert_snapshot!(check(
            "MX3025",
            r#"// mxcc --platform windows
{"version": "0.8.0-alpha", "containerId": "cli", "process": {"commandLine": "x"}}"#
        ));
    }
}
