//! State-aware lifecycle rules: what each phase may carry, `sandboxId` shape, and the envelope
//! fields that one-shot requests must not carry.

use ir::{Backend, Diagnostic, Phase, Span};

use crate::validate::{
    CONTAINMENT_ON_LATER_PHASE, Cx, FOREIGN_PHASE_FIELD, MALFORMED_SANDBOX_ID, MISSING_SANDBOX_ID,
    ONE_SHOT_SECTION_ON_STATE_AWARE, ONE_SHOT_STATE_FIELD, PROVISION_CONTAINMENT,
    SANDBOX_ID_ON_PROVISION, UNKNOWN_SANDBOX_PREFIX,
};

/// Sections only one-shot requests carry (`lifecycle` and the backend sections).
const ONE_SHOT_SECTIONS: [&str; 6] = [
    "lifecycle",
    "processContainer",
    "appContainer",
    "lxc",
    "seatbelt",
    "macos_sandbox",
];

/// Root fields of one-shot requests that a state-aware request carries only in some phases.
const PHASE_FIELDS: [&str; 7] = [
    "containerId",
    "fallback",
    "filesystem",
    "network",
    "ui",
    "process",
    "runtimeConfig",
];

pub(crate) fn check(cx: &mut Cx<'_>) {
    let root = cx.root;
    if root.get_present("phase").is_none() {
        one_shot(cx);
        return;
    }
    // An unknown phase value is a schema error; nothing more can be said about its fields.
    let Some(phase) = cx.header.phase.as_ref().map(|p| (p.value, p.span)) else {
        return;
    };
    let (phase, phase_span) = phase;
    let name = phase.as_str();
    for key in ONE_SHOT_SECTIONS {
        if let Some(m) = root.member(key).filter(|m| !m.value.is_null()) {
            cx.push(
                Diagnostic::error(
                    ONE_SHOT_SECTION_ON_STATE_AWARE,
                    format!("`{key}` is not accepted on a state-aware `{name}` request"),
                )
                .with_label(m.key_span, "one-shot section")
                .with_secondary(phase_span, "this makes the request state-aware")
                .with_help(format!(
                    "state-aware requests configure the backend under `experimental.<backend>.<phase>`; remove `{key}`"
                )),
            );
        }
    }
    let allowed = allowed_fields(phase, cx.header.backend());
    for key in PHASE_FIELDS {
        let Some(m) = root.member(key).filter(|m| !m.value.is_null()) else {
            continue;
        };
        if allowed.contains(&key) {
            continue;
        }
        let carried = if allowed.is_empty() {
            "none of them".to_owned()
        } else {
            allowed
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        cx.push(
            Diagnostic::error(FOREIGN_PHASE_FIELD, format!("`{key}` is not accepted on a state-aware `{name}` request"))
                .with_label(m.key_span, format!("not part of a `{name}` request"))
                .with_secondary(phase_span, "phase declared here")
                .with_help(format!(
                    "of the policy sections, a `{name}` request{} carries {carried}; remove `{key}` or send it in the phase that takes it",
                    backend_note(phase, cx.header.backend())
                )),
        );
    }
    let sandbox_id = root.get_present("sandboxId");
    let containment = root.member("containment").filter(|m| !m.value.is_null());
    if phase == Phase::Provision {
        if let Some(m) = root.member("sandboxId").filter(|m| !m.value.is_null()) {
            cx.push(
                Diagnostic::error(SANDBOX_ID_ON_PROVISION, "`sandboxId` is not accepted on a `provision` request")
                    .with_label(m.key_span, "provision creates the sandbox")
                    .with_help("`provision` returns the new `sandboxId`; later phases carry it, so remove it here"),
            );
        }
        provision_containment(cx, phase_span);
    } else {
        if let Some(m) = containment {
            cx.push(
                Diagnostic::error(
                    CONTAINMENT_ON_LATER_PHASE,
                    format!("state-aware `{name}` requests must not carry `containment`"),
                )
                .with_label(m.key_span, "not accepted here")
                .with_secondary(phase_span, "phase declared here")
                .with_help("after `provision`, the backend is named by the `sandboxId` prefix; remove `containment`"),
            );
        }
        if sandbox_id.is_none() {
            cx.push(
                Diagnostic::error(
                    MISSING_SANDBOX_ID,
                    format!("a state-aware `{name}` request needs `sandboxId`"),
                )
                .with_label(phase_span, "phase declared here")
                .with_help(
                    "pass the `sandboxId` that `provision` returned, e.g. `\"wslc:<token>\"`",
                ),
            );
        }
    }
    if phase != Phase::Provision
        && cx.production()
        && let Some(node) = sandbox_id
        && let Some(id) = node.as_str()
    {
        sandbox_id_shape(cx, id, node.span);
    }
}

/// `phase`, `sandboxId` and `correlationVector` belong to state-aware requests only.
fn one_shot(cx: &mut Cx<'_>) {
    let root = cx.root;
    for key in ["sandboxId", "correlationVector"] {
        if let Some(m) = root.member(key).filter(|m| !m.value.is_null()) {
            cx.push(
                Diagnostic::error(ONE_SHOT_STATE_FIELD, format!("`{key}` is only valid on state-aware lifecycle requests"))
                    .with_label(m.key_span, "this request has no `phase`")
                    .with_help(format!(
                        "a request without `phase` is a one-shot run; remove `{key}`, or add the `phase` this request belongs to"
                    )),
            );
        }
    }
}

/// `provision` needs a containment that supports the state-aware lifecycle.
fn provision_containment(cx: &mut Cx<'_>, phase_span: Span) {
    let Some(requested) = cx.header.containment.requested.clone() else {
        cx.push(
            Diagnostic::error(PROVISION_CONTAINMENT, "a `provision` request needs `containment`")
                .with_label(phase_span, "phase declared here")
                .with_help("name the state-aware backend to provision: `isolation_session`, `windows_sandbox` or `wslc`"),
        );
        return;
    };
    let capable = if cx.header.exact {
        matches!(
            requested.value.as_str(),
            "isolation_session" | "windows_sandbox" | "wslc"
        )
    } else {
        matches!(
            cx.header.backend(),
            Backend::IsolationSession | Backend::WindowsSandbox | Backend::Wslc
        )
    };
    if !capable {
        cx.push(
            Diagnostic::error(
                PROVISION_CONTAINMENT,
                format!("containment `{}` cannot be provisioned", crate::validate::shown(&requested.value)),
            )
            .with_label(requested.span, "not a state-aware backend")
            .with_secondary(phase_span, "phase declared here")
            .with_help("only `isolation_session`, `windows_sandbox` and `wslc` support the state-aware lifecycle; use one of them or send a one-shot request without `phase`"),
        );
    }
}

/// Production routes state-aware requests by the `<prefix>:<token>` id.
fn sandbox_id_shape(cx: &mut Cx<'_>, id: &str, span: Span) {
    let shown = crate::validate::shown(id);
    match id.split_once(':') {
        Some((prefix, token)) if !prefix.is_empty() && !token.is_empty() => {
            if !matches!(prefix, "iso" | "wsb" | "wslc") {
                cx.push(
                    Diagnostic::error(UNKNOWN_SANDBOX_PREFIX, format!("`sandboxId` prefix `{}` names no state-aware backend", crate::validate::shown(prefix)))
                        .with_label(span, "unknown prefix")
                        .with_help("MXC routes state-aware requests by the id prefix (`iso:`, `wsb:` or `wslc:`) and answers `malformed_id` otherwise; pass the id `provision` returned"),
                );
            }
        }
        _ => cx.push(
            Diagnostic::error(MALFORMED_SANDBOX_ID, format!("`sandboxId` `{shown}` is not `<prefix>:<token>`"))
                .with_label(span, "malformed id")
                .with_help("MXC answers `malformed_id` for ids without a backend prefix and a token; pass the id `provision` returned, e.g. `wslc:<32 hex digits>`"),
        ),
    }
}

/// The policy fields each state-aware request root carries (the exact 0.8 contract roots).
fn allowed_fields(phase: Phase, backend: Backend) -> &'static [&'static str] {
    match (phase, backend) {
        (Phase::Provision, Backend::WindowsSandbox) => &["filesystem"],
        (Phase::Provision, Backend::IsolationSession) => &["network"],
        (Phase::Provision, Backend::Wslc) => &["filesystem", "network"],
        (Phase::Provision, _) => &["filesystem", "network"],
        (Phase::Exec, _) => &["process", "network"],
        (Phase::Start | Phase::Stop | Phase::Deprovision, _) => &[],
    }
}

fn backend_note(phase: Phase, backend: Backend) -> String {
    if phase == Phase::Provision {
        format!(" for `{}`", backend.as_str())
    } else {
        String::new()
    }
}
