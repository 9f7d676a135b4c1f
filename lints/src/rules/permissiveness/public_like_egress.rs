//! MX3013 public-like-egress.

use ir::{Action, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a policy whose allow rules together reach more than 2^24 IPv4 addresses (a /8)
    /// or more than 2^96 IPv6 addresses (a /32), counted exactly over the rules, minus
    /// `except` blocks and deny rules.
    ///
    /// ## Why is this bad?
    /// Many broad rules add up to most of the Internet even when no single rule says
    /// `0.0.0.0/0`; such a policy filters nothing in practice. This is the address-count
    /// threshold Zelkova uses to call an IAM policy public.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "crawl"},
    ///  "network": {"egress": {"default": "deny",
    ///    "allow": [{"to": [{"cidr": "0.0.0.0/1"}, {"cidr": "128.0.0.0/2"}]}]}}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "crawl"},
    ///  "network": {"egress": {"default": "deny",
    ///    "allow": [{"to": [{"cidr": "198.51.100.0/24"}]}]}}}
    /// ```
    ///
    /// ## Backends affected
    /// All backends with egress rules.
    code: "MX3013",
    name: "public-like-egress",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

const V4_LIMIT: u64 = 1 << 24;
const V6_LIMIT: u128 = 1 << 96;

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let net = &cx.policy.network;
    if net.egress_default.value == Action::Allow {
        return;
    }
    // A rule to every address is MX3012's finding.
    let allows: Vec<_> = net
        .rules
        .iter()
        .filter(|r| r.action == Action::Allow)
        .collect();
    let any_everything = allows.iter().any(|r| {
        r.to.as_ref()
            .is_none_or(|peers| peers.iter().any(|p| p.cidr.prefix == 0))
    });
    if any_everything {
        return;
    }
    let m = cx.metrics;
    let mut what = Vec::new();
    if m.ipv4_addresses > V4_LIMIT {
        what.push(format!("{} IPv4 addresses", m.ipv4_addresses));
    }
    if m.ipv6_addresses > V6_LIMIT {
        what.push(format!(
            "2^{} IPv6 addresses",
            127 - m.ipv6_addresses.leading_zeros()
        ));
    }
    if what.is_empty() {
        return;
    }
    let mut d = META.diagnostic(format!("egress rules reach {}", what.join(" and ")));
    let mut largest: Vec<(u128, ir::Span, String)> = allows
        .iter()
        .flat_map(|r| r.to.iter().flatten())
        .map(|p| (p.cidr.size(), p.span, p.cidr.to_string()))
        .collect();
    largest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (i, (_, span, cidr)) in largest.iter().take(3).enumerate() {
        let text = format!("`{cidr}`");
        d = if i == 0 {
            d.with_label(*span, format!("{text} is the largest block"))
        } else {
            d.with_secondary(*span, text)
        };
    }
    out.push(d.with_help(
        "the allowed blocks add up to a public-sized part of the Internet, so the policy filters \
         almost nothing; allow the specific networks the program needs",
    ));
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn public_like_egress() {
        insta::assert_snapshot!(check(
            "MX3013",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"network": {"egress": {"default": "deny", "allow": [
  {"to": [{"cidr": "0.0.0.0/1", "except": ["10.0.0.0/8"]}, {"cidr": "2000::/3"}]},
  {"to": [{"cidr": "192.0.2.0/24"}]}],
  "deny": [{"to": [{"cidr": "64.0.0.0/2"}]}]}}}"#
        ));
    }

    #[test]
    fn public_like_egress_below_threshold() {
        insta::assert_snapshot!(check(
            "MX3013",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"network": {"egress": {"default": "deny", "allow": [{"to": [{"cidr": "10.0.0.0/8"}]}]}}}"#
        ));
    }
}
