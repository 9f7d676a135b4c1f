//! Generated policies for the tests that prove a fast rule equal to its brute-force reference:
//! random filesystem lists and egress rules over small alphabets, so that paths nest, repeat,
//! differ only in case and cross lists often.

use proptest::prelude::*;

use ir::Policy;

use crate::LintContext;
use crate::context::{Cache, Cx};

const NAMES: [&str; 6] = ["a", "A", "b", "B", ".git", "hooks"];
const ROOTS: [&str; 3] = ["/", "~/", "/home/u/"];

/// One filesystem entry: list (0 read-write, 1 read-only, 2 denied), root, components.
fn arb_entry() -> impl Strategy<Value = (usize, usize, Vec<&'static str>)> {
    (
        0..3usize,
        0..ROOTS.len(),
        proptest::collection::vec(proptest::sample::select(&NAMES[..]), 0..4),
    )
}

/// One egress rule: deny or allow, a block (address byte and prefix), a port or none.
fn arb_net_rule() -> impl Strategy<Value = (bool, u8, u8, Option<u16>)> {
    (
        any::<bool>(),
        0..4u8,
        proptest::sample::select(vec![0u8, 8, 16, 24, 32]),
        proptest::option::of(proptest::sample::select(vec![22u16, 53, 443])),
    )
}

/// A policy text (with its `// mxcc` marker line) for the example harness.
pub(crate) fn arb_policy() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(arb_entry(), 0..12),
        proptest::collection::vec(arb_net_rule(), 0..8),
        proptest::sample::select(vec!["linux", "windows", "macos"]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(entries, net, platform, strict, default_allow)| {
            policy_text(&entries, &net, platform, strict, default_allow)
        })
}

fn policy_text(
    entries: &[(usize, usize, Vec<&str>)],
    net: &[(bool, u8, u8, Option<u16>)],
    platform: &str,
    strict: bool,
    default_allow: bool,
) -> String {
    let windows = platform == "windows";
    let mut lists: [Vec<String>; 3] = Default::default();
    for (list, root, parts) in entries {
        let path = if windows {
            let root = ["C:\\", "~\\", "C:\\Users\\u\\"]
                .get(*root)
                .copied()
                .unwrap_or("C:\\");
            format!("{root}{}", parts.join("\\"))
        } else {
            let root = ROOTS.get(*root).copied().unwrap_or("/");
            format!("{root}{}", parts.join("/"))
        };
        if let Some(l) = lists.get_mut(*list) {
            l.push(path);
        }
    }
    let [rw, ro, denied] = lists;
    let mut allow = Vec::new();
    let mut deny = Vec::new();
    for (is_deny, byte, prefix, port) in net {
        let mut rule = match prefix {
            0 => serde_json::json!({}),
            8 => serde_json::json!({
                "to": [{"cidr": "10.0.0.0/8", "except": [format!("10.{byte}.0.0/16")]}]
            }),
            32 => serde_json::json!({"to": [{"cidr": format!("10.{byte}.0.1/32")}]}),
            _ => serde_json::json!({"to": [{"cidr": format!("10.{byte}.0.0/{prefix}")}]}),
        };
        if let Some(port) = port {
            rule["ports"] = serde_json::json!([{"protocol": "tcp", "port": port}]);
        }
        if *is_deny {
            deny.push(rule);
        } else {
            allow.push(rule);
        }
    }
    let policy = serde_json::json!({
        "version": "0.8.0-alpha",
        "process": {"commandLine": "x"},
        "filesystem": {"readwritePaths": rw, "readonlyPaths": ro, "deniedPaths": denied},
        "network": {
            "egress": {"default": if default_allow { "allow" } else { "deny" }, "allow": allow, "deny": deny},
            "ingress": {"default": "deny", "hostLoopback": "deny"}
        }
    });
    format!(
        "// mxcc --platform {platform}{}\n{policy}",
        if strict { " --strict" } else { "" }
    )
}

/// Lowers a generated policy and hands a rule context over it to `f`; `None` when the compiler
/// could not build the policy.
pub(crate) fn with_cx<R>(text: &str, f: impl FnOnce(&Cx<'_>) -> R) -> Option<R> {
    let (example, policy, _) = super::lower(text);
    let policy: Policy = policy?;
    let lint = LintContext {
        strict: example.strict,
        ..LintContext::default()
    };
    let sensitive = crate::context::sensitive(&policy, &lint.config);
    let mode = if lint.strict {
        ir::Mode::Strict
    } else {
        ir::Mode::Mxc
    };
    let metrics = crate::metrics::compute(&policy, &sensitive, mode);
    let cx = Cx {
        policy: &policy,
        strict: lint.strict,
        mode,
        style: policy.platform.path_style(),
        metrics: &metrics,
        sensitive: &sensitive,
        cache: Cache::default(),
    };
    Some(f(&cx))
}

/// Fails when a rule's fast `check` and its brute-force `reference` report differently on a
/// generated policy.
pub(crate) fn same_as_reference(
    text: &str,
    fast: crate::registry::Check,
    reference: crate::registry::Check,
) -> Result<(), TestCaseError> {
    let outcome = with_cx(text, |cx| {
        let mut got = Vec::new();
        fast(cx, &mut got);
        let mut expected = Vec::new();
        reference(cx, &mut expected);
        (got, expected)
    });
    if let Some((got, expected)) = outcome {
        prop_assert_eq!(got, expected, "policy:\n{}", text);
    }
    Ok(())
}
