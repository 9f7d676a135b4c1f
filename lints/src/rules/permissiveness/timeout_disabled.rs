//! MX3037 timeout-disabled.

use ir::Diagnostic;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags `"timeout": 0` in `process`, which MXC reads as "no time limit".
    ///
    /// ## Why is this bad?
    /// A sandboxed process without a deadline can run (and keep its grants, connections and
    /// CPU) forever: a stuck or malicious agent is never stopped by the executor.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "agent", "timeout": 0}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "agent", "timeout": 600000}}
    /// ```
    ///
    /// ## Backends affected
    /// All.
    code: "MX3037",
    name: "timeout-disabled",
    category: Permissiveness,
    severity: Info,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let t = cx.policy.process.timeout;
    let (0, Some(span)) = (t.value, t.span) else {
        return;
    };
    out.push(
        META.diagnostic("`timeout` `0` runs the process without a time limit")
            .with_label(span, "no deadline")
            .with_help(
                "a process without a deadline keeps its grants as long as it runs; set a timeout in \
                 milliseconds that fits the task",
            ),
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn timeout_disabled() {
        insta::assert_snapshot!(check(
            "MX3037",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "timeout": 0}}"#
        ));
    }
}
