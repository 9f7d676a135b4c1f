//! MX3024 non-lpac-process-container.

use ir::{Backend, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a ProcessContainer policy without `"leastPrivilege": true`.
    ///
    /// ## Why is this bad?
    /// A regular AppContainer inherits every ACL grant to `ALL APPLICATION PACKAGES`: most of
    /// `C:\Windows`, `C:\Program Files` and parts of the registry are readable although the
    /// policy never lists them. A less-privileged AppContainer (LPAC) opts out of those
    /// grants, so the policy's lists are what the process sees. MXC's SDK emits
    /// `leastPrivilege: false`.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "processcontainer", "containerId": "build-1",
    ///  "process": {"commandLine": "app.exe"}, "processContainer": {"leastPrivilege": false}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "processcontainer", "containerId": "build-1",
    ///  "process": {"commandLine": "app.exe"}, "processContainer": {"leastPrivilege": true}}
    /// ```
    ///
    /// ## Backends affected
    /// ProcessContainer. LPAC is incompatible with PSEC, so MXC falls back to the SBOX path.
    code: "MX3024",
    name: "non-lpac-process-container",
    category: Permissiveness,
    severity: Info,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let p = cx.policy;
    if p.backend() != Backend::ProcessContainer {
        return;
    }
    let setting = p.process_container.as_ref().map(|pc| pc.least_privilege);
    if setting.is_some_and(|s| s.value) {
        return;
    }
    let span = setting
        .and_then(|s| s.span)
        .or(p.process_container.as_ref().map(|pc| pc.key.span))
        .or(p.containment.requested.as_ref().map(|c| c.span))
        .unwrap_or(p.span);
    out.push(
        META.diagnostic(
            "the AppContainer is not least-privilege, so `ALL APPLICATION PACKAGES` grants apply",
        )
        .with_label(span, "`leastPrivilege` is not `true`")
        .with_help(
            "a regular AppContainer reads most of `C:\\Windows` and `C:\\Program Files` \
                 through `ALL APPLICATION PACKAGES` ACEs the policy never lists; set \
                 `processContainer.leastPrivilege` to `true`",
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn non_lpac_process_container() {
        insta::assert_snapshot!(check(
            "MX3024",
            r#"// mxcc --platform windows
{"version": "0.8.0-alpha", "process": {"commandLine": "x"}}"#
        ));
    }
}
