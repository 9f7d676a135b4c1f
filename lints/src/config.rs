//! `mxcc.toml`: which rules run, at which severity, where, and extra secrets.
//!
//! ```toml
//! select = ["MX30", "MX31"]          # code prefixes or rule names; default: every rule
//! ignore = ["MX3037"]
//! fail-on = "warning"                # the lowest severity that fails `mxcc`; default "error"
//!
//! [severity]
//! MX3005 = "error"                   # "error", "warning" or "info"
//!
//! [per-file-ignores]
//! "corpus/dangerous-*/**" = ["MX3001"]
//!
//! [secrets]
//! paths = ["~/.config/mytool/token"]
//! ```
//!
//! The most specific selector wins: `select = ["MX30"]` with `ignore = ["MX3001"]` runs every
//! MX30xx rule but MX3001; on a tie `ignore` wins. Per-file globs are matched against the
//! checked file's path relative to the directory of `mxcc.toml`, with `/` separators.
//! Suppressions cannot live inside policy files: MXC rejects unknown keys, so a comment or
//! an `x-mxcc-ignore` field would make the policy invalid for MXC itself.
//!
//! The command line adds one more layer ([`Overrides`], `mxcc check --select/--ignore`), read
//! after the file as ruff reads its layers. Without `--select`, `--ignore` switches rules off
//! whatever the file selects. `--select` replaces the file's `select` and `ignore`; next to it,
//! the most specific of `--select` and `--ignore` wins (on a tie `--ignore`).
//! `[per-file-ignores]` and `[severity]` always apply.
//!
//! Problems in the file are diagnostics, never panics: MX0101 (not TOML, or an unknown key),
//! MX0102 (a selector that matches no rule), MX0103 (an unknown severity, also in `fail-on`),
//! MX0104 (an invalid glob), MX0105 (an empty secret path).

use std::collections::BTreeMap;

use globset::{GlobBuilder, GlobMatcher};
use ir::{Code, Diagnostic, Severity, SourceId, Span};
use serde::Deserialize;

use crate::rule::RuleMeta;

pub const CONFIG_SYNTAX: Code = ir::codes::io::CONFIG_SYNTAX;
pub const CONFIG_UNKNOWN_SELECTOR: Code = ir::codes::io::CONFIG_UNKNOWN_SELECTOR;
pub const CONFIG_SEVERITY: Code = ir::codes::io::CONFIG_SEVERITY;
pub const CONFIG_GLOB: Code = ir::codes::io::CONFIG_GLOB;
pub const CONFIG_SECRET_PATH: Code = ir::codes::io::CONFIG_SECRET_PATH;

/// The file name the CLI looks for, upward from the checked file.
pub const FILE_NAME: &str = "mxcc.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Vec<String>>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
    #[serde(default)]
    per_file_ignores: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    secrets: RawSecrets,
    fail_on: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSecrets {
    #[serde(default)]
    paths: Vec<String>,
}

/// A glob and the selectors it ignores.
#[derive(Clone, Debug)]
pub struct PerFileIgnore {
    pub pattern: String,
    matcher: GlobMatcher,
    pub selectors: Vec<String>,
}

/// Extra sensitive locations from the user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Secrets {
    /// Paths as written (`~/...`, absolute, or relative = inside every workspace).
    pub paths: Vec<String>,
}

/// A resolved configuration. The default runs every rule at its default severity.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Empty means every rule.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
    pub per_file_ignores: Vec<PerFileIgnore>,
    pub secrets: Secrets,
    /// `fail-on`: the lowest severity that makes `mxcc` exit 1; `None` means errors only.
    pub fail_on: Option<Severity>,
    /// The command line's layer, read after the file.
    pub overrides: Overrides,
}

/// Rule selection from the command line (`--select`, `--ignore`), applied on top of a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    /// `--select`: when present, it replaces the file's `select` and `ignore`.
    pub select: Option<Vec<String>>,
    /// `--ignore`: rules switched off whatever the file selects; next to `--select`, the more
    /// specific selector wins.
    pub ignore: Vec<String>,
}

/// True when `selector` is `ALL` or names at least one lint rule (a code, a code prefix or a
/// rule name).
pub fn is_known_selector(selector: &str) -> bool {
    selector == "ALL"
        || crate::rules()
            .iter()
            .any(|m| specificity(selector, m).is_some())
}

/// How specifically a selector names a rule: `ALL` < prefix length < exact name.
fn specificity(selector: &str, meta: &RuleMeta) -> Option<usize> {
    if selector == "ALL" {
        Some(0)
    } else if selector == meta.name || selector == meta.code {
        Some(100)
    } else if meta.code.starts_with(selector) && selector.starts_with("MX") {
        Some(selector.len())
    } else {
        None
    }
}

fn best<'a>(selectors: impl IntoIterator<Item = &'a String>, meta: &RuleMeta) -> Option<usize> {
    selectors
        .into_iter()
        .filter_map(|s| specificity(s, meta))
        .max()
}

impl Config {
    /// Parses `mxcc.toml` text. Errors come back as diagnostics in `source`; the returned
    /// configuration keeps every part that was valid.
    pub fn parse(source: SourceId, text: &str) -> (Config, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let raw: RawConfig = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                let span = e.span().map_or(Span::file_start(source), |r| {
                    Span::new(source, r.start, r.end)
                });
                let msg = e.message().lines().next().unwrap_or("").to_owned();
                diags.push(
                    Diagnostic::error(CONFIG_SYNTAX, format!("invalid `{FILE_NAME}`: {msg}"))
                        .with_label(span, "here")
                        .with_help(
                            "the known keys are `select`, `ignore`, `fail-on`, `[severity]`, \
                             `[per-file-ignores]` and `[secrets] paths`; see `mxcc explain` \
                             for rule codes",
                        ),
                );
                return (Config::default(), diags);
            }
        };
        let at = |needle: &str| {
            let quoted = format!("\"{needle}\"");
            text.find(&quoted)
                .map(|i| Span::new(source, i, i + quoted.len()))
                .or_else(|| {
                    text.find(needle)
                        .map(|i| Span::new(source, i, i + needle.len()))
                })
                .unwrap_or(Span::file_start(source))
        };
        let rules = crate::rules();
        let check_selector = |sel: &str, diags: &mut Vec<Diagnostic>| {
            if sel != "ALL" && !rules.iter().any(|m| specificity(sel, m).is_some()) {
                diags.push(
                    Diagnostic::warning(
                        CONFIG_UNKNOWN_SELECTOR,
                        format!("`{sel}` matches no lint rule"),
                    )
                    .with_label(at(sel), "unknown selector")
                    .with_help(
                        "use a code (`MX3001`), a code prefix (`MX30`), a rule name or `ALL`; \
                         `mxcc rules` lists them",
                    ),
                );
            }
        };
        let mut config = Config::default();
        for sel in raw.select.iter().flatten().chain(&raw.ignore) {
            check_selector(sel, &mut diags);
        }
        config.select = raw.select.unwrap_or_default();
        config.ignore = raw.ignore;
        for (code, level) in raw.severity {
            check_selector(&code, &mut diags);
            match Severity::parse(&level) {
                Some(s) => {
                    config.severity.insert(code, s);
                }
                None => diags.push(
                    Diagnostic::error(CONFIG_SEVERITY, format!("`{level}` is not a severity"))
                        .with_label(at(&level), "expected `error`, `warning` or `info`")
                        .with_help("severities are `error`, `warning` and `info`"),
                ),
            }
        }
        if let Some(level) = raw.fail_on {
            match Severity::parse(&level) {
                Some(s) => config.fail_on = Some(s),
                None => diags.push(
                    Diagnostic::error(CONFIG_SEVERITY, format!("`{level}` is not a severity"))
                        .with_label(at(&level), "expected `error`, `warning` or `info`")
                        .with_help(
                            "`fail-on` is the lowest severity that fails `mxcc`: `error`, \
                             `warning` or `info`",
                        ),
                ),
            }
        }
        for (pattern, selectors) in raw.per_file_ignores {
            for sel in &selectors {
                check_selector(sel, &mut diags);
            }
            match GlobBuilder::new(&pattern).literal_separator(true).build() {
                Ok(glob) => config.per_file_ignores.push(PerFileIgnore {
                    matcher: glob.compile_matcher(),
                    pattern,
                    selectors,
                }),
                Err(e) => diags.push(
                    Diagnostic::error(CONFIG_GLOB, format!("`{pattern}` is not a valid glob"))
                        .with_label(at(&pattern), e.kind().to_string())
                        .with_help("globs use `*`, `**`, `?` and `[...]`, matched against paths relative to `mxcc.toml`"),
                ),
            }
        }
        for path in raw.secrets.paths {
            if path.trim().is_empty() {
                diags.push(
                    Diagnostic::error(CONFIG_SECRET_PATH, "an entry of `secrets.paths` is empty")
                        .with_label(at("paths"), "here")
                        .with_help("write a path such as `~/.config/mytool/token`"),
                );
            } else {
                config.secrets.paths.push(path);
            }
        }
        (config, diags)
    }

    /// This configuration with the command line's layer on top.
    pub fn with_overrides(mut self, overrides: &Overrides) -> Config {
        self.overrides = overrides.clone();
        self
    }

    /// True when the rule runs for the file at `path` (relative to `mxcc.toml`).
    pub fn enabled(&self, meta: &RuleMeta, path: Option<&str>) -> bool {
        let (select, ignore) = match &self.overrides.select {
            Some(select) => (select, &self.overrides.ignore),
            None => (&self.select, &self.ignore),
        };
        let selected = if select.is_empty() {
            Some(0)
        } else {
            best(select, meta)
        };
        let Some(selected) = selected else {
            return false;
        };
        if self.overrides.select.is_none() && best(&self.overrides.ignore, meta).is_some() {
            return false;
        }
        let mut ignored = best(ignore, meta);
        if let Some(path) = path {
            for pfi in &self.per_file_ignores {
                if pfi.matcher.is_match(path) {
                    ignored = ignored.max(best(&pfi.selectors, meta));
                }
            }
        }
        ignored.is_none_or(|i| selected > i)
    }

    /// The severity a rule reports at: the most specific override, else its default.
    pub fn severity(&self, meta: &RuleMeta) -> Severity {
        self.severity
            .iter()
            .filter_map(|(sel, sev)| specificity(sel, meta).map(|s| (s, *sev)))
            .max_by_key(|(s, _)| *s)
            .map_or(meta.severity, |(_, sev)| sev)
    }
}
