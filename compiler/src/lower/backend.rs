//! Backend sections, lifecycle, fallback and `experimental`.

use ir::Spanned;
use ir::policy::{
    CaptureDenials, CaptureMode, ExperimentalKey, Fallback, LaunchMethod, Lifecycle, Lxc,
    ProcessContainer, ProcessContainerUi, Seatbelt,
};

use crate::lower::read;
use crate::syntax::{Member, Node, NodeKind};

pub(crate) fn lifecycle(node: Option<&Node>) -> Lifecycle {
    Lifecycle {
        destroy_on_exit: read::boolean(node.and_then(|n| n.get_present("destroyOnExit")), true),
        preserve_policy: read::boolean(node.and_then(|n| n.get_present("preservePolicy")), false),
        span: node.map(|n| n.span),
    }
}

pub(crate) fn fallback(node: Option<&Node>) -> Fallback {
    Fallback {
        allow_dacl_mutation: read::boolean(
            node.and_then(|n| n.get_present("allowDaclMutation")),
            true,
        ),
        span: node.map(|n| n.span),
    }
}

pub(crate) fn process_container(member: &Member) -> ProcessContainer {
    let node = &member.value;
    let ui = node
        .get_present("ui")
        .map_or_else(ProcessContainerUi::default, |u| ProcessContainerUi {
            isolation: read::choice(u.get_present("isolation"), "container".to_owned(), |s| {
                Some(s.to_owned())
            }),
            desktop_system_control: read::boolean(u.get_present("desktopSystemControl"), false),
            system_settings: read::choice(
                u.get_present("systemSettings"),
                "none".to_owned(),
                |s| Some(s.to_owned()),
            ),
            ime: read::boolean(u.get_present("ime"), false),
            span: Some(u.span),
        });
    ProcessContainer {
        least_privilege: read::boolean(node.get_present("leastPrivilege"), false),
        capabilities: read::strings(node.get_present("capabilities")),
        learning_mode: read::boolean(node.get_present("learningMode"), false),
        capture_denials: node
            .get_present("captureDenials")
            .filter(|c| c.is_object())
            .map(|c| CaptureDenials {
                mode: read::choice(c.get_present("mode"), CaptureMode::Block, |s| match s {
                    "block" => Some(CaptureMode::Block),
                    "allow" => Some(CaptureMode::Allow),
                    _ => None,
                }),
                output_path: read::string(c.get_present("outputPath")),
                retain_etl: read::boolean(c.get_present("retainEtl"), false),
                span: c.span,
            }),
        ui,
        allowed_proxy_peer: read::string(
            node.get_present("network")
                .and_then(|n| n.get_present("allowedProxyPeer")),
        ),
        key: Spanned::new(member.key.clone(), member.key_span),
        span: node.span,
    }
}

pub(crate) fn seatbelt(member: &Member) -> Seatbelt {
    let node = &member.value;
    Seatbelt {
        profile_override: read::string(node.get_present("profileOverride")),
        gui_access: read::boolean(node.get_present("guiAccess"), false),
        launch_method: read::choice(node.get_present("launchMethod"), LaunchMethod::Exec, |s| {
            match s {
                "exec" => Some(LaunchMethod::Exec),
                "open" => Some(LaunchMethod::Open),
                _ => None,
            }
        }),
        nested_pty: read::boolean(node.get_present("nestedPty"), true),
        keychain_access: read::boolean(node.get_present("keychainAccess"), false),
        extra_mach_lookups: read::strings(node.get_present("extraMachLookups")),
        key: Spanned::new(member.key.clone(), member.key_span),
        span: node.span,
    }
}

pub(crate) fn lxc(node: &Node) -> Lxc {
    Lxc {
        distribution: read::string(node.get_present("distribution")),
        release: read::string(node.get_present("release")),
        span: node.span,
    }
}

/// The keys production MXC reads under `experimental`; everything else is ignored silently.
const KNOWN_EXPERIMENTAL: [&str; 17] = [
    "test",
    "test.message",
    "windows_sandbox",
    "windows_sandbox.idleTimeoutMs",
    "windows_sandbox.idleTimeout",
    "windows_sandbox.daemonPipeName",
    "wslc",
    "wslc.targetOs",
    "wslc.image",
    "wslc.imageTarPath",
    "wslc.cpuCount",
    "wslc.memoryMb",
    "wslc.gpu",
    "wslc.storagePath",
    "wslc.portMappings",
    "isolation_session",
    "telemetry",
];

const KNOWN_EXPERIMENTAL_MORE: [&str; 8] = [
    "wslc.portMappings.windowsPort",
    "wslc.portMappings.containerPort",
    "wslc.portMappings.protocol",
    "wslc.provision",
    "wslc.provision.image",
    "wslc.provision.imageTarPath",
    "isolation_session.provision",
    "isolation_session.provision.appId",
];

fn is_known_experimental(path: &str) -> bool {
    KNOWN_EXPERIMENTAL.contains(&path)
        || KNOWN_EXPERIMENTAL_MORE.contains(&path)
        || path == "telemetry.enabled"
        || path == "seatbelt"
        || path == "macos_sandbox"
}

pub(crate) fn experimental(node: Option<&Node>) -> Vec<ExperimentalKey> {
    let mut out = Vec::new();
    if let Some(node) = node {
        walk(node, "", &mut out);
    }
    out
}

fn walk(node: &Node, prefix: &str, out: &mut Vec<ExperimentalKey>) {
    match &node.kind {
        NodeKind::Object(members) => {
            for m in members {
                let path = if prefix.is_empty() {
                    m.key.clone()
                } else {
                    format!("{prefix}.{}", m.key)
                };
                out.push(ExperimentalKey {
                    known: is_known_experimental(&path),
                    path: path.clone(),
                    span: m.key_span,
                });
                // The moved seatbelt section is reported by validation as a whole.
                if path != "seatbelt" && path != "macos_sandbox" {
                    walk(&m.value, &path, out);
                }
            }
        }
        NodeKind::Array(items) => {
            for item in items {
                walk(item, prefix, out);
            }
        }
        _ => {}
    }
}
