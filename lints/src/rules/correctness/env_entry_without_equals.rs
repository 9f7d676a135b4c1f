//! MX3113 env-entry-without-equals.

use ir::Diagnostic;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags `process.env` entries without `=` or with an empty name (`"DEBUG"`, `"=x"`).
    ///
    /// ## Why is this bad?
    /// Every backend silently skips such entries: the variable the author meant to set is
    /// not set. (It is not inherited from the caller either: backends start from an empty
    /// environment.)
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make", "env": ["CI"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make", "env": ["CI=true"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All.
    code: "MX3113",
    name: "env-entry-without-equals",
    category: Correctness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for entry in cx.policy.process.env.iter().filter(|e| e.name.is_none()) {
        let shown: String = entry.raw.chars().take(40).collect();
        out.push(
            META.diagnostic(format!(
                "`{shown}` is not `NAME=VALUE`, so backends skip it"
            ))
            .with_label(entry.span, "ignored entry")
            .with_help(
                "entries without `=` or with an empty name are dropped silently and the \
                     variable stays unset; write `NAME=VALUE`",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn env_entry_without_equals() {
        insta::assert_snapshot!(check(
            "MX3113",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "env": ["A", "=b", "C=", "D=e=f"]}}"#
        ));
    }
}
