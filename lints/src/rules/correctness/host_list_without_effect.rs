//! MX3115 host-list-without-effect.

use ir::net::NetworkShape;
use ir::{Action, Diagnostic, RuleOrigin, Span};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags legacy host lists that cannot change anything: `allowedHosts` under
    /// `"defaultPolicy": "allow"` and `blockedHosts` under `"defaultPolicy": "block"`.
    ///
    /// ## Why is this bad?
    /// Only the list that tightens the default is used (`needs_host_filtering` in MXC): the
    /// other is accepted as a no-op. An `allowedHosts` list under an allow default reads
    /// like an allow-list but everything stays reachable.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.7.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "allow", "allowedHosts": ["192.0.2.10"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.7.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "block", "enforcementMode": "firewall", "allowedHosts": ["192.0.2.10"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All backends with legacy host lists.
    code: "MX3115",
    name: "host-list-without-effect",
    category: Correctness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let net = &cx.policy.network;
    if net.shape != NetworkShape::Legacy {
        return;
    }
    let default = net.egress_default.value;
    let mut entries: Vec<(RuleOrigin, Span)> =
        net.rules.iter().map(|r| (r.origin, r.span)).collect();
    entries.extend(net.host_names.iter().map(|h| (h.origin, h.span)));
    entries.sort_by_key(|(_, s)| *s);
    for (origin, span) in entries {
        let (list, useless) = match origin {
            RuleOrigin::AllowedHost(_) => ("allowedHosts", default == Action::Allow),
            RuleOrigin::BlockedHost(_) => ("blockedHosts", default == Action::Deny),
            RuleOrigin::EgressAllow(_) | RuleOrigin::EgressDeny(_) => continue,
        };
        if !useless {
            continue;
        }
        out.push(
            META.diagnostic(format!(
                "`{origin}` has no effect: `{list}` cannot change a `{}` default",
                if default == Action::Allow {
                    "allow"
                } else {
                    "block"
                }
            ))
            .with_label(span, "ignored host entry")
            .with_help(
                "MXC uses only the host list that tightens the default; flip `defaultPolicy` or \
                 move the entry to the other list",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn host_list_without_effect() {
        insta::assert_snapshot!(check(
            "MX3115",
            r#"{"version": "0.7.0-alpha", "process": {"commandLine": "x"},
"network": {"defaultPolicy": "block", "blockedHosts": ["10.0.0.0/8", "evil.example"], "allowedHosts": ["192.0.2.1"]}}"#
        ));
    }
}
