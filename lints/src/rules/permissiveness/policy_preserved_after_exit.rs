//! MX3026 policy-preserved-after-exit.

use ir::Diagnostic;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags `"lifecycle": {"preservePolicy": true}`.
    ///
    /// ## Why is this bad?
    /// The grants outlive the sandbox: Windows DACL entries and firewall rules, BFS
    /// configuration and LXC inbound chains stay on the host after the process exits, so the
    /// next process with the same identity inherits them.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "lifecycle": {"preservePolicy": true}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "lifecycle": {"preservePolicy": false}}
    /// ```
    ///
    /// ## Backends affected
    /// ProcessContainer and LXC.
    code: "MX3026",
    name: "policy-preserved-after-exit",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let s = cx.policy.lifecycle.preserve_policy;
    let (true, Some(span)) = (s.value, s.span) else {
        return;
    };
    out.push(
        META.diagnostic("`preservePolicy` leaves the sandbox's grants on the host after it exits")
            .with_label(span, "grants kept after exit")
            .with_help(
                "ACL entries, firewall rules and inbound chains outlive the run and apply to the \
                 next process with the same identity; leave `preservePolicy` off",
            ),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn policy_preserved_after_exit() {
        insta::assert_snapshot!(check(
            "MX3026",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"}, "lifecycle": {"destroyOnExit": true, "preservePolicy": true}}"#
        ));
    }
}
