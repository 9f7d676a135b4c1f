//! `mxcc query POLICY ACCESS TARGET [PORT] [PROTOCOL]`: the reference decision for one
//! request, the rule or setting that decided it with a code frame, and whether the runtime
//! baseline of `mxcc run` grants what the policy denies.

use clap::ValueEnum;
use codespan_reporting::diagnostic::{Diagnostic as Frame, Label as FrameLabel, Severity};
use codespan_reporting::term::termcolor::Ansi;
use codespan_reporting::term::{Config, emit_into_string, emit_to_write_style};
use serde_json::json;

use driver::FileReport;
use driver::query::Answer;
use ir::{Cause, Direction, FsAccess, FsOp, Mode, Policy, Protocol, Request, Span};

use crate::Outcome;
use crate::args::{Format, QueryArgs};
use crate::commands::check::options;
use crate::exit;
use crate::render;
use crate::render::window::{Source, View};

/// What a query asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Access {
    Read,
    Write,
    Exec,
    Egress,
    Ingress,
}

/// The transport protocol of a network query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Transport {
    Tcp,
    Udp,
}

fn usage(message: &str) -> Outcome {
    Outcome {
        stdout: String::new(),
        stderr: format!("error: {message}\n"),
        code: exit::FAILURE,
    }
}

pub(crate) fn run(args: &QueryArgs) -> Outcome {
    if matches!(args.format, Format::Sarif | Format::Github) {
        return usage("`mxcc query` prints `--format human` or `--format json`");
    }
    let report = driver::check_paths(std::slice::from_ref(&args.path), &options(&args.policy));
    let failed = !report.path_errors.is_empty()
        || report
            .files
            .iter()
            .any(|f| f.has_errors() || f.policy.is_none());
    let file = report.files.first().filter(|_| !failed);
    let Some((file, policy)) = file.and_then(|f| f.policy.as_ref().map(|p| (f, p))) else {
        // Only the errors: the policy cannot be queried.
        let mut errors = report.clone();
        for f in &mut errors.files {
            f.diagnostics.retain(ir::Diagnostic::is_error);
        }
        let text = render::findings(&errors, args.format);
        // A path that cannot be read says so itself.
        let stderr = if report.path_errors.is_empty() {
            format!(
                "error: `{}` is not a valid policy; nothing to query\n",
                args.path.display()
            )
        } else {
            String::new()
        };
        return Outcome {
            stdout: text,
            stderr,
            code: exit::FAILURE,
        };
    };
    let request = match request(args, file.platform) {
        Ok(r) => r,
        Err(message) => return usage(&message),
    };
    let mode = if args.policy.strict {
        Mode::Strict
    } else {
        Mode::Mxc
    };
    let answer = driver::query::answer(policy, file.platform, request, mode);
    let stdout = match args.format {
        Format::Json => json_answer(file, policy, &answer, mode),
        _ => human(file, policy, &answer, mode),
    };
    Outcome {
        stdout,
        stderr: String::new(),
        code: if answer.decision.allowed {
            exit::SUCCESS
        } else {
            exit::FINDINGS
        },
    }
}

fn request(args: &QueryArgs, platform: ir::Platform) -> Result<Request, String> {
    let fs = |op: FsOp| {
        if args.port.is_some() || args.protocol.is_some() {
            return Err("a filesystem query takes a path and nothing after it".to_owned());
        }
        driver::query::fs_request(op, &args.target, platform)
    };
    let net = |direction: Direction| {
        let Some(port) = args.port else {
            return Err("a network query needs a port after the address".to_owned());
        };
        let protocol = match args.protocol {
            Some(Transport::Udp) => Protocol::Udp,
            Some(Transport::Tcp) | None => Protocol::Tcp,
        };
        driver::query::net_request(direction, &args.target, port, protocol)
    };
    match args.access {
        Access::Read => fs(FsOp::Read),
        Access::Write => fs(FsOp::Write),
        Access::Exec => fs(FsOp::Execute),
        Access::Egress => net(Direction::Egress),
        Access::Ingress => net(Direction::Ingress),
    }
}

/// The request in words: `write /etc/passwd`, `egress tcp 1.2.3.4:443`.
fn describe(request: &Request) -> String {
    match request {
        Request::Fs { op, path } => {
            let op = match op {
                FsOp::Read => "read",
                FsOp::Write => "write",
                FsOp::Execute => "exec",
                FsOp::Metadata => "metadata",
            };
            format!("{op} `{path}`")
        }
        Request::Net {
            direction,
            protocol,
            endpoint,
            port,
        } => {
            let direction = match direction {
                Direction::Egress => "egress to",
                Direction::Ingress => "ingress from",
            };
            let address = match endpoint {
                ir::Endpoint::Ip(ip) => ip.to_string(),
                ir::Endpoint::Proxy => "the proxy".to_owned(),
            };
            format!("{direction} `{address}` port {port}/{protocol}")
        }
        other => format!("{other:?}"),
    }
}

fn list_of(access: FsAccess) -> &'static str {
    match access {
        FsAccess::ReadWrite => "readwritePaths",
        FsAccess::ReadOnly => "readonlyPaths",
        FsAccess::Denied => "deniedPaths",
    }
}

/// What decided, in words, and a short kind for JSON.
fn cause(policy: &Policy, cause: &Cause, mode: Mode) -> (&'static str, String) {
    let net = &policy.network;
    match cause {
        Cause::FsRule(i) => match policy.filesystem.rules.get(*i) {
            Some(rule) => (
                "filesystem-rule",
                format!(
                    "the `{}` entry `{}` decides ({})",
                    list_of(rule.access),
                    rule.raw,
                    match mode {
                        Mode::Mxc => "the deepest rule covering the path",
                        Mode::Strict =>
                            "deny-overrides: a covering `deniedPaths` entry wins, else a covering grant",
                    }
                ),
            ),
            None => ("filesystem-rule", "a filesystem rule decides".to_owned()),
        },
        Cause::NoFsRule => (
            "no-filesystem-rule",
            "no filesystem rule covers the path, and no rule means no access".to_owned(),
        ),
        Cause::NetRule(i) => match net.rules.get(*i) {
            Some(rule) => (
                "network-rule",
                format!(
                    "the {} rule `{}` decides",
                    rule.action.as_str(),
                    rule.origin
                ),
            ),
            None => ("network-rule", "a network rule decides".to_owned()),
        },
        Cause::EgressDefault => (
            "egress-default",
            format!(
                "no egress rule matches; `network.egress.default` is `{}`",
                net.egress_default.value.as_str()
            ),
        ),
        Cause::IngressDefault => (
            "ingress-default",
            format!(
                "`network.ingress.default` is `{}`",
                net.ingress_default.value.as_str()
            ),
        ),
        Cause::HostLoopback => (
            "host-loopback",
            format!(
                "the address is host loopback; `network.ingress.hostLoopback` is `{}`",
                net.host_loopback.value.as_str()
            ),
        ),
        Cause::ProxyEndpoint => (
            "proxy-endpoint",
            "the configured proxy endpoint decides".to_owned(),
        ),
        Cause::NoProxy => ("no-proxy", "the policy configures no proxy".to_owned()),
        other => ("other", format!("{other:?}")),
    }
}

fn semantics(mode: Mode) -> &'static str {
    match mode {
        Mode::Mxc => "mxc",
        Mode::Strict => "strict",
    }
}

fn baseline_note(answer: &Answer) -> Option<String> {
    answer.baseline.map(|dir| {
        format!(
            "the policy denies it; `mxcc run` additionally grants read and exec of `{dir}` \
             (runtime baseline, when `{dir}` exists on the host), so at run time it is allowed"
        )
    })
}

fn human(file: &FileReport, policy: &Policy, answer: &Answer, mode: Mode) -> String {
    let ui = render::ui();
    let verdict = if answer.decision.allowed {
        "allowed"
    } else {
        "denied"
    };
    let mut out = format!(
        "{verdict}: {} ({} semantics, {})\n",
        describe(&answer.request),
        semantics(mode),
        file.platform
    );
    let (_, because) = cause(policy, &answer.decision.cause, mode);
    let mut notes = Vec::new();
    if let Some(note) = baseline_note(answer) {
        notes.push(format!("note: {note}"));
    }
    let Some(span) = answer.decision.span(policy) else {
        out.push_str(&format!("  = {because}\n"));
        for n in &notes {
            out.push_str(&format!("  = {n}\n"));
        }
        return out;
    };
    let sources = [Source::new(
        file.source_id,
        file.source.name.clone(),
        &file.source.text,
    )];
    let (view, placed) = View::new(&sources, &[(span.source, span.range())]);
    let labels = placed
        .into_iter()
        .flatten()
        .map(|(id, range)| FrameLabel::primary(id, range).with_message(verdict))
        .collect();
    let frame = Frame::new(Severity::Note)
        .with_message(because.clone())
        .with_labels(labels)
        .with_notes(notes.clone());
    let config = Config::default();
    let text = if ui.color {
        let mut ansi = Ansi::new(Vec::new());
        emit_to_write_style(&mut ansi, &config, &view, &frame)
            .map(|()| String::from_utf8_lossy(&ansi.into_inner()).into_owned())
    } else {
        emit_into_string(&config, &view, &frame)
    };
    match text {
        Ok(text) => out.push_str(&text),
        Err(_) => {
            out.push_str(&format!("  = {because}\n"));
            for n in &notes {
                out.push_str(&format!("  = {n}\n"));
            }
        }
    }
    out
}

fn span_json(file: &FileReport, span: Span) -> serde_json::Value {
    let start = file.source.line_col(span.start);
    let end = file.source.line_col(span.end);
    json!({
        "file": file.source.name,
        "start": { "line": start.line, "column": start.column },
        "end": { "line": end.line, "column": end.column },
        "text": file.source.slice(span),
    })
}

fn json_answer(file: &FileReport, policy: &Policy, answer: &Answer, mode: Mode) -> String {
    let (kind, because) = cause(policy, &answer.decision.cause, mode);
    let request = match &answer.request {
        Request::Fs { op, path } => json!({
            "kind": "filesystem",
            "operation": op.as_str(),
            "path": path.to_string(),
        }),
        Request::Net {
            direction,
            protocol,
            endpoint,
            port,
        } => json!({
            "kind": "network",
            "direction": match direction {
                Direction::Egress => "egress",
                Direction::Ingress => "ingress",
            },
            "protocol": protocol.as_str(),
            "address": match endpoint {
                ir::Endpoint::Ip(ip) => ip.to_string(),
                ir::Endpoint::Proxy => "proxy".to_owned(),
            },
            "port": port,
        }),
        other => json!({ "kind": format!("{other:?}") }),
    };
    let value = json!({
        "policy": file.source.name,
        "platform": file.platform.as_str(),
        "semantics": semantics(mode),
        "request": request,
        "allowed": answer.decision.allowed,
        "cause": {
            "kind": kind,
            "message": because,
            "span": answer.decision.span(policy).map(|s| span_json(file, s)),
        },
        "runtimeBaseline": answer.baseline.map(|dir| json!({
            "directory": dir,
            "grants": ["read", "exec"],
            "message": baseline_note(answer),
        })),
    });
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}
