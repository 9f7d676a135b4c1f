//! The header of a config: schema version, state-aware phase and containment, resolved first
//! because every later stage depends on them.

use ir::policy::Containment;
use ir::{Backend, Code, Diagnostic, Phase, Platform, SchemaVersion, SourceId, Span, Spanned};

use crate::syntax::Node;

pub const INVALID_VERSION: Code = ir::codes::validation::INVALID_VERSION;
pub const VERSION_TOO_OLD: Code = ir::codes::validation::VERSION_TOO_OLD;
pub const VERSION_TOO_NEW: Code = ir::codes::validation::VERSION_TOO_NEW;
pub const MISSING_VERSION: Code = ir::codes::validation::MISSING_VERSION;
pub const UNSUPPORTED_EXACT_VERSION: Code = ir::codes::validation::UNSUPPORTED_EXACT_VERSION;

/// The versions the exact contracts accept, byte for byte.
pub const EXACT_VERSIONS: [&str; 3] = ["0.6.0-alpha", "0.7.0-alpha", "0.8.0-alpha"];

/// Everything later stages need to know before looking at the body of a config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub source: SourceId,
    pub platform: Platform,
    /// Exact-contract mode (`--exact`).
    pub exact: bool,
    /// The parsed version, when present and well-formed.
    pub version: Option<SchemaVersion>,
    pub phase: Option<Spanned<Phase>>,
    pub containment: Containment,
}

impl Header {
    /// True when the config is at least `major.minor`; an absent version counts as legacy.
    pub fn version_at_least(&self, major: u64, minor: u64) -> bool {
        self.version
            .as_ref()
            .is_some_and(|v| v.at_least(major, minor))
    }

    pub fn backend(&self) -> Backend {
        self.containment.backend
    }

    pub fn is_state_aware(&self) -> bool {
        self.phase.is_some()
    }
}

/// Reads the header fields of the root object and reports version problems.
pub fn read(
    root: &Node,
    source: SourceId,
    platform: Platform,
    exact: bool,
    diags: &mut Vec<Diagnostic>,
) -> Header {
    let version = read_version(root, source, exact, diags);
    let phase = root.get_present("phase").and_then(|n| {
        let phase = match n.as_str()? {
            "provision" => Phase::Provision,
            "start" => Phase::Start,
            "exec" => Phase::Exec,
            "stop" => Phase::Stop,
            "deprovision" => Phase::Deprovision,
            _ => return None,
        };
        Some(Spanned::new(phase, n.span))
    });
    let requested = root
        .get_present("containment")
        .and_then(|n| Some(Spanned::new(n.as_str()?.to_owned(), n.span)));
    let sandbox_prefix = root
        .get_present("sandboxId")
        .and_then(Node::as_str)
        .and_then(|s| s.split_once(':'))
        .map(|(prefix, _)| prefix.to_owned());
    let backend = resolve_backend(
        requested.as_ref().map(|r| r.value.as_str()),
        sandbox_prefix.as_deref(),
        platform,
    );
    Header {
        source,
        platform,
        exact,
        version,
        phase,
        containment: Containment { requested, backend },
    }
}

/// Resolves `containment` as MXC does (`models.rs`): `process` and an omitted value mean the
/// platform's default backend; state-aware ids carry their backend in the prefix.
pub fn resolve_backend(
    containment: Option<&str>,
    sandbox_prefix: Option<&str>,
    platform: Platform,
) -> Backend {
    let default = match platform {
        Platform::Linux => Backend::Bubblewrap,
        Platform::Macos => Backend::Seatbelt,
        Platform::Windows => Backend::ProcessContainer,
    };
    match containment {
        None => match sandbox_prefix {
            Some("iso") => Backend::IsolationSession,
            Some("wsb") => Backend::WindowsSandbox,
            Some("wslc") => Backend::Wslc,
            _ => default,
        },
        Some("processcontainer" | "appcontainer") => Backend::ProcessContainer,
        Some("bubblewrap") => Backend::Bubblewrap,
        Some("lxc") => Backend::Lxc,
        Some("seatbelt" | "macos_sandbox") => Backend::Seatbelt,
        Some("vm") if platform == Platform::Windows => Backend::WindowsSandbox,
        Some("vm") => Backend::Vm,
        Some("windows_sandbox") => Backend::WindowsSandbox,
        Some("microvm") => Backend::MicroVm,
        Some("hyperlight") => Backend::Hyperlight,
        Some("wslc") => Backend::Wslc,
        Some("isolation_session") => Backend::IsolationSession,
        // `process` and unknown values (already reported by the schema stage).
        Some(_) => default,
    }
}

fn read_version(
    root: &Node,
    source: SourceId,
    exact: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<SchemaVersion> {
    let Some(node) = root.get("version") else {
        if exact {
            diags.push(
                Diagnostic::error(MISSING_VERSION, "missing `version`")
                    .with_label(Span::new(source, root.span.start as usize, root.span.start as usize + 1), "this config has no `version`")
                    .with_help(format!(
                        "exact-contract mode needs one of {}; production MXC assumes a compatible version when it is absent",
                        quoted_list(&EXACT_VERSIONS)
                    )),
            );
        }
        return None;
    };
    // A non-string `version` is a schema error reported by the schema stage.
    let raw = node.as_str()?;
    if raw.is_empty() && !exact {
        // The production parser treats an empty version as "assumed compatible".
        return None;
    }
    if exact && !EXACT_VERSIONS.contains(&raw) {
        diags.push(
            Diagnostic::error(UNSUPPORTED_EXACT_VERSION, format!("unsupported version `{raw}`"))
                .with_label(node.span, "not an exact contract version")
                .with_help(format!(
                    "exact-contract mode accepts exactly {}; drop `--exact` to check as production MXC does",
                    quoted_list(&EXACT_VERSIONS)
                )),
        );
    }
    let Some(version) = parse_semver(raw, node.span) else {
        diags.push(
            Diagnostic::error(INVALID_VERSION, format!("invalid schema version `{raw}`"))
                .with_label(node.span, "not a semantic version")
                .with_help("write the version as `X.Y.Z` or `X.Y.Z-alpha`, e.g. `0.8.0-alpha`"),
        );
        return None;
    };
    if (version.major, version.minor) < (0, 6) {
        diags.push(
            Diagnostic::error(
                VERSION_TOO_OLD,
                format!("config schema version `{raw}` is older than supported"),
            )
            .with_label(node.span, "supported: >=0.6, <=0.9")
            .with_help("update the config to schema 0.6 or later"),
        );
    } else if (version.major, version.minor) > (0, 9) {
        diags.push(
            Diagnostic::error(
                VERSION_TOO_NEW,
                format!("config schema version `{raw}` is newer than supported"),
            )
            .with_label(node.span, "supported: >=0.6, <=0.9")
            .with_help("this mxcc knows MXC schemas up to 0.9; upgrade mxcc"),
        );
    }
    Some(version)
}

fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parses a version as MXC does, with `semver::Version::parse`: `X.Y.Z` without leading zeros,
/// an optional `-pre` whose numeric identifiers have no leading zeros either, and an optional
/// `+build` of non-empty dot-separated identifiers.
pub fn parse_semver(raw: &str, span: Span) -> Option<SchemaVersion> {
    let version = semver::Version::parse(raw).ok()?;
    Some(SchemaVersion {
        raw: raw.to_owned(),
        major: version.major,
        minor: version.minor,
        patch: version.patch,
        pre: (!version.pre.is_empty()).then(|| version.pre.as_str().to_owned()),
        span,
    })
}
