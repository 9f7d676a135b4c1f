//! MX3021 ipv4-mapped-range-straddled.

use ir::{Cidr, Diagnostic, Span};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags an IPv6 block shorter than /96 that contains the IPv4-mapped range
    /// `::ffff:0:0/96`, in a `to` peer or an `except`.
    ///
    /// ## Why is this bad?
    /// Kernels send `::ffff:a.b.c.d` as IPv4, so every backend decides those addresses by
    /// the IPv4 rules: an IPv6 deny such as `::/0` does not deny IPv4-mapped destinations,
    /// and an IPv6 `except` does not carve them out. LXC leaves the mapped half of such a
    /// rule unenforced on `ip6tables`; Bubblewrap rejects the rule.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "x"},
    ///  "network": {"egress": {"default": "allow", "deny": [{"to": [{"cidr": "::/64"}]}]}}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "x"},
    ///  "network": {"egress": {"default": "allow", "deny": [{"to": [{"cidr": "2001:db8::/32"}]}]}}}
    /// ```
    ///
    /// ## Backends affected
    /// LXC (mapped half unenforced), Bubblewrap (rejected), every backend (IPv4 decides).
    code: "MX3021",
    name: "ipv4-mapped-range-straddled",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

fn report(cidr: Cidr, span: Span, out: &mut Vec<Diagnostic>) {
    if cidr.straddles_mapped_range() {
        out.push(
            META.diagnostic(format!(
                "`{cidr}` contains the IPv4-mapped range `::ffff:0:0/96`, which IPv4 rules decide"
            ))
            .with_label(span, "straddles the IPv4-mapped range")
            .with_help(
                "IPv4-mapped destinations travel as IPv4, so this IPv6 block does not cover them \
                 (LXC leaves them unenforced, Bubblewrap rejects the rule); write the IPv4 part \
                 as an IPv4 block and keep IPv6 blocks outside `::ffff:0:0/96`",
            ),
        );
    }
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for rule in &cx.policy.network.rules {
        for peer in rule.to.iter().flatten() {
            report(peer.cidr, peer.span, out);
            for (e, span) in &peer.except {
                report(*e, *span, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn ipv4_mapped_range_straddled() {
        insta::assert_snapshot!(check(
            "MX3021",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"network": {"egress": {"default": "deny", "allow": [{"to": [{"cidr": "::/0", "except": ["::/80"]}, {"cidr": "::ffff:10.0.0.0/104"}]}]}}}"#
        ));
    }
}
