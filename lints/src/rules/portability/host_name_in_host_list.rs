//! MX3201 host-name-in-host-list.

use ir::{Backend, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags DNS names (not IP addresses or CIDRs) in legacy `allowedHosts` or `blockedHosts`.
    ///
    /// ## Why is this bad?
    /// What a name means depends on the backend: LXC resolves it once at setup, per list
    /// (round-robin DNS can leave a name blocked at one address and allowed at another) and
    /// skips unresolvable allowed names; Bubblewrap from 0.8 and Windows reject names;
    /// Seatbelt accepts `allowedHosts` only as a no-op. The 0.8 shape has no DNS names at all,
    /// so the policy cannot be migrated as written.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.7.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "block", "enforcementMode": "firewall", "allowedHosts": ["registry.npmjs.org"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:3128"}}
    /// ```
    ///
    /// ## Backends affected
    /// LXC (resolved once), Bubblewrap at 0.8 and ProcessContainer (rejected), Seatbelt (ignored).
    code: "MX3201",
    name: "host-name-in-host-list",
    category: Portability,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let backend = cx.policy.backend();
    let what = match backend {
        Backend::Lxc => "LXC resolves it once at setup, so later address changes are not followed",
        Backend::Bubblewrap => "Bubblewrap cannot filter by name and rejects it from 0.8",
        Backend::ProcessContainer => "Windows backends reject host lists",
        Backend::Seatbelt => "Seatbelt cannot filter by name",
        _ => "this backend cannot filter by name",
    };
    for host in &cx.policy.network.host_names {
        out.push(
            META.diagnostic(format!("`{}` is a DNS name; {what}", host.name))
                .with_label(host.span, "host name, not an address")
                .with_help(
                    "no kernel primitive filters by DNS name and the 0.8 shape accepts only \
                     addresses; list IP blocks, or filter names in a proxy \
                     (`runtimeConfig.networkProxy`)",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn host_name_in_host_list() {
        insta::assert_snapshot!(check(
            "MX3201",
            r#"{"version": "0.7.0-alpha", "containment": "lxc", "process": {"commandLine": "x"},
"lxc": {"distribution": "alpine", "release": "3.23"},
"network": {"defaultPolicy": "block", "enforcementMode": "firewall", "allowedHosts": ["Example.COM.", "10.0.0.1"]}}"#
        ));
    }
}
