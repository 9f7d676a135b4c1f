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
    ///
    /// ## What it means
    /// JSON text is UTF-8, and MXC reads its configs as UTF-8. A file saved in another encoding
    /// (Latin-1, UTF-16, a Windows code page) holds bytes that are not UTF-8; MXC refuses it
    /// before reading a single field. The label points at the first invalid byte.
    ///
    /// ## Example
    /// ```text
    /// $ printf '{"version": "0.8.0-alpha", "process": {"commandLine": "caf\xe9"}}' > latin1.json
    /// $ mxcc check latin1.json
    /// error[MX1002]: file is not valid UTF-8
    ///   = help: MXC reads configs as UTF-8 JSON; re-encode the file as UTF-8
    /// ```
    ///
    /// ## What to do
    /// Re-encode the file as UTF-8 (without changing its text), e.g.
    /// `iconv -f latin1 -t utf-8 latin1.json`, or save it as UTF-8 from the editor.
    INVALID_UTF8 = "MX1002", "invalid-utf8", Error;

    /// Something follows the JSON value.
    ///
    /// ## What it means
    /// A config file holds exactly one JSON value. The parser read a complete object and then found
    /// more than whitespace: a second object, a stray bracket, text pasted after the closing `}`.
    /// MXC's parser refuses such a file, so no part of it takes effect. The label covers what follows
    /// the value.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"}}
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make -j"}}
    /// ```
    ///
    /// ## What to do
    /// Keep one object per file; merge the fields or move the second config to its own file.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make -j"}}
    /// ```
    TRAILING_DATA = "MX1003", "trailing-data", Error;

    /// The JSON nests deeper than the limit of 127 levels.
    ///
    /// ## What it means
    /// MXC's JSON parser (serde_json) refuses a document with more than 127 open brackets at once
    /// ("recursion limit exceeded"), and no MXC config nests more than a handful of objects deep.
    /// mxcc applies the same limit, counting the depth in one linear pass before its recursive
    /// parser runs, and stops there. The label points at the first bracket beyond the limit.
    ///
    /// ## Example
    /// ```text
    /// $ python3 -c "print('{\"version\": \"0.8.0-alpha\", \"x\": ' + '['*300 + ']'*300 + '}')" > deep.json
    /// $ mxcc check deep.json
    /// error[MX1004]: nesting is deeper than 127 levels
    ///   = help: no MXC config nests this deeply; the file is probably not a policy
    /// ```
    ///
    /// ## What to do
    /// Check that the file is the policy you meant to check; a real config needs no such nesting.
    TOO_DEEP = "MX1004", "too-deep", Error;

    /// The file is larger than the size limit.
    ///
    /// ## What it means
    /// mxcc refuses files larger than `--max-file-size` (16 MiB by default) before parsing them, so
    /// that a wrong path (a log, a database dump) cannot make it read gigabytes. Real MXC configs
    /// are a few kilobytes.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc check --max-file-size 32 policy.json
    /// error[MX1005]: file is 59 bytes, more than the limit of 32 bytes
    ///   = help: MXC configs are small; raise the limit with `--max-file-size` if this one is genuine
    /// ```
    ///
    /// ## What to do
    /// Check that the path names a policy. If the file really is a policy, raise the limit with
    /// `--max-file-size BYTES`.
    TOO_LARGE = "MX1005", "too-large", Error;

    /// The same key appears twice in one object.
    ///
    /// ## What it means
    /// JSON leaves repeated keys undefined: some parsers keep the first value, others the last.
    /// MXC's parser rejects a config with a repeated field, so mxcc does too rather than guess which
    /// value the sandbox would get. The label points at the repetition, the secondary label at the
    /// first occurrence.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha",
    ///  "process": {"commandLine": "make", "commandLine": "make -j"}}
    /// ```
    ///
    /// ## What to do
    /// Keep one of the two keys, with the value you mean.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make -j"}}
    /// ```
    DUPLICATE_KEY = "MX1006", "duplicate-key", Error;

    /// A string holds an unpaired UTF-16 surrogate escape.
    ///
    /// ## What it means
    /// A `\uD800`-`\uDFFF` escape is half of a UTF-16 surrogate pair: a high half must be followed
    /// by a low half. Alone, it encodes no character, and MXC's parser rejects the string. (Other
    /// malformed escapes, such as `\x41`, are syntax errors, MX1001.) The label points at the
    /// unpaired escape.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "echo \uD83D"}}
    /// ```
    ///
    /// ## What to do
    /// Write the character itself, or escape it as a complete pair (`\uD83D\uDE00` is 😀).
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "echo \uD83D\uDE00"}}
    /// ```
    INVALID_ESCAPE = "MX1007", "invalid-escape", Error;

    /// The top-level JSON value is not an object.
    ///
    /// ## What it means
    /// An MXC config is one JSON object with fields such as `version`, `process` and
    /// `filesystem`. A file whose value is an array, a string, a number or `null` is valid JSON but
    /// not a config, and no further check runs on it.
    ///
    /// ## Example
    /// ```json
    /// [{"version": "0.8.0-alpha", "process": {"commandLine": "make"}}]
    /// ```
    ///
    /// ## What to do
    /// Make the object the file's only value: remove the surrounding array, or split a list of
    /// configs into one file each.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"}}
    /// ```
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

    /// A field has the wrong JSON type.
    ///
    /// ## What it means
    /// The schema gives every field a type: `process.timeout` is an integer, `commandLine` a string,
    /// `readwritePaths` an array of strings. MXC's parser refuses a value of another type (it does
    /// not convert `"600"` to `600`), so the whole policy is refused. The message names the type
    /// expected and the type found. Every number MXC reads is an integer: a literal with a
    /// fraction or an exponent, or `-0`, is a float to its parser even when its value is whole
    /// (`443.0`, `1e3`), and is refused the same way.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make", "timeout": "600"}}
    /// ```
    ///
    /// ## What to do
    /// Write the value with the expected type: here, a number without quotes.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make", "timeout": 600}}
    /// ```
    WRONG_TYPE = "MX1102", "wrong-type", Error;

    /// A value is not one the field allows.
    ///
    /// ## What it means
    /// Some fields take one of a fixed set of values (`network.defaultPolicy` is `allow` or
    /// `block`, a port's `protocol` is `tcp`, `udp`, `icmp` or `any`) or, in an exact contract, one
    /// constant (`version`). Any other value, including another spelling of an allowed one, is
    /// refused by MXC. The help lists the allowed values.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "deny"}}
    /// ```
    ///
    /// ## What to do
    /// Use one of the listed values; here `block` is the spelling of "deny by default".
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"defaultPolicy": "block"}}
    /// ```
    NOT_IN_ENUM = "MX1103", "not-in-enum", Error;

    /// A required field is missing.
    ///
    /// ## What it means
    /// The object lacks a field the schema requires: a network peer without `cidr` or, in an
    /// exact contract (`--exact`), a `process` without `commandLine` or an `lxc` section without
    /// `distribution` and `release`. MXC cannot read the object without it and refuses the
    /// policy. The label points at the object's opening `{`; the help says what the field is.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [{"to": [{}]}]}}}
    /// ```
    ///
    /// ## What to do
    /// Add the field to the object.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [{"to": [{"cidr": "140.82.112.0/20"}]}]}}}
    /// ```
    MISSING_FIELD = "MX1104", "missing-field", Error;

    /// A number is outside the range its field allows.
    ///
    /// ## What it means
    /// Ports run from 1 to 65535; timeouts, counts and sizes are unsigned integers of a fixed width
    /// (`process.timeout` is 0 to 4294967295). MXC's parser rejects a number that does not fit, and
    /// a port outside 1..65535 names no port at all. The help gives the allowed range.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [
    ///    {"to": [{"cidr": "140.82.112.0/20"}], "ports": [{"port": 70000}]}]}}}
    /// ```
    ///
    /// ## What to do
    /// Write a number inside the range; for a span of ports use `port` and `endPort`.
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [
    ///    {"to": [{"cidr": "140.82.112.0/20"}], "ports": [{"port": 443}]}]}}}
    /// ```
    OUT_OF_RANGE = "MX1105", "out-of-range", Error;

    /// An explicit `null` where the exact contract forbids it.
    ///
    /// ## What it means
    /// Production MXC reads `null` as "absent" for optional fields, but the exact contracts of
    /// 0.6.0-alpha, 0.7.0-alpha and 0.8.0-alpha (`--exact`) declare each field with its type only,
    /// so `null` is a value of the wrong type there. Without `--exact` this code is not reported.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --exact
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make", "timeout": null}}
    /// ```
    ///
    /// ## What to do
    /// Omit the field to get its default, or write a value of its type.
    /// ```json
    /// // mxcc --exact
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"}}
    /// ```
    NULL_FORBIDDEN = "MX1106", "null-forbidden", Error;

    /// A string or array that must not be empty is empty.
    ///
    /// ## What it means
    /// Some values mean nothing when empty: a network rule's `to` and `ports` lists (an empty list
    /// matches no peer or no port, which MXC refuses rather than guess), and, in an exact contract,
    /// `process.commandLine`. The label points at the empty value.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [{"to": []}]}}}
    /// ```
    ///
    /// ## What to do
    /// List at least one entry, or omit the field (a rule without `to` matches every peer).
    /// ```json
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"egress": {"default": "deny", "allow": [{"to": [{"cidr": "140.82.112.0/20"}]}]}}}
    /// ```
    EMPTY = "MX1107", "empty-value", Error;

    /// A section is written under both of its names.
    ///
    /// ## What it means
    /// `appContainer` is another name of `processContainer`, and `macos_sandbox` of `seatbelt`. MXC
    /// reads either spelling into the same field, so a config with both gives that field twice and
    /// is refused, as a duplicate key is. The label points at the alias.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "processContainer": {"capabilities": ["internetClient"]},
    ///  "appContainer": {"capabilities": []}}
    /// ```
    ///
    /// ## What to do
    /// Merge the two into one section, preferably under the canonical name.
    /// ```json
    /// // mxcc --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "processContainer": {"capabilities": ["internetClient"]}}
    /// ```
    ALIAS_CONFLICT = "MX1108", "alias-conflict", Error;

    /// A string has a form its field does not allow.
    ///
    /// ## What it means
    /// The exact contracts (`--exact`) constrain some strings by a pattern: an AppContainer
    /// capability name must not contain a comma and must not be one of the reserved learning-mode
    /// names `learningModeLogging` or `permissiveLearningMode` (any case), which would turn
    /// enforcement into logging. Without `--exact` MXC's validation reports the same values as
    /// MX2401 and MX2402.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --exact --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "processContainer": {"capabilities": ["permissiveLearningMode"]}}
    /// ```
    ///
    /// ## What to do
    /// Remove the reserved name, and write one capability per entry.
    /// ```json
    /// // mxcc --exact --platform windows
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "processContainer": {"capabilities": ["internetClient"]}}
    /// ```
    PATTERN = "MX1109", "pattern-mismatch", Error;

    /// An object that takes exactly one of its fields sets none or several.
    ///
    /// ## What it means
    /// The legacy `network.proxy` is one of three kinds: `localhost` (a port), `url` or
    /// `builtinTestServer`. The exact contracts (`--exact`) require exactly one of them. Without
    /// `--exact`, MXC's validation reports the same mistakes as MX2201 and MX2202.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --exact
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"proxy": {"localhost": 8080, "url": "http://127.0.0.1:8080"}}}
    /// ```
    ///
    /// ## What to do
    /// Keep the one kind of proxy you use.
    /// ```json
    /// // mxcc --exact
    /// {"version": "0.8.0-alpha", "process": {"commandLine": "make"},
    ///  "network": {"proxy": {"localhost": 8080}}}
    /// ```
    MEMBER_COUNT = "MX1110", "member-count", Error;

    /// A schema bundled with mxcc failed to compile, which is a bug in mxcc.
    ///
    /// ## What it means
    /// mxcc embeds its JSON Schemas and compiles one the first time a policy needs it. If that
    /// fails, the policy is not checked against a schema at all, so mxcc reports an error at the
    /// start of the file instead of a clean result. No policy causes it: it means the mxcc build
    /// itself is broken.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc check policy.json
    /// error[MX1198]: the bundled 0.9.0-dev schema failed to compile
    ///   = help: this is a bug in mxcc; please report it: <the schema compiler's reason>
    /// ```
    ///
    /// ## What to do
    /// Report it to the mxcc maintainers with the `mxcc --version` output and the reason in the
    /// help; until it is fixed, the schema stage of that version cannot be trusted.
    SCHEMA_BROKEN = "MX1198", "schema-broken", Error;

    /// A schema violation that no more specific code describes.
    ///
    /// ## What it means
    /// Every violation of the bundled schemas is mapped to a specific code (MX1101 to MX1110) by
    /// the kind of rule that failed. This code is the fallback for a rule kind the mapping does not
    /// know; the message names the schema keyword. The bundled schemas use no such keyword today,
    /// so no policy is reported with it.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc check policy.json
    /// error[MX1199]: `network.proxy` violates the `<keyword>` rule of the schema
    ///   = help: <the schema validator's message>
    /// ```
    ///
    /// ## What to do
    /// Read the help, which quotes the validator, and fix the value it names; please also report the
    /// case, so that it gets a code of its own.
    OTHER = "MX1199", "schema-violation", Error;
}
