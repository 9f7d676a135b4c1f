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

    /// `network.proxy` is present but names no proxy.
    ///
    /// ## What it means
    /// A legacy proxy section selects exactly one proxy: `builtinTestServer`, `localhost` (a port
    /// on the host's loopback) or `url`. MXC refuses a section that sets none of them (or sets them
    /// all to `null`) rather than guess, and runs nothing. Under `--exact` the contract schema
    /// reports the same problem as MX1110.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "allow", "proxy": {}}}
    /// ```
    ///
    /// ## What to do
    /// Name the proxy, or remove `proxy` to run without one.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "allow", "proxy": {"url": "http://proxy.internal:3128"}}}
    /// ```
    PROXY_NO_VARIANT = "MX2201", "proxy-no-variant", Error;

    /// `network.proxy` sets more than one of `builtinTestServer`, `localhost` and `url`.
    ///
    /// ## What it means
    /// The variants are alternatives: the sandbox's traffic goes to one proxy. MXC refuses
    /// `builtinTestServer` beside another variant; each extra variant is reported at its key.
    /// Given `localhost` and `url`, MXC uses `localhost` and never reads the URL, so mxcc only
    /// warns there (the URL is not checked either). Under `--exact` the contract schema reports
    /// any two variants as MX1110.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "allow",
    ///              "proxy": {"builtinTestServer": true, "url": "http://proxy.internal:3128"}}}
    /// ```
    ///
    /// ## What to do
    /// Keep the one proxy the sandbox should use.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "allow", "proxy": {"url": "http://proxy.internal:3128"}}}
    /// ```
    PROXY_SEVERAL_VARIANTS = "MX2202", "proxy-several-variants", Error;

    /// `network.proxy.builtinTestServer` is `false`.
    ///
    /// ## What it means
    /// The field has only one meaning: `true` selects MXC's built-in test proxy. There is no
    /// `false` form, so MXC refuses it rather than read it as "no proxy". Under `--exact` the
    /// contract schema reports it as MX1103.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"proxy": {"builtinTestServer": false}}}
    /// ```
    ///
    /// ## What to do
    /// To run without a proxy, remove `proxy`; to use a real proxy, give its `url` or `localhost`
    /// port.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "block"}}
    /// ```
    BUILTIN_TEST_SERVER_FALSE = "MX2203", "builtin-test-server-false", Error;

    /// A proxy URL does not use the `http` or `https` scheme.
    ///
    /// ## What it means
    /// MXC proxies are HTTP/S proxies, for `network.proxy.url` and `runtimeConfig.networkProxy`
    /// alike. A URL with another scheme (`socks5://`) or none at all (`proxy.internal:3128`) is
    /// refused, and the rest of the URL is not checked further.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "allow", "proxy": {"url": "socks5://proxy.internal:1080"}}}
    /// ```
    ///
    /// ## What to do
    /// Point the sandbox at an HTTP proxy and write the URL as `http://host:port`.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "allow", "proxy": {"url": "http://proxy.internal:3128"}}}
    /// ```
    PROXY_URL_SCHEME = "MX2204", "proxy-url-scheme", Error;

    /// A proxy URL has no host, or one the URL parser refuses.
    ///
    /// ## What it means
    /// `network.proxy.url` and `runtimeConfig.networkProxy` must name the machine the proxy runs
    /// on. A URL such as `http://:3128` has a scheme and a port but no host, so MXC cannot tell
    /// where to send traffic and refuses it. MXC reads the URL with a URL parser, which also
    /// refuses hosts such as `pro xy` or `1.2.3.256`; it accepts and normalises numeric forms
    /// such as `127.1` or `0x7f.1` (both `127.0.0.1`), which then count as loopback.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "allow", "proxy": {"url": "http://:3128"}}}
    /// ```
    ///
    /// ## What to do
    /// Write the proxy's host name or address between `//` and the port.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "allow", "proxy": {"url": "http://proxy.internal:3128"}}}
    /// ```
    PROXY_URL_HOST = "MX2205", "proxy-url-host", Error;

    /// A proxy URL has no explicit, valid port.
    ///
    /// ## What it means
    /// MXC does not assume a default port for a proxy: the URL must give one explicitly after the
    /// host, as `:port` with a number up to 65535. MXC reads the URL with a URL parser that drops
    /// the scheme's default port, so `http://host:80` and `https://host:443` count as having no
    /// port, and a port that is not all digits (`:+3128`) is refused as invalid. Applies to
    /// `network.proxy.url` and `runtimeConfig.networkProxy`.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "allow", "proxy": {"url": "http://proxy.internal"}}}
    /// ```
    ///
    /// ## What to do
    /// Write the port the proxy listens on.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "allow", "proxy": {"url": "http://proxy.internal:3128"}}}
    /// ```
    PROXY_URL_PORT = "MX2206", "proxy-url-port", Error;

    /// A proxy URL carries credentials (`user:password@`).
    ///
    /// ## What it means
    /// On `bubblewrap` and `lxc` this is an error: those backends pass the proxy URL on a command
    /// line that every process on the host can read in `/proc/<pid>/cmdline`, and MXC refuses to
    /// leak the password there. The other backends accept it and mxcc warns: the URL is copied into
    /// the sandbox's `HTTP_PROXY` variables, where the sandboxed program can read it. Applies to
    /// `network.proxy.url` and `runtimeConfig.networkProxy`; the message never shows the
    /// credentials.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "allow",
    ///              "proxy": {"url": "http://build:s3cret@proxy.internal:3128"}}}
    /// ```
    ///
    /// ## What to do
    /// Use a proxy that needs no credentials in the URL, for example one that authorises by source
    /// address.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "allow", "proxy": {"url": "http://proxy.internal:3128"}}}
    /// ```
    PROXY_URL_CREDENTIALS = "MX2207", "proxy-url-credentials", Error;

    /// `runtimeConfig.networkProxy` does not point at `localhost`, `127.0.0.1` or `[::1]`.
    ///
    /// ## What it means
    /// The 0.8 runtime proxy is the one loopback endpoint the sandbox may reach, so it must run on
    /// this host. MXC accepts exactly these three spellings of its host and refuses every other
    /// one, even another loopback address such as `127.0.0.2`.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "runtimeConfig": {"networkProxy": "http://10.0.0.5:3128"}}
    /// ```
    ///
    /// ## What to do
    /// Run the proxy (or a forwarder to it) on this host's loopback and point the URL at it.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:3128"}}
    /// ```
    RUNTIME_PROXY_NOT_LOOPBACK = "MX2208", "runtime-proxy-not-loopback", Error;

    /// `runtimeConfig.networkProxy` is combined with open egress or direct egress rules.
    ///
    /// ## What it means
    /// With a runtime proxy, all outbound traffic must go through the proxy. MXC (schema 0.8 and
    /// later) therefore requires `network.egress.default` to be `deny` (or absent) and no
    /// `egress.allow` or `egress.deny` rules: `default: allow` or a direct rule would let the
    /// sandbox bypass the proxy.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:3128"},
    ///  "network": {"egress": {"default": "allow"}}}
    /// ```
    ///
    /// ## What to do
    /// Deny direct egress and let the proxy decide, or drop the proxy and write egress rules
    /// instead.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:3128"},
    ///  "network": {"egress": {"default": "deny"}}}
    /// ```
    RUNTIME_PROXY_WITH_EGRESS = "MX2209", "runtime-proxy-with-egress", Error;

    /// A processcontainer runtime proxy with `network.ingress.default` other than `allow`.
    ///
    /// ## What it means
    /// On Windows the sandbox reaches a loopback proxy through the `privateNetworkClientServer`
    /// capability, which opens loopback in both directions. MXC's processcontainer runner therefore
    /// requires `ingress.default` `allow` whenever `runtimeConfig.networkProxy` is set; an absent
    /// `ingress.default` counts as `deny`.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:3128"},
    ///  "network": {"ingress": {"default": "deny", "hostLoopback": "allow"}}}
    /// ```
    ///
    /// ## What to do
    /// Set `ingress.default` to `allow` (the runtime proxy features are PSEC-only, see MX2421).
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:3128"},
    ///  "network": {"ingress": {"default": "allow", "hostLoopback": "allow"}}}
    /// ```
    PC_PROXY_INGRESS = "MX2210", "processcontainer-proxy-ingress", Error;

    /// A processcontainer runtime proxy with the wrong `network.ingress.hostLoopback`.
    ///
    /// ## What it means
    /// A processcontainer sandbox reaches its runtime proxy in one of two ways. With
    /// `processContainer.network.allowedProxyPeer`, only the named peer is reachable on loopback,
    /// so `hostLoopback` must be `deny`. Without a peer, the proxy is reached through open host
    /// loopback (a development path), so `hostLoopback` must be `allow`. MXC refuses the other two
    /// combinations.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:3128"},
    ///  "network": {"ingress": {"default": "allow", "hostLoopback": "allow"}},
    ///  "processContainer": {"network": {"allowedProxyPeer": "ContosoProxy"}}}
    /// ```
    ///
    /// ## What to do
    /// With a peer, set `hostLoopback` to `deny`; without one, set it to `allow`.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:3128"},
    ///  "network": {"ingress": {"default": "allow", "hostLoopback": "deny"}},
    ///  "processContainer": {"network": {"allowedProxyPeer": "ContosoProxy"}}}
    /// ```
    PC_PROXY_HOST_LOOPBACK = "MX2211", "processcontainer-proxy-host-loopback", Error;

    /// `processContainer.network.allowedProxyPeer` is set without `runtimeConfig.networkProxy`.
    ///
    /// ## What it means
    /// The peer is the AppContainer identity of the runtime proxy: it tells Windows which loopback
    /// endpoint the sandbox may reach. Without a runtime proxy the peer has nothing to refer to,
    /// and MXC refuses the policy, whatever the backend.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "processContainer": {"network": {"allowedProxyPeer": "ContosoProxy"}}}
    /// ```
    ///
    /// ## What to do
    /// Set `runtimeConfig.networkProxy` to the proxy the peer runs (with the ingress settings
    /// MX2210 and MX2211 require), or remove the peer.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:3128"},
    ///  "network": {"ingress": {"default": "allow", "hostLoopback": "deny"}},
    ///  "processContainer": {"network": {"allowedProxyPeer": "ContosoProxy"}}}
    /// ```
    PEER_WITHOUT_PROXY = "MX2212", "peer-without-proxy", Error;

    /// `allowedProxyPeer` names the reserved identity `MXC-Loopback`.
    ///
    /// ## What it means
    /// MXC grants the `MXC-Loopback` identity itself when `ingress.hostLoopback` is `allow`; the
    /// name is reserved for that, and MXC refuses it as a proxy peer in any letter case.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:3128"},
    ///  "network": {"ingress": {"default": "allow", "hostLoopback": "deny"}},
    ///  "processContainer": {"network": {"allowedProxyPeer": "MXC-Loopback"}}}
    /// ```
    ///
    /// ## What to do
    /// Name the AppContainer identity the proxy itself runs under.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:3128"},
    ///  "network": {"ingress": {"default": "allow", "hostLoopback": "deny"}},
    ///  "processContainer": {"network": {"allowedProxyPeer": "ContosoProxy"}}}
    /// ```
    RESERVED_PROXY_PEER = "MX2213", "reserved-proxy-peer", Error;

    /// `network.proxy` on a backend that has no proxy support.
    ///
    /// ## What it means
    /// MXC implements the legacy proxy only on processcontainer, bubblewrap, lxc, seatbelt and
    /// wslc. On windows_sandbox, isolation_session, microvm, hyperlight and vm it refuses a policy
    /// with a proxy instead of ignoring it.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "hyperlight",
    ///  "process": {"commandLine": "app.exe"},
    ///  "network": {"proxy": {"url": "http://proxy.internal:3128"}}}
    /// ```
    ///
    /// ## What to do
    /// Remove `proxy`, or choose a backend that supports one.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "processcontainer",
    ///  "process": {"commandLine": "app.exe"},
    ///  "network": {"proxy": {"url": "http://proxy.internal:3128"}}}
    /// ```
    PROXY_UNSUPPORTED_BACKEND = "MX2214", "proxy-unsupported-backend", Error;

    /// The backend does not accept this form of `network.proxy`.
    ///
    /// ## What it means
    /// `lxc` refuses `builtinTestServer`, `localhost` and a `url` whose host is loopback
    /// (`localhost`, `127.0.0.0/8`, `::1`): the container has its own loopback, so a proxy on the
    /// host's loopback is unreachable from it. `wslc` accepts only the `url` form, because its
    /// containers reach the proxy over the WSL network. `bubblewrap` refuses a runtime proxy
    /// (`runtimeConfig.networkProxy`) on an IPv6 host such as `[::1]` or on port 0, which the
    /// URL parser accepts but its network namespace cannot forward.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "containment": "lxc",
    ///  "lxc": {"distribution": "ubuntu", "release": "24.04"}, "process": {"commandLine": "make"},
    ///  "network": {"enforcementMode": "firewall", "proxy": {"localhost": 3128}}}
    /// ```
    ///
    /// ## What to do
    /// Use `url` with an address the container can reach, such as the host's bridge address.
    /// ```json
    /// {"version": "0.8.0-alpha", "containment": "lxc",
    ///  "lxc": {"distribution": "ubuntu", "release": "24.04"}, "process": {"commandLine": "make"},
    ///  "network": {"enforcementMode": "firewall", "proxy": {"url": "http://10.0.3.1:3128"}}}
    /// ```
    PROXY_FORM_REFUSED = "MX2215", "proxy-form-refused", Error;

    /// `network.proxy` is combined with a network setting the backend refuses beside a proxy.
    ///
    /// ## What it means
    /// Each backend confines traffic to the proxy its own way and refuses settings it cannot honour
    /// with it: `lxc` needs `enforcementMode` `firewall` or `both`; `bubblewrap` and `seatbelt`
    /// refuse those modes; `bubblewrap` sends everything to an external proxy and cannot also block
    /// or filter, so it refuses host lists and `defaultPolicy` `block` (the default) beside any
    /// proxy but the built-in test server; `seatbelt` refuses `defaultPolicy` `allow` and a remote
    /// proxy under `block`; `wslc` needs `defaultPolicy` `allow` and refuses host lists and
    /// `allowLocalNetwork` `true`.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"proxy": {"url": "http://proxy.internal:3128"}}}
    /// ```
    ///
    /// ## What to do
    /// Adjust the setting the message names; on bubblewrap, allow the network and let the proxy
    /// decide (or use the 0.8 `runtimeConfig.networkProxy`).
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "allow", "proxy": {"url": "http://proxy.internal:3128"}}}
    /// ```
    PROXY_COMBINATION_REFUSED = "MX2216", "proxy-combination-refused", Error;

    /// `network.proxy.builtinTestServer` selects MXC's built-in test proxy (a warning).
    ///
    /// ## What it means
    /// The built-in test server exists for MXC's own tests. MXC refuses it unless `wxc-exec` runs
    /// with `--allow-testing-features`, so a policy that relies on it will not run in a normal
    /// deployment. mxcc reports it as a warning because the flag is a property of the invocation,
    /// not the policy.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"proxy": {"builtinTestServer": true}}}
    /// ```
    ///
    /// ## What to do
    /// Use a real proxy through `url` or `localhost`.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "allow", "proxy": {"url": "http://proxy.internal:3128"}}}
    /// ```
    BUILTIN_TEST_SERVER = "MX2217", "builtin-test-server", Warning;

    /// A one-shot or `exec` request has no `process.commandLine`.
    ///
    /// ## What it means
    /// A one-shot request (no `phase`) and a state-aware `exec` request run a program, and
    /// `process.commandLine` is that program (run through `sh -c` on Linux and macOS). Without it
    /// MXC has nothing to start and refuses the request; the error points at `process`, or at the
    /// start of the config when there is no `process` section. Under `--exact` the contract schema
    /// reports the missing field as MX1104.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"cwd": "/srv/app"}}
    /// ```
    ///
    /// ## What to do
    /// Add the command to run.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make", "cwd": "/srv/app"}}
    /// ```
    MISSING_COMMAND_LINE = "MX2301", "missing-command-line", Error;

    /// `process.commandLine` is the empty string.
    ///
    /// ## What it means
    /// MXC refuses to start a sandbox with nothing to run. Under `--exact` the contract schema
    /// reports the same problem as MX1107.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": ""}}
    /// ```
    ///
    /// ## What to do
    /// Write the command to run.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"}}
    /// ```
    EMPTY_COMMAND_LINE = "MX2302", "empty-command-line", Error;

    /// `process.commandLine` contains a NUL character (`\u0000`).
    ///
    /// ## What it means
    /// The command line reaches the OS as a C string, which ends at the first NUL: everything after
    /// it would be silently dropped, so the program run would differ from the one written. MXC
    /// refuses it.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make\u0000clean"}}
    /// ```
    ///
    /// ## What to do
    /// Remove the `\u0000` escape; separate commands with the shell's own syntax.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make && make clean"}}
    /// ```
    NUL_IN_COMMAND_LINE = "MX2303", "nul-in-command-line", Error;

    /// An entry of `filesystem.readwritePaths`, `readonlyPaths` or `deniedPaths` is empty or blank.
    ///
    /// ## What it means
    /// A blank path names nothing that could be granted or denied, so MXC's parser rejects empty
    /// and whitespace-only entries instead of guessing what was meant.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["/srv/app", "  "]}}
    /// ```
    ///
    /// ## What to do
    /// Write the path to grant or deny, or remove the entry.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["/srv/app"]}}
    /// ```
    EMPTY_PATH = "MX2304", "empty-path", Error;

    /// A filesystem path contains a NUL character (`\u0000`).
    ///
    /// ## What it means
    /// OS path APIs stop at the first NUL, so the path would name a different file than the one
    /// written: a denied `/srv/app/secrets\u0000.txt` would protect `/srv/app/secrets` instead. MXC
    /// refuses it in `readwritePaths`, `readonlyPaths` and `deniedPaths`.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"deniedPaths": ["/srv/app/secrets\u0000.txt"]}}
    /// ```
    ///
    /// ## What to do
    /// Remove the escape and write the real path.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"deniedPaths": ["/srv/app/secrets.txt"]}}
    /// ```
    NUL_IN_PATH = "MX2305", "nul-in-path", Error;

    /// A filesystem path contains a double quote (`"`).
    ///
    /// ## What it means
    /// Backends quote paths when they write them into generated profiles and command lines, and a
    /// `"` inside a path could end the quoting early. MXC rejects the character in
    /// `readwritePaths`, `readonlyPaths` and `deniedPaths`.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readonlyPaths": ["/srv/\"shared data\""]}}
    /// ```
    ///
    /// ## What to do
    /// Remove the quotes; the path is already a JSON string, spaces need no quoting.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readonlyPaths": ["/srv/shared data"]}}
    /// ```
    QUOTE_IN_PATH = "MX2306", "quote-in-path", Error;

    /// `processContainer.captureDenials.outputPath` is not an absolute path.
    ///
    /// ## What it means
    /// The denial report is written by a helper whose working directory is not the caller's, so a
    /// relative path would land somewhere unexpected. MXC requires an absolute path: on Windows a
    /// drive path (`C:\...`) or a UNC path (`\\server\...`), elsewhere a path starting with `/`.
    /// Whether the parent directory exists is checked by MXC at run time, not by mxcc.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "processContainer": {"captureDenials": {"outputPath": "logs\\denials.json"}}}
    /// ```
    ///
    /// ## What to do
    /// Write the absolute path of the report file.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "processContainer": {"captureDenials": {"outputPath": "C:\\logs\\denials.json"}}}
    /// ```
    CAPTURE_PATH_RELATIVE = "MX2307", "capture-path-relative", Error;

    /// `processContainer.captureDenials.outputPath` names a directory, not a file.
    ///
    /// ## What it means
    /// MXC writes one JSON report to this path, so it must name a file. A path that ends with a
    /// separator (`C:\logs\`) or is a root (`C:\`, `/`) names a directory, and MXC refuses it. An
    /// existing directory without a trailing separator is only detected by MXC at run time.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "processContainer": {"captureDenials": {"outputPath": "C:\\logs\\"}}}
    /// ```
    ///
    /// ## What to do
    /// Name the report file inside the directory.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "processContainer": {"captureDenials": {"outputPath": "C:\\logs\\denials.json"}}}
    /// ```
    CAPTURE_PATH_ROOT = "MX2308", "capture-path-root", Error;

    /// A `processContainer.capabilities` entry contains a comma.
    ///
    /// ## What it means
    /// Each entry is one AppContainer capability name; MXC joins the entries with commas itself. An
    /// entry such as `"internetClient,privateNetworkClientServer"` would smuggle several
    /// capabilities through one name, so MXC refuses it. Under `--exact` the contract schema's name
    /// pattern reports it as MX1109.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "processContainer": {"capabilities": ["internetClient,privateNetworkClientServer"]}}
    /// ```
    ///
    /// ## What to do
    /// Write one string per capability.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "processContainer": {"capabilities": ["internetClient", "privateNetworkClientServer"]}}
    /// ```
    CAPABILITY_COMMA = "MX2401", "capability-comma", Error;

    /// `processContainer.capabilities` lists a reserved learning-mode capability.
    ///
    /// ## What it means
    /// `learningModeLogging` and `permissiveLearningMode` are reserved: MXC adds them itself when
    /// `processContainer.learningMode` or `captureDenials` asks for learning mode. MXC refuses them
    /// in the capability list, in any letter case.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "processContainer": {"capabilities": ["internetClient", "learningModeLogging"]}}
    /// ```
    ///
    /// ## What to do
    /// Remove the capability and use `processContainer.learningMode` or `captureDenials` instead.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "processContainer": {"capabilities": ["internetClient"], "learningMode": true}}
    /// ```
    RESERVED_CAPABILITY = "MX2402", "reserved-capability", Error;

    /// The lxc backend is selected without `lxc.distribution` and `lxc.release`.
    ///
    /// ## What it means
    /// LXC creates the container from a downloaded image named by distribution and release, and
    /// MXC's lxc runner refuses a one-shot request that lacks either (or the whole `lxc` section).
    /// Under `--exact` a present `lxc` section missing a field is reported by the contract schema
    /// as MX1104.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "containment": "lxc", "process": {"commandLine": "make"},
    ///  "lxc": {"distribution": "ubuntu"}}
    /// ```
    ///
    /// ## What to do
    /// Name both the distribution and the release of the image.
    /// ```json
    /// {"version": "0.8.0-alpha", "containment": "lxc", "process": {"commandLine": "make"},
    ///  "lxc": {"distribution": "ubuntu", "release": "24.04"}}
    /// ```
    LXC_INCOMPLETE = "MX2403", "lxc-incomplete", Error;

    /// `experimental.seatbelt` (or `experimental.macos_sandbox`) is used.
    ///
    /// ## What it means
    /// Since schema 0.7 the seatbelt settings live in the top-level `seatbelt` section. MXC refuses
    /// the old location instead of ignoring it, so settings such as `guiAccess` are never silently
    /// lost.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "experimental": {"seatbelt": {"guiAccess": true}}}
    /// ```
    ///
    /// ## What to do
    /// Move the fields to the top-level `seatbelt` section.
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "seatbelt": {"guiAccess": true}}
    /// ```
    EXPERIMENTAL_SEATBELT_MOVED = "MX2404", "experimental-seatbelt-moved", Error;

    /// A filesystem path contains a `..` component on the seatbelt backend.
    ///
    /// ## What it means
    /// Seatbelt profiles match paths with SBPL filters such as `subpath`, which compare the text of
    /// the path, not the directory it resolves to. A rule for `/Users/dev/project/../assets` would
    /// not match `/Users/dev/assets`, so MXC's seatbelt runner refuses `..` in any policy path.
    /// Other backends resolve the path and accept it.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readonlyPaths": ["/Users/dev/project/../assets"]}}
    /// ```
    ///
    /// ## What to do
    /// Write the path without `..`.
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"readonlyPaths": ["/Users/dev/assets"]}}
    /// ```
    SEATBELT_DOTDOT = "MX2405", "seatbelt-dotdot", Error;

    /// An `experimental.wslc.portMappings` entry maps port 0.
    ///
    /// ## What it means
    /// Port 0 means "any port" to the OS and cannot be forwarded, so MXC's wslc runner refuses it
    /// for `windowsPort` and `containerPort`. mxcc's schemas give both fields the range 1 to 65535,
    /// so the schema stage reports port 0 first, as MX1105, and this rule does not report it again:
    /// in practice the problem appears as MX1105.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "wslc", "process": {"commandLine": "npm start"},
    ///  "experimental": {"wslc": {"portMappings": [{"windowsPort": 0, "containerPort": 3000}]}}}
    /// ```
    ///
    /// ## What to do
    /// Use a port from 1 to 65535.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "wslc", "process": {"commandLine": "npm start"},
    ///  "experimental": {"wslc": {"portMappings": [{"windowsPort": 3000, "containerPort": 3000}]}}}
    /// ```
    WSLC_PORT_ZERO = "MX2406", "wslc-port-zero", Error;

    /// Two `experimental.wslc.portMappings` entries use the same `windowsPort` and protocol.
    ///
    /// ## What it means
    /// A host port can forward to only one container port. MXC refuses a second mapping of the same
    /// `windowsPort` for the same protocol (`tcp` when omitted) rather than pick one of them.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "wslc", "process": {"commandLine": "npm start"},
    ///  "experimental": {"wslc": {"portMappings": [
    ///    {"windowsPort": 8080, "containerPort": 3000},
    ///    {"windowsPort": 8080, "containerPort": 9229}]}}}
    /// ```
    ///
    /// ## What to do
    /// Give each mapping its own host port, or remove one.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "wslc", "process": {"commandLine": "npm start"},
    ///  "experimental": {"wslc": {"portMappings": [
    ///    {"windowsPort": 8080, "containerPort": 3000},
    ///    {"windowsPort": 9229, "containerPort": 9229}]}}}
    /// ```
    WSLC_DUPLICATE_PORT = "MX2407", "wslc-duplicate-port", Error;

    /// `network.egress` has allow or deny rules on a backend that cannot filter egress.
    ///
    /// ## What it means
    /// Each backend declares which 0.8 network features it enforces. `seatbelt` can allow all
    /// outbound traffic or none, but not filter by address or port, so MXC refuses non-empty
    /// `egress.allow` and `egress.deny` lists there instead of running with a policy it would not
    /// enforce.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny",
    ///                         "allow": [{"to": [{"cidr": "192.0.2.0/24"}]}]}}}
    /// ```
    ///
    /// ## What to do
    /// Use only `egress.default`, reach the hosts through a runtime proxy, or pick a backend with
    /// egress rules (bubblewrap, lxc, processcontainer).
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny"}}}
    /// ```
    EGRESS_RULES_UNSUPPORTED = "MX2408", "egress-rules-unsupported", Error;

    /// `network.ingress.default` is `allow` on a backend that enforces only denied ingress.
    ///
    /// ## What it means
    /// `bubblewrap` and `lxc` enforce only denied inbound traffic: their ingress chain drops new
    /// inbound connections, so MXC refuses `ingress.default` `allow` there.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "npm start"},
    ///  "network": {"ingress": {"default": "allow"}}}
    /// ```
    ///
    /// ## What to do
    /// Set `ingress.default` to `deny` (or omit it), or use a backend that accepts inbound traffic.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "npm start"},
    ///  "network": {"ingress": {"default": "deny"}}}
    /// ```
    INGRESS_ALLOW_UNSUPPORTED = "MX2409", "ingress-allow-unsupported", Error;

    /// `network.ingress.hostLoopback` has a value the backend cannot enforce.
    ///
    /// ## What it means
    /// `bubblewrap` and `lxc` refuse `hostLoopback` `allow`: host loopback is bidirectional and
    /// they cannot enforce both directions. `seatbelt` cannot tell loopback from other inbound
    /// traffic, so `hostLoopback` must equal the effective `ingress.default` there (both default to
    /// `deny`).
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "npm start"},
    ///  "network": {"ingress": {"default": "deny", "hostLoopback": "allow"}}}
    /// ```
    ///
    /// ## What to do
    /// On bubblewrap and lxc set `hostLoopback` to `deny`; on seatbelt give it the value of
    /// `ingress.default`.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "npm start"},
    ///  "network": {"ingress": {"default": "deny", "hostLoopback": "deny"}}}
    /// ```
    HOST_LOOPBACK_UNSUPPORTED = "MX2410", "host-loopback-unsupported", Error;

    /// `runtimeConfig.networkProxy` on a backend without runtime-proxy support.
    ///
    /// ## What it means
    /// Of the backends with 0.8 network support, `lxc` has no way to confine the container to a
    /// proxy on the host's loopback (the container has its own), so MXC refuses the runtime proxy
    /// there. Backends without any 0.8 network support report MX2413 instead.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "containment": "lxc", "process": {"commandLine": "make"},
    ///  "lxc": {"distribution": "ubuntu", "release": "24.04"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:3128"}}
    /// ```
    ///
    /// ## What to do
    /// On lxc, use the legacy `network.proxy.url` with an address the container can reach (and
    /// `enforcementMode` `firewall`), or remove the proxy.
    /// ```json
    /// {"version": "0.8.0-alpha", "containment": "lxc", "process": {"commandLine": "make"},
    ///  "lxc": {"distribution": "ubuntu", "release": "24.04"},
    ///  "network": {"enforcementMode": "firewall", "proxy": {"url": "http://10.0.3.1:3128"}}}
    /// ```
    RUNTIME_PROXY_UNSUPPORTED = "MX2411", "runtime-proxy-unsupported", Error;

    /// `processContainer.network.allowedProxyPeer` on a backend without proxy peer identities.
    ///
    /// ## What it means
    /// A proxy peer is an AppContainer identity, a Windows feature: only processcontainer declares
    /// support for it. On `bubblewrap`, `lxc` and `seatbelt` MXC refuses the field (the
    /// `processContainer` section itself is also foreign there, MX2015).
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:3128"},
    ///  "processContainer": {"network": {"allowedProxyPeer": "ContosoProxy"}}}
    /// ```
    ///
    /// ## What to do
    /// Remove `processContainer.network`; the runtime proxy alone confines the sandbox on these
    /// backends.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "runtimeConfig": {"networkProxy": "http://127.0.0.1:3128"}}
    /// ```
    PROXY_PEER_UNSUPPORTED = "MX2412", "proxy-peer-unsupported", Error;

    /// A 0.8 network field on a backend that implements only the legacy network fields.
    ///
    /// ## What it means
    /// `wslc`, `windows_sandbox`, `isolation_session`, `microvm`, `hyperlight` and `vm` declare no
    /// 0.8 network support, so MXC refuses `network.egress`, `network.ingress`, `runtimeConfig` and
    /// `processContainer.network` on a one-shot request to them rather than ignore the rules.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "wslc", "process": {"commandLine": "npm test"},
    ///  "network": {"egress": {"default": "deny"}}}
    /// ```
    ///
    /// ## What to do
    /// Write the network with the legacy fields the backend accepts (`defaultPolicy` and those that
    /// go with it), or choose a backend with 0.8 network support.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "wslc", "process": {"commandLine": "npm test"},
    ///  "network": {"defaultPolicy": "block"}}
    /// ```
    DIRECTIONAL_ON_LEGACY_BACKEND = "MX2413", "directional-on-legacy-backend", Error;

    /// `allowedHosts` or `blockedHosts` on a backend that cannot filter hosts this way.
    ///
    /// ## What it means
    /// Both Windows processcontainer runners refuse host lists ("not yet supported on Windows").
    /// `seatbelt` can allow all outbound traffic or none, so it refuses `blockedHosts`, and
    /// `allowedHosts` under `defaultPolicy` `block` (except with the built-in test proxy).
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.7.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "network": {"defaultPolicy": "block", "allowedHosts": ["192.0.2.10"]}}
    /// ```
    ///
    /// ## What to do
    /// On Windows, use schema 0.8 egress rules with IP/CIDR peers (enforced by the PSEC tier, see
    /// MX2421); on seatbelt, reach single hosts through a loopback proxy. Or remove the lists.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "network": {"egress": {"default": "deny", "allow": [{"to": [{"cidr": "192.0.2.10/32"}]}]}}}
    /// ```
    HOST_LISTS_UNSUPPORTED = "MX2414", "host-lists-unsupported", Error;

    /// A DNS name in a bubblewrap host list that the firewall must enforce (schema 0.8 and later).
    ///
    /// ## What it means
    /// From schema 0.8, bubblewrap enforces `allowedHosts` and `blockedHosts` under
    /// `enforcementMode` `firewall` or `both` with iptables inside the sandbox's network namespace,
    /// which takes IP addresses and CIDRs only, so MXC refuses names there instead of leaving them
    /// unenforced.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "pip install -r requirements.txt"},
    ///  "network": {"enforcementMode": "firewall", "allowedHosts": ["pypi.org"]}}
    /// ```
    ///
    /// ## What to do
    /// Write the addresses or CIDR blocks the name stands for.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "pip install -r requirements.txt"},
    ///  "network": {"enforcementMode": "firewall", "allowedHosts": ["151.101.0.0/16"]}}
    /// ```
    BWRAP_DNS_HOST = "MX2415", "bwrap-dns-host", Error;

    /// Bubblewrap host lists that nothing would enforce.
    ///
    /// ## What it means
    /// Bubblewrap filters hosts only with `enforcementMode` `firewall` or `both`. Under the default
    /// `capabilities` mode (and no proxy) the sandbox shares the host network, unfiltered, so the
    /// lists would have no effect. MXC refuses this from schema 0.8 (an error); before 0.8 it only
    /// warns, and so does mxcc (a warning).
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"allowedHosts": ["192.0.2.10"]}}
    /// ```
    ///
    /// ## What to do
    /// Set `enforcementMode` to `firewall` (or `both`), or remove the host lists.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"enforcementMode": "firewall", "allowedHosts": ["192.0.2.10"]}}
    /// ```
    BWRAP_UNENFORCED_HOSTS = "MX2416", "bwrap-unenforced-hosts", Error;

    /// Bubblewrap: `allowLocalNetwork` contradicts the network namespace the policy selects.
    ///
    /// ## What it means
    /// With a proxy, a firewall with host lists, or `defaultPolicy` `block` without host lists,
    /// bubblewrap gives the sandbox a private network namespace, which accepts no inbound local
    /// traffic: `allowLocalNetwork` `true` cannot be honoured. Otherwise (for example
    /// `defaultPolicy` `allow`) it shares the host network and cannot refuse inbound traffic, so
    /// `allowLocalNetwork` must be `true` to acknowledge that. An error from schema 0.8; a warning
    /// before, as in MXC.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "npm start"},
    ///  "network": {"defaultPolicy": "allow"}}
    /// ```
    ///
    /// ## What to do
    /// Make `allowLocalNetwork` say what the namespace does: `true` on the shared host network,
    /// absent or `false` on a private one.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "npm start"},
    ///  "network": {"defaultPolicy": "allow", "allowLocalNetwork": true}}
    /// ```
    BWRAP_LOCAL_NETWORK = "MX2417", "bwrap-local-network", Error;

    /// `allowLocalNetwork` is `true` on the lxc backend.
    ///
    /// ## What it means
    /// The lxc ingress chain drops every new inbound connection to the container; it has no way to
    /// accept local inbound traffic. MXC refuses the setting rather than promise access it would
    /// block.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "containment": "lxc", "process": {"commandLine": "make"},
    ///  "lxc": {"distribution": "ubuntu", "release": "24.04"},
    ///  "network": {"defaultPolicy": "allow", "allowLocalNetwork": true}}
    /// ```
    ///
    /// ## What to do
    /// Remove `allowLocalNetwork` or set it to `false`.
    /// ```json
    /// {"version": "0.8.0-alpha", "containment": "lxc", "process": {"commandLine": "make"},
    ///  "lxc": {"distribution": "ubuntu", "release": "24.04"},
    ///  "network": {"defaultPolicy": "allow"}}
    /// ```
    LXC_LOCAL_NETWORK = "MX2418", "lxc-local-network", Error;

    /// An isolation_session request lacks the unrestricted-network acknowledgment.
    ///
    /// ## What it means
    /// An isolation session cannot restrict the network. MXC therefore requires every one-shot and
    /// `provision` request for it to acknowledge that: `network` must hold exactly `defaultPolicy`
    /// `allow` and `allowLocalNetwork` `true`. A missing `network`, a missing or different value,
    /// and any other network field (a restriction it would not enforce) are refused.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "isolation_session",
    ///  "process": {"commandLine": "setup.exe"}}
    /// ```
    ///
    /// ## What to do
    /// Add the acknowledgment, and nothing else, under `network`.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "isolation_session",
    ///  "process": {"commandLine": "setup.exe"},
    ///  "network": {"defaultPolicy": "allow", "allowLocalNetwork": true}}
    /// ```
    ISOLATION_NETWORK_ACK = "MX2419", "isolation-session-network-ack", Error;

    /// A section or field the selected backend refuses outright.
    ///
    /// ## What it means
    /// Some backends cannot implement a part of the policy and refuse it rather than ignore it:
    /// `isolation_session` refuses `filesystem`, `ui` and `lifecycle` (it runs as a fresh user
    /// account without that control); `microvm` refuses a non-empty `filesystem.deniedPaths` and
    /// `process.cwd`; `hyperlight` refuses `process.cwd`, and `allowedHosts` together with
    /// `blockedHosts`.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "microvm",
    ///  "process": {"commandLine": "app.exe", "cwd": "C:\\work"}}
    /// ```
    ///
    /// ## What to do
    /// Remove the field the message names, or choose a backend that supports it.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "microvm",
    ///  "process": {"commandLine": "app.exe"}}
    /// ```
    BACKEND_REFUSES_FIELD = "MX2420", "backend-refuses-field", Error;

    /// A processcontainer network feature that only the PSEC tier enforces (a warning).
    ///
    /// ## What it means
    /// On Windows MXC picks the processcontainer tier by host capability. Egress allow/deny rules,
    /// `hostLoopback` `allow`, `runtimeConfig.networkProxy` and `allowedProxyPeer` are enforced
    /// only by the PSEC tier; on hosts without it (the SBOX tier or the AppContainer fallback) MXC
    /// refuses the run. The policy is valid, so mxcc warns: whether it runs depends on the host.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "network": {"egress": {"default": "deny", "allow": [{"to": [{"cidr": "192.0.2.10/32"}]}]}}}
    /// ```
    ///
    /// ## What to do
    /// Make sure every target host has PSEC, or keep to the features every tier enforces, such as
    /// `egress.default` alone.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "build.cmd"},
    ///  "network": {"egress": {"default": "deny"}}}
    /// ```
    PSEC_ONLY = "MX2421", "psec-only", Warning;

    /// The windows_sandbox backend is asked to allow network traffic.
    ///
    /// ## What it means
    /// Windows Sandbox's guest firewall blocks all traffic except the host's control connection,
    /// and MXC's runner supports only `defaultPolicy` `block`. It refuses `allow` rather than run a
    /// sandbox whose network does not match the policy.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "windows_sandbox",
    ///  "process": {"commandLine": "setup.exe"}, "network": {"defaultPolicy": "allow"}}
    /// ```
    ///
    /// ## What to do
    /// Remove `defaultPolicy` or set it to `block`; for network access choose another backend.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "containment": "windows_sandbox",
    ///  "process": {"commandLine": "setup.exe"}, "network": {"defaultPolicy": "block"}}
    /// ```
    WSB_NETWORK = "MX2422", "windows-sandbox-network", Error;
}
