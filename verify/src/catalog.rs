//! The built-in secrets catalogue: paths and addresses a sandboxed agent should never reach.
//!
//! This is data. `secrets` in a properties file expands to one property per entry that applies
//! to the policy's platform.

use ir::Platform;

/// What a catalogue entry protects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Secret {
    /// A path (subtree) that must never be read or written.
    Path(&'static str),
    /// A file name that must never be read anywhere (a basename pattern).
    Basename(&'static str),
    /// An address block that must never be reached.
    Egress(&'static str),
}

/// One catalogue entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: &'static str,
    pub secret: Secret,
    /// The platforms the entry applies to.
    pub platforms: &'static [Platform],
}

const ALL: &[Platform] = &[Platform::Linux, Platform::Macos, Platform::Windows];
const UNIX: &[Platform] = &[Platform::Linux, Platform::Macos];
const LINUX: &[Platform] = &[Platform::Linux];
const MACOS: &[Platform] = &[Platform::Macos];
const WINDOWS: &[Platform] = &[Platform::Windows];

pub const CATALOG: &[Entry] = &[
    Entry {
        name: "ssh keys",
        secret: Secret::Path("~/.ssh"),
        platforms: ALL,
    },
    Entry {
        name: "aws credentials",
        secret: Secret::Path("~/.aws"),
        platforms: ALL,
    },
    Entry {
        name: "gnupg keyring",
        secret: Secret::Path("~/.gnupg"),
        platforms: ALL,
    },
    Entry {
        name: "kubernetes config",
        secret: Secret::Path("~/.kube"),
        platforms: ALL,
    },
    Entry {
        name: "docker credentials",
        secret: Secret::Path("~/.docker/config.json"),
        platforms: ALL,
    },
    Entry {
        name: "github cli token",
        secret: Secret::Path("~/.config/gh"),
        platforms: UNIX,
    },
    Entry {
        name: "azure cli tokens",
        secret: Secret::Path("~/.azure"),
        platforms: ALL,
    },
    Entry {
        name: "gcloud credentials",
        secret: Secret::Path("~/.config/gcloud"),
        platforms: UNIX,
    },
    Entry {
        name: "dotenv files",
        secret: Secret::Basename(".env"),
        platforms: ALL,
    },
    Entry {
        name: "firefox profiles",
        secret: Secret::Path("~/.mozilla"),
        platforms: LINUX,
    },
    Entry {
        name: "chrome profiles",
        secret: Secret::Path("~/.config/google-chrome"),
        platforms: LINUX,
    },
    Entry {
        name: "chromium profiles",
        secret: Secret::Path("~/.config/chromium"),
        platforms: LINUX,
    },
    Entry {
        name: "chrome profiles",
        secret: Secret::Path("~/Library/Application Support/Google/Chrome"),
        platforms: MACOS,
    },
    Entry {
        name: "firefox profiles",
        secret: Secret::Path("~/Library/Application Support/Firefox"),
        platforms: MACOS,
    },
    Entry {
        name: "macos keychains",
        secret: Secret::Path("~/Library/Keychains"),
        platforms: MACOS,
    },
    Entry {
        name: "gnome keyring",
        secret: Secret::Path("~/.local/share/keyrings"),
        platforms: LINUX,
    },
    Entry {
        name: "shadow passwords",
        secret: Secret::Path("/etc/shadow"),
        platforms: UNIX,
    },
    Entry {
        name: "chrome profiles",
        secret: Secret::Path(r"~\AppData\Local\Google\Chrome\User Data"),
        platforms: WINDOWS,
    },
    Entry {
        name: "windows credential manager",
        secret: Secret::Path(r"~\AppData\Roaming\Microsoft\Credentials"),
        platforms: WINDOWS,
    },
    Entry {
        name: "windows credential manager",
        secret: Secret::Path(r"~\AppData\Local\Microsoft\Credentials"),
        platforms: WINDOWS,
    },
    Entry {
        name: "windows dpapi master keys",
        secret: Secret::Path(r"~\AppData\Roaming\Microsoft\Protect"),
        platforms: WINDOWS,
    },
    Entry {
        name: "cloud metadata service",
        secret: Secret::Egress("169.254.169.254/32"),
        platforms: ALL,
    },
    Entry {
        name: "cloud metadata service (ipv6)",
        secret: Secret::Egress("fd00:ec2::254/128"),
        platforms: ALL,
    },
];

/// The entries that apply to a platform.
pub fn for_platform(platform: Platform) -> impl Iterator<Item = &'static Entry> {
    CATALOG
        .iter()
        .filter(move |e| e.platforms.contains(&platform))
}
