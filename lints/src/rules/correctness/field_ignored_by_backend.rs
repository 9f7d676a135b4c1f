//! MX3110 field-ignored-by-backend.

use ir::{Backend, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags fields the resolved backend accepts and then ignores: `ui` on Bubblewrap, LXC
    /// and the VM backends, `lifecycle.preservePolicy` and `fallback` where there is nothing
    /// to preserve or fall back from, `network.enforcementMode` on Seatbelt,
    /// `network.allowLocalNetwork` on ProcessContainer.
    ///
    /// ## Why is this bad?
    /// The policy promises a restriction (say, no clipboard) that the backend does not
    /// implement. "An omitted `ui` is full lockdown" holds only where UI is enforced.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "containment": "bubblewrap", "process": {"commandLine": "make"},
    ///  "ui": {"clipboard": "none"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha", "containment": "bubblewrap", "process": {"commandLine": "make"}}
    /// ```
    ///
    /// ## Backends affected
    /// Every backend, for the fields it does not implement.
    code: "MX3110",
    name: "field-ignored-by-backend",
    category: Correctness,
    severity: Warning,
    status: Preview,
}

/// Fields and the backends that honour them; all others accept and ignore the field.
const HONOURED: [(&str, &[Backend]); 5] = [
    ("ui", &[Backend::ProcessContainer, Backend::Seatbelt]),
    (
        "lifecycle.preservePolicy",
        &[Backend::ProcessContainer, Backend::Lxc],
    ),
    ("fallback", &[Backend::ProcessContainer]),
    (
        "network.enforcementMode",
        &[Backend::ProcessContainer, Backend::Lxc, Backend::Bubblewrap],
    ),
    (
        "network.allowLocalNetwork",
        &[Backend::Seatbelt, Backend::Bubblewrap, Backend::Lxc],
    ),
];

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let backend = cx.policy.backend();
    for (field, honoured) in HONOURED {
        if honoured.contains(&backend) {
            continue;
        }
        let Some(span) = cx.policy.field(field) else {
            continue;
        };
        out.push(
            META.diagnostic(format!(
                "`{field}` is ignored by the `{}` backend",
                backend.as_str()
            ))
            .with_label(span, "accepted, not enforced")
            .with_help(format!(
                "`{}` accepts this field without implementing it, so the restriction it describes \
                 does not exist; remove it or choose a backend that enforces it",
                backend.as_str()
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn field_ignored_by_backend() {
        insta::assert_snapshot!(check(
            "MX3110",
            r#"{"version": "0.7.0-alpha", "containment": "lxc", "process": {"commandLine": "x"},
"lxc": {"distribution": "alpine", "release": "3.23"},
"ui": {"disable": true}, "fallback": {"allowDaclMutation": false}, "lifecycle": {"preservePolicy": false},
"network": {"enforcementMode": "firewall"}}"#
        ));
    }
}
