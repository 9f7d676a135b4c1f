//! Section-level rules: alias duplicates and the single-backend-section rule. Fields newer than
//! an exact contract are unknown fields of that contract, reported by the schema stage.

use ir::{Backend, Diagnostic};

use crate::syntax::Node;
use crate::validate::{Cx, DUPLICATE_ALIAS, FOREIGN_BACKEND_SECTION, at, key_span};

/// Backend sections and the backend each belongs to, as `validate_single_backend_section` lists
/// them.
const BACKEND_SECTIONS: [(&[&str], Backend); 8] = [
    (&["processContainer"], Backend::ProcessContainer),
    (&["appContainer"], Backend::ProcessContainer),
    (&["lxc"], Backend::Lxc),
    (&["seatbelt"], Backend::Seatbelt),
    (&["macos_sandbox"], Backend::Seatbelt),
    (
        &["experimental", "windows_sandbox"],
        Backend::WindowsSandbox,
    ),
    (&["experimental", "wslc"], Backend::Wslc),
    (
        &["experimental", "isolation_session"],
        Backend::IsolationSession,
    ),
];

pub(crate) fn check(cx: &mut Cx<'_>) {
    aliases(cx, cx.root, "");
    if let Some(experimental) = cx.at(&["experimental"]) {
        aliases(cx, experimental, "experimental.");
    }
    single_backend(cx);
}

/// Both spellings of an aliased section are a duplicate field, as serde reports it.
fn aliases(cx: &mut Cx<'_>, object: &Node, prefix: &str) {
    for (canonical, alias) in [
        ("processContainer", "appContainer"),
        ("seatbelt", "macos_sandbox"),
    ] {
        let (Some(first), Some(second)) = (object.member(canonical), object.member(alias)) else {
            continue;
        };
        let (earlier, later) = if first.key_span.start <= second.key_span.start {
            (first, second)
        } else {
            (second, first)
        };
        cx.push(
            Diagnostic::error(
                DUPLICATE_ALIAS,
                format!("duplicate field `{prefix}{canonical}`: `{prefix}{alias}` is another spelling of it"),
            )
            .with_label(later.key_span, "second spelling here")
            .with_secondary(earlier.key_span, "first spelling here")
            .with_help(format!(
                "MXC reads `{alias}` as an alias of `{canonical}` and rejects a config that has both; keep one, preferably `{canonical}`"
            )),
        );
    }
}

/// Only the section of the resolved backend may appear (`validate_single_backend_section`).
fn single_backend(cx: &mut Cx<'_>) {
    let requested = cx.header.containment.requested.as_ref();
    // State-aware requests carry no one-shot sections at all (reported by the phase rules);
    // their experimental backend sections are checked in production mode against the backend
    // that the containment or the id prefix names.
    if cx.header.is_state_aware()
        && (cx.header.exact || requested.is_none() && !id_names_backend(cx))
    {
        return;
    }
    // Exact contracts are platform-independent: without a written containment there is nothing
    // to compare with, and `process` allows the processContainer and seatbelt sections.
    if cx.header.exact && requested.is_none() {
        return;
    }
    let backend = cx.header.backend();
    let written_process = requested.is_some_and(|r| r.value == "process");
    for (path, owner) in BACKEND_SECTIONS {
        let Some(node) = at(cx.root, path) else {
            continue;
        };
        if owner == backend || cx.header.is_state_aware() && path.len() == 1 {
            continue;
        }
        if cx.header.exact
            && written_process
            && matches!(owner, Backend::ProcessContainer | Backend::Seatbelt)
        {
            continue;
        }
        let parent = if path.len() == 2 {
            cx.at(&["experimental"])
        } else {
            Some(cx.root)
        };
        let name = path.join(".");
        let span = parent.map_or(node.span, |p| {
            key_span(p, path.last().copied().unwrap_or(""), node.span)
        });
        let mut d = Diagnostic::error(
            FOREIGN_BACKEND_SECTION,
            format!(
                "the `{name}` section does not apply to containment `{}`",
                backend.as_str()
            ),
        )
        .with_label(span, format!("a `{}` section", owner.as_str()));
        let help = match requested {
            Some(r) => {
                d = d.with_secondary(r.span, format!("resolves to `{}`", backend.as_str()));
                format!(
                    "MXC accepts only the section of the resolved backend; remove `{name}` or set `containment` to `{}`",
                    owner.as_str()
                )
            }
            None => format!(
                "without `containment`, MXC resolves `process` to `{}` on {} and accepts only that backend's section; remove `{name}` or set `containment` to `{}`",
                backend.as_str(),
                cx.header.platform.as_str(),
                owner.as_str()
            ),
        };
        cx.push(d.with_help(help));
    }
}

/// True when a state-aware id names a known backend through its prefix.
fn id_names_backend(cx: &Cx<'_>) -> bool {
    cx.at(&["sandboxId"])
        .and_then(Node::as_str)
        .and_then(|s| s.split_once(':'))
        .is_some_and(|(prefix, _)| matches!(prefix, "iso" | "wsb" | "wslc"))
}
