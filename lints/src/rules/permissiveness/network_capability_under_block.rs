//! MX3023 network-capability-under-block.

use ir::net::NetworkShape;
use ir::{Action, Backend, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a legacy-shape ProcessContainer policy that blocks the network while
    /// `processContainer.capabilities` lists a network capability (`internetClient`,
    /// `internetClientServer`, `privateNetworkClientServer`, `networkLoopback`).
    ///
    /// ## Why is this bad?
    /// In the legacy shape MXC keeps caller-supplied capabilities, so the AppContainer still
    /// gets Internet access: `"defaultPolicy": "block"` is not what runs. MXC's own example
    /// `04_combined_restrictions.json` does exactly this. The 0.8 directional shape strips
    /// these capabilities and derives them from the policy.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.7.0-alpha", "containment": "processcontainer", "process": {"commandLine": "app.exe"},
    ///  "processContainer": {"capabilities": ["internetClient"]},
    ///  "network": {"defaultPolicy": "block"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "processcontainer", "process": {"commandLine": "app.exe"},
    ///  "network": {"egress": {"default": "deny"}}}
    /// ```
    ///
    /// ## Backends affected
    /// ProcessContainer (every tier).
    code: "MX3023",
    name: "network-capability-under-block",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

const NETWORK_CAPABILITIES: [&str; 4] = [
    "internetClient",
    "internetClientServer",
    "privateNetworkClientServer",
    "networkLoopback",
];

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let p = cx.policy;
    if p.backend() != Backend::ProcessContainer
        || p.network.shape != NetworkShape::Legacy
        || p.network.egress_default.value != Action::Deny
    {
        return;
    }
    let Some(pc) = &p.process_container else {
        return;
    };
    for cap in &pc.capabilities {
        if !NETWORK_CAPABILITIES
            .iter()
            .any(|n| n.eq_ignore_ascii_case(&cap.value))
        {
            continue;
        }
        let mut d = META
            .diagnostic(format!(
                "capability `{}` grants network access although the policy blocks it",
                cap.value
            ))
            .with_label(cap.span, "kept in the legacy network shape");
        if let Some(span) = p.network.egress_default.span {
            d = d.with_secondary(span, "the block that does not hold");
        }
        out.push(d.with_help(
            "legacy policies keep caller network capabilities, so the block is not enforced; \
             remove the capability or use the 0.8 `network.egress` shape, which strips it",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn network_capability_under_block() {
        insta::assert_snapshot!(check(
            "MX3023",
            r#"// mxcc --platform windows
{"version": "0.7.0-alpha", "containment": "processcontainer", "process": {"commandLine": "x"},
"processContainer": {"capabilities": ["documentsLibrary", "internetClientServer"]}}"#
        ));
    }
}
