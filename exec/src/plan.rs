//! The plan: every step of one run, computed before anything is started, printable for
//! `--dry-run`, and checked against the kernel probe.

use std::fmt;
use std::path::{Path, PathBuf};

use ir::{FsAccess, Platform};
use serde_json::Value;
use targets::backends::bwrap::SYSTEM_BASELINE;

use crate::artifacts::{
    self, Artifacts, FS_RIGHTS, LandlockSpec, MaskKind, MaskSpec, NET_RIGHTS, PathRule, READ_EXEC,
    SCOPES, SockFilter,
};
use crate::error::{RunError, codes};
use crate::probe::Probe;

/// Device nodes the sandbox may read and write (bubblewrap's `--dev` set, without `/dev/tty`).
pub const DEVICES: [&str; 5] = [
    "/dev/null",
    "/dev/zero",
    "/dev/full",
    "/dev/random",
    "/dev/urandom",
];

/// What the view's `/dev` provides itself beside the device nodes: a private `/dev/shm`, a new
/// `devpts` instance on `/dev/pts` and `/dev/ptmx` linked to its multiplexer.
pub const DEV_PROVIDED: [&str; 3] = ["/dev/shm", "/dev/pts", "/dev/ptmx"];

/// The size limit of the private `/tmp` tmpfs, in MiB (without one, a tmpfs may fill half of
/// the host's memory).
pub const TMP_SIZE_MIB: u32 = 1024;

/// The size limit of the private `/dev/shm` tmpfs, in MiB.
pub const SHM_SIZE_MIB: u32 = 64;

/// The address of the host as seen from slirp4netns's namespace.
pub const GATEWAY: &str = "10.0.2.2";

/// The `PATH` used to find the command when the policy's environment has none.
pub const DEFAULT_PATH: &str = "/usr/local/bin:/usr/bin:/bin";

/// How the sandbox's network namespace is connected. The sandbox always gets its own: in the
/// host's, abstract UNIX sockets it binds would be reachable by host processes (landlock only
/// scopes connections made from inside), and `/proc/net` would list the host's connections.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NetPlan {
    /// A private network namespace with loopback only (down); seccomp allows `AF_UNIX`
    /// sockets only.
    Isolated,
    /// A private namespace connected by slirp4netns and filtered by `nftables.nft`.
    Filtered { nft: String, host_loopback: bool },
}

/// What one entry of the sandbox's filesystem view is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ViewKind {
    /// The host path `source` (canonical) bound at the entry's path, read-only or not.
    Bind { source: PathBuf, read_only: bool },
    /// A symbolic link recreated from the host (`/bin -> usr/bin`), so that the policy's
    /// spelling of a path resolves to its bind.
    Symlink { target: PathBuf },
    /// A denied path nested in a bind: an empty read-only tmpfs, or `/dev/null` over a file.
    Deny { file: bool },
    /// The path bound onto itself: a mount point cannot be renamed or removed, so a deeper mask
    /// cannot be moved away from the path it protects.
    Pin,
}

/// One entry of the sandbox's filesystem view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewEntry {
    /// Where the entry appears inside the sandbox.
    pub path: PathBuf,
    pub kind: ViewKind,
    /// The rule or mask it comes from.
    pub why: String,
}

/// One informational finding of the plan (printed, never fatal).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub code: ir::Code,
    pub message: String,
}

/// Everything one run does.
#[derive(Clone, Debug)]
pub struct Plan {
    pub argv: Vec<String>,
    /// The resolved executable (host path; the sandbox sees the same path).
    pub exe: PathBuf,
    pub env: Vec<(String, String)>,
    pub cwd: PathBuf,
    /// Milliseconds; 0 = none.
    pub timeout_ms: u32,
    pub net: NetPlan,
    /// A private tmpfs on `/tmp`, limited to [`TMP_SIZE_MIB`] (unless the policy grants
    /// `/tmp` itself or an ancestor; the policy's paths below `/tmp` are bound inside it).
    pub private_tmp: bool,
    /// The sandbox's filesystem: a new root on tmpfs holding exactly these entries (shallow
    /// first), plus a private `/proc`, a minimal `/dev` and, with `private_tmp`, `/tmp`.
    /// Paths outside them do not exist inside the sandbox.
    pub view: Vec<ViewEntry>,
    /// Mask mount points missing on the host inside a writable bind, created for the run and
    /// removed afterwards (deepest last).
    pub ghosts: Vec<PathBuf>,
    pub landlock: LandlockSpec,
    pub seccomp: Vec<SockFilter>,
    pub notes: Vec<Note>,
    pub source: artifacts::ArtifactSource,
}

/// Builds the plan for a policy, its artifacts and an optional command (else
/// `process.commandLine` through `sh -c`).
pub fn plan(
    policy: &ir::Policy,
    artifacts: &Artifacts,
    command: Option<Vec<String>>,
    opts: &crate::RunOptions,
) -> Result<Plan, RunError> {
    if policy.platform != Platform::Linux {
        return Err(RunError::new(
            codes::PLATFORM,
            format!(
                "the policy is lowered for `{}`, not linux",
                policy.platform.as_str()
            ),
        ));
    }
    let report = artifacts.report()?;
    let mut landlock = artifacts.landlock()?;
    let seccomp = artifacts.seccomp()?;
    let network_used = report_code(&report, "seccomp", "network")
        == Some(targets::codes::SECCOMP_NET_COARSE.as_str());
    let net = if network_used {
        let nft = artifacts.nftables()?.ok_or_else(|| {
            RunError::new(
                codes::ARTIFACT,
                "the policy uses the network but `nftables.nft` is missing",
            )
        })?;
        let host_loopback = policy
            .network
            .proxy
            .as_ref()
            .is_some_and(ir::net::Proxy::is_loopback);
        NetPlan::Filtered { nft, host_loopback }
    } else {
        NetPlan::Isolated
    };
    let mut notes = Vec::new();
    let home = opts.home_dir.clone().or_else(|| std::env::var("HOME").ok());
    let links = trusted_links(policy, &report, home.as_deref(), &mut landlock);
    check_report(&report, &net, &links)?;
    let policy_paths: Vec<(FsAccess, String)> = policy
        .filesystem
        .rules
        .iter()
        .filter_map(|r| host_path(&r.path, home.as_deref()).map(|p| (r.access, p)))
        .collect();
    let private_tmp = !policy_paths.iter().any(|(_, p)| under("/tmp", p));
    let mut masks = landlock.mounts.clone();
    if !opts.no_baseline {
        add_baseline(
            &mut landlock,
            &mut masks,
            &policy_paths,
            private_tmp,
            &mut notes,
        );
    }
    let pins = pins(&masks, &policy_paths);
    let view = view(&landlock, &masks, &pins, private_tmp, &links.links)?;
    let kept: Vec<MaskSpec> = masks
        .into_iter()
        .filter(|m| {
            let c = canonical(Path::new(&m.path));
            view.iter().any(|e| e.path == c)
        })
        .collect();
    let ghosts = ghosts(&kept, &view);
    let env = environment(policy);
    let (argv, exe) = command_of(policy, command, &env)?;
    let cwd = working_dir(policy, home.as_deref())?;
    Ok(Plan {
        argv,
        exe,
        env,
        cwd,
        timeout_ms: policy.process.timeout.value,
        net,
        private_tmp,
        view,
        ghosts,
        landlock,
        seccomp,
        notes,
        source: artifacts.source.clone(),
    })
}

fn under(path: &str, dir: &str) -> bool {
    Path::new(path).starts_with(dir)
}

fn host_path(path: &ir::CanonPath, home: Option<&str>) -> Option<String> {
    match path.root {
        ir::Root::Posix => Some(path.display.clone()),
        ir::Root::Home => {
            let mut out = home?.trim_end_matches('/').to_owned();
            for c in &path.components {
                out.push('/');
                out.push_str(c);
            }
            Some(out)
        }
        _ => None,
    }
}

/// The code of one construct of one target in `report.json`.
/// Gaps every run closes by construction, whatever the artifacts say.
const CLOSED_BY_THE_EXECUTOR: [ir::Code; 5] = [
    // Metadata of unlisted paths: the mount view holds only the grants, so nothing else
    // exists in the sandbox (bubblewrap's guarantee).
    targets::codes::LANDLOCK_METADATA,
    // Filesystem paths: landlock is always applied.
    targets::codes::SECCOMP_FS,
    // Network protocols and addresses: by construction of `NetPlan`, nftables filters a
    // private namespace when the policy uses the network, and seccomp allows no IP socket at
    // all when it does not.
    targets::codes::LANDLOCK_NET_PROTOCOL,
    targets::codes::SECCOMP_NET_COARSE,
    targets::codes::BWRAP_NET_ISOLATED,
];

fn report_code<'a>(report: &'a Value, target: &str, construct: &str) -> Option<&'a str> {
    report
        .pointer(&format!("/targets/{target}/constructs"))?
        .as_array()?
        .iter()
        .find(|e| e.get("construct").and_then(Value::as_str) == Some(construct))?
        .get("code")?
        .as_str()
}

/// The policy's grants that pass through symbolic links (MX5034 in the landlock report): those
/// through trusted system links only, granted at their resolved path by this executor, and why
/// the others are refused.
#[derive(Debug, Default)]
struct TrustedLinks {
    /// Constructs whose grant the executor applies at the resolved path.
    closed: Vec<String>,
    /// Constructs through an untrusted link, with the reason.
    refused: Vec<(String, String)>,
    /// Every trusted link met, with its text: reproduced in the mount view.
    links: Vec<(PathBuf, PathBuf)>,
}

fn trusted_links(
    policy: &ir::Policy,
    report: &Value,
    home: Option<&str>,
    landlock: &mut LandlockSpec,
) -> TrustedLinks {
    let mut out = TrustedLinks::default();
    let through_links: Vec<&str> = report
        .pointer("/targets/landlock/constructs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|e| {
            e.get("code").and_then(Value::as_str) == Some(targets::codes::SYMLINK_PATH.as_str())
        })
        .filter_map(|e| e.get("construct").and_then(Value::as_str))
        .collect();
    for rule in &policy.filesystem.rules {
        let construct = format!("filesystem.{}[{}]", rule.access.list_name(), rule.index);
        if !through_links.contains(&construct.as_str()) {
            continue;
        }
        let access = match rule.access {
            FsAccess::ReadOnly => READ_EXEC & landlock.handled_fs,
            FsAccess::ReadWrite => landlock.handled_fs,
            // A mask on a link would hide its target instead: the denial stays refused.
            FsAccess::Denied => continue,
        };
        let Some(path) = host_path(&rule.path, home) else {
            continue;
        };
        match crate::symlinks::resolve_trusted(Path::new(&path)) {
            Ok(resolved) => {
                landlock.paths.push(PathRule {
                    path: resolved.target.display().to_string(),
                    access,
                    source: format!("{construct} (`{path}` through trusted system links)"),
                });
                for link in resolved.links {
                    if !out.links.contains(&link) {
                        out.links.push(link);
                    }
                }
                out.closed.push(construct);
            }
            Err(why) => out.refused.push((construct, why)),
        }
    }
    out
}

/// Refuses when a construct that the artifacts leave unenforced is not closed by a layer this
/// executor applies.
fn check_report(report: &Value, net: &NetPlan, links: &TrustedLinks) -> Result<(), RunError> {
    let filtered = matches!(net, NetPlan::Filtered { .. });
    let mut needed = vec!["landlock", "seccomp"];
    if filtered {
        needed.push("nftables");
    }
    for target in &needed {
        let t = report
            .pointer(&format!("/targets/{target}"))
            .ok_or_else(|| {
                RunError::new(
                    codes::ARTIFACT,
                    format!("`report.json` has no `{target}` target"),
                )
            })?;
        if t.get("emitted").and_then(Value::as_bool) != Some(true) {
            return Err(RunError::new(
                codes::POLICY,
                format!("the compiler withheld the `{target}` artifact"),
            )
            .with_help("run `mxcc check` and `mxcc compile` to see why"));
        }
        for e in t
            .get("constructs")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let status = e.get("status").and_then(Value::as_str).unwrap_or_default();
            let code = e.get("code").and_then(Value::as_str).unwrap_or_default();
            let construct = e
                .get("construct")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let detail = e.get("detail").and_then(Value::as_str).unwrap_or_default();
            let covered_by = e.get("covered_by").and_then(Value::as_str);
            let closed = match status {
                "enforced" | "approximated" | "compat-grant" => true,
                "covered" if covered_by.is_some_and(|c| needed.contains(&c)) => true,
                "covered" | "gap-allowed" => {
                    CLOSED_BY_THE_EXECUTOR.iter().any(|c| c.as_str() == code)
                        || (*target == "landlock"
                            && code == targets::codes::SYMLINK_PATH.as_str()
                            && links.closed.iter().any(|c| c == construct))
                }
                _ => false,
            };
            if !closed {
                let untrusted = links
                    .refused
                    .iter()
                    .find(|(c, _)| c == construct)
                    .map(|(_, why)| format!(" (not a trusted system link: {why})"))
                    .unwrap_or_default();
                return Err(RunError::new(
                    codes::GAP,
                    format!(
                        "`{construct}` is not enforced by any layer this executor applies: {detail}{untrusted}"
                    ),
                )
                .with_help(format!(
                    "target `{target}`, {code}; fix the policy or the target"
                )));
            }
        }
    }
    Ok(())
}

fn add_baseline(
    landlock: &mut LandlockSpec,
    masks: &mut Vec<MaskSpec>,
    policy_paths: &[(FsAccess, String)],
    private_tmp: bool,
    notes: &mut Vec<Note>,
) {
    let mut granted = Vec::new();
    // MXC's runtime baseline: the bubblewrap backend's system directories (its resolver
    // directories under `/run` are not granted).
    for p in SYSTEM_BASELINE.iter().filter(|p| Path::new(p).exists()) {
        landlock.paths.push(PathRule {
            path: (*p).to_owned(),
            access: READ_EXEC & landlock.handled_fs,
            source: "baseline".to_owned(),
        });
        granted.push(*p);
    }
    landlock.paths.push(PathRule {
        path: "/proc".to_owned(),
        access: (1 << 2 | 1 << 3) & landlock.handled_fs,
        source: "baseline (private /proc)".to_owned(),
    });
    for d in DEVICES.iter().filter(|p| Path::new(p).exists()) {
        landlock.paths.push(PathRule {
            path: (*d).to_owned(),
            access: (1 << 1 | 1 << 2 | 1 << 14) & landlock.handled_fs,
            source: "baseline (device)".to_owned(),
        });
    }
    // Writable scratch space of the view itself (tmpfs, never a host path). A policy path
    // below the private `/tmp` is bound inside it and falls under this rule too: there a
    // read-only grant is held by its read-only bind alone (as with bubblewrap's `--tmpfs`).
    let scratch = if private_tmp {
        &["/tmp", "/dev/shm"][..]
    } else {
        &["/dev/shm"][..]
    };
    for path in scratch {
        landlock.paths.push(PathRule {
            path: (*path).to_owned(),
            access: landlock.handled_fs,
            source: format!("baseline (private {path})"),
        });
    }
    // Pseudo-terminals of the view's own devpts instance: read, write and terminal ioctls.
    landlock.paths.push(PathRule {
        path: "/dev/pts".to_owned(),
        access: (1 << 1 | 1 << 2 | 1 << 3 | 1 << 15) & landlock.handled_fs,
        source: "baseline (private /dev/pts)".to_owned(),
    });
    // A path the policy restricts below a baseline grant needs a mask, since landlock's union
    // would otherwise give it the baseline's read access.
    for (access, path) in policy_paths {
        let below = granted.iter().any(|b| under(path, b));
        let masked = masks.iter().any(|m| m.path == *path);
        if below && *access == FsAccess::Denied && !masked {
            masks.push(MaskSpec {
                path: path.clone(),
                kind: MaskKind::Denied,
                source: "deniedPaths below the runtime baseline".to_owned(),
            });
        }
    }
    notes.push(Note {
        code: codes::BASELINE,
        message: format!(
            "MXC's runtime baseline is readable and executable: {}, private /proc, /tmp and devices",
            granted.join(", ")
        ),
    });
}

/// The host path with every symbolic link resolved; a missing tail is appended to its longest
/// existing ancestor, resolved.
pub(crate) fn canonical(path: &Path) -> PathBuf {
    let mut tail = Vec::new();
    for a in path.ancestors() {
        if let Ok(c) = std::fs::canonicalize(a) {
            return tail.iter().rev().fold(c, |acc: PathBuf, t| acc.join(t));
        }
        if let Some(name) = a.file_name() {
            tail.push(name.to_owned());
        }
    }
    path.to_path_buf()
}

/// The paths the mount view provides itself: the private `/proc`, the device nodes of the
/// minimal `/dev`, and the private `/tmp`.
fn provided(path: &str, private_tmp: bool) -> bool {
    under(path, "/proc")
        || DEVICES.contains(&path)
        || DEV_PROVIDED.iter().any(|d| under(path, d))
        || (private_tmp && path == "/tmp")
}

/// The sandbox's filesystem view: every landlock grant bound from the host (read-only unless
/// it grants a write right), the masks, the pins, and the symbolic links that make the
/// policy's spelling of a path resolve. Shallow first; a later entry for the same path
/// replaces an earlier one (a mask overrides the grant it narrows).
fn view(
    landlock: &LandlockSpec,
    masks: &[MaskSpec],
    pins: &[String],
    private_tmp: bool,
    links: &[(PathBuf, PathBuf)],
) -> Result<Vec<ViewEntry>, RunError> {
    let mut links = links.to_vec();
    fn put(out: &mut Vec<ViewEntry>, e: ViewEntry) {
        match out.iter_mut().find(|x| x.path == e.path) {
            Some(slot) => *slot = e,
            None => out.push(e),
        }
    }
    // The source of a bind is resolved once, here, following trusted system links only: a
    // granted path the targets examined and found free of links (else MX5034) that resolves
    // through another link now was swapped since, and binding what it points to is refused.
    fn bind(
        out: &mut Vec<ViewEntry>,
        links: &mut Vec<(PathBuf, PathBuf)>,
        path: &str,
        read_only: bool,
        why: &str,
    ) -> Result<(), RunError> {
        let resolved = crate::symlinks::resolve_trusted(Path::new(path)).map_err(|e| {
            RunError::new(
                codes::GAP,
                format!(
                    "`{path}` (`{why}`) resolves through a symbolic link that is not a trusted system link: {e}"
                ),
            )
            .with_help("a granted path was replaced by a symbolic link after it was examined; the run is refused rather than binding what the link points to")
        })?;
        if std::fs::symlink_metadata(&resolved.target).is_err() {
            // A missing grant refuses the run (MX6013); a missing re-exposure has nothing to show.
            return Ok(());
        }
        for link in resolved.links {
            if !links.contains(&link) {
                links.push(link);
            }
        }
        let source = resolved.target;
        put(
            out,
            ViewEntry {
                path: source.clone(),
                kind: ViewKind::Bind { source, read_only },
                why: why.to_owned(),
            },
        );
        Ok(())
    }
    let mut out = Vec::new();
    for r in &landlock.paths {
        if !provided(&r.path, private_tmp) {
            let read_only = r.access & !READ_EXEC == 0;
            bind(&mut out, &mut links, &r.path, read_only, &r.source)?;
        }
    }
    for m in masks {
        match m.kind {
            MaskKind::ReadOnly | MaskKind::ReadWrite => {
                bind(
                    &mut out,
                    &mut links,
                    &m.path,
                    m.kind == MaskKind::ReadOnly,
                    &m.source,
                )?;
            }
            MaskKind::Denied => {
                let path = canonical(Path::new(&m.path));
                // A denied path outside every bind does not exist in the view at all.
                let inside = out.iter().any(|e| {
                    matches!(e.kind, ViewKind::Bind { .. })
                        && path != e.path
                        && path.starts_with(&e.path)
                });
                if inside {
                    let file = std::fs::metadata(&path).is_ok_and(|md| !md.is_dir());
                    put(
                        &mut out,
                        ViewEntry {
                            path,
                            kind: ViewKind::Deny { file },
                            why: m.source.clone(),
                        },
                    );
                }
            }
        }
    }
    // Trusted system links granted at their target: reproduced, unless a bind already shows
    // the host's own link.
    for (link, text) in &links {
        let shown = out.iter().any(|e| {
            e.path == *link
                || (matches!(e.kind, ViewKind::Bind { .. }) && link.starts_with(&e.path))
        });
        if !shown {
            out.push(ViewEntry {
                path: link.clone(),
                kind: ViewKind::Symlink {
                    target: text.clone(),
                },
                why: "symbolic link of the host, owned by root".to_owned(),
            });
        }
    }
    for p in pins {
        let path = canonical(Path::new(p));
        if !out.iter().any(|e| e.path == path) {
            out.push(ViewEntry {
                path,
                kind: ViewKind::Pin,
                why: "pin".to_owned(),
            });
        }
    }
    out.sort_by_key(|e| e.path.components().count());
    Ok(out)
}

/// Ancestors of every mask that lie strictly below a read-write grant, shallow first.
fn pins(masks: &[MaskSpec], policy_paths: &[(FsAccess, String)]) -> Vec<String> {
    let writable: Vec<&str> = policy_paths
        .iter()
        .filter(|(a, _)| *a == FsAccess::ReadWrite)
        .map(|(_, p)| p.as_str())
        .collect();
    let mut out: Vec<String> = Vec::new();
    for m in masks {
        for a in Path::new(&m.path).ancestors().skip(1) {
            let inside = writable
                .iter()
                .any(|w| a.starts_with(w) && a != Path::new(w));
            let a = a.display().to_string();
            if inside && !out.contains(&a) {
                out.push(a);
            }
        }
    }
    out.sort_by_key(|p| Path::new(p).components().count());
    out
}

/// Every mount point of a mask that is missing on the host below a writable bind (where the
/// sandbox creates it on the host), shallow first.
fn ghosts(masks: &[MaskSpec], view: &[ViewEntry]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for m in masks {
        let path = canonical(Path::new(&m.path));
        let writable = view
            .iter()
            .filter(|e| path != e.path && path.starts_with(&e.path))
            .max_by_key(|e| e.path.components().count())
            .is_some_and(|e| {
                matches!(
                    e.kind,
                    ViewKind::Bind {
                        read_only: false,
                        ..
                    } | ViewKind::Pin
                )
            });
        if !writable {
            continue;
        }
        let mut missing: Vec<PathBuf> = path
            .ancestors()
            .take_while(|a| std::fs::symlink_metadata(a).is_err())
            .map(Path::to_path_buf)
            .collect();
        missing.reverse();
        for p in missing {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

fn environment(policy: &ir::Policy) -> Vec<(String, String)> {
    let proxy = policy.network.proxy.as_ref().map(|p| {
        let host = if p.is_loopback() {
            GATEWAY.to_owned()
        } else {
            p.host.clone()
        };
        format!("{}://{}:{}", p.scheme, host, p.port)
    });
    let mut env: Vec<(String, String)> = Vec::new();
    for entry in &policy.process.env {
        let (Some(name), Some(value)) = (&entry.name, &entry.value) else {
            continue;
        };
        if proxy.is_some() && ir::net::PROXY_ENV_VARS.contains(&name.as_str()) {
            continue;
        }
        match env.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value.clone(),
            None => env.push((name.clone(), value.clone())),
        }
    }
    if let Some(url) = proxy {
        for name in ir::net::PROXY_ENV_VARS
            .iter()
            .filter(|n| !n.eq_ignore_ascii_case("NO_PROXY"))
        {
            env.push(((*name).to_owned(), url.clone()));
        }
    }
    env
}

fn command_of(
    policy: &ir::Policy,
    command: Option<Vec<String>>,
    env: &[(String, String)],
) -> Result<(Vec<String>, PathBuf), RunError> {
    let argv = match command {
        Some(argv) if !argv.is_empty() => argv,
        _ => match &policy.process.command_line {
            Some(cmd) => vec!["sh".to_owned(), "-c".to_owned(), cmd.value.clone()],
            None => {
                return Err(
                    RunError::new(codes::NO_COMMAND, "there is no command to run")
                        .with_help("set `process.commandLine` or pass one after `--`"),
                );
            }
        },
    };
    let name = argv.first().cloned().unwrap_or_default();
    if name.contains('/') {
        return Ok((argv, PathBuf::from(name)));
    }
    let path = env
        .iter()
        .find(|(n, _)| n == "PATH")
        .map_or(DEFAULT_PATH, |(_, v)| v.as_str());
    let exe = path
        .split(':')
        .filter(|d| d.starts_with('/'))
        .map(|d| Path::new(d).join(&name))
        .find(|p| p.is_file())
        .ok_or_else(|| {
            RunError::new(
                codes::COMMAND_NOT_FOUND,
                format!("`{name}` is not on the sandbox's PATH `{path}`"),
            )
        })?;
    Ok((argv, exe))
}

/// MXC's cwd: verbatim when set; otherwise the first existing directory among the read-write
/// paths, then the read-only paths, then `/`.
fn working_dir(policy: &ir::Policy, home: Option<&str>) -> Result<PathBuf, RunError> {
    if let Some(cwd) = &policy.process.cwd {
        let dir = host_path(&cwd.value, home).ok_or_else(|| {
            RunError::new(
                codes::CWD,
                format!("`{}` has no fixed host location", cwd.value.display),
            )
        })?;
        if !Path::new(&dir).is_dir() {
            return Err(RunError::new(
                codes::CWD,
                format!("the working directory `{dir}` does not exist"),
            ));
        }
        return Ok(PathBuf::from(dir));
    }
    for access in [FsAccess::ReadWrite, FsAccess::ReadOnly] {
        for rule in policy.filesystem.rules_with(access) {
            if let Some(p) = host_path(&rule.path, home).filter(|p| Path::new(p).is_dir()) {
                return Ok(PathBuf::from(p));
            }
        }
    }
    Ok(PathBuf::from("/"))
}

impl Plan {
    /// Refuses when the kernel offers less than the plan relies on.
    pub fn check_against(&self, probe: &Probe) -> Result<(), RunError> {
        let mut need = self.landlock.abi;
        if self.landlock.handled_net != 0 {
            need = need.max(4);
        }
        if self.landlock.scoped != 0 {
            need = need.max(6);
        }
        if probe.landlock_abi < need {
            let have = if probe.landlock_abi == 0 {
                "landlock is not available".to_owned()
            } else {
                format!("the kernel offers landlock ABI {}", probe.landlock_abi)
            };
            return Err(RunError::new(
                codes::LANDLOCK_ABI,
                format!("{have}; the ruleset needs ABI {need}"),
            )
            .with_help("run on a kernel with landlock enabled (`lsm=landlock,...`); mxcc never runs unconfined"));
        }
        let actions = ["kill_process", "errno", "allow"];
        if !probe.seccomp_filter
            || !actions
                .iter()
                .all(|a| probe.seccomp_actions.iter().any(|x| x == a))
        {
            return Err(
                RunError::new(codes::SECCOMP, "seccomp filters are not available")
                    .with_help("the filter needs SECCOMP_RET_KILL_PROCESS, ERRNO and ALLOW"),
            );
        }
        if !probe.user_namespaces {
            return Err(
                RunError::new(codes::USER_NAMESPACE, "user namespaces cannot be created")
                    .with_help(
                        "enable `user.max_user_namespaces` (and unprivileged user namespaces)",
                    ),
            );
        }
        if !probe.pid_namespaces {
            return Err(RunError::new(
                codes::NAMESPACE,
                "pid, mount, ipc or uts namespaces are disabled",
            ));
        }
        if !probe.net_namespaces {
            return Err(RunError::new(
                codes::NET_NAMESPACE,
                "network namespaces are disabled",
            ));
        }
        if let NetPlan::Filtered { .. } = self.net {
            if probe.slirp4netns.is_none() {
                return Err(
                    RunError::new(codes::NET_NAMESPACE, "`slirp4netns` is not installed")
                        .with_help("install slirp4netns; allowed egress needs it"),
                );
            }
            if probe.nft.is_none() {
                return Err(RunError::new(codes::NFTABLES, "`nft` is not installed")
                    .with_help("install nftables; egress filtering needs it"));
            }
        }
        for rule in &self.landlock.paths {
            if !provided(&rule.path, self.private_tmp) && !Path::new(&rule.path).exists() {
                return Err(RunError::new(
                    codes::MISSING_PATH,
                    format!("`{}` (`{}`) does not exist", rule.path, rule.source),
                )
                .with_help("create it before running or remove it from the policy"));
            }
        }
        Ok(())
    }
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = match &self.source {
            artifacts::ArtifactSource::Compiled => "compiled from the policy".to_owned(),
            artifacts::ArtifactSource::Directory(d) => format!("read from `{}`", d.display()),
        };
        writeln!(f, "mxcc run plan (artifacts {source})")?;
        writeln!(
            f,
            "1. probe: landlock ABI >= {}, seccomp filter, user/pid/ipc/uts/mount/net namespaces",
            self.landlock.abi,
        )?;
        writeln!(
            f,
            "2. clone into new user, pid, ipc, uts, mount, net namespaces; uid {} and gid {} map to themselves",
            crate::sys::euid(),
            crate::sys::egid()
        )?;
        match &self.net {
            NetPlan::Isolated => writeln!(
                f,
                "3. network: private namespace, loopback only; seccomp allows AF_UNIX sockets only"
            )?,
            NetPlan::Filtered { nft, host_loopback } => {
                let lo = if *host_loopback {
                    "host loopback reachable at 10.0.2.2 (proxy)"
                } else {
                    "--disable-host-loopback"
                };
                writeln!(
                    f,
                    "3. network: private namespace via slirp4netns ({lo}); nft -f nftables.nft ({} lines) inside it",
                    nft.lines().count()
                )?;
            }
        }
        writeln!(
            f,
            "4. mounts: / made private; a new root on tmpfs with private /proc, minimal /dev \
             (private tmpfs /dev/shm of {SHM_SIZE_MIB} MiB, new devpts /dev/pts){}; pivot_root, \
             old root detached (paths outside these entries do not exist)",
            if self.private_tmp {
                format!(", private tmpfs /tmp of {TMP_SIZE_MIB} MiB")
            } else {
                String::new()
            }
        )?;
        for e in &self.view {
            let p = e.path.display();
            match &e.kind {
                ViewKind::Bind { source, read_only } => {
                    let how = if *read_only {
                        "read-only"
                    } else {
                        "read-write"
                    };
                    if source == &e.path {
                        writeln!(f, "   bind {p} {how} ({})", e.why)?;
                    } else {
                        writeln!(f, "   bind {} at {p} {how} ({})", source.display(), e.why)?;
                    }
                }
                ViewKind::Symlink { target } => {
                    writeln!(f, "   symlink {p} -> {} ({})", target.display(), e.why)?;
                }
                ViewKind::Deny { file } => {
                    let what = if *file {
                        "/dev/null read-only"
                    } else {
                        "empty read-only tmpfs"
                    };
                    writeln!(f, "   deny {p} -> {what} ({})", e.why)?;
                }
                ViewKind::Pin => writeln!(
                    f,
                    "   pin {p} (bound onto itself: cannot be renamed away from its mask)"
                )?,
            }
        }
        for g in &self.ghosts {
            writeln!(
                f,
                "   create missing mount point {} for the run, removed afterwards",
                g.display()
            )?;
        }
        writeln!(f, "5. chdir {}", self.cwd.display())?;
        writeln!(
            f,
            "6. drop all capabilities (bounding, ambient, effective, permitted, inheritable); PR_SET_NO_NEW_PRIVS"
        )?;
        writeln!(
            f,
            "7. landlock ABI {}: handled fs [{}], net [{}], scoped [{}]",
            self.landlock.abi,
            artifacts::names(self.landlock.handled_fs, &FS_RIGHTS),
            artifacts::names(self.landlock.handled_net, &NET_RIGHTS),
            artifacts::names(self.landlock.scoped, &SCOPES)
        )?;
        for r in &self.landlock.paths {
            writeln!(
                f,
                "   path_beneath {} [{}] ({})",
                r.path,
                artifacts::names(r.access, &FS_RIGHTS),
                r.source
            )?;
        }
        for (right, lo, hi) in &self.landlock.ports {
            writeln!(
                f,
                "   net_port {lo}-{hi} [{}]",
                artifacts::names(*right, &NET_RIGHTS)
            )?;
        }
        writeln!(
            f,
            "8. seccomp filter: {} instructions, installed last",
            self.seccomp.len()
        )?;
        writeln!(
            f,
            "9. re-check NoNewPrivs 1, Seccomp 2, no capabilities; execve {}",
            self.exe.display()
        )?;
        writeln!(f, "   argv {:?}", self.argv)?;
        let names: Vec<&str> = self.env.iter().map(|(n, _)| n.as_str()).collect();
        writeln!(
            f,
            "   env cleared, then {}",
            if names.is_empty() {
                "nothing".to_owned()
            } else {
                names.join(", ")
            }
        )?;
        match self.timeout_ms {
            0 => writeln!(f, "   timeout: none")?,
            ms => writeln!(f, "   timeout: {ms} ms, then SIGKILL to the pid namespace")?,
        }
        for n in &self.notes {
            writeln!(f, "note[{}]: {}", n.code.0, n.message)?;
        }
        Ok(())
    }
}
