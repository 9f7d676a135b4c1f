//! A minimal policy DSL for fixtures and a renderer for reports.
//!
//! One directive per line: `platform windows`, `rw PATH`, `ro PATH`, `deny PATH`,
//! `allow CIDR|* [except CIDR] [tcp|udp|icmp|any [LO[-HI]]]`, `block ...` (a deny rule),
//! `egress allow|deny`, `ingress allow|deny`, `loopback allow`, `proxy PORT`, `timeout N`,
//! `env NAME=VALUE`, `clipboard none|read|write|all`, `windows`.

use ir::policy::EnvEntry;
use ir::{
    Action, CanonPath, Cidr, Clipboard, FsAccess, FsRule, NetRule, Peer, Platform, Policy,
    PortSelector, ProtocolSelector, Proxy, ProxyKind, RuleOrigin, Setting, SourceFile, SourceId,
    Span,
};

use crate::{Finding, Outcome};

pub(crate) fn policy(source: u32, text: &str) -> Policy {
    let platform = if text.lines().any(|l| l.trim() == "platform windows") {
        Platform::Windows
    } else if text.lines().any(|l| l.trim() == "platform macos") {
        Platform::Macos
    } else {
        Platform::Linux
    };
    let style = platform.path_style();
    let src = SourceId(source);
    let mut p = Policy::empty(src, platform);
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let span = Span::new(src, offset, offset + raw.trim_end().len());
        offset += raw.len();
        let line = raw.trim();
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        let rest = rest.trim();
        match word {
            "" | "platform" => {}
            "rw" | "ro" | "deny" => {
                let access = match word {
                    "rw" => FsAccess::ReadWrite,
                    "ro" => FsAccess::ReadOnly,
                    _ => FsAccess::Denied,
                };
                let c = CanonPath::parse(rest, style);
                let index = p.filesystem.rules_with(access).count();
                p.filesystem.rules.push(FsRule {
                    access,
                    raw: rest.to_owned(),
                    path: c.path,
                    changes: c.changes,
                    index,
                    span,
                });
            }
            "allow" | "block" => {
                let action = if word == "allow" {
                    Action::Allow
                } else {
                    Action::Deny
                };
                let mut words = rest.split_whitespace();
                let to = match words.next() {
                    Some("*") | None => None,
                    Some(list) => Some(
                        list.split(',')
                            .map(|c| Peer {
                                cidr: Cidr::parse(c).unwrap(),
                                except: Vec::new(),
                                span,
                            })
                            .collect::<Vec<_>>(),
                    ),
                };
                let mut to = to;
                let mut ports = None;
                while let Some(w) = words.next() {
                    match w {
                        "except" => {
                            let e = Cidr::parse(words.next().unwrap()).unwrap();
                            for peer in to.iter_mut().flatten() {
                                peer.except.push((e, span));
                            }
                        }
                        "tcp" | "udp" | "icmp" | "any" => {
                            let protocol = match w {
                                "tcp" => ProtocolSelector::Tcp,
                                "udp" => ProtocolSelector::Udp,
                                "icmp" => ProtocolSelector::Icmp,
                                _ => ProtocolSelector::Any,
                            };
                            let range = words.clone().next().and_then(|r| {
                                let (a, b) = r.split_once('-').unwrap_or((r, r));
                                Some((a.parse().ok()?, b.parse().ok()?))
                            });
                            if range.is_some() {
                                words.next();
                            }
                            ports.get_or_insert_with(Vec::new).push(PortSelector {
                                protocol,
                                range,
                                span,
                            });
                        }
                        other => panic!("unknown network word `{other}`"),
                    }
                }
                let i = p.network.rules.len();
                let origin = if action == Action::Allow {
                    RuleOrigin::EgressAllow(i)
                } else {
                    RuleOrigin::EgressDeny(i)
                };
                p.network.rules.push(NetRule {
                    action,
                    to,
                    ports,
                    origin,
                    span,
                });
            }
            "egress" | "ingress" | "loopback" => {
                let a = if rest == "allow" {
                    Action::Allow
                } else {
                    Action::Deny
                };
                let s = Setting::explicit(a, span);
                match word {
                    "egress" => p.network.egress_default = s,
                    "ingress" => p.network.ingress_default = s,
                    _ => p.network.host_loopback = s,
                }
            }
            "proxy" => {
                p.network.proxy = Some(Proxy {
                    kind: ProxyKind::Localhost,
                    host: "127.0.0.1".to_owned(),
                    port: rest.parse().unwrap(),
                    scheme: "http".to_owned(),
                    span,
                });
            }
            "timeout" => p.process.timeout = Setting::explicit(rest.parse().unwrap(), span),
            "env" => {
                let (name, value) = rest.split_once('=').unwrap();
                p.process.env.push(EnvEntry {
                    raw: rest.to_owned(),
                    name: Some(name.to_owned()),
                    value: Some(value.to_owned()),
                    span,
                });
            }
            "clipboard" => {
                let c = match rest {
                    "read" => Clipboard::Read,
                    "write" => Clipboard::Write,
                    "all" => Clipboard::All,
                    _ => Clipboard::None,
                };
                p.ui.clipboard = Setting::explicit(c, span);
            }
            other => panic!("unknown directive `{other}`"),
        }
    }
    p
}

/// `name:line` of a span among the fixture files.
pub(crate) fn at(files: &[(&str, &str)], span: Option<Span>) -> String {
    let Some(span) = span else {
        return "-".to_owned();
    };
    let Some((name, text)) = files.get(span.source.0 as usize) else {
        return "?".to_owned();
    };
    let f = SourceFile::new(*name, *text);
    format!("{name}:{}", f.line_col(span.start).line)
}

pub(crate) fn render_findings(out: &mut String, files: &[(&str, &str)], findings: &[Finding]) {
    for f in findings {
        out.push_str(&format!(
            "  {} {}: {}\n    region: {}\n    witness: {}\n    granted by: {} @ {}\n    {} decides: {} @ {}\n",
            f.code,
            f.severity,
            f.message,
            f.region,
            f.witness_text,
            f.grant_cause,
            at(files, f.grant_span),
            f.other_role,
            f.other_cause,
            at(files, f.other_span),
        ));
        if f.truncated {
            out.push_str("    (truncated)\n");
        }
    }
}

pub(crate) fn render_outcome(out: &mut String, files: &[(&str, &str)], o: &Outcome) {
    match o {
        Outcome::Proved => out.push_str("  proved\n"),
        Outcome::Unknown(r) => out.push_str(&format!("  unknown: {r}\n")),
        Outcome::Refuted(f) => {
            out.push_str("  refuted\n");
            render_findings(out, files, f);
        }
    }
}
