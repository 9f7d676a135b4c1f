//! The MXC frontend: bytes to a validated, lowered [`ir::Policy`], with diagnostics.
//!
//! Stages, in order: [`syntax`] (span-preserving JSON), [`header`] (version, phase,
//! containment), [`schema`] (this project's JSON Schemas through `jsonschema`), [`validate`]
//! (MXC's cross-field and backend rules) and [`lower`] (to the IR). No stage fails: each
//! returns what it could build plus diagnostics, so editors can show every error at once.

#[cfg(test)]
mod code_docs;
pub mod header;
pub mod lower;
pub mod schema;
pub mod syntax;
pub mod validate;

use ir::{Code, Diagnostic, Platform, Policy, SourceId};

pub use header::Header;
pub use syntax::{Limits, Node};

pub const ROOT_NOT_OBJECT: Code = ir::codes::syntax::ROOT_NOT_OBJECT;

/// How to read a config.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    pub platform: Platform,
    /// Exact-contract mode: exact version strings, no nulls, closed objects.
    pub exact: bool,
    pub limits: Limits,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            platform: Platform::host(),
            exact: false,
            limits: Limits::default(),
        }
    }
}

/// The result of compiling one config.
#[derive(Clone, Debug)]
pub struct Output {
    /// The syntax tree, when the bytes were JSON.
    pub tree: Option<Node>,
    pub header: Option<Header>,
    /// The lowered policy, when the root was an object. It may be partial when
    /// `diagnostics` holds errors.
    pub policy: Option<Policy>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Output {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Runs every frontend stage on one source.
pub fn compile(source: SourceId, bytes: &[u8], options: &Options) -> Output {
    let (tree, diagnostics) = syntax::parse(source, bytes, options.limits);
    compile_tree(source, tree, diagnostics, options)
}

/// Runs the stages after parsing on an already parsed tree (with the parser's diagnostics).
pub fn compile_tree(
    source: SourceId,
    mut tree: Option<Node>,
    mut diagnostics: Vec<Diagnostic>,
    options: &Options,
) -> Output {
    if !options.exact
        && let Some(root) = &mut tree
    {
        schema::desugar_sequence_form(root);
    }
    let Some(root) = tree else {
        return Output {
            tree: None,
            header: None,
            policy: None,
            diagnostics,
        };
    };
    if !root.is_object() {
        diagnostics.push(
            Diagnostic::error(
                ROOT_NOT_OBJECT,
                format!("the config is a JSON {}, not an object", root.kind_name()),
            )
            .with_label(root.span, "expected `{ ... }`")
            .with_help(
                "an MXC config is one JSON object with fields such as `version`, `process` and `filesystem`",
            ),
        );
        return Output {
            tree: Some(root),
            header: None,
            policy: None,
            diagnostics,
        };
    }
    schema::drop_ignored_duplicates(&root, &mut diagnostics);
    let header = header::read(
        &root,
        source,
        options.platform,
        options.exact,
        &mut diagnostics,
    );
    schema::check(&root, &header, &mut diagnostics);
    validate::check(&root, &header, &mut diagnostics);
    let policy = lower::lower(&root, &header, &mut diagnostics);
    ir::diag::sort(&mut diagnostics);
    Output {
        tree: Some(root),
        header: Some(header),
        policy: Some(policy),
        diagnostics,
    }
}

/// The top-level keys of the MXC config language, every version and alias included. Whether a
/// JSON file found in a directory is a config is decided from these (`driver::files::detect`).
pub const ROOT_KEYS: [&str; 19] = [
    "version",
    "containerId",
    "containment",
    "lifecycle",
    "process",
    "filesystem",
    "fallback",
    "network",
    "ui",
    "appContainer",
    "processContainer",
    "lxc",
    "seatbelt",
    "macos_sandbox",
    "runtimeConfig",
    "experimental",
    "phase",
    "sandboxId",
    "correlationVector",
];

/// The platform a config names through a platform-specific containment or backend section,
/// if any. `process`, `vm` and an absent containment name none: they resolve per host.
pub fn implied_platform(root: &Node) -> Option<Platform> {
    let by_containment = root
        .get_present("containment")
        .and_then(Node::as_str)
        .and_then(|c| match c {
            "processcontainer" | "appcontainer" | "windows_sandbox" | "wslc"
            | "isolation_session" | "hyperlight" | "microvm" => Some(Platform::Windows),
            "seatbelt" | "macos_sandbox" => Some(Platform::Macos),
            "lxc" | "bubblewrap" => Some(Platform::Linux),
            _ => None,
        });
    by_containment.or_else(|| {
        let has = |k: &str| root.get_present(k).is_some();
        if has("processContainer") || has("appContainer") {
            Some(Platform::Windows)
        } else if has("seatbelt") || has("macos_sandbox") {
            Some(Platform::Macos)
        } else if has("lxc") {
            Some(Platform::Linux)
        } else {
            let prefix = root
                .get_present("sandboxId")
                .and_then(Node::as_str)?
                .split(':')
                .next()?;
            matches!(prefix, "iso" | "wsb" | "wslc").then_some(Platform::Windows)
        }
    })
}
