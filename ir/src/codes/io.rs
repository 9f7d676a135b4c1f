//! MX0xxx: reading files and configuration, and command-line values.

crate::codes::declare_codes! {
    family: "io";

    /// A path cannot be read.
    IO_ERROR = "MX0001", "io-error", Error;

    /// A directory holds no policy files.
    NO_POLICIES = "MX0002", "no-policies", Error;

    /// No bundled schema for the requested version.
    UNKNOWN_SCHEMA_VERSION = "MX0003", "unknown-schema-version", Error;

    /// No diagnostic code or rule by that name.
    UNKNOWN_CODE = "MX0004", "unknown-code", Error;

    /// No compilation target or group by that name.
    UNKNOWN_TARGET = "MX0005", "unknown-target", Error;

    /// `mxcc.toml` is not valid TOML or has an unknown key.
    CONFIG_SYNTAX = "MX0101", "config-syntax", Error;

    /// A selector in `mxcc.toml` names no code, prefix or rule.
    CONFIG_UNKNOWN_SELECTOR = "MX0102", "config-unknown-selector", Error;

    /// A severity in `mxcc.toml` is not `error`, `warning` or `info`.
    CONFIG_SEVERITY = "MX0103", "config-severity", Error;

    /// A glob in `mxcc.toml` is invalid.
    CONFIG_GLOB = "MX0104", "config-glob", Error;

    /// A secrets path in `mxcc.toml` is not absolute or home-relative.
    CONFIG_SECRET_PATH = "MX0105", "config-secret-path", Error;
}
