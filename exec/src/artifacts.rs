//! The artifacts the executor applies: compiled in process with [`targets::compile`], or read
//! from a directory `mxcc compile` wrote. Either way the executor reads the same bytes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::{RunError, codes};

/// Where the artifacts came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArtifactSource {
    /// Compiled from the policy by this run.
    Compiled,
    /// Read from a directory.
    Directory(PathBuf),
}

/// The artifact files by their fixed names.
#[derive(Clone, Debug)]
pub struct Artifacts {
    pub files: BTreeMap<String, Vec<u8>>,
    pub source: ArtifactSource,
}

/// The targets the executor compiles: it implements namespaces itself, so `bwrap` is not
/// among them (its gaps would otherwise be reported as closed by a layer that is not applied).
pub const TARGETS: [targets::TargetId; 3] = [
    targets::TargetId::Landlock,
    targets::TargetId::Seccomp,
    targets::TargetId::Nftables,
];

/// The file names the executor reads.
pub const FILES: [&str; 5] = [
    "landlock.json",
    "seccomp.bpf",
    "nftables.nft",
    "bwrap.args",
    targets::REPORT_FILE,
];

impl Artifacts {
    /// Compiles the executor's targets for a policy. Gaps are allowed at this stage so that the
    /// executor can decide, construct by construct, which of them its layers close; the rest
    /// refuse the run (see [`crate::plan`]).
    ///
    /// `source` is recorded in `report.json`: pass it only for bytes the full frontend accepted.
    pub fn compile(
        policy: &ir::Policy,
        home_dir: Option<String>,
        source: Option<targets::SourceRecord>,
    ) -> Artifacts {
        let options = targets::Options {
            source,
            allow_gaps: true,
            home_dir,
            baseline: targets::Baseline::Mxc,
            // The executor compiles on the machine that runs the sandbox: its path kinds are
            // examined there (`mxcc compile` assumes nothing about the host by default).
            paths: targets::PathProbe::Host,
            ..targets::Options::default()
        };
        let out = targets::compile(policy, &TARGETS, &options);
        Artifacts {
            files: out.artifacts,
            source: ArtifactSource::Compiled,
        }
    }

    /// Reads the artifacts `mxcc compile` wrote into a directory.
    pub fn load(dir: &Path) -> Result<Artifacts, RunError> {
        let mut files = BTreeMap::new();
        for name in FILES {
            let path = dir.join(name);
            match std::fs::read(&path) {
                Ok(bytes) => {
                    files.insert(name.to_owned(), bytes);
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(RunError::new(
                        codes::ARTIFACT,
                        format!("cannot read `{}`: {e}", path.display()),
                    ));
                }
            }
        }
        Ok(Artifacts {
            files,
            source: ArtifactSource::Directory(dir.to_owned()),
        })
    }

    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.files.get(name).map(Vec::as_slice)
    }

    fn require(&self, name: &str) -> Result<&[u8], RunError> {
        self.get(name).ok_or_else(|| {
            RunError::new(codes::ARTIFACT, format!("the artifact `{name}` is missing"))
                .with_help("compile with `--target all-linux`; the executor never runs without it")
        })
    }

    /// Whether these artifacts were compiled from the bytes and frontend settings `expected`
    /// describes: `Ok(true)` on a match, `Ok(false)` when the report records no source or other
    /// settings (the caller then runs the whole frontend), and an error when it records other
    /// bytes: such artifacts enforce another policy.
    pub fn compiled_from(&self, expected: &targets::SourceRecord) -> Result<bool, RunError> {
        let Some(recorded) = targets::SourceRecord::from_report(&self.report()?) else {
            return Ok(false);
        };
        if recorded.sha256 != expected.sha256 {
            return Err(RunError::new(
                codes::ARTIFACT,
                format!(
                    "the artifacts were compiled from another version of the policy (sha256 {}, the policy is {})",
                    recorded.sha256, expected.sha256
                ),
            )
            .with_help("compile the artifacts again from this policy"));
        }
        Ok(recorded == *expected)
    }

    /// The parsed enforcement report.
    pub fn report(&self) -> Result<Value, RunError> {
        json(self.require(targets::REPORT_FILE)?, targets::REPORT_FILE)
    }

    /// The parsed landlock ruleset.
    pub fn landlock(&self) -> Result<LandlockSpec, RunError> {
        let value = json(self.require("landlock.json")?, "landlock.json")?;
        LandlockSpec::parse(&value)
    }

    /// The seccomp program as `struct sock_filter` records.
    pub fn seccomp(&self) -> Result<Vec<SockFilter>, RunError> {
        let bytes = self.require("seccomp.bpf")?;
        let bad = || {
            RunError::new(
                codes::ARTIFACT,
                "`seccomp.bpf` is not a whole number of instructions",
            )
        };
        if bytes.is_empty() || bytes.len() % 8 != 0 || bytes.len() / 8 > 4096 {
            return Err(bad());
        }
        let mut out = Vec::with_capacity(bytes.len() / 8);
        for chunk in bytes.chunks_exact(8) {
            let [c0, c1, jt, jf, k0, k1, k2, k3] = <[u8; 8]>::try_from(chunk).map_err(|_| bad())?;
            out.push(SockFilter {
                code: u16::from_le_bytes([c0, c1]),
                jt,
                jf,
                k: u32::from_le_bytes([k0, k1, k2, k3]),
            });
        }
        Ok(out)
    }

    /// The nftables ruleset text, when present.
    pub fn nftables(&self) -> Result<Option<String>, RunError> {
        match self.get("nftables.nft") {
            None => Ok(None),
            Some(bytes) => String::from_utf8(bytes.to_vec())
                .map(Some)
                .map_err(|_| RunError::new(codes::ARTIFACT, "`nftables.nft` is not UTF-8")),
        }
    }
}

fn json(bytes: &[u8], name: &str) -> Result<Value, RunError> {
    serde_json::from_slice(bytes)
        .map_err(|e| RunError::new(codes::ARTIFACT, format!("`{name}` is not valid JSON: {e}")))
}

/// One classic BPF instruction (`struct sock_filter`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub struct SockFilter {
    pub code: u16,
    pub jt: u8,
    pub jf: u8,
    pub k: u32,
}

/// `LANDLOCK_ACCESS_FS_*` by the names `landlock.json` uses.
pub const FS_RIGHTS: [(&str, u64); 16] = [
    ("execute", 1 << 0),
    ("write_file", 1 << 1),
    ("read_file", 1 << 2),
    ("read_dir", 1 << 3),
    ("remove_dir", 1 << 4),
    ("remove_file", 1 << 5),
    ("make_char", 1 << 6),
    ("make_dir", 1 << 7),
    ("make_reg", 1 << 8),
    ("make_sock", 1 << 9),
    ("make_fifo", 1 << 10),
    ("make_block", 1 << 11),
    ("make_sym", 1 << 12),
    ("refer", 1 << 13),
    ("truncate", 1 << 14),
    ("ioctl_dev", 1 << 15),
];
/// `LANDLOCK_ACCESS_NET_*`.
pub const NET_RIGHTS: [(&str, u64); 2] = [("bind_tcp", 1), ("connect_tcp", 2)];
/// `LANDLOCK_SCOPE_*`.
pub const SCOPES: [(&str, u64); 2] = [("abstract_unix_socket", 1), ("signal", 2)];
/// The rights landlock accepts on a rule for a non-directory.
pub const FILE_RIGHTS: u64 = 1 | (1 << 1) | (1 << 2) | (1 << 14) | (1 << 15);
/// Read and execute: what a read-only grant gives.
pub const READ_EXEC: u64 = 1 | (1 << 2) | (1 << 3);

/// What a mask does to a path in the sandbox's mount namespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MaskKind {
    /// An empty read-only tmpfs (directory) or `/dev/null` (file).
    Denied,
    /// A read-only bind of the host path onto itself.
    ReadOnly,
    /// A read-write bind of the host path, re-exposing it beneath a mask.
    ReadWrite,
}

/// One `path_beneath` rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathRule {
    pub path: String,
    pub access: u64,
    pub source: String,
}

/// One mount of the mask table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaskSpec {
    pub path: String,
    pub kind: MaskKind,
    pub source: String,
}

/// `landlock.json`, format 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LandlockSpec {
    pub abi: u8,
    pub handled_fs: u64,
    pub handled_net: u64,
    pub scoped: u64,
    pub paths: Vec<PathRule>,
    /// Inclusive TCP port ranges with the network right they grant.
    pub ports: Vec<(u64, u16, u16)>,
    pub mounts: Vec<MaskSpec>,
}

fn bad(what: &str) -> RunError {
    RunError::new(codes::ARTIFACT, format!("`landlock.json`: {what}"))
}

fn mask_of(value: Option<&Value>, table: &[(&str, u64)], field: &str) -> Result<u64, RunError> {
    let mut mask = 0;
    for name in value.and_then(Value::as_array).into_iter().flatten() {
        let name = name.as_str().unwrap_or_default();
        let bit = table
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, b)| *b)
            .ok_or_else(|| bad(&format!("unknown right `{name}` in `{field}`")))?;
        mask |= bit;
    }
    Ok(mask)
}

impl LandlockSpec {
    pub fn parse(v: &Value) -> Result<LandlockSpec, RunError> {
        let version = v.get("format_version").and_then(Value::as_u64);
        if version != Some(1) {
            return Err(RunError::new(
                codes::ARTIFACT_VERSION,
                format!("`landlock.json` has format version {version:?}; this executor reads 1"),
            ));
        }
        if v.get("on_missing").and_then(Value::as_str) != Some("refuse") {
            return Err(bad("`on_missing` must be `refuse`"));
        }
        let abi = v
            .get("abi")
            .and_then(Value::as_u64)
            .and_then(|a| u8::try_from(a).ok())
            .ok_or_else(|| bad("no `abi`"))?;
        let mut paths = Vec::new();
        for rule in v
            .get("path_beneath")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let path = rule
                .get("path")
                .and_then(Value::as_str)
                .ok_or_else(|| bad("a rule has no path"))?;
            paths.push(PathRule {
                path: path.to_owned(),
                access: mask_of(rule.get("allowed_access"), &FS_RIGHTS, "allowed_access")?,
                source: rule
                    .get("source")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            });
        }
        let mut ports = Vec::new();
        for rule in v
            .get("net_port")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let range: Vec<u16> = rule
                .get("ports")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|p| p.as_u64().and_then(|p| u16::try_from(p).ok()))
                .collect();
            let [lo, hi] = range.as_slice() else {
                return Err(bad("a port rule is not `[lo, hi]`"));
            };
            ports.push((
                mask_of(rule.get("allowed_access"), &NET_RIGHTS, "net_port")?,
                *lo,
                *hi,
            ));
        }
        let mut mounts = Vec::new();
        for m in v
            .get("mounts")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let path = m
                .get("path")
                .and_then(Value::as_str)
                .ok_or_else(|| bad("a mount has no path"))?;
            let kind = match m.get("mask").and_then(Value::as_str) {
                Some("denied") => MaskKind::Denied,
                Some("read-only") => MaskKind::ReadOnly,
                Some("read-write") => MaskKind::ReadWrite,
                other => return Err(bad(&format!("unknown mask {other:?}"))),
            };
            let source = m
                .get("source")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            mounts.push(MaskSpec {
                path: path.to_owned(),
                kind,
                source,
            });
        }
        Ok(LandlockSpec {
            abi,
            handled_fs: mask_of(v.get("handled_access_fs"), &FS_RIGHTS, "handled_access_fs")?,
            handled_net: mask_of(
                v.get("handled_access_net"),
                &NET_RIGHTS,
                "handled_access_net",
            )?,
            scoped: mask_of(v.get("scoped"), &SCOPES, "scoped")?,
            paths,
            ports,
            mounts,
        })
    }
}

/// Names of the bits of `mask` in `table`, for the plan.
pub fn names(mask: u64, table: &[(&str, u64)]) -> String {
    let v: Vec<&str> = table
        .iter()
        .filter(|(_, b)| mask & b != 0)
        .map(|(n, _)| *n)
        .collect();
    if v.is_empty() {
        "none".to_owned()
    } else {
        v.join(",")
    }
}
