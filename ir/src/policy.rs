//! The typed policy: what one MXC config asks for, lowered for one platform.
//!
//! Every node keeps the span of the JSON it came from. Defaults that MXC applies are filled in
//! as [`Setting`]s without a span, so "absent" and "explicitly default" stay distinguishable.

use crate::fs::Filesystem;
use crate::net::Network;
use crate::path::CanonPath;
use crate::platform::Platform;
use crate::span::{SourceId, Span};
use crate::spanned::{Setting, Spanned};

/// A parsed `version` string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaVersion {
    pub raw: String,
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    pub pre: Option<String>,
    pub span: Span,
}

impl SchemaVersion {
    /// True for 0.8 and later, where directional network applies.
    pub fn at_least(&self, major: u64, minor: u64) -> bool {
        (self.major, self.minor) >= (major, minor)
    }
}

/// The concrete backend a containment resolves to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Backend {
    Bubblewrap,
    Lxc,
    Seatbelt,
    ProcessContainer,
    WindowsSandbox,
    Wslc,
    IsolationSession,
    MicroVm,
    Hyperlight,
    /// `vm` off Windows: not implemented by MXC.
    Vm,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Bubblewrap => "bubblewrap",
            Backend::Lxc => "lxc",
            Backend::Seatbelt => "seatbelt",
            Backend::ProcessContainer => "processcontainer",
            Backend::WindowsSandbox => "windows_sandbox",
            Backend::Wslc => "wslc",
            Backend::IsolationSession => "isolation_session",
            Backend::MicroVm => "microvm",
            Backend::Hyperlight => "hyperlight",
            Backend::Vm => "vm",
        }
    }

    /// True for the backends MXC gates behind `--experimental`.
    pub fn is_experimental(self) -> bool {
        matches!(
            self,
            Backend::MicroVm
                | Backend::WindowsSandbox
                | Backend::Hyperlight
                | Backend::Wslc
                | Backend::IsolationSession
        )
    }
}

/// `containment` as written and as resolved for the platform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Containment {
    /// The value as written (aliases included), when present.
    pub requested: Option<Spanned<String>>,
    pub backend: Backend,
}

/// State-aware lifecycle phase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    Provision,
    Start,
    Exec,
    Stop,
    Deprovision,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Provision => "provision",
            Phase::Start => "start",
            Phase::Exec => "exec",
            Phase::Stop => "stop",
            Phase::Deprovision => "deprovision",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Clipboard {
    None,
    /// Paste into the sandbox: the sandbox reads the host clipboard.
    Read,
    /// Copy out of the sandbox: the sandbox writes the host clipboard.
    Write,
    All,
}

impl Clipboard {
    pub fn as_str(self) -> &'static str {
        match self {
            Clipboard::None => "none",
            Clipboard::Read => "read",
            Clipboard::Write => "write",
            Clipboard::All => "all",
        }
    }
}

/// The `ui` section. An omitted section is full lockdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ui {
    pub disable: Setting<bool>,
    pub clipboard: Setting<Clipboard>,
    pub injection: Setting<bool>,
    pub span: Option<Span>,
}

impl Default for Ui {
    fn default() -> Ui {
        Ui {
            disable: Setting::default_value(true),
            clipboard: Setting::default_value(Clipboard::None),
            injection: Setting::default_value(false),
            span: None,
        }
    }
}

/// One `process.env` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvEntry {
    pub raw: String,
    /// `None` when the entry has no `=` or an empty name: backends skip it silently.
    pub name: Option<String>,
    pub value: Option<String>,
    pub span: Span,
}

/// The `process` section.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Process {
    pub command_line: Option<Spanned<String>>,
    pub cwd: Option<Spanned<CanonPath>>,
    pub env: Vec<EnvEntry>,
    /// Milliseconds; 0 means no limit, the most permissive value.
    pub timeout: Setting<u32>,
    pub span: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lifecycle {
    pub destroy_on_exit: Setting<bool>,
    pub preserve_policy: Setting<bool>,
    pub span: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fallback {
    /// Defaults to true: MXC may rewrite host ACLs on the AppContainer tier.
    pub allow_dacl_mutation: Setting<bool>,
    pub span: Option<Span>,
}

impl Default for Fallback {
    fn default() -> Fallback {
        Fallback {
            allow_dacl_mutation: Setting::default_value(true),
            span: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptureMode {
    Block,
    Allow,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaptureDenials {
    pub mode: Setting<CaptureMode>,
    pub output_path: Option<Spanned<String>>,
    pub retain_etl: Setting<bool>,
    pub span: Span,
}

/// `processContainer.ui`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessContainerUi {
    pub isolation: Setting<String>,
    pub desktop_system_control: Setting<bool>,
    pub system_settings: Setting<String>,
    pub ime: Setting<bool>,
    pub span: Option<Span>,
}

impl Default for ProcessContainerUi {
    fn default() -> ProcessContainerUi {
        ProcessContainerUi {
            isolation: Setting::default_value("container".to_owned()),
            desktop_system_control: Setting::default_value(false),
            system_settings: Setting::default_value("none".to_owned()),
            ime: Setting::default_value(false),
            span: None,
        }
    }
}

/// `processContainer` (alias `appContainer`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessContainer {
    pub least_privilege: Setting<bool>,
    pub capabilities: Vec<Spanned<String>>,
    pub learning_mode: Setting<bool>,
    pub capture_denials: Option<CaptureDenials>,
    pub ui: ProcessContainerUi,
    pub allowed_proxy_peer: Option<Spanned<String>>,
    /// The key as written (`processContainer` or `appContainer`) and its span.
    pub key: Spanned<String>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaunchMethod {
    Exec,
    Open,
}

/// `seatbelt` (alias `macos_sandbox`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seatbelt {
    pub profile_override: Option<Spanned<String>>,
    pub gui_access: Setting<bool>,
    pub launch_method: Setting<LaunchMethod>,
    /// Defaults to true.
    pub nested_pty: Setting<bool>,
    pub keychain_access: Setting<bool>,
    pub extra_mach_lookups: Vec<Spanned<String>>,
    pub key: Spanned<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lxc {
    pub distribution: Option<Spanned<String>>,
    pub release: Option<Spanned<String>>,
    pub span: Span,
}

/// A key under `experimental`, kept so lints can report keys MXC silently ignores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExperimentalKey {
    /// Dotted path below `experimental`, e.g. `wslc.image`.
    pub path: String,
    pub span: Span,
    /// True when MXC reads this key; false when production ignores it.
    pub known: bool,
}

/// A field that is present in the source, by dotted path, for "ignored by backend" findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresentField {
    pub path: String,
    pub span: Span,
}

/// One MXC config, validated and lowered for one platform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    pub source: SourceId,
    pub platform: Platform,
    pub version: Option<SchemaVersion>,
    pub phase: Option<Spanned<Phase>>,
    pub sandbox_id: Option<Spanned<String>>,
    pub container_id: Option<Spanned<String>>,
    pub containment: Containment,
    pub filesystem: Filesystem,
    pub network: Network,
    pub ui: Ui,
    pub process: Process,
    pub lifecycle: Lifecycle,
    pub fallback: Fallback,
    pub process_container: Option<ProcessContainer>,
    pub seatbelt: Option<Seatbelt>,
    pub lxc: Option<Lxc>,
    pub experimental: Vec<ExperimentalKey>,
    /// Every object member present in the source (dotted path, span), sorted by path.
    pub fields: Vec<PresentField>,
    /// The span of the root object.
    pub span: Span,
}

impl Policy {
    /// An empty policy for a platform: MXC's defaults, nothing granted.
    pub fn empty(source: SourceId, platform: Platform) -> Policy {
        let backend = match platform {
            Platform::Linux => Backend::Bubblewrap,
            Platform::Macos => Backend::Seatbelt,
            Platform::Windows => Backend::ProcessContainer,
        };
        Policy {
            source,
            platform,
            version: None,
            phase: None,
            sandbox_id: None,
            container_id: None,
            containment: Containment {
                requested: None,
                backend,
            },
            filesystem: Filesystem::default(),
            network: Network::default(),
            ui: Ui::default(),
            process: Process::default(),
            lifecycle: Lifecycle {
                destroy_on_exit: Setting::default_value(true),
                preserve_policy: Setting::default_value(false),
                span: None,
            },
            fallback: Fallback::default(),
            process_container: None,
            seatbelt: None,
            lxc: None,
            experimental: Vec::new(),
            fields: Vec::new(),
            span: Span::file_start(source),
        }
    }

    pub fn backend(&self) -> Backend {
        self.containment.backend
    }

    /// The span of a present field by dotted path (`network.egress.default`).
    pub fn field(&self, path: &str) -> Option<Span> {
        self.fields
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .ok()
            .and_then(|i| self.fields.get(i))
            .map(|f| f.span)
    }
}
