//! The host platform a policy is checked for, and how that platform spells paths.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Platform {
    Linux,
    Macos,
    Windows,
}

impl Platform {
    /// The platform this binary was built for; other hosts fall back to Linux semantics.
    pub fn host() -> Platform {
        if cfg!(target_os = "windows") {
            Platform::Windows
        } else if cfg!(target_os = "macos") {
            Platform::Macos
        } else {
            Platform::Linux
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Linux => "linux",
            Platform::Macos => "macos",
            Platform::Windows => "windows",
        }
    }

    pub fn parse(s: &str) -> Option<Platform> {
        match s {
            "linux" => Some(Platform::Linux),
            "macos" | "darwin" => Some(Platform::Macos),
            "windows" => Some(Platform::Windows),
            _ => None,
        }
    }

    /// How paths are written and compared on this platform.
    pub fn path_style(self) -> PathStyle {
        match self {
            Platform::Linux => PathStyle {
                windows: false,
                case_insensitive: false,
                macos: false,
            },
            // APFS and HFS+ volumes are case-insensitive by default.
            Platform::Macos => PathStyle {
                windows: false,
                case_insensitive: true,
                macos: true,
            },
            Platform::Windows => PathStyle {
                windows: true,
                case_insensitive: true,
                macos: false,
            },
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Path syntax and comparison rules of one platform family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PathStyle {
    /// Windows syntax: drive letters, UNC, `\` separators, `%VAR%`.
    pub windows: bool,
    /// Components compare case-insensitively.
    pub case_insensitive: bool,
    /// macOS: `/tmp`, `/etc` and `/var` live under `/private`.
    pub macos: bool,
}
