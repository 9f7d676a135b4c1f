//! MX0xxx: reading files and configuration, and command-line values.

crate::codes::declare_codes! {
    family: "io";

    /// A file or directory mxcc needs cannot be read or written.
    ///
    /// ## What it means
    /// A path given on the command line does not exist or is not readable, a directory below it
    /// cannot be listed, standard input cannot be read, or `mxcc compile --out` cannot create
    /// its directory or write an artifact. The message carries the operating system's reason.
    /// It is a failure of the run, not a finding: `mxcc` exits with status 2.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc check missing.json
    /// error[MX0001]: cannot read `missing.json`: No such file or directory (os error 2)
    ///   = help: check that the path exists and is readable
    /// ```
    ///
    /// ## What to do
    /// Check the spelling of the path and its permissions, or create the output directory's
    /// parent before `mxcc compile --out`.
    IO_ERROR = "MX0001", "io-error", Error;

    /// A directory given on the command line holds no policy files.
    ///
    /// ## What it means
    /// A directory is searched recursively for `*.json` files, skipping hidden entries, what
    /// `.gitignore` and `.ignore` files ignore, symbolic links, `node_modules` and `target`.
    /// When that search finds nothing, checking the directory would silently pass, so mxcc
    /// reports it and exits with status 2.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc check empty
    /// error[MX0002]: no `*.json` files under `empty`
    ///   = help: pass policy files or directories that contain them; hidden and ignored files, symbolic links, `node_modules` and `target` are not searched
    /// ```
    ///
    /// ## What to do
    /// Pass the directory that holds the policies, or name an ignored or linked policy file
    /// directly: a file named on the command line is always checked.
    NO_POLICIES = "MX0002", "no-policies", Error;

    /// `mxcc schema --version` names a version mxcc has no schema for.
    ///
    /// ## What it means
    /// `mxcc schema` prints the JSON Schema mxcc applies for one MXC schema version. It bundles
    /// one schema per version it knows; for any other version string there is nothing to print,
    /// and the command exits with status 2, listing the versions it knows.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc schema --version 0.5.0
    /// error[MX0003]: no schema for version `0.5.0`
    ///   = help: known versions: 0.6.0-alpha, 0.7.0-alpha, 0.8.0-alpha, 0.9.0-dev
    /// ```
    ///
    /// ## What to do
    /// Pass one of the listed versions exactly as written, e.g.
    /// `mxcc schema --version 0.8.0-alpha`.
    UNKNOWN_SCHEMA_VERSION = "MX0003", "unknown-schema-version", Error;

    /// `mxcc explain` names no diagnostic code or rule.
    ///
    /// ## What it means
    /// `mxcc explain` prints the documentation of any diagnostic code (`MX1101`, `MX3001`,
    /// `MX5003`, any case) or its kebab-case name, from the one code registry. When nothing
    /// matches, it prints this error and exits with status 2.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc explain MX9999
    /// error[MX0004]: no diagnostic code or rule `MX9999`
    ///   = help: `mxcc rules --all` lists every code and name
    /// ```
    ///
    /// ## What to do
    /// Copy the code from the diagnostic (the part in brackets after `error`, `warning` or
    /// `info`), or pick one from the list `mxcc rules --all` prints.
    UNKNOWN_CODE = "MX0004", "unknown-code", Error;

    /// `mxcc compile --target` names no compilation target or group.
    ///
    /// ## What it means
    /// `--target` takes one backend (`landlock`, `seatbelt`, ...) or a group of them (`all-linux`,
    /// `all`). Any other name compiles nothing: mxcc exits with status 2 before reading the
    /// policy and lists every target and group it knows.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --target landlok policy.json
    /// error[MX0005]: unknown target `landlok`
    ///   = help: known targets and groups: landlock, seccomp, bwrap, nftables, seatbelt, appcontainer, firewall, wsb, lxc, all-linux, all-macos, all-windows, all
    /// ```
    ///
    /// ## What to do
    /// Use one of the listed names, e.g. `mxcc compile --target landlock policy.json`.
    UNKNOWN_TARGET = "MX0005", "unknown-target", Error;

    /// `mxcc.toml` is not valid TOML or has a key mxcc does not know.
    ///
    /// ## What it means
    /// The configuration found upward from a checked file could not be read as mxcc's
    /// configuration: a TOML syntax error, a value of the wrong type, or a misspelt key. The
    /// whole file is then ignored (every rule runs at its default severity), so mxcc reports
    /// it as a failure of the run and exits with status 2.
    ///
    /// ## Example
    /// ```text
    /// $ cat mxcc.toml
    /// selct = ["MX30"]
    /// $ mxcc check policy.json
    /// error[MX0101]: invalid `mxcc.toml`: unknown field `selct`, expected one of `select`, `ignore`, `severity`, `per-file-ignores`, `secrets`, `fail-on`
    /// ```
    ///
    /// ## What to do
    /// Fix the key or the syntax at the labelled position. The known keys are `select`,
    /// `ignore`, `fail-on`, `[severity]`, `[per-file-ignores]` and `[secrets] paths`.
    CONFIG_SYNTAX = "MX0101", "config-syntax", Error;

    /// A selector in `mxcc.toml` matches no lint rule.
    ///
    /// ## What it means
    /// `select`, `ignore`, the keys of `[severity]` and the lists of `[per-file-ignores]` name
    /// lint rules by code (`MX3001`), code prefix (`MX30`), name or `ALL`. A selector that
    /// matches nothing, usually a typo, changes nothing: the rule it meant still runs, or
    /// still stays off. It is a warning, so the check goes on.
    ///
    /// ## Example
    /// ```text
    /// $ cat mxcc.toml
    /// ignore = ["MX9"]
    /// $ mxcc check policy.json
    /// warning[MX0102]: `MX9` matches no lint rule
    /// ```
    ///
    /// ## What to do
    /// Spell the selector as `mxcc rules` lists the code or name, or remove it.
    CONFIG_UNKNOWN_SELECTOR = "MX0102", "config-unknown-selector", Warning;

    /// A severity in `mxcc.toml` is not `error`, `warning` or `info`.
    ///
    /// ## What it means
    /// A value in `[severity]` or the value of `fail-on` is not one of the three severities.
    /// The entry is dropped (the rule keeps its default severity, or `fail-on` stays at
    /// `error`), and mxcc exits with status 2.
    ///
    /// ## Example
    /// ```text
    /// $ cat mxcc.toml
    /// [severity]
    /// MX3005 = "fatal"
    /// $ mxcc check policy.json
    /// error[MX0103]: `fatal` is not a severity
    /// ```
    ///
    /// ## What to do
    /// Write `"error"`, `"warning"` or `"info"`, e.g. `MX3005 = "error"`.
    CONFIG_SEVERITY = "MX0103", "config-severity", Error;

    /// A glob in `[per-file-ignores]` of `mxcc.toml` is invalid.
    ///
    /// ## What it means
    /// Each key of `[per-file-ignores]` is a glob matched against the checked file's path
    /// relative to `mxcc.toml`. A glob that does not parse (an unclosed `[`, a misplaced `**`)
    /// matches no file, so its rules would never be ignored; mxcc drops it and exits with
    /// status 2. The label gives the parser's reason.
    ///
    /// ## Example
    /// ```text
    /// $ cat mxcc.toml
    /// [per-file-ignores]
    /// "corpus/[abc/*.json" = ["MX3001"]
    /// $ mxcc check policy.json
    /// error[MX0104]: `corpus/[abc/*.json` is not a valid glob
    /// ```
    ///
    /// ## What to do
    /// Close the character class or escape the bracket: `"corpus/[abc]/*.json"`.
    CONFIG_GLOB = "MX0104", "config-glob", Error;

    /// An entry of `secrets.paths` in `mxcc.toml` is empty.
    ///
    /// ## What it means
    /// `[secrets] paths` adds locations the lints and proofs treat as secrets. An empty or
    /// blank entry names no location; it is dropped, and mxcc exits with status 2 so that a
    /// lost entry is noticed.
    ///
    /// ## Example
    /// ```text
    /// $ cat mxcc.toml
    /// [secrets]
    /// paths = ["~/.token", " "]
    /// $ mxcc check policy.json
    /// error[MX0105]: an entry of `secrets.paths` is empty
    /// ```
    ///
    /// ## What to do
    /// Remove the entry or write the path, e.g. `"~/.config/mytool/token"`: absolute,
    /// home-relative, or relative (inside every workspace).
    CONFIG_SECRET_PATH = "MX0105", "config-secret-path", Error;
}
