//! serde's sequence form: a struct that MXC derives `Deserialize` for also reads from a JSON array
//! holding every field's value in declaration order (`"process": ["make", null, null, null]`).
//! Production mode rewrites such arrays into the objects they stand for before any stage reads
//! the tree, so the schema, validation and lowering see what MXC sees. Each element becomes the
//! member's value and its span the member's key span; a `null` element is a field left out, so
//! it becomes no member (MXC's 0.8 version gate, which tests key presence, sees no key either).
//!
//! The sections covered are listed below with MXC's field order (aliases left out: serde counts
//! one field for them). An array of another length stays an
//! array and is refused by the schema, as serde refuses it ("invalid length").

use serde_json::Value;

use crate::schema::bundle;
use crate::syntax::{Member, Node, NodeKind};

/// Each definition of the wire model (or `Definition.property` for a section defined inline)
/// that MXC derives as a plain struct, with its fields in MXC's declaration order. The open
/// `experimental` sections are left out: their field order cannot be read from MXC's messages.
const FIELD_ORDERS: [(&str, &[&str]); 18] = [
    ("Process", &["commandLine", "cwd", "env", "timeout"]),
    (
        "Filesystem",
        &["readwritePaths", "readonlyPaths", "deniedPaths"],
    ),
    (
        "Network",
        &[
            "defaultPolicy",
            "enforcementMode",
            "allowLocalNetwork",
            "allowedHosts",
            "blockedHosts",
            "proxy",
            "egress",
            "ingress",
        ],
    ),
    ("Egress", &["default", "allow", "deny"]),
    ("Ingress", &["default", "hostLoopback"]),
    ("Rule", &["to", "ports"]),
    ("Peer", &["cidr", "except"]),
    ("Port", &["protocol", "port", "endPort"]),
    ("Proxy", &["localhost", "builtinTestServer", "url"]),
    ("Ui", &["disable", "clipboard", "injection"]),
    ("Lxc", &["distribution", "release"]),
    (
        "ProcessContainer",
        &[
            "leastPrivilege",
            "learningMode",
            "capabilities",
            "captureDenials",
            "ui",
            "network",
        ],
    ),
    (
        "ProcessContainer.ui",
        &["isolation", "desktopSystemControl", "systemSettings", "ime"],
    ),
    ("ProcessContainer.network", &["allowedProxyPeer"]),
    (
        "Seatbelt",
        &[
            "profileOverride",
            "guiAccess",
            "launchMethod",
            "nestedPty",
            "keychainAccess",
            "extraMachLookups",
        ],
    ),
    ("RuntimeConfig", &["networkProxy"]),
    ("Fallback", &["allowDaclMutation"]),
    ("Lifecycle", &["destroyOnExit", "preservePolicy"]),
];

/// Rewrites every struct written in the sequence form under `root` into an object.
pub fn desugar(root: &mut Node) {
    let Some(Ok(wire)) = bundle::compiled(bundle::WIRE) else {
        return;
    };
    let document = &wire.document;
    if let NodeKind::Object(members) = &mut root.kind {
        for member in members {
            if let Some(property) = document.get("properties").and_then(|p| p.get(&member.key)) {
                walk(&mut member.value, property, None, document);
            }
        }
    }
}

/// The definition a `$ref` names, and its schema.
fn definition<'a>(schema: &'a Value, document: &'a Value) -> Option<(&'a str, &'a Value)> {
    let name = schema.get("$ref")?.as_str()?.strip_prefix("#/$defs/")?;
    Some((name, document.get("$defs")?.get(name)?))
}

/// Walks `node` against `schema`; `inline` names a section defined inside its parent's schema.
fn walk(node: &mut Node, schema: &Value, inline: Option<String>, document: &Value) {
    let (name, schema) = match definition(schema, document) {
        Some((name, resolved)) => (Some(name.to_owned()), resolved),
        None => (inline, schema),
    };
    let fields = name.as_deref().and_then(|name| {
        FIELD_ORDERS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
    });
    if let (Some(fields), NodeKind::Array(items)) = (fields, &mut node.kind)
        && items.len() == fields.len()
    {
        let members = std::mem::take(items)
            .into_iter()
            .zip(fields)
            .filter(|(value, _)| !value.is_null())
            .map(|(value, key)| Member {
                key: (*key).to_owned(),
                key_span: value.span,
                value,
            })
            .collect();
        node.kind = NodeKind::Object(members);
    }
    match &mut node.kind {
        NodeKind::Object(members) => {
            let properties = schema.get("properties");
            for member in members {
                if let Some(property) = properties.and_then(|p| p.get(&member.key)) {
                    let inline = name.as_ref().map(|n| format!("{n}.{}", member.key));
                    walk(&mut member.value, property, inline, document);
                }
            }
        }
        NodeKind::Array(items) => {
            if let Some(item) = schema.get("items") {
                for value in items {
                    walk(value, item, None, document);
                }
            }
        }
        _ => {}
    }
}
