//! MX3114 proxy-env-overwritten.

use ir::Diagnostic;
use ir::net::PROXY_ENV_VARS;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags `process.env` entries that set a proxy variable (`HTTP_PROXY`, `HTTPS_PROXY`,
    /// `ALL_PROXY`, `FTP_PROXY`, `NO_PROXY`, lower-case too) when the policy configures a
    /// proxy.
    ///
    /// ## Why is this bad?
    /// Every backend scrubs these variables and sets them to the configured proxy URL
    /// (`NO_PROXY` is scrubbed and never set), so the entry is silently replaced. A
    /// `NO_PROXY` exception the author relies on does not exist.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "npm ci", "env": ["NO_PROXY=registry.internal"]},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:3128"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "npm ci"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:3128"}}
    /// ```
    ///
    /// ## Backends affected
    /// All backends with proxy support.
    code: "MX3114",
    name: "proxy-env-overwritten",
    category: Correctness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(proxy) = &cx.policy.network.proxy else {
        return;
    };
    for entry in &cx.policy.process.env {
        let Some(name) = entry.name.as_deref() else {
            continue;
        };
        if !PROXY_ENV_VARS.contains(&name) {
            continue;
        }
        let fate = if name.eq_ignore_ascii_case("NO_PROXY") {
            "removed"
        } else {
            "replaced by the configured proxy URL"
        };
        out.push(
            META.diagnostic(format!(
                "`{name}` is {fate} because the policy configures a proxy"
            ))
            .with_label(entry.span, "overwritten by the backend")
            .with_secondary(proxy.span, "proxy configured here")
            .with_help(
                "backends scrub proxy variables from the environment and set them to the \
                     proxy; remove the entry, and route exceptions through the proxy itself",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn proxy_env_overwritten() {
        insta::assert_snapshot!(check(
            "MX3114",
            r#"{"version": "0.7.0-alpha", "process": {"commandLine": "x", "env": ["https_proxy=http://other:1", "HOME=/h"]},
"network": {"defaultPolicy": "block", "proxy": {"localhost": 3128}}}"#
        ));
    }
}
