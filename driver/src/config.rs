//! `mxcc.toml`: found upward from each checked file, or given with `--config`; parsed once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ir::{Diagnostic, SourceFile, SourceId};

/// The file name searched for.
pub const FILE_NAME: &str = lints::config::FILE_NAME;

/// A parsed configuration file.
#[derive(Clone, Debug)]
pub struct LoadedConfig {
    pub path: PathBuf,
    pub source: SourceFile,
    pub source_id: SourceId,
    pub config: lints::Config,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadedConfig {
    /// The directory paths in `per-file-ignores` are relative to.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }
}

/// The nearest `mxcc.toml` in the file's directory or an ancestor.
pub fn discover(file: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(file).ok()?;
    let mut dir = absolute.parent();
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// Loads every configuration file once; ids are assigned from `first_id` upwards.
pub fn load_all(
    paths: impl IntoIterator<Item = PathBuf>,
    first_id: u32,
) -> BTreeMap<PathBuf, LoadedConfig> {
    let mut out = BTreeMap::new();
    let mut next = first_id;
    for path in paths {
        if out.contains_key(&path) {
            continue;
        }
        let id = SourceId(next);
        next = next.saturating_add(1);
        let (text, diagnostics, config) = match std::fs::read_to_string(&path) {
            Ok(text) => {
                let (config, diags) = lints::Config::parse(id, &text);
                (text, diags, config)
            }
            Err(e) => {
                let d = crate::files::io_error(&path, &e).diagnostic;
                (String::new(), vec![d], lints::Config::default())
            }
        };
        let source = SourceFile::new(path.display().to_string(), text);
        out.insert(
            path.clone(),
            LoadedConfig {
                path,
                source,
                source_id: id,
                config,
                diagnostics,
            },
        );
    }
    out
}

/// The checked file's path relative to the configuration's directory, with `/` separators.
pub fn relative(file: &Path, config: &LoadedConfig) -> Option<String> {
    let file = std::path::absolute(file).ok()?;
    let dir = std::path::absolute(config.dir()).ok()?;
    let rel = file.strip_prefix(dir).ok()?;
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}
