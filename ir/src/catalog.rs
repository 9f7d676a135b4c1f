//! The built-in catalogue of sensitive locations, shared by the lints and the verifier.
//!
//! Two families of entries matter for a sandbox policy:
//! - secrets, which a sandboxed process must not read (`~/.ssh`, cloud credentials, keychains);
//! - persistence targets, files that run later *outside* the sandbox when the sandbox may
//!   write them (git hooks, shell start-up files, editor and agent configuration, `PATH`
//!   directories).
//!
//! Entries are data. An entry is anchored either at a fixed root (`/etc/shadow`), at the
//! user's home directory (the symbolic [`Root::Home`]), or inside every workspace of the
//! policy ([`Anchor::Workspace`], for per-repository entries such as `.git/hooks`). A
//! workspace is the `process.cwd`, or a directory holding one of these per-repository names
//! in a path the policy lists; the lints define it precisely (rule MX3040).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::net::Cidr;
use crate::path::{CanonPath, Root};
use crate::platform::Platform;

/// Why a location is sensitive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Credentials and private data: reading them is the harm.
    Secret,
    /// Files executed or loaded later outside the sandbox: writing them is the harm.
    Persistence(Persistence),
    /// AF_UNIX sockets of host daemons: connecting to them escapes the sandbox.
    Socket,
    /// The shared temporary directory of the host.
    TempRoot,
    /// The directory holding every user's profile (`/home`, `C:\Users`).
    ProfilesRoot,
}

/// What kind of persistence target an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Persistence {
    /// Git hooks and configuration, run by the next `git` command on the host.
    Git,
    /// Editor and IDE workspace settings (tasks, launch configurations, extensions).
    Editor,
    /// Coding-agent configuration (MCP servers, hooks, allowed commands).
    Agent,
    /// Shell start-up files and login items.
    ShellStartup,
    /// A directory on the user's `PATH`.
    PathDir,
}

impl Persistence {
    pub fn as_str(self) -> &'static str {
        match self {
            Persistence::Git => "git",
            Persistence::Editor => "editor",
            Persistence::Agent => "agent",
            Persistence::ShellStartup => "shell-startup",
            Persistence::PathDir => "path-dir",
        }
    }
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Secret => "secret",
            Kind::Persistence(p) => p.as_str(),
            Kind::Socket => "socket",
            Kind::TempRoot => "temp-root",
            Kind::ProfilesRoot => "profiles-root",
        }
    }
}

/// Where an entry's components start.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Anchor {
    /// A fixed root such as `/` or `C:\`.
    Root(Root),
    /// The user's home directory.
    Home,
    /// Every workspace of the policy (the `process.cwd`, or a directory holding a
    /// per-workspace name in a path the policy lists), not every granted directory.
    Workspace,
}

/// One catalogue entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// A short stable identifier, e.g. `ssh`.
    pub id: &'static str,
    pub kind: Kind,
    pub anchor: Anchor,
    /// Components below the anchor, spelled as on disk.
    pub parts: &'static [&'static str],
    /// The platforms where the entry exists.
    pub platforms: &'static [Platform],
    /// One short phrase for messages.
    pub what: &'static str,
}

const ALL: &[Platform] = &[Platform::Linux, Platform::Macos, Platform::Windows];
const POSIX: &[Platform] = &[Platform::Linux, Platform::Macos];
const LINUX: &[Platform] = &[Platform::Linux];
const MACOS: &[Platform] = &[Platform::Macos];
const WINDOWS: &[Platform] = &[Platform::Windows];

const fn home(
    id: &'static str,
    kind: Kind,
    parts: &'static [&'static str],
    platforms: &'static [Platform],
    what: &'static str,
) -> Entry {
    Entry {
        id,
        kind,
        anchor: Anchor::Home,
        parts,
        platforms,
        what,
    }
}

const fn posix(
    id: &'static str,
    kind: Kind,
    parts: &'static [&'static str],
    platforms: &'static [Platform],
    what: &'static str,
) -> Entry {
    Entry {
        id,
        kind,
        anchor: Anchor::Root(Root::Posix),
        parts,
        platforms,
        what,
    }
}

const fn drive_c(
    id: &'static str,
    kind: Kind,
    parts: &'static [&'static str],
    what: &'static str,
) -> Entry {
    Entry {
        id,
        kind,
        anchor: Anchor::Root(Root::Drive('C')),
        parts,
        platforms: WINDOWS,
        what,
    }
}

const fn workspace(
    id: &'static str,
    kind: Kind,
    parts: &'static [&'static str],
    what: &'static str,
) -> Entry {
    Entry {
        id,
        kind,
        anchor: Anchor::Workspace,
        parts,
        platforms: ALL,
        what,
    }
}

const SECRET: Kind = Kind::Secret;
const GIT: Kind = Kind::Persistence(Persistence::Git);
const EDITOR: Kind = Kind::Persistence(Persistence::Editor);
const AGENT: Kind = Kind::Persistence(Persistence::Agent);
const SHELL: Kind = Kind::Persistence(Persistence::ShellStartup);
const PATH_DIR: Kind = Kind::Persistence(Persistence::PathDir);

/// The built-in entries, in a stable order.
pub static BUILTIN: &[Entry] = &[
    // Secrets in the home directory.
    home("ssh", SECRET, &[".ssh"], ALL, "SSH keys"),
    home("aws", SECRET, &[".aws"], ALL, "AWS credentials"),
    home("azure", SECRET, &[".azure"], ALL, "Azure CLI tokens"),
    home(
        "gcloud",
        SECRET,
        &[".config", "gcloud"],
        POSIX,
        "Google Cloud credentials",
    ),
    home("gnupg", SECRET, &[".gnupg"], ALL, "GnuPG keys"),
    home("kube", SECRET, &[".kube"], ALL, "Kubernetes credentials"),
    home(
        "docker",
        SECRET,
        &[".docker", "config.json"],
        ALL,
        "Docker registry credentials",
    ),
    home("gh", SECRET, &[".config", "gh"], POSIX, "GitHub CLI tokens"),
    home(
        "git-credentials",
        SECRET,
        &[".git-credentials"],
        ALL,
        "stored git credentials",
    ),
    home("netrc", SECRET, &[".netrc"], POSIX, "netrc passwords"),
    home("npmrc", SECRET, &[".npmrc"], ALL, "npm tokens"),
    home("pypirc", SECRET, &[".pypirc"], ALL, "PyPI tokens"),
    home(
        "cargo-credentials",
        SECRET,
        &[".cargo", "credentials.toml"],
        ALL,
        "crates.io tokens",
    ),
    home(
        "chrome",
        SECRET,
        &[".config", "google-chrome"],
        LINUX,
        "Chrome profile",
    ),
    home(
        "chromium",
        SECRET,
        &[".config", "chromium"],
        LINUX,
        "Chromium profile",
    ),
    home("firefox", SECRET, &[".mozilla"], LINUX, "Firefox profile"),
    home(
        "keyrings",
        SECRET,
        &[".local", "share", "keyrings"],
        LINUX,
        "GNOME keyrings",
    ),
    home(
        "keychains",
        SECRET,
        &["Library", "Keychains"],
        MACOS,
        "macOS keychains",
    ),
    home(
        "chrome-macos",
        SECRET,
        &["Library", "Application Support", "Google", "Chrome"],
        MACOS,
        "Chrome profile",
    ),
    home(
        "firefox-macos",
        SECRET,
        &["Library", "Application Support", "Firefox"],
        MACOS,
        "Firefox profile",
    ),
    home(
        "safari",
        SECRET,
        &["Library", "Safari"],
        MACOS,
        "Safari profile",
    ),
    home(
        "credentials-windows",
        SECRET,
        &["AppData", "Roaming", "Microsoft", "Credentials"],
        WINDOWS,
        "Windows credential store",
    ),
    home(
        "credentials-local-windows",
        SECRET,
        &["AppData", "Local", "Microsoft", "Credentials"],
        WINDOWS,
        "Windows credential store",
    ),
    home(
        "protect-windows",
        SECRET,
        &["AppData", "Roaming", "Microsoft", "Protect"],
        WINDOWS,
        "DPAPI master keys",
    ),
    home(
        "vault-windows",
        SECRET,
        &["AppData", "Local", "Microsoft", "Vault"],
        WINDOWS,
        "Windows vault",
    ),
    home(
        "chrome-windows",
        SECRET,
        &["AppData", "Local", "Google", "Chrome", "User Data"],
        WINDOWS,
        "Chrome profile",
    ),
    home(
        "edge-windows",
        SECRET,
        &["AppData", "Local", "Microsoft", "Edge", "User Data"],
        WINDOWS,
        "Edge profile",
    ),
    home(
        "firefox-windows",
        SECRET,
        &["AppData", "Roaming", "Mozilla", "Firefox"],
        WINDOWS,
        "Firefox profile",
    ),
    // System secrets.
    posix(
        "shadow",
        SECRET,
        &["etc", "shadow"],
        LINUX,
        "password hashes",
    ),
    posix(
        "gshadow",
        SECRET,
        &["etc", "gshadow"],
        LINUX,
        "group password hashes",
    ),
    posix(
        "sudoers",
        SECRET,
        &["etc", "sudoers"],
        LINUX,
        "sudo configuration",
    ),
    posix(
        "ssh-host-keys",
        SECRET,
        &["etc", "ssh"],
        LINUX,
        "SSH host keys",
    ),
    posix(
        "master-passwd",
        SECRET,
        &["private", "etc", "master.passwd"],
        MACOS,
        "password hashes",
    ),
    posix(
        "system-keychains",
        SECRET,
        &["Library", "Keychains"],
        MACOS,
        "system keychains",
    ),
    drive_c(
        "sam",
        SECRET,
        &["Windows", "System32", "config"],
        "registry hives with password hashes",
    ),
    // Secrets in every workspace.
    workspace("dotenv", SECRET, &[".env"], "`.env` secrets"),
    workspace(
        "dotenv-local",
        SECRET,
        &[".env.local"],
        "`.env.local` secrets",
    ),
    // Persistence targets in every workspace.
    workspace("git-hooks", GIT, &[".git", "hooks"], "git hooks"),
    workspace("git-config", GIT, &[".git", "config"], "git configuration"),
    workspace(
        "gitmodules",
        GIT,
        &[".gitmodules"],
        "git submodule configuration",
    ),
    workspace("vscode", EDITOR, &[".vscode"], "VS Code workspace settings"),
    workspace("idea", EDITOR, &[".idea"], "JetBrains project settings"),
    workspace(
        "mcp-json",
        AGENT,
        &[".mcp.json"],
        "MCP server configuration",
    ),
    workspace("claude", AGENT, &[".claude"], "Claude Code configuration"),
    workspace("codex", AGENT, &[".codex"], "Codex configuration"),
    workspace("agents", AGENT, &[".agents"], "agent configuration"),
    workspace("cursor", AGENT, &[".cursor"], "Cursor configuration"),
    workspace("envrc", SHELL, &[".envrc"], "direnv script"),
    // Persistence targets in the home directory.
    home("bashrc", SHELL, &[".bashrc"], POSIX, "bash start-up file"),
    home(
        "bash-profile",
        SHELL,
        &[".bash_profile"],
        POSIX,
        "bash login file",
    ),
    home("profile", SHELL, &[".profile"], POSIX, "login shell file"),
    home("zshrc", SHELL, &[".zshrc"], POSIX, "zsh start-up file"),
    home("zprofile", SHELL, &[".zprofile"], POSIX, "zsh login file"),
    home("zshenv", SHELL, &[".zshenv"], POSIX, "zsh environment file"),
    home(
        "fish-config",
        SHELL,
        &[".config", "fish"],
        POSIX,
        "fish configuration",
    ),
    home(
        "autostart",
        SHELL,
        &[".config", "autostart"],
        LINUX,
        "desktop autostart entries",
    ),
    home(
        "systemd-user",
        SHELL,
        &[".config", "systemd", "user"],
        LINUX,
        "systemd user units",
    ),
    home(
        "launch-agents",
        SHELL,
        &["Library", "LaunchAgents"],
        MACOS,
        "launchd agents",
    ),
    home(
        "gitconfig",
        GIT,
        &[".gitconfig"],
        ALL,
        "global git configuration",
    ),
    home(
        "git-config-dir",
        GIT,
        &[".config", "git"],
        POSIX,
        "global git configuration",
    ),
    home(
        "ssh-config",
        SHELL,
        &[".ssh", "config"],
        ALL,
        "SSH client configuration",
    ),
    home(
        "powershell-profile",
        SHELL,
        &["Documents", "PowerShell"],
        WINDOWS,
        "PowerShell profiles",
    ),
    home(
        "windows-powershell-profile",
        SHELL,
        &["Documents", "WindowsPowerShell"],
        WINDOWS,
        "Windows PowerShell profiles",
    ),
    home(
        "startup-folder",
        SHELL,
        &[
            "AppData",
            "Roaming",
            "Microsoft",
            "Windows",
            "Start Menu",
            "Programs",
            "Startup",
        ],
        WINDOWS,
        "Startup folder",
    ),
    home(
        "claude-home",
        AGENT,
        &[".claude"],
        ALL,
        "Claude Code user configuration",
    ),
    home(
        "codex-home",
        AGENT,
        &[".codex"],
        ALL,
        "Codex user configuration",
    ),
    home(
        "vscode-home",
        EDITOR,
        &[".vscode"],
        ALL,
        "VS Code user extensions",
    ),
    // `PATH` directories.
    home(
        "local-bin",
        PATH_DIR,
        &[".local", "bin"],
        POSIX,
        "user `PATH` directory",
    ),
    home(
        "home-bin",
        PATH_DIR,
        &["bin"],
        POSIX,
        "user `PATH` directory",
    ),
    home(
        "cargo-bin",
        PATH_DIR,
        &[".cargo", "bin"],
        ALL,
        "cargo `PATH` directory",
    ),
    home(
        "go-bin",
        PATH_DIR,
        &["go", "bin"],
        ALL,
        "Go `PATH` directory",
    ),
    home(
        "windows-apps",
        PATH_DIR,
        &["AppData", "Local", "Microsoft", "WindowsApps"],
        WINDOWS,
        "user `PATH` directory",
    ),
    home(
        "local-programs",
        PATH_DIR,
        &["AppData", "Local", "Programs"],
        WINDOWS,
        "per-user program directory",
    ),
    posix(
        "usr-local-bin",
        PATH_DIR,
        &["usr", "local", "bin"],
        POSIX,
        "`PATH` directory",
    ),
    posix(
        "usr-bin",
        PATH_DIR,
        &["usr", "bin"],
        POSIX,
        "`PATH` directory",
    ),
    posix("bin", PATH_DIR, &["bin"], POSIX, "`PATH` directory"),
    posix(
        "homebrew-bin",
        PATH_DIR,
        &["opt", "homebrew", "bin"],
        MACOS,
        "Homebrew `PATH` directory",
    ),
    drive_c(
        "windows-dir",
        PATH_DIR,
        &["Windows"],
        "Windows system directory",
    ),
    drive_c(
        "program-files",
        PATH_DIR,
        &["Program Files"],
        "program directory",
    ),
    // Host daemon sockets.
    posix(
        "docker-sock",
        Kind::Socket,
        &["var", "run", "docker.sock"],
        POSIX,
        "Docker socket",
    ),
    home(
        "docker-desktop-sock",
        Kind::Socket,
        &[".docker", "run"],
        MACOS,
        "Docker socket",
    ),
    home(
        "gpg-agent-sock",
        Kind::Socket,
        &[".gnupg"],
        POSIX,
        "gpg-agent socket",
    ),
    posix(
        "launchd-sockets",
        Kind::Socket,
        &["private", "tmp"],
        MACOS,
        "launchd sockets (ssh-agent)",
    ),
    posix(
        "per-user-folders",
        Kind::Socket,
        &["private", "var", "folders"],
        MACOS,
        "per-user sockets",
    ),
    // Shared roots.
    posix(
        "tmp",
        Kind::TempRoot,
        &["tmp"],
        POSIX,
        "temporary directory",
    ),
    posix(
        "var-tmp",
        Kind::TempRoot,
        &["var", "tmp"],
        POSIX,
        "temporary directory",
    ),
    posix(
        "private-var-folders",
        Kind::TempRoot,
        &["private", "var", "folders"],
        MACOS,
        "per-user temporary directories",
    ),
    drive_c(
        "windows-temp",
        Kind::TempRoot,
        &["Windows", "Temp"],
        "temporary directory",
    ),
    home(
        "local-temp",
        Kind::TempRoot,
        &["AppData", "Local", "Temp"],
        WINDOWS,
        "temporary directory",
    ),
    Entry {
        id: "temp",
        kind: Kind::TempRoot,
        anchor: Anchor::Root(Root::Temp),
        parts: &[],
        platforms: ALL,
        what: "temporary directory",
    },
    posix(
        "home",
        Kind::ProfilesRoot,
        &["home"],
        LINUX,
        "user profiles",
    ),
    posix(
        "users",
        Kind::ProfilesRoot,
        &["Users"],
        MACOS,
        "user profiles",
    ),
    drive_c(
        "users-windows",
        Kind::ProfilesRoot,
        &["Users"],
        "user profiles",
    ),
];

impl Entry {
    /// True when the entry exists on the platform.
    pub fn applies_to(&self, platform: Platform) -> bool {
        self.platforms.contains(&platform)
    }

    /// The canonical path for a fixed or home anchor; `None` for workspace entries.
    ///
    /// On macOS `/tmp`, `/etc` and `/var` are aliases of `/private/...`, so the entries are
    /// written with `/private` there and canonicalised the same way as policy paths.
    pub fn path(&self, platform: Platform) -> Option<CanonPath> {
        let style = platform.path_style();
        let root = match &self.anchor {
            Anchor::Root(root) => root.clone(),
            Anchor::Home => Root::Home,
            Anchor::Workspace => return None,
        };
        let mut parts: Vec<String> = self.parts.iter().map(|p| (*p).to_owned()).collect();
        if style.macos
            && root == Root::Posix
            && parts
                .first()
                .is_some_and(|p| matches!(p.as_str(), "tmp" | "etc" | "var"))
        {
            parts.insert(0, "private".to_owned());
        }
        Some(CanonPath::from_parts(root, parts, style))
    }

    /// How the entry is shown in messages: `~/.ssh`, `/etc/shadow`, `<workspace>/.git/hooks`.
    pub fn display(&self, platform: Platform) -> String {
        match self.path(platform) {
            Some(p) => p.display,
            None => {
                let sep = if platform.path_style().windows {
                    "\\"
                } else {
                    "/"
                };
                format!("<workspace>{sep}{}", self.parts.join(sep))
            }
        }
    }
}

/// The built-in entries that exist on one platform.
pub fn entries(platform: Platform) -> impl Iterator<Item = &'static Entry> {
    BUILTIN.iter().filter(move |e| e.applies_to(platform))
}

/// Where users' home directories live on a platform: `/home` (and `/root`), `/Users`,
/// `C:\Users`. A home path is one of these joined with a user name.
pub fn profile_parents(platform: Platform) -> Vec<CanonPath> {
    let style = platform.path_style();
    match platform {
        Platform::Linux => vec![CanonPath::from_parts(
            Root::Posix,
            vec!["home".to_owned()],
            style,
        )],
        Platform::Macos => vec![CanonPath::from_parts(
            Root::Posix,
            vec!["Users".to_owned()],
            style,
        )],
        Platform::Windows => vec![CanonPath::from_parts(
            Root::Drive('C'),
            vec!["Users".to_owned()],
            style,
        )],
    }
}

/// Home directories that are not under a profile parent (`/root` on Linux).
pub fn extra_homes(platform: Platform) -> Vec<CanonPath> {
    match platform {
        Platform::Linux => vec![CanonPath::from_parts(
            Root::Posix,
            vec!["root".to_owned()],
            platform.path_style(),
        )],
        Platform::Macos | Platform::Windows => Vec::new(),
    }
}

/// Cloud instance metadata endpoints: reaching them hands out the host's cloud credentials.
pub fn metadata_addresses() -> Vec<(IpAddr, Cidr)> {
    let v4 = Ipv4Addr::new(169, 254, 169, 254);
    let v6 = Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254);
    vec![
        (
            IpAddr::V4(v4),
            Cidr {
                family: crate::net::Family::V4,
                addr: u128::from(u32::from(v4)),
                prefix: 32,
            },
        ),
        (
            IpAddr::V6(v6),
            Cidr {
                family: crate::net::Family::V6,
                addr: u128::from(v6),
                prefix: 128,
            },
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_paths_canonical() {
        let mut ids: Vec<&str> = BUILTIN.iter().map(|e| e.id).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len());
        for platform in [Platform::Linux, Platform::Macos, Platform::Windows] {
            for e in entries(platform) {
                if let Some(p) = e.path(platform) {
                    let again = CanonPath::parse(&p.display, platform.path_style()).path;
                    assert_eq!(again, p, "{}", e.id);
                }
            }
        }
    }

    #[test]
    fn display_forms() {
        let ssh = BUILTIN.iter().find(|e| e.id == "ssh").unwrap();
        assert_eq!(ssh.display(Platform::Linux), "~/.ssh");
        assert_eq!(ssh.display(Platform::Windows), "~\\.ssh");
        let hooks = BUILTIN.iter().find(|e| e.id == "git-hooks").unwrap();
        assert_eq!(hooks.display(Platform::Linux), "<workspace>/.git/hooks");
        let tmp = BUILTIN.iter().find(|e| e.id == "tmp").unwrap();
        assert_eq!(tmp.display(Platform::Macos), "/private/tmp");
    }
}
