//! MX3111 experimental-key-ignored.

use ir::Diagnostic;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags keys under `experimental` that MXC does not read.
    ///
    /// ## Why is this bad?
    /// MXC's production parser silently ignores unknown keys below `experimental` (for
    /// forward compatibility), so a misspelt or not-yet-supported setting has no effect and
    /// no error says so. MXC's own test `isolation_session_configid_ignored.json` relies on it.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "experimental": {"telemetry": {"enabled": false, "endpoint": "https://example.com"}}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "experimental": {"telemetry": {"enabled": false}}}
    /// ```
    ///
    /// ## Backends affected
    /// All (the parser drops the key before any backend runs).
    code: "MX3111",
    name: "experimental-key-ignored",
    category: Correctness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let keys = &cx.policy.experimental;
    for key in keys.iter().filter(|k| !k.known) {
        // Report the outermost unknown key only.
        let parent_unknown = keys
            .iter()
            .any(|p| !p.known && key.path.starts_with(&format!("{}.", p.path)));
        if parent_unknown {
            continue;
        }
        out.push(
            META.diagnostic(format!("`experimental.{}` is ignored by MXC", key.path))
                .with_label(key.span, "unknown key, silently dropped")
                .with_help(
                    "MXC accepts unknown keys under `experimental` without reading them; check \
                     the spelling or remove the key",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn experimental_key_ignored() {
        insta::assert_snapshot!(check(
            "MX3111",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"experimental": {"telemetry": {"enabled": true}, "future": {"a": {"b": 1}}, "wslc": {"imagee": "x"}}}"#
        ));
    }
}
