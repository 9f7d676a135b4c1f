//! MX3015 cloud-metadata-reachable.

use ir::catalog::metadata_addresses;
use ir::{Diagnostic, Direction, Endpoint, Mode, Protocol, Request};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a policy under which the cloud instance metadata service is reachable:
    /// `169.254.169.254` or `fd00:ec2::254` on TCP port 80.
    ///
    /// ## Why is this bad?
    /// On a cloud VM the metadata service hands out the machine's credentials (IAM role keys,
    /// managed identity tokens) to anyone who asks over HTTP. A sandboxed process that reaches
    /// it leaves with the host's cloud identity.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build"},
    ///  "network": {"egress": {"default": "deny", "allow": [{"to": [{"cidr": "169.254.0.0/16"}]}]}}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build"},
    ///  "network": {"egress": {"default": "deny",
    ///    "allow": [{"to": [{"cidr": "169.254.0.0/16", "except": ["169.254.169.254/32"]}]}]}}}
    /// ```
    ///
    /// ## Backends affected
    /// All backends that allow egress.
    code: "MX3015",
    name: "cloud-metadata-reachable",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen = Vec::new();
    for (ip, _) in metadata_addresses() {
        let request = Request::Net {
            direction: Direction::Egress,
            protocol: Protocol::Tcp,
            endpoint: Endpoint::Ip(ip),
            port: 80,
        };
        let decision = ir::decide(cx.policy, &request, Mode::Mxc);
        if !decision.allowed {
            continue;
        }
        let Some(span) = decision.span(cx.policy) else {
            continue;
        };
        if seen.contains(&span) {
            continue;
        }
        seen.push(span);
        out.push(
            META.diagnostic(format!("the cloud metadata service `{ip}` is reachable"))
                .with_label(span, "allows this address")
                .with_help(
                    "the metadata service gives out the host's cloud credentials; add \
                     `169.254.169.254/32` (and `fd00:ec2::254/128`) to `except` or a deny rule",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn cloud_metadata_reachable() {
        insta::assert_snapshot!(check(
            "MX3015",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"network": {"egress": {"default": "allow", "deny": [{"to": [{"cidr": "10.0.0.0/8"}]}]}}}"#
        ));
    }

    #[test]
    fn cloud_metadata_denied() {
        insta::assert_snapshot!(check(
            "MX3015",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"network": {"egress": {"default": "allow", "deny": [{"to": [{"cidr": "169.254.169.254/32"}, {"cidr": "fd00:ec2::254"}]}]}}}"#
        ));
    }
}
