//! MX3027 dacl-mutation-allowed.

use ir::{Backend, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a ProcessContainer policy that leaves `fallback.allowDaclMutation` at its
    /// default `true` (or sets it).
    ///
    /// ## Why is this bad?
    /// On hosts without BaseContainer support MXC falls back to rewriting the host's ACLs
    /// for every granted path (the AppContainer + DACL tier): grants are inheritable ACEs on
    /// real files, restored only when the run ends cleanly, and `deniedPaths` become host
    /// DENY entries shared by every run with the same `containerId`.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "processcontainer", "process": {"commandLine": "app.exe"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "processcontainer", "process": {"commandLine": "app.exe"},
    ///  "fallback": {"allowDaclMutation": false}}
    /// ```
    ///
    /// ## Backends affected
    /// ProcessContainer (AppContainer fallback tier).
    code: "MX3027",
    name: "dacl-mutation-allowed",
    category: Permissiveness,
    severity: Info,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let p = cx.policy;
    let s = p.fallback.allow_dacl_mutation;
    if p.backend() != Backend::ProcessContainer || !s.value {
        return;
    }
    let span = s
        .span
        .or(p.containment.requested.as_ref().map(|c| c.span))
        .unwrap_or(p.span);
    let message = if s.is_explicit() {
        "`allowDaclMutation` lets MXC rewrite host ACLs when it falls back to AppContainer"
    } else {
        "`fallback.allowDaclMutation` defaults to `true`, so MXC may rewrite host ACLs"
    };
    out.push(
        META.diagnostic(message)
            .with_label(span, "host ACL mutation allowed")
            .with_help(
                "on the fallback tier grants become inheritable ACEs on real host files, restored \
                 only on a clean exit; set `fallback.allowDaclMutation` to `false` to fail instead",
            ),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn dacl_mutation_allowed() {
        insta::assert_snapshot!(check(
            "MX3027",
            r#"// mxcc --platform windows
{"version": "0.8.0-alpha", "process": {"commandLine": "x"}, "fallback": {"allowDaclMutation": true}}"#
        ));
    }
}
