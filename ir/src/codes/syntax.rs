//! MX1xxx: JSON syntax and schema.

crate::codes::declare_codes! {
    family: "syntax";

    /// The file is not valid JSON.
    ///
    /// ## What it means
    /// The parser stopped at a token that JSON does not allow there: a trailing comma, a
    /// comment, a single-quoted string, an unquoted key. MXC parses policies with a strict JSON
    /// parser, so it refuses the whole file and runs nothing.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make",}}
    /// ```
    ///
    /// ## What to do
    /// Remove the stray token; JSON has no trailing commas and no comments.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"}}
    /// ```
    SYNTAX_ERROR = "MX1001", "syntax-error", Error;

    /// The file is not valid UTF-8.
    INVALID_UTF8 = "MX1002", "invalid-utf8", Error;

    /// Data follows the JSON value.
    TRAILING_DATA = "MX1003", "trailing-data", Error;

    /// The JSON nests deeper than the limit.
    TOO_DEEP = "MX1004", "too-deep", Error;

    /// The file is larger than the limit.
    TOO_LARGE = "MX1005", "too-large", Error;

    /// The same key appears twice in one object.
    DUPLICATE_KEY = "MX1006", "duplicate-key", Error;

    /// A string holds an invalid escape sequence.
    INVALID_ESCAPE = "MX1007", "invalid-escape", Error;

    /// The top-level JSON value is not an object.
    ROOT_NOT_OBJECT = "MX1008", "root-not-object", Error;

    /// A key the schema of this version does not define.
    ///
    /// ## What it means
    /// MXC's parser rejects unknown keys, so a misspelt key is never silently ignored: the
    /// whole policy is refused. The label points at the key; the help names the closest key
    /// this version knows.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"deniedPath": ["/home/dev/.ssh"]}}
    /// ```
    ///
    /// ## What to do
    /// Spell the key as the schema does. Deleting the key instead would drop its content:
    /// here, every denied path.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "filesystem": {"deniedPaths": ["/home/dev/.ssh"]}}
    /// ```
    UNKNOWN_FIELD = "MX1101", "unknown-field", Error;

    /// Wrong JSON type.
    WRONG_TYPE = "MX1102", "wrong-type", Error;

    /// Value not in the allowed set (`enum` or `const`).
    NOT_IN_ENUM = "MX1103", "not-in-enum", Error;

    /// Missing required field (points at the object's `{`).
    MISSING_FIELD = "MX1104", "missing-field", Error;

    /// Number out of range (ports 1..65535, u32 0..4294967295, ...).
    OUT_OF_RANGE = "MX1105", "out-of-range", Error;

    /// Explicit `null` where the exact contract forbids it.
    NULL_FORBIDDEN = "MX1106", "null-forbidden", Error;

    /// Empty string or array where a non-empty one is required.
    EMPTY = "MX1107", "empty-value", Error;

    /// A section and its alias both present (`appContainer`, `macos_sandbox`).
    ALIAS_CONFLICT = "MX1108", "alias-conflict", Error;

    /// String rejected by a pattern (e.g. reserved capability names).
    PATTERN = "MX1109", "pattern-mismatch", Error;

    /// Wrong number of fields in a one-of object (`network.proxy`).
    MEMBER_COUNT = "MX1110", "member-count", Error;

    /// A bundled schema failed to compile (a bug in mxcc).
    SCHEMA_BROKEN = "MX1198", "schema-broken", Error;

    /// Any other schema violation.
    OTHER = "MX1199", "schema-violation", Error;
}
