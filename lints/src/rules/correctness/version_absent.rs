//! MX3112 version-absent.

use ir::{Diagnostic, Span};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a policy without `version`.
    ///
    /// ## Why is this bad?
    /// MXC accepts an absent version as "compatible" and treats the policy as pre-0.8: the
    /// directional `network.egress`/`ingress` fields are refused, and Bubblewrap runs its
    /// legacy network mode in the host namespace, where proxies and host lists are not
    /// enforced. The exact contracts reject it outright.
    ///
    /// ## Example
    /// ```json
    /// {"process": {"commandLine": "make"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"}}
    /// ```
    ///
    /// ## Backends affected
    /// All; Bubblewrap's network enforcement most.
    code: "MX3112",
    name: "version-absent",
    category: Correctness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let p = cx.policy;
    if p.version.is_some() {
        return;
    }
    let at = Span::new(
        p.span.source,
        p.span.start as usize,
        p.span.start as usize + 1,
    );
    out.push(
        META.diagnostic("the policy has no `version`, so MXC applies the legacy pre-0.8 contract")
            .with_label(at, "no `version` in this object")
            .with_help(
                "without a version the directional network fields are refused and Bubblewrap \
                 does not isolate the network; add `\"version\": \"0.8.0-alpha\"`",
            ),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn version_absent() {
        insta::assert_snapshot!(check(
            "MX3112",
            r#"{"process": {"commandLine": "x"}, "network": {"defaultPolicy": "block"}}"#
        ));
    }
}
