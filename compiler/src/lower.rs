//! Lowering: the syntax tree of a config to the typed [`ir::Policy`].
//!
//! Lowering never fails: every rejection belongs to the schema and validation stages, which
//! have already run. Values those stages rejected (a CIDR with host bits, a port of the wrong
//! type) are left out here, and the output carries their errors, so no later stage runs on a
//! policy that lost something silently. A number lowering cannot read is recorded (`lost`), and
//! reported as an error of its own when no error points at it: fail closed, never drop.

mod backend;
mod fs;
mod lost;
mod net;
mod process;
mod read;

use ir::policy::PresentField;
use ir::{Diagnostic, Policy};

use crate::header::Header;
use crate::syntax::{Node, NodeKind};

/// Lowers a config whose root is an object. `diagnostics` holds the earlier stages' findings;
/// a value lowering cannot read that none of them points at is added to it as an error.
pub fn lower(root: &Node, header: &Header, diagnostics: &mut Vec<Diagnostic>) -> Policy {
    let mut lost = Vec::new();
    let mut policy = Policy::empty(header.source, header.platform);
    policy.span = root.span;
    policy.version = header.version.clone();
    policy.phase = header.phase.clone();
    policy.containment = header.containment.clone();
    policy.container_id = read::string(root.get_present("containerId"));
    policy.sandbox_id = read::string(root.get_present("sandboxId"));
    policy.filesystem = fs::lower(root.get_present("filesystem"), header);
    policy.network = net::lower(root, header, &mut lost);
    policy.ui = process::ui(root.get_present("ui"));
    policy.process = process::lower(root.get_present("process"), header, &mut lost);
    policy.lifecycle = backend::lifecycle(root.get_present("lifecycle"));
    policy.fallback = backend::fallback(root.get_present("fallback"));
    policy.process_container = root
        .members()
        .iter()
        .find(|m| {
            matches!(m.key.as_str(), "processContainer" | "appContainer") && m.value.is_object()
        })
        .map(backend::process_container);
    policy.seatbelt = root
        .members()
        .iter()
        .find(|m| matches!(m.key.as_str(), "seatbelt" | "macos_sandbox") && m.value.is_object())
        .map(backend::seatbelt);
    policy.lxc = root
        .get_present("lxc")
        .filter(|n| n.is_object())
        .map(backend::lxc);
    policy.experimental = backend::experimental(root.get_present("experimental"));
    let mut fields = Vec::new();
    collect_fields(root, "", &mut fields);
    fields.sort_by(|a, b| a.path.cmp(&b.path));
    fields.dedup_by(|a, b| a.path == b.path);
    policy.fields = fields;
    lost::report(&lost, diagnostics);
    policy
}

/// Records the dotted path of every object member; array elements share their array's path.
fn collect_fields(node: &Node, prefix: &str, out: &mut Vec<PresentField>) {
    match &node.kind {
        NodeKind::Object(members) => {
            for m in members {
                let path = if prefix.is_empty() {
                    m.key.clone()
                } else {
                    format!("{prefix}.{}", m.key)
                };
                out.push(PresentField {
                    path: path.clone(),
                    span: m.key_span,
                });
                collect_fields(&m.value, &path, out);
            }
        }
        NodeKind::Array(items) => {
            for item in items {
                collect_fields(item, prefix, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests;
