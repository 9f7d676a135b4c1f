//! Regions: the exact set of requests a target reports granting beyond the policy.
//!
//! A target that cannot enforce a construct as written (a gap, a compatibility grant) says
//! what the artifact then allows that the policy may deny, as a union of regions. The compile
//! gate excuses a soundness finding only when a region of every artifact that allows its
//! witness contains it, evaluated concretely on the witness like [`crate::decide`]; a gap
//! without a region excuses nothing.

use std::net::IpAddr;

use crate::decide::{Direction, Endpoint, Request, UiOp};
use crate::model::{FsOps, PathMatch};
use crate::net::{Cidr, Family, Protocol, canonical_ip};
use crate::path::CanonPath;

/// A set of requests of one domain. `None` fields match anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Region {
    /// These operations on the path, matched as a model rule matches it.
    Fs {
        path: CanonPath,
        matching: PathMatch,
        ops: FsOps,
    },
    /// These operations on every path (what a target that cannot restrict them leaves open).
    FsEverywhere(FsOps),
    /// Network requests. A set address block or port range never matches the proxy endpoint
    /// (a proxy is matched by `proxy`), and a port range never matches ICMP.
    Net {
        direction: Option<Direction>,
        protocol: Option<Protocol>,
        family: Option<Family>,
        cidr: Option<Cidr>,
        ports: Option<(u16, u16)>,
        /// True when the region includes the proxy endpoint.
        proxy: bool,
    },
    Ui(UiOp),
}

impl Region {
    /// Every network request in one direction for one protocol (`None`: any).
    pub fn net(direction: Option<Direction>, protocol: Option<Protocol>) -> Region {
        Region::Net {
            direction,
            protocol,
            family: None,
            cidr: None,
            ports: None,
            proxy: true,
        }
    }

    /// Every network request to or from the address block, for one protocol (`None`: any).
    pub fn net_block(
        direction: Option<Direction>,
        protocol: Option<Protocol>,
        cidr: Cidr,
    ) -> Region {
        Region::Net {
            direction,
            protocol,
            family: Some(cidr.family),
            cidr: Some(cidr),
            ports: None,
            proxy: false,
        }
    }

    /// Exactly what one rule of a network chain matches, in one direction.
    pub fn of_rule(direction: Direction, rule: &crate::model::NetModelRule) -> Region {
        Region::Net {
            direction: Some(direction),
            protocol: rule.protocol,
            family: rule.family,
            cidr: rule.cidr,
            ports: rule.ports,
            proxy: false,
        }
    }

    /// Exactly what one allowing rule of an ordered filesystem model matches.
    pub fn of_fs_rule(rule: &crate::model::FsModelRule) -> Region {
        Region::Fs {
            path: rule.path.clone(),
            matching: rule.matching,
            ops: rule.ops,
        }
    }

    /// The operations beneath `path` (the path itself included).
    pub fn subtree(path: CanonPath, ops: FsOps) -> Region {
        Region::Fs {
            path,
            matching: PathMatch::Subtree,
            ops,
        }
    }

    /// True when the request lies in the region.
    pub fn contains(&self, request: &Request) -> bool {
        match (self, request) {
            (
                Region::Fs {
                    path,
                    matching,
                    ops,
                },
                Request::Fs { op, path: p },
            ) => ops.contains(*op) && fs_matches(path, *matching, p),
            (Region::FsEverywhere(ops), Request::Fs { op, .. }) => ops.contains(*op),
            (
                Region::Net {
                    direction,
                    protocol,
                    family,
                    cidr,
                    ports,
                    proxy,
                },
                Request::Net {
                    direction: d,
                    protocol: p,
                    endpoint,
                    port,
                },
            ) => {
                direction.is_none_or(|x| x == *d)
                    && protocol.is_none_or(|x| x == *p)
                    && match endpoint {
                        Endpoint::Proxy => *proxy,
                        Endpoint::Ip(ip) => {
                            let ip = canonical_ip(*ip);
                            family.is_none_or(|f| f == family_of(ip))
                                && cidr.is_none_or(|c| c.contains(ip))
                                && ports.is_none_or(|(lo, hi)| {
                                    *p != Protocol::Icmp && lo <= *port && *port <= hi
                                })
                        }
                    }
            }
            (Region::Ui(op), Request::Ui(o)) => op == o,
            _ => false,
        }
    }

    /// A short description for notes, e.g. "read, execute under `/usr`".
    pub fn describe(&self) -> String {
        match self {
            Region::Fs {
                path,
                matching,
                ops,
            } => {
                let where_ = match matching {
                    PathMatch::Subtree => "under",
                    PathMatch::Literal => "on",
                    PathMatch::StringPrefix => "on paths starting with",
                };
                format!("{} {where_} `{}`", ops_text(*ops), path.display)
            }
            Region::FsEverywhere(ops) => format!("{} on every path", ops_text(*ops)),
            Region::Net {
                direction,
                protocol,
                cidr,
                ports,
                ..
            } => {
                let mut parts = vec![match direction {
                    Some(Direction::Egress) => "egress".to_owned(),
                    Some(Direction::Ingress) => "ingress".to_owned(),
                    None => "egress and ingress".to_owned(),
                }];
                parts.push(protocol.map_or("any protocol".to_owned(), |p| p.to_string()));
                if let Some(c) = cidr {
                    parts.push(format!("`{c}`"));
                }
                if let Some((lo, hi)) = ports {
                    parts.push(format!("ports {lo}-{hi}"));
                }
                parts.join(" ")
            }
            Region::Ui(op) => format!("ui {op:?}").to_lowercase(),
        }
    }
}

fn family_of(ip: IpAddr) -> Family {
    match ip {
        IpAddr::V4(_) => Family::V4,
        IpAddr::V6(_) => Family::V6,
    }
}

fn fs_matches(path: &CanonPath, matching: PathMatch, p: &CanonPath) -> bool {
    crate::model::FsModelRule {
        path: path.clone(),
        matching,
        ops: FsOps::ALL,
        allow: true,
        tier: 0,
        origin: String::new(),
    }
    .matches(p)
}

fn ops_text(ops: FsOps) -> String {
    let names: Vec<String> = ops
        .iter()
        .map(|op| format!("{op:?}").to_lowercase())
        .collect();
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use super::*;
    use crate::fs::FsOp;
    use crate::platform::Platform;

    fn p(s: &str) -> CanonPath {
        CanonPath::parse(s, Platform::Linux.path_style()).path
    }

    fn egress(protocol: Protocol, ip: [u8; 4], port: u16) -> Request {
        Request::Net {
            direction: Direction::Egress,
            protocol,
            endpoint: Endpoint::Ip(IpAddr::V4(Ipv4Addr::from(ip))),
            port,
        }
    }

    #[test]
    fn regions_contain_exactly_their_requests() {
        let usr = Region::subtree(p("/usr"), FsOps::READ_ONLY);
        let read = |path: &str| Request::Fs {
            op: FsOp::Read,
            path: p(path),
        };
        let write = Request::Fs {
            op: FsOp::Write,
            path: p("/usr/bin/sh"),
        };
        assert!(usr.contains(&read("/usr/bin/sh")));
        assert!(!usr.contains(&read("/usrx")));
        assert!(!usr.contains(&read("/etc/shadow")));
        assert!(!usr.contains(&write));
        let meta = Region::FsEverywhere(FsOps::of(&[FsOp::Metadata]));
        assert!(!meta.contains(&read("/etc/shadow")));
        let udp = Region::net(Some(Direction::Egress), Some(Protocol::Udp));
        assert!(udp.contains(&egress(Protocol::Udp, [1, 2, 3, 4], 53)));
        assert!(!udp.contains(&egress(Protocol::Icmp, [1, 2, 3, 4], 0)));
        let block = Region::net_block(
            None,
            Some(Protocol::Tcp),
            Cidr::parse("127.0.0.0/8").expect("cidr"),
        );
        assert!(block.contains(&egress(Protocol::Tcp, [127, 0, 0, 1], 80)));
        assert!(!block.contains(&egress(Protocol::Tcp, [10, 0, 0, 1], 80)));
        assert!(!block.contains(&Request::Net {
            direction: Direction::Egress,
            protocol: Protocol::Tcp,
            endpoint: Endpoint::Proxy,
            port: 80,
        }));
    }
}
