//! MXC validation: every rule of MXC's parser, shared validator and backend runners that a JSON
//! Schema cannot express (`research/mxc.md` §1.1–§1.7, §2).
//!
//! The schema stage has already checked types, enums, unknown keys, required fields and numeric
//! ranges; this stage reads the same tree and never repeats those checks. Explicit `null` counts
//! as absent here, as in production MXC, except in the 0.8 version gate (MX2101), where MXC
//! tests key presence.
//!
//! # Modes
//!
//! Production mode (the default) checks what `wxc-exec` and its backend runners check: every
//! rule below. Exact-contract mode (`--exact`) is grammar only (mxc.md §1.7, "Contract-only
//! rejections"): the bundled exact schemas of the schema stage are the whole contract there
//! (closed request roots per phase, required `lxc` fields, capability patterns, one proxy
//! variant, non-empty arrays and command lines, aliases), so this stage adds nothing in exact
//! mode and the cross-field, semantic and backend rules below do not apply.
//!
//! Where the schema stage has already reported an error at the same span (for example an alias
//! conflict, which it reports as MX1108), this stage does not report it again.
//!
//! # Codes
//!
//! | Code | Mode | Rule | MXC source message (stem) |
//! |---|---|---|---|
//! | MX1006 | prod | `processContainer`+`appContainer` or `seatbelt`+`macos_sandbox` (root or `experimental`) | duplicate field |
//! | MX2006 | prod | `phase`, `sandboxId`, `correlationVector` on a one-shot request | `'sandboxId' is only valid on state-aware lifecycle requests` |
//! | MX2007 | prod | `sandboxId` not `<prefix>:<token>` | `malformed_id` |
//! | MX2008 | prod | `start`/`exec`/`stop`/`deprovision` without `sandboxId` | contract: missing field |
//! | MX2009 | prod | `sandboxId` on `provision` | contract: unknown field |
//! | MX2010 | prod | `containment` on a non-provision phase | `State-aware '<phase>' requests must not carry 'containment'` |
//! | MX2011 | prod | `provision` without a state-aware-capable `containment` | `unsupported_containment` |
//! | MX2012 | prod | `lifecycle`, `processContainer`, `lxc`, `seatbelt` on a state-aware request | one-shot section rejected on state-aware requests |
//! | MX2013 | prod | a field the phase's request does not carry (e.g. `process` on `start`) | contract: unknown field |
//! | MX2014 | prod | `sandboxId` prefix that names no state-aware backend | `malformed_id` |
//! | MX2015 | prod | a backend section that does not match the resolved containment | `Multiple containment backends configured: ...` |
//! | MX2101 | prod | `network.egress`, `network.ingress`, `runtimeConfig`, `processContainer.network` below 0.8 (key present, even `null`) | `... require schema version 0.8 or later` |
//! | MX2102 | prod | legacy fields beside `egress`/`ingress` (even `{}`), `runtimeConfig.networkProxy` or `processContainer.network.allowedProxyPeer` | `network configuration cannot mix ...` |
//! | MX2103 | prod | a `cidr`/`except` entry that is not a valid network CIDR | `... must be a valid network CIDR: ...` |
//! | MX2104 | prod | a DNS name where 0.8 rules take IP/CIDR only | `... must be a valid network CIDR` (D3) |
//! | MX2105 | prod | `except` entry not contained in its peer (or another family as written: IPv4-mapped IPv6 is IPv6) | `<peer>.except[j] must be contained within <peer>.cidr` |
//! | MX2106 | prod | empty `to` or `ports` array | `... must contain at least one destination when specified` |
//! | MX2107 | prod | `endPort` without `port` | `endPort requires port` |
//! | MX2108 | prod | `endPort` below `port` | `endPort must be >= port` |
//! | MX2109 | prod | `port`/`endPort` with `protocol: icmp` | `cannot specify port or endPort for protocol='icmp'` |
//! | MX2201 | prod | `network.proxy` with no variant | `... must specify builtinTestServer, localhost, or url` |
//! | MX2202 | prod | `builtinTestServer` beside another proxy variant (a warning for `localhost` beside `url`, which MXC resolves to `localhost`) | `When network.proxy.builtinTestServer is true, no other proxy options may be set` |
//! | MX2203 | prod | `builtinTestServer: false` | `network.proxy.builtinTestServer must be true when present` |
//! | MX2204 | prod | proxy URL scheme other than `http`/`https` | `... must use the 'http' or 'https' scheme` |
//! | MX2205 | prod | proxy URL without a host, or one the `url` crate refuses | `... must include a host` |
//! | MX2206 | prod | proxy URL without an explicit port (the `url` crate drops `:80`/`:443` defaults) or with an invalid one | `... must include a port` |
//! | MX2207 | prod | credentials in a proxy URL (error on bubblewrap/lxc, warning elsewhere) | credentials rejected (leak via `/proc/<pid>/cmdline`) |
//! | MX2208 | prod | `runtimeConfig.networkProxy` host not canonical loopback | `runtimeConfig.networkProxy must use localhost, 127.0.0.1, or [::1]` |
//! | MX2209 | prod | `runtimeConfig.networkProxy` with `egress.default=allow` or egress rules | `runtimeConfig.networkProxy requires network.egress.default='deny' with no direct allow or deny rules` |
//! | MX2210 | prod | ProcessContainer proxy with `ingress.default` not `allow` | `validate_process_container_proxy_policy` |
//! | MX2211 | prod | ProcessContainer proxy: `hostLoopback` must be `deny` with a peer, `allow` without | `validate_process_container_proxy_policy` |
//! | MX2212 | prod | `allowedProxyPeer` without `runtimeConfig.networkProxy` | `allowedProxyPeer requires runtimeConfig.networkProxy` |
//! | MX2213 | prod | `allowedProxyPeer` is the reserved `MXC-Loopback` (any case) | `... must not use the reserved 'MXC-Loopback' identity` |
//! | MX2214 | prod | legacy proxy on a backend without proxy support | proxy only with processcontainer, bubblewrap, lxc, seatbelt, wslc |
//! | MX2215 | prod | a proxy form the backend refuses (LXC: builtin/localhost/loopback URL; WSLC: non-URL) | backend-scoped proxy rules |
//! | MX2216 | prod | proxy combined with a network setting the backend refuses (enforcementMode, defaultPolicy, host lists, `allowLocalNetwork`) | backend-scoped proxy rules |
//! | MX2217 | prod | `builtinTestServer` is a testing feature (warning) | needs `--allow-testing-features` |
//! | MX2301 | prod | one-shot or `exec` request without `process.commandLine` | `Missing required field: process.commandLine` / `'process' section is required` |
//! | MX2302 | prod | empty `process.commandLine` | `process.commandLine cannot be empty` |
//! | MX2303 | prod | NUL in `process.commandLine` | `process.commandLine must not contain null bytes` |
//! | MX2304 | prod | empty or whitespace-only filesystem path | `Filesystem path is empty` |
//! | MX2305 | prod | NUL in a filesystem path | `... contains an embedded NUL character` |
//! | MX2306 | prod | `"` in a filesystem path | `... contains invalid character '"'` |
//! | MX2307 | prod | relative `captureDenials.outputPath` | `outputPath must be an absolute path` |
//! | MX2308 | prod | `captureDenials.outputPath` naming a directory root | `... must name a file, not a directory root` |
//! | MX2401 | prod | comma in a `processContainer.capabilities` entry | `... must not contain a comma` |
//! | MX2402 | prod | reserved learning-mode capability (any case) | `... must not include reserved learning-mode capability` |
//! | MX2403 | prod | `lxc` without `distribution`/`release` (exact: when the section is present; prod: backend lxc) | `LXC distribution and release are required` |
//! | MX2404 | prod | `experimental.seatbelt` / `experimental.macos_sandbox` | `'experimental.seatbelt' has moved to the stable section` |
//! | MX2405 | prod | `..` in a policy path on seatbelt | seatbelt runner rejects `..` |
//! | MX2406 | prod | `experimental.wslc.portMappings[i]` port 0 | `'windowsPort' must be > 0` |
//! | MX2407 | prod | duplicate `windowsPort` for a protocol | `duplicate windowsPort N for protocol 'tcp'` |
//! | MX2408 | prod | egress allow/deny rules on a backend without `EGRESS_RULES` | `network.egress allow/deny rules are not supported by the selected backend` |
//! | MX2409 | prod | `ingress.default: allow` on a backend that supports only deny | `NetworkPolicySupport` |
//! | MX2410 | prod | `hostLoopback` value the backend refuses (bwrap/lxc/appcontainer: allow; seatbelt: ≠ `ingress.default`) | `NetworkPolicySupport` |
//! | MX2411 | prod | `runtimeConfig.networkProxy` on a backend without `RUNTIME_PROXY` | `runtimeConfig.networkProxy is not supported by the selected backend` |
//! | MX2412 | prod | `allowedProxyPeer` on a backend without `PROXY_PEER_IDENTITY` | `NetworkPolicySupport` |
//! | MX2413 | prod | explicit `egress`/`ingress` on a LEGACY backend | `NetworkPolicySupport` (LEGACY) |
//! | MX2414 | prod | host lists the backend refuses (Windows; seatbelt `blockedHosts`, `allowedHosts` under block) | `HOST_LISTS_NOT_SUPPORTED_MSG` / seatbelt runner |
//! | MX2415 | prod | bubblewrap ≥0.8: DNS name in host lists | bubblewrap firewall (IP/CIDR only) |
//! | MX2416 | prod | bubblewrap: host lists with no enforcing mechanism | `BWRAP_UNENFORCED_HOST_RULES` |
//! | MX2417 | prod | bubblewrap: `allowLocalNetwork` contradicts the network namespace (error ≥0.8, warning before) | bubblewrap runner |
//! | MX2418 | prod | LXC: `allowLocalNetwork: true` from 0.8 on, or below 0.8 with `enforcementMode` `firewall`/`both` | LXC ingress refusal |
//! | MX2419 | prod | isolation_session network acknowledgment (`defaultPolicy: allow` + `allowLocalNetwork: true`) | `Required unrestricted-network acknowledgment` |
//! | MX2420 | prod | a section the backend refuses (isolation_session: `filesystem`/`ui`/`lifecycle`; microvm: `deniedPaths`, `cwd`; hyperlight: `cwd`, both host lists) | backend `validate()` |
//! | MX2421 | prod | a feature only the PSEC tier of processcontainer enforces (warning) | BaseContainer PSEC-only |
//! | MX2422 | prod | windows_sandbox network other than block | windows_sandbox supports `block` only |
//!
//! # Documented non-checks
//!
//! - `captureDenials.outputPath` must have an existing parent and must not be an existing
//!   directory: both depend on the host at run time, so mxcc does not check them.
//! - Path existence, delegation (the invoking user's own access) and object-identity aliasing are
//!   run-time checks of MXC and are not repeated here.

mod backend_support;
mod backends;
mod filesystem;
mod network;
mod phase;
mod process;
mod process_container;
mod proxy;
mod sections;
#[cfg(test)]
mod tests;

pub(crate) use proxy::parse_url as parse_proxy_url;

use ir::{Code, Diagnostic, Span};

use crate::header::Header;
use crate::syntax::Node;

pub const DUPLICATE_ALIAS: Code = crate::syntax::DUPLICATE_KEY;
pub const ONE_SHOT_STATE_FIELD: Code = ir::codes::validation::ONE_SHOT_STATE_FIELD;
pub const MALFORMED_SANDBOX_ID: Code = ir::codes::validation::MALFORMED_SANDBOX_ID;
pub const MISSING_SANDBOX_ID: Code = ir::codes::validation::MISSING_SANDBOX_ID;
pub const SANDBOX_ID_ON_PROVISION: Code = ir::codes::validation::SANDBOX_ID_ON_PROVISION;
pub const CONTAINMENT_ON_LATER_PHASE: Code = ir::codes::validation::CONTAINMENT_ON_LATER_PHASE;
pub const PROVISION_CONTAINMENT: Code = ir::codes::validation::PROVISION_CONTAINMENT;
pub const ONE_SHOT_SECTION_ON_STATE_AWARE: Code =
    ir::codes::validation::ONE_SHOT_SECTION_ON_STATE_AWARE;
pub const FOREIGN_PHASE_FIELD: Code = ir::codes::validation::FOREIGN_PHASE_FIELD;
pub const UNKNOWN_SANDBOX_PREFIX: Code = ir::codes::validation::UNKNOWN_SANDBOX_PREFIX;
pub const FOREIGN_BACKEND_SECTION: Code = ir::codes::validation::FOREIGN_BACKEND_SECTION;

pub const DIRECTIONAL_NEEDS_0_8: Code = ir::codes::validation::DIRECTIONAL_NEEDS_0_8;
pub const MIXED_NETWORK_SHAPES: Code = ir::codes::validation::MIXED_NETWORK_SHAPES;
pub const INVALID_CIDR: Code = ir::codes::validation::INVALID_CIDR;
pub const DNS_NAME_IN_RULE: Code = ir::codes::validation::DNS_NAME_IN_RULE;
pub const EXCEPT_NOT_CONTAINED: Code = ir::codes::validation::EXCEPT_NOT_CONTAINED;
pub const EMPTY_RULE_ARRAY: Code = ir::codes::validation::EMPTY_RULE_ARRAY;
pub const END_PORT_WITHOUT_PORT: Code = ir::codes::validation::END_PORT_WITHOUT_PORT;
pub const END_PORT_BELOW_PORT: Code = ir::codes::validation::END_PORT_BELOW_PORT;
pub const ICMP_WITH_PORT: Code = ir::codes::validation::ICMP_WITH_PORT;

pub const PROXY_NO_VARIANT: Code = ir::codes::validation::PROXY_NO_VARIANT;
pub const PROXY_SEVERAL_VARIANTS: Code = ir::codes::validation::PROXY_SEVERAL_VARIANTS;
pub const BUILTIN_TEST_SERVER_FALSE: Code = ir::codes::validation::BUILTIN_TEST_SERVER_FALSE;
pub const PROXY_URL_SCHEME: Code = ir::codes::validation::PROXY_URL_SCHEME;
pub const PROXY_URL_HOST: Code = ir::codes::validation::PROXY_URL_HOST;
pub const PROXY_URL_PORT: Code = ir::codes::validation::PROXY_URL_PORT;
pub const PROXY_URL_CREDENTIALS: Code = ir::codes::validation::PROXY_URL_CREDENTIALS;
pub const RUNTIME_PROXY_NOT_LOOPBACK: Code = ir::codes::validation::RUNTIME_PROXY_NOT_LOOPBACK;
pub const RUNTIME_PROXY_WITH_EGRESS: Code = ir::codes::validation::RUNTIME_PROXY_WITH_EGRESS;
pub const PC_PROXY_INGRESS: Code = ir::codes::validation::PC_PROXY_INGRESS;
pub const PC_PROXY_HOST_LOOPBACK: Code = ir::codes::validation::PC_PROXY_HOST_LOOPBACK;
pub const PEER_WITHOUT_PROXY: Code = ir::codes::validation::PEER_WITHOUT_PROXY;
pub const RESERVED_PROXY_PEER: Code = ir::codes::validation::RESERVED_PROXY_PEER;
pub const PROXY_UNSUPPORTED_BACKEND: Code = ir::codes::validation::PROXY_UNSUPPORTED_BACKEND;
pub const PROXY_FORM_REFUSED: Code = ir::codes::validation::PROXY_FORM_REFUSED;
pub const PROXY_COMBINATION_REFUSED: Code = ir::codes::validation::PROXY_COMBINATION_REFUSED;
pub const BUILTIN_TEST_SERVER: Code = ir::codes::validation::BUILTIN_TEST_SERVER;

pub const MISSING_COMMAND_LINE: Code = ir::codes::validation::MISSING_COMMAND_LINE;
pub const EMPTY_COMMAND_LINE: Code = ir::codes::validation::EMPTY_COMMAND_LINE;
pub const NUL_IN_COMMAND_LINE: Code = ir::codes::validation::NUL_IN_COMMAND_LINE;
pub const EMPTY_PATH: Code = ir::codes::validation::EMPTY_PATH;
pub const NUL_IN_PATH: Code = ir::codes::validation::NUL_IN_PATH;
pub const QUOTE_IN_PATH: Code = ir::codes::validation::QUOTE_IN_PATH;
pub const CAPTURE_PATH_RELATIVE: Code = ir::codes::validation::CAPTURE_PATH_RELATIVE;
pub const CAPTURE_PATH_ROOT: Code = ir::codes::validation::CAPTURE_PATH_ROOT;

pub const CAPABILITY_COMMA: Code = ir::codes::validation::CAPABILITY_COMMA;
pub const RESERVED_CAPABILITY: Code = ir::codes::validation::RESERVED_CAPABILITY;
pub const LXC_INCOMPLETE: Code = ir::codes::validation::LXC_INCOMPLETE;
pub const EXPERIMENTAL_SEATBELT_MOVED: Code = ir::codes::validation::EXPERIMENTAL_SEATBELT_MOVED;
pub const SEATBELT_DOTDOT: Code = ir::codes::validation::SEATBELT_DOTDOT;
pub const WSLC_PORT_ZERO: Code = ir::codes::validation::WSLC_PORT_ZERO;
pub const WSLC_DUPLICATE_PORT: Code = ir::codes::validation::WSLC_DUPLICATE_PORT;
pub const EGRESS_RULES_UNSUPPORTED: Code = ir::codes::validation::EGRESS_RULES_UNSUPPORTED;
pub const INGRESS_ALLOW_UNSUPPORTED: Code = ir::codes::validation::INGRESS_ALLOW_UNSUPPORTED;
pub const HOST_LOOPBACK_UNSUPPORTED: Code = ir::codes::validation::HOST_LOOPBACK_UNSUPPORTED;
pub const RUNTIME_PROXY_UNSUPPORTED: Code = ir::codes::validation::RUNTIME_PROXY_UNSUPPORTED;
pub const PROXY_PEER_UNSUPPORTED: Code = ir::codes::validation::PROXY_PEER_UNSUPPORTED;
pub const DIRECTIONAL_ON_LEGACY_BACKEND: Code =
    ir::codes::validation::DIRECTIONAL_ON_LEGACY_BACKEND;
pub const HOST_LISTS_UNSUPPORTED: Code = ir::codes::validation::HOST_LISTS_UNSUPPORTED;
pub const BWRAP_DNS_HOST: Code = ir::codes::validation::BWRAP_DNS_HOST;
pub const BWRAP_UNENFORCED_HOSTS: Code = ir::codes::validation::BWRAP_UNENFORCED_HOSTS;
pub const BWRAP_LOCAL_NETWORK: Code = ir::codes::validation::BWRAP_LOCAL_NETWORK;
pub const LXC_LOCAL_NETWORK: Code = ir::codes::validation::LXC_LOCAL_NETWORK;
pub const ISOLATION_NETWORK_ACK: Code = ir::codes::validation::ISOLATION_NETWORK_ACK;
pub const BACKEND_REFUSES_FIELD: Code = ir::codes::validation::BACKEND_REFUSES_FIELD;
pub const PSEC_ONLY: Code = ir::codes::validation::PSEC_ONLY;
pub const WSB_NETWORK: Code = ir::codes::validation::WSB_NETWORK;

/// Applies MXC's cross-field, shared and backend validation rules.
pub fn check(root: &Node, header: &Header, diags: &mut Vec<Diagnostic>) {
    if header.exact {
        return;
    }
    let mut cx = Cx {
        root,
        header,
        diags,
    };
    sections::check(&mut cx);
    phase::check(&mut cx);
    process::check(&mut cx);
    filesystem::check(&mut cx);
    network::check(&mut cx);
    proxy::check(&mut cx);
    process_container::check(&mut cx);
    backends::check(&mut cx);
    backend_support::check(&mut cx);
}

/// What every rule needs: the tree, the header and the sink.
pub(crate) struct Cx<'a> {
    pub(crate) root: &'a Node,
    pub(crate) header: &'a Header,
    pub(crate) diags: &'a mut Vec<Diagnostic>,
}

impl<'a> Cx<'a> {
    /// True in production mode, where MXC's parser and runner rules apply.
    pub(crate) fn production(&self) -> bool {
        !self.header.exact
    }

    /// Adds a diagnostic unless an earlier stage already reported an error at the same primary
    /// span: the schema stage checks some of the same grammar (aliases, required fields,
    /// capability patterns, empty arrays, closed state-aware roots), and one problem should
    /// produce one error.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        let span = diagnostic.primary_span();
        let reported = span.is_some()
            && self.diags.iter().any(|d| {
                d.is_error() && !d.code.as_str().starts_with("MX2") && d.primary_span() == span
            });
        if !reported {
            self.diags.push(diagnostic);
        }
    }

    /// The node at a path of keys from the root, with `null` treated as absent.
    pub(crate) fn at(&self, path: &[&str]) -> Option<&'a Node> {
        at(self.root, path)
    }

    /// The `processContainer` section under either spelling.
    pub(crate) fn process_container(&self) -> Option<&'a Node> {
        self.at(&["processContainer"])
            .or_else(|| self.at(&["appContainer"]))
    }
}

/// The node at a path of keys below `node`, with `null` treated as absent.
pub(crate) fn at<'a>(node: &'a Node, path: &[&str]) -> Option<&'a Node> {
    let mut node = node;
    for key in path {
        node = node.get_present(key)?;
    }
    Some(node)
}

/// The span of the key of a member, or the fallback when there is no such member.
pub(crate) fn key_span(object: &Node, key: &str, fallback: Span) -> Span {
    object.member(key).map_or(fallback, |m| m.key_span)
}

/// The string value of a member, with its span.
pub(crate) fn str_member<'a>(object: &'a Node, key: &str) -> Option<(&'a str, Span)> {
    let node = object.get_present(key)?;
    Some((node.as_str()?, node.span))
}

/// Renders a user value for a message, shortened to keep messages on one line.
pub(crate) fn shown(value: &str) -> String {
    let mut out: String = value.chars().take(60).collect();
    if value.chars().count() > 60 {
        out.push('…');
    }
    out.replace('`', "'").replace(['\n', '\r', '\0'], " ")
}
