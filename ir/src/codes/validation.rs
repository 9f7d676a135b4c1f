//! MX2xxx: MXC validation (cross-field, shared and backend rules) and lowering.

crate::codes::declare_codes! {
    family: "validation";

    /// `version` is not a version string MXC can parse.
    ///
    /// ## What it means
    /// MXC reads `version` as a semantic version, `MAJOR.MINOR.PATCH` with an optional
    /// `-prerelease` (such as `0.8.0-alpha`), to pick the contract the rest of the config is read
    /// with. A string that is not one (`0.8`, `v0.8.0`, `latest`) selects no contract, so MXC
    /// refuses the config.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8", "process": {"commandLine": "make"}}
    /// ```
    ///
    /// ## What to do
    /// Write the full version the config was written for.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"}}
    /// ```
    INVALID_VERSION = "MX2001", "invalid-version", Error;

    /// `version` is older than every schema mxcc and MXC support.
    ///
    /// ## What it means
    /// MXC accepts configs of schema 0.6 up to 0.9. A config declaring an older version was
    /// written for a contract MXC no longer reads, so its fields may mean something else today;
    /// MXC refuses it rather than guess.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.5.0", "process": {"commandLine": "make"}}
    /// ```
    ///
    /// ## What to do
    /// Update the config to schema 0.6 or later: check each field against the newer schema (`mxcc
    /// schema --version 0.8.0-alpha`), then declare that version.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"}}
    /// ```
    VERSION_TOO_OLD = "MX2002", "version-too-old", Error;

    /// `version` is newer than every schema mxcc knows.
    ///
    /// ## What it means
    /// This mxcc knows MXC schemas up to 0.9. A config declaring a later major or minor version may
    /// use fields and meanings mxcc cannot check, so it refuses the config instead of passing it
    /// half-checked.
    ///
    /// ## Example
    /// ```json
    /// {"version": "1.0.0", "process": {"commandLine": "make"}}
    /// ```
    ///
    /// ## What to do
    /// Upgrade mxcc to a release that knows the version, or, if the config uses nothing newer,
    /// declare the version it was written for.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"}}
    /// ```
    VERSION_TOO_NEW = "MX2003", "version-too-new", Error;

    /// `version` is missing, in exact-contract mode.
    ///
    /// ## What it means
    /// The exact contracts (`--exact`) require `version` and accept only `0.6.0-alpha`,
    /// `0.7.0-alpha` or `0.8.0-alpha`. Production MXC accepts a config without `version` (it
    /// then applies the legacy pre-0.8 contract, see MX3112), so this code is reported only with
    /// `--exact`.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --exact
    /// {"process": {"commandLine": "make"}}
    /// ```
    ///
    /// ## What to do
    /// Declare the version the config is written for.
    /// ```json
    /// // mxcc --exact
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"}}
    /// ```
    MISSING_VERSION = "MX2004", "missing-version", Error;

    /// The exact contracts have no schema for this `version`.
    ///
    /// ## What it means
    /// In exact-contract mode (`--exact`) `version` must be, byte for byte, one of `0.6.0-alpha`,
    /// `0.7.0-alpha` or `0.8.0-alpha`: each names one published contract. Any other string, even
    /// one production MXC accepts such as `0.8.0`, has no exact contract; mxcc then checks the body
    /// against the closest contract and reports the version with this code.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --exact
    /// {"version": "0.8.0", "process": {"commandLine": "make"}}
    /// ```
    ///
    /// ## What to do
    /// Write one of the three contract versions exactly, or drop `--exact` to check the config as
    /// production MXC reads it.
    /// ```json
    /// // mxcc --exact
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"}}
    /// ```
    UNSUPPORTED_EXACT_VERSION = "MX2005", "unsupported-exact-version", Error;

    /// `sandboxId` or `correlationVector` on a one-shot request.
    ///
    /// ## What it means
    /// A config without `phase` is a one-shot request: MXC creates a sandbox, runs
    /// `process.commandLine` and tears the sandbox down. `sandboxId` and `correlationVector`
    /// address a sandbox of the state-aware lifecycle (`provision`, `start`, `exec`, `stop`,
    /// `deprovision`), which a one-shot request has none of, so MXC refuses them.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "sandboxId": "wslc:5f0c2a9e8b1d4c3f9a7e6d5c4b3a2910"}
    /// ```
    ///
    /// ## What to do
    /// Remove the field for a one-shot run, or add the `phase` the request belongs to.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "phase": "exec",
    ///  "sandboxId": "wslc:5f0c2a9e8b1d4c3f9a7e6d5c4b3a2910", "process": {"commandLine": "make"}}
    /// ```
    ONE_SHOT_STATE_FIELD = "MX2006", "one-shot-state-field", Error;

    /// `sandboxId` is not of the form `<prefix>:<token>`.
    ///
    /// ## What it means
    /// MXC routes every state-aware request after `provision` by its `sandboxId`, whose prefix
    /// names the backend (`iso:`, `wsb:` or `wslc:`) and whose token names the sandbox. An id
    /// without a colon, or with an empty prefix or token, routes nowhere: MXC answers
    /// `malformed_id`.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "phase": "start", "sandboxId": "5f0c2a9e8b1d4c3f9a7e6d5c4b3a2910"}
    /// ```
    ///
    /// ## What to do
    /// Pass the id exactly as `provision` returned it, prefix included.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "phase": "start", "sandboxId": "wslc:5f0c2a9e8b1d4c3f9a7e6d5c4b3a2910"}
    /// ```
    MALFORMED_SANDBOX_ID = "MX2007", "malformed-sandbox-id", Error;

    /// A `start`, `exec`, `stop` or `deprovision` request without `sandboxId`.
    ///
    /// ## What it means
    /// Every state-aware phase after `provision` acts on a sandbox that `provision` created, named
    /// by the `sandboxId` it returned. Without it the request names no sandbox, and MXC's contract
    /// for these phases requires the field.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "phase": "start"}
    /// ```
    ///
    /// ## What to do
    /// Add the `sandboxId` that `provision` returned.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "phase": "start", "sandboxId": "wslc:5f0c2a9e8b1d4c3f9a7e6d5c4b3a2910"}
    /// ```
    MISSING_SANDBOX_ID = "MX2008", "missing-sandbox-id", Error;

    /// `sandboxId` on a `provision` request.
    ///
    /// ## What it means
    /// `provision` creates the sandbox and returns its new `sandboxId`; the request itself cannot
    /// name one. MXC's `provision` contract has no such field, so the request is refused.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "phase": "provision", "containment": "wslc",
    ///  "sandboxId": "wslc:5f0c2a9e8b1d4c3f9a7e6d5c4b3a2910"}
    /// ```
    ///
    /// ## What to do
    /// Remove `sandboxId`; send it with the later phases instead.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "phase": "provision", "containment": "wslc"}
    /// ```
    SANDBOX_ID_ON_PROVISION = "MX2009", "sandbox-id-on-provision", Error;

    /// `containment` on a state-aware request after `provision`.
    ///
    /// ## What it means
    /// The backend of a state-aware sandbox is chosen once, by `containment` on `provision`; later
    /// phases reach it through the prefix of `sandboxId`. MXC refuses `containment` on `start`,
    /// `exec`, `stop` and `deprovision`, where it could contradict the sandbox's backend.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "phase": "start", "containment": "wslc",
    ///  "sandboxId": "wslc:5f0c2a9e8b1d4c3f9a7e6d5c4b3a2910"}
    /// ```
    ///
    /// ## What to do
    /// Remove `containment`; the `sandboxId` prefix already names the backend.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "phase": "start", "sandboxId": "wslc:5f0c2a9e8b1d4c3f9a7e6d5c4b3a2910"}
    /// ```
    CONTAINMENT_ON_LATER_PHASE = "MX2010", "containment-on-later-phase", Error;

    /// A `provision` request without a `containment` that supports the state-aware lifecycle.
    ///
    /// ## What it means
    /// Only `isolation_session`, `windows_sandbox` and `wslc` keep a sandbox alive between
    /// requests. A `provision` request must name one of them in `containment`; without it, or with
    /// a one-shot backend such as `processcontainer`, MXC answers `unsupported_containment`.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "phase": "provision", "containment": "processcontainer"}
    /// ```
    ///
    /// ## What to do
    /// Name a state-aware backend, or send a one-shot request (no `phase`) for a one-shot backend.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "phase": "provision", "containment": "wslc"}
    /// ```
    PROVISION_CONTAINMENT = "MX2011", "provision-containment", Error;

    /// A one-shot section, such as `processContainer`, on a state-aware request.
    ///
    /// ## What it means
    /// `lifecycle` and the backend sections `processContainer` (`appContainer`), `lxc` and
    /// `seatbelt` (`macos_sandbox`) configure a one-shot run. A request with `phase` belongs to a
    /// state-aware backend, configured under `experimental.<backend>`, and MXC refuses the
    /// one-shot sections there rather than ignore them.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "phase": "exec",
    ///  "sandboxId": "wslc:5f0c2a9e8b1d4c3f9a7e6d5c4b3a2910", "process": {"commandLine": "make"},
    ///  "processContainer": {"capabilities": []}}
    /// ```
    ///
    /// ## What to do
    /// Remove the section, or send a one-shot request (no `phase`) if that backend is the one you
    /// mean.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "phase": "exec",
    ///  "sandboxId": "wslc:5f0c2a9e8b1d4c3f9a7e6d5c4b3a2910", "process": {"commandLine": "make"}}
    /// ```
    ONE_SHOT_SECTION_ON_STATE_AWARE = "MX2012", "one-shot-section-on-state-aware", Error;

    /// A policy field the request of this phase does not carry, such as `process` on `start`.
    ///
    /// ## What it means
    /// Each state-aware phase has its own request shape: `provision` carries `filesystem` and
    /// `network` (which of them depends on the backend), `exec` carries `process` and `network`,
    /// and `start`, `stop` and `deprovision` carry no policy section. A field outside the phase's
    /// shape is unknown to MXC's contract for that phase, and the request is refused.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "phase": "start",
    ///  "sandboxId": "wslc:5f0c2a9e8b1d4c3f9a7e6d5c4b3a2910", "process": {"commandLine": "make"}}
    /// ```
    ///
    /// ## What to do
    /// Move the field to the phase that takes it (here `exec`), or remove it.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "phase": "exec",
    ///  "sandboxId": "wslc:5f0c2a9e8b1d4c3f9a7e6d5c4b3a2910", "process": {"commandLine": "make"}}
    /// ```
    FOREIGN_PHASE_FIELD = "MX2013", "foreign-phase-field", Error;

    /// The `sandboxId` prefix names no state-aware backend.
    ///
    /// ## What it means
    /// MXC routes a state-aware request by the prefix of `sandboxId`: `iso:` for
    /// `isolation_session`, `wsb:` for `windows_sandbox`, `wslc:` for `wslc`. Any other prefix
    /// routes nowhere, and MXC answers `malformed_id`. Such an id was not returned by `provision`.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "phase": "start", "sandboxId": "bwrap:5f0c2a9e8b1d4c3f9a7e6d5c4b3a2910"}
    /// ```
    ///
    /// ## What to do
    /// Pass the id `provision` returned, prefix included.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "phase": "start", "sandboxId": "wslc:5f0c2a9e8b1d4c3f9a7e6d5c4b3a2910"}
    /// ```
    UNKNOWN_SANDBOX_PREFIX = "MX2014", "unknown-sandbox-prefix", Error;

    /// A backend section that does not match the resolved containment.
    ///
    /// ## What it means
    /// MXC resolves one backend per config, from `containment` or, when it is absent or `process`,
    /// from the platform (bubblewrap on Linux, seatbelt on macOS, processcontainer on Windows). It
    /// accepts only that backend's section (`processContainer`, `lxc`, `seatbelt`,
    /// `experimental.windows_sandbox`, ...) and refuses a config that configures another one, which
    /// would otherwise be silently ignored.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"}, "seatbelt": {}}
    /// ```
    ///
    /// ## What to do
    /// Remove the section, or set `containment` to the backend it configures and check the config
    /// for that backend's platform.
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "containment": "seatbelt", "process": {"commandLine": "make"},
    ///  "seatbelt": {}}
    /// ```
    FOREIGN_BACKEND_SECTION = "MX2015", "foreign-backend-section", Error;

    /// A directional network field in a config older than schema 0.8.
    ///
    /// ## What it means
    /// `network.egress`, `network.ingress`, `runtimeConfig` and `processContainer.network` exist
    /// from schema 0.8 on. A config that declares an earlier `version`, or none (an absent version
    /// counts as older), is read with the legacy network contract, where these fields do not exist;
    /// MXC refuses them instead of dropping the rules they hold.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.7.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny"}}}
    /// ```
    ///
    /// ## What to do
    /// Declare `"version": "0.8.0-alpha"` (or later), or express the policy with the legacy fields
    /// (`defaultPolicy`, `allowedHosts`, ...).
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny"}}}
    /// ```
    DIRECTIONAL_NEEDS_0_8 = "MX2101", "directional-needs-0-8", Error;

    /// Legacy and directional network fields are mixed.
    ///
    /// ## What it means
    /// From schema 0.8, MXC reads the network in one of two shapes: legacy (`defaultPolicy`,
    /// `enforcementMode`, `allowLocalNetwork`, `allowedHosts`, `blockedHosts`, `proxy`) or
    /// directional (`egress`, `ingress`, `runtimeConfig`, `processContainer.network`). One legacy
    /// field switches the whole config to the legacy shape, so MXC refuses a mix rather than
    /// ignore one half.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "block", "egress": {"default": "deny"}}}
    /// ```
    ///
    /// ## What to do
    /// Keep one shape; `egress.default: deny` says what `defaultPolicy: block` said.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny"}}}
    /// ```
    MIXED_NETWORK_SHAPES = "MX2102", "mixed-network-shapes", Error;

    /// A `cidr` or `except` entry is not a valid network CIDR.
    ///
    /// ## What it means
    /// Network rules name peers by IP address or CIDR block. MXC parses each as a network: the
    /// address must be IPv4 or IPv6, the prefix length must fit the family, and the host bits below
    /// the prefix must be zero (`10.0.0.1/8` is ambiguous: a host or the whole `/8`). Anything else
    /// is refused. The message gives the parser's reason.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [{"to": [{"cidr": "10.0.0.1/8"}]}]}}}
    /// ```
    ///
    /// ## What to do
    /// Write the network address of the block (or the host address alone for one host).
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [{"to": [{"cidr": "10.0.0.0/8"}]}]}}}
    /// ```
    INVALID_CIDR = "MX2103", "invalid-cidr", Error;

    /// A DNS name where a 0.8 network rule takes an IP address or CIDR only.
    ///
    /// ## What it means
    /// `cidr` and `except` of directional rules take address literals: MXC does not resolve names
    /// on the caller's behalf, since the addresses a name stands for change and differ between
    /// resolvers. A name such as `github.com` is refused; the legacy `allowedHosts` is the field that
    /// takes names.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [{"to": [{"cidr": "github.com"}]}]}}}
    /// ```
    ///
    /// ## What to do
    /// Write the address blocks the name stands for (published by its operator).
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [{"to": [{"cidr": "140.82.112.0/20"}]}]}}}
    /// ```
    DNS_NAME_IN_RULE = "MX2104", "dns-name-in-rule", Error;

    /// An `except` entry lies outside its peer's `cidr` or is of another address family.
    ///
    /// ## What it means
    /// `except` carves addresses out of the peer's `cidr`. An entry outside the block, or of the
    /// other address family, carves nothing, which usually means the rule is not the one intended;
    /// MXC refuses it. The secondary label points at the peer's `cidr`.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [
    ///    {"to": [{"cidr": "10.0.0.0/8", "except": ["192.168.0.0/16"]}]}]}}}
    /// ```
    ///
    /// ## What to do
    /// Make each entry a block inside the peer, or remove it.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [
    ///    {"to": [{"cidr": "10.0.0.0/8", "except": ["10.1.0.0/16"]}]}]}}}
    /// ```
    EXCEPT_NOT_CONTAINED = "MX2105", "except-not-contained", Error;

    /// A network rule's `to` or `ports` is an empty array.
    ///
    /// ## What it means
    /// An omitted `to` or `ports` matches everything, while an empty one would match nothing; MXC's
    /// validator refuses the empty array (`must contain at least one destination when specified`)
    /// rather than pick a meaning. The schema stage reports the same arrays as MX1107 at the same
    /// place, and one problem gets one error, so mxcc currently shows MX1107 for them.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [{"to": [{"cidr": "10.0.0.0/8"}], "ports": []}]}}}
    /// ```
    ///
    /// ## What to do
    /// List at least one entry, or omit the field to match everything.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [{"to": [{"cidr": "10.0.0.0/8"}], "ports": [{"port": 443}]}]}}}
    /// ```
    EMPTY_RULE_ARRAY = "MX2106", "empty-rule-array", Error;

    /// `endPort` without `port`.
    ///
    /// ## What it means
    /// `endPort` ends the range of ports that `port` starts. Without `port` there is no range, and
    /// MXC refuses the selector (`endPort requires port`) rather than guess where it starts.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [
    ///    {"to": [{"cidr": "10.0.0.0/8"}], "ports": [{"endPort": 8080}]}]}}}
    /// ```
    ///
    /// ## What to do
    /// Add the first port of the range, or remove `endPort` and write the single port as `port`.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [
    ///    {"to": [{"cidr": "10.0.0.0/8"}], "ports": [{"port": 8000, "endPort": 8080}]}]}}}
    /// ```
    END_PORT_WITHOUT_PORT = "MX2107", "end-port-without-port", Error;

    /// `endPort` is below `port`.
    ///
    /// ## What it means
    /// The selector matches `port` through `endPort`, both included. An `endPort` below `port`
    /// makes the range empty, so the rule would match no port; MXC refuses it
    /// (`endPort must be >= port`).
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [
    ///    {"to": [{"cidr": "10.0.0.0/8"}], "ports": [{"port": 8080, "endPort": 8000}]}]}}}
    /// ```
    ///
    /// ## What to do
    /// Swap the two values, or drop `endPort` for a single port.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [
    ///    {"to": [{"cidr": "10.0.0.0/8"}], "ports": [{"port": 8000, "endPort": 8080}]}]}}}
    /// ```
    END_PORT_BELOW_PORT = "MX2108", "end-port-below-port", Error;

    /// `port` or `endPort` on a selector with `protocol: icmp`.
    ///
    /// ## What it means
    /// ICMP has no port numbers, so a port on an ICMP selector could never match. MXC refuses the
    /// selector (`cannot specify port or endPort for protocol='icmp'`) rather than read it as "all
    /// ICMP" or "nothing". ICMP types such as echo (8) are not ports either.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [
    ///    {"to": [{"cidr": "10.0.0.0/8"}], "ports": [{"protocol": "icmp", "port": 8}]}]}}}
    /// ```
    ///
    /// ## What to do
    /// Remove the port to allow ICMP, or use `tcp`, `udp` or `any` if a port was meant.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [
    ///    {"to": [{"cidr": "10.0.0.0/8"}], "ports": [{"protocol": "icmp"}]}]}}}
    /// ```
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
