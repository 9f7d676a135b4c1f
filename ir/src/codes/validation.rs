//! MX2xxx: MXC validation (cross-field, shared and backend rules) and lowering.

crate::codes::declare_codes! {
    family: "validation";

    /// `version` is not a version string MXC parses.
    INVALID_VERSION = "MX2001", "invalid-version", Error;

    /// `version` is older than every schema mxcc knows.
    VERSION_TOO_OLD = "MX2002", "version-too-old", Error;

    /// `version` is newer than every schema mxcc knows.
    VERSION_TOO_NEW = "MX2003", "version-too-new", Error;

    /// `version` is missing.
    MISSING_VERSION = "MX2004", "missing-version", Error;

    /// The exact contracts have no schema for this `version`.
    UNSUPPORTED_EXACT_VERSION = "MX2005", "unsupported-exact-version", Error;

    /// `phase`, `sandboxId`, `correlationVector` on a one-shot request.
    ONE_SHOT_STATE_FIELD = "MX2006", "one-shot-state-field", Error;

    /// `sandboxId` not `<prefix>:<token>`.
    MALFORMED_SANDBOX_ID = "MX2007", "malformed-sandbox-id", Error;

    /// `start`/`exec`/`stop`/`deprovision` without `sandboxId`.
    MISSING_SANDBOX_ID = "MX2008", "missing-sandbox-id", Error;

    /// `sandboxId` on `provision`.
    SANDBOX_ID_ON_PROVISION = "MX2009", "sandbox-id-on-provision", Error;

    /// `containment` on a non-provision phase.
    CONTAINMENT_ON_LATER_PHASE = "MX2010", "containment-on-later-phase", Error;

    /// `provision` without a state-aware-capable `containment`.
    PROVISION_CONTAINMENT = "MX2011", "provision-containment", Error;

    /// `lifecycle`, `processContainer`, `lxc`, `seatbelt` on a state-aware request.
    ONE_SHOT_SECTION_ON_STATE_AWARE = "MX2012", "one-shot-section-on-state-aware", Error;

    /// A field the phase's request does not carry (e.g. `process` on `start`).
    FOREIGN_PHASE_FIELD = "MX2013", "foreign-phase-field", Error;

    /// `sandboxId` prefix that names no state-aware backend.
    UNKNOWN_SANDBOX_PREFIX = "MX2014", "unknown-sandbox-prefix", Error;

    /// A backend section that does not match the resolved containment.
    FOREIGN_BACKEND_SECTION = "MX2015", "foreign-backend-section", Error;

    /// `network.egress`, `network.ingress`, `runtimeConfig`, `processContainer.network` below 0.8.
    DIRECTIONAL_NEEDS_0_8 = "MX2101", "directional-needs-0-8", Error;

    /// Legacy and directional network fields mixed.
    MIXED_NETWORK_SHAPES = "MX2102", "mixed-network-shapes", Error;

    /// A `cidr`/`except` entry that is not a valid network CIDR.
    INVALID_CIDR = "MX2103", "invalid-cidr", Error;

    /// A DNS name where 0.8 rules take IP/CIDR only.
    DNS_NAME_IN_RULE = "MX2104", "dns-name-in-rule", Error;

    /// `except` entry not contained in its peer (or another family).
    EXCEPT_NOT_CONTAINED = "MX2105", "except-not-contained", Error;

    /// Empty `to` or `ports` array.
    EMPTY_RULE_ARRAY = "MX2106", "empty-rule-array", Error;

    /// `endPort` without `port`.
    END_PORT_WITHOUT_PORT = "MX2107", "end-port-without-port", Error;

    /// `endPort` below `port`.
    END_PORT_BELOW_PORT = "MX2108", "end-port-below-port", Error;

    /// `port`/`endPort` with `protocol: icmp`.
    ICMP_WITH_PORT = "MX2109", "icmp-with-port", Error;

    /// `network.proxy` with no variant.
    PROXY_NO_VARIANT = "MX2201", "proxy-no-variant", Error;

    /// `network.proxy` with more than one variant.
    PROXY_SEVERAL_VARIANTS = "MX2202", "proxy-several-variants", Error;

    /// `builtinTestServer: false`.
    BUILTIN_TEST_SERVER_FALSE = "MX2203", "builtin-test-server-false", Error;

    /// Proxy URL scheme other than `http`/`https`.
    PROXY_URL_SCHEME = "MX2204", "proxy-url-scheme", Error;

    /// Proxy URL without a host.
    PROXY_URL_HOST = "MX2205", "proxy-url-host", Error;

    /// Proxy URL without an explicit port.
    PROXY_URL_PORT = "MX2206", "proxy-url-port", Error;

    /// Credentials in a proxy URL (error on bubblewrap/lxc, warning elsewhere).
    PROXY_URL_CREDENTIALS = "MX2207", "proxy-url-credentials", Error;

    /// `runtimeConfig.networkProxy` host not canonical loopback.
    RUNTIME_PROXY_NOT_LOOPBACK = "MX2208", "runtime-proxy-not-loopback", Error;

    /// `runtimeConfig.networkProxy` with `egress.default=allow` or egress rules.
    RUNTIME_PROXY_WITH_EGRESS = "MX2209", "runtime-proxy-with-egress", Error;

    /// ProcessContainer proxy with `ingress.default` not `allow`.
    PC_PROXY_INGRESS = "MX2210", "pc-proxy-ingress", Error;

    /// ProcessContainer proxy: `hostLoopback` must be `deny` with a peer, `allow` without.
    PC_PROXY_HOST_LOOPBACK = "MX2211", "pc-proxy-host-loopback", Error;

    /// `allowedProxyPeer` without `runtimeConfig.networkProxy`.
    PEER_WITHOUT_PROXY = "MX2212", "peer-without-proxy", Error;

    /// `allowedProxyPeer` is the reserved `MXC-Loopback` (any case).
    RESERVED_PROXY_PEER = "MX2213", "reserved-proxy-peer", Error;

    /// Legacy proxy on a backend without proxy support.
    PROXY_UNSUPPORTED_BACKEND = "MX2214", "proxy-unsupported-backend", Error;

    /// A proxy form the backend refuses (LXC: builtin/localhost/loopback URL; WSLC: non-URL).
    PROXY_FORM_REFUSED = "MX2215", "proxy-form-refused", Error;

    /// Proxy combined with a network setting the backend refuses (enforcementMode, defaultPolicy, host lists, `allowLocalNetwork`).
    PROXY_COMBINATION_REFUSED = "MX2216", "proxy-combination-refused", Error;

    /// `builtinTestServer` is a testing feature (warning).
    BUILTIN_TEST_SERVER = "MX2217", "builtin-test-server", Warning;

    /// One-shot or `exec` request without `process.commandLine`.
    MISSING_COMMAND_LINE = "MX2301", "missing-command-line", Error;

    /// Empty `process.commandLine`.
    EMPTY_COMMAND_LINE = "MX2302", "empty-command-line", Error;

    /// NUL in `process.commandLine`.
    NUL_IN_COMMAND_LINE = "MX2303", "nul-in-command-line", Error;

    /// Empty or whitespace-only filesystem path.
    EMPTY_PATH = "MX2304", "empty-path", Error;

    /// NUL in a filesystem path.
    NUL_IN_PATH = "MX2305", "nul-in-path", Error;

    /// `"` in a filesystem path.
    QUOTE_IN_PATH = "MX2306", "quote-in-path", Error;

    /// Relative `captureDenials.outputPath`.
    CAPTURE_PATH_RELATIVE = "MX2307", "capture-path-relative", Error;

    /// `captureDenials.outputPath` naming a directory root.
    CAPTURE_PATH_ROOT = "MX2308", "capture-path-root", Error;

    /// Comma in a `processContainer.capabilities` entry.
    CAPABILITY_COMMA = "MX2401", "capability-comma", Error;

    /// Reserved learning-mode capability (any case).
    RESERVED_CAPABILITY = "MX2402", "reserved-capability", Error;

    /// `lxc` without `distribution`/`release` (exact: when the section is present; prod: backend lxc).
    LXC_INCOMPLETE = "MX2403", "lxc-incomplete", Error;

    /// `experimental.seatbelt` / `experimental.macos_sandbox`.
    EXPERIMENTAL_SEATBELT_MOVED = "MX2404", "experimental-seatbelt-moved", Error;

    /// `..` in a policy path on seatbelt.
    SEATBELT_DOTDOT = "MX2405", "seatbelt-dotdot", Error;

    /// `experimental.wslc.portMappings[i]` port 0.
    WSLC_PORT_ZERO = "MX2406", "wslc-port-zero", Error;

    /// Duplicate `windowsPort` for a protocol.
    WSLC_DUPLICATE_PORT = "MX2407", "wslc-duplicate-port", Error;

    /// Egress allow/deny rules on a backend without `EGRESS_RULES`.
    EGRESS_RULES_UNSUPPORTED = "MX2408", "egress-rules-unsupported", Error;

    /// `ingress.default: allow` on a backend that supports only deny.
    INGRESS_ALLOW_UNSUPPORTED = "MX2409", "ingress-allow-unsupported", Error;

    /// `hostLoopback` value the backend refuses (bwrap/lxc/appcontainer: allow; seatbelt: ≠ `ingress.default`).
    HOST_LOOPBACK_UNSUPPORTED = "MX2410", "host-loopback-unsupported", Error;

    /// `runtimeConfig.networkProxy` on a backend without `RUNTIME_PROXY`.
    RUNTIME_PROXY_UNSUPPORTED = "MX2411", "runtime-proxy-unsupported", Error;

    /// `allowedProxyPeer` on a backend without `PROXY_PEER_IDENTITY`.
    PROXY_PEER_UNSUPPORTED = "MX2412", "proxy-peer-unsupported", Error;

    /// Explicit `egress`/`ingress` on a LEGACY backend.
    DIRECTIONAL_ON_LEGACY_BACKEND = "MX2413", "directional-on-legacy-backend", Error;

    /// Host lists the backend refuses (Windows; seatbelt `blockedHosts`, `allowedHosts` under block).
    HOST_LISTS_UNSUPPORTED = "MX2414", "host-lists-unsupported", Error;

    /// Bubblewrap ≥0.8: DNS name in host lists.
    BWRAP_DNS_HOST = "MX2415", "bwrap-dns-host", Error;

    /// Bubblewrap: host lists with no enforcing mechanism.
    BWRAP_UNENFORCED_HOSTS = "MX2416", "bwrap-unenforced-hosts", Error;

    /// Bubblewrap: `allowLocalNetwork` contradicts the network namespace (error ≥0.8, warning before).
    BWRAP_LOCAL_NETWORK = "MX2417", "bwrap-local-network", Error;

    /// LXC: `allowLocalNetwork: true`.
    LXC_LOCAL_NETWORK = "MX2418", "lxc-local-network", Error;

    /// Isolation_session network acknowledgment (`defaultPolicy: allow` + `allowLocalNetwork: true`).
    ISOLATION_NETWORK_ACK = "MX2419", "isolation-network-ack", Error;

    /// A section the backend refuses (isolation_session: `filesystem`/`ui`/`lifecycle`; microvm: `deniedPaths`, `cwd`; hyperlight: `cwd`, both host lists).
    BACKEND_REFUSES_FIELD = "MX2420", "backend-refuses-field", Error;

    /// A feature only the PSEC tier of processcontainer enforces (warning).
    PSEC_ONLY = "MX2421", "psec-only", Warning;

    /// Windows_sandbox network other than block.
    WSB_NETWORK = "MX2422", "wsb-network", Error;
}
