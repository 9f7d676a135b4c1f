//! The network model: legacy (`defaultPolicy`, host lists) and directional (0.8 `egress`,
//! `ingress`) MXC network sections unified into one rule model.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::span::Span;
use crate::spanned::Setting;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    V4,
    V6,
}

impl Family {
    pub fn bits(self) -> u8 {
        match self {
            Family::V4 => 32,
            Family::V6 => 128,
        }
    }
}

/// An address block. IPv4 blocks keep the address in the low 32 bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cidr {
    pub family: Family,
    pub addr: u128,
    pub prefix: u8,
}

/// Why a CIDR string was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CidrError {
    /// Not an IP address or block (for example a DNS name).
    NotAnAddress,
    PrefixTooLong {
        max: u8,
    },
    /// `10.0.0.1/8`: bits set below the prefix.
    HostBitsSet,
}

impl fmt::Display for CidrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CidrError::NotAnAddress => f.write_str("not an IP address or CIDR block"),
            CidrError::PrefixTooLong { max } => write!(f, "prefix length is larger than {max}"),
            CidrError::HostBitsSet => f.write_str("host part of address was not zero"),
        }
    }
}

impl Cidr {
    /// Parses `a.b.c.d`, `a.b.c.d/n`, an IPv6 address or `addr/n`. A bare address is a host
    /// route. IPv4-mapped IPv6 blocks of length 96 or more become IPv4 blocks.
    pub fn parse(s: &str) -> Result<Cidr, CidrError> {
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => {
                let p: u8 = p.parse().map_err(|_| CidrError::NotAnAddress)?;
                (a, Some(p))
            }
            None => (s, None),
        };
        let ip: IpAddr = addr.parse().map_err(|_| CidrError::NotAnAddress)?;
        let cidr = match ip {
            IpAddr::V4(v4) => {
                let prefix = prefix.unwrap_or(32);
                if prefix > 32 {
                    return Err(CidrError::PrefixTooLong { max: 32 });
                }
                Cidr {
                    family: Family::V4,
                    addr: u128::from(u32::from(v4)),
                    prefix,
                }
            }
            IpAddr::V6(v6) => {
                let prefix = prefix.unwrap_or(128);
                if prefix > 128 {
                    return Err(CidrError::PrefixTooLong { max: 128 });
                }
                Cidr {
                    family: Family::V6,
                    addr: u128::from(v6),
                    prefix,
                }
            }
        };
        if cidr.addr & !cidr.mask() != 0 {
            return Err(CidrError::HostBitsSet);
        }
        Ok(cidr.unmapped())
    }

    /// The block of all addresses of a family.
    pub fn everything(family: Family) -> Cidr {
        Cidr {
            family,
            addr: 0,
            prefix: 0,
        }
    }

    /// The network mask within the family's width.
    pub fn mask(self) -> u128 {
        let bits = u32::from(self.family.bits());
        let prefix = u32::from(self.prefix);
        if prefix == 0 {
            0
        } else {
            let all = if bits == 128 {
                u128::MAX
            } else {
                (1u128 << bits) - 1
            };
            let host = bits - prefix;
            let host_mask = if host == 0 { 0 } else { (1u128 << host) - 1 };
            all & !host_mask
        }
    }

    pub fn first(self) -> u128 {
        self.addr & self.mask()
    }

    pub fn last(self) -> u128 {
        let bits = u32::from(self.family.bits());
        let host = bits - u32::from(self.prefix);
        let host_mask = if host >= 128 {
            u128::MAX
        } else {
            (1u128 << host) - 1
        };
        self.first() | host_mask
    }

    /// The number of addresses, saturating at `u128::MAX` for `::/0`.
    pub fn size(self) -> u128 {
        let host = u32::from(self.family.bits()) - u32::from(self.prefix);
        if host >= 128 {
            u128::MAX
        } else {
            1u128 << host
        }
    }

    /// True when the address (after unmapping IPv4-mapped IPv6) lies in the block.
    pub fn contains(self, ip: IpAddr) -> bool {
        let (family, bits) = addr_bits(ip);
        family == self.family && bits & self.mask() == self.first()
    }

    /// True when `other` lies entirely in `self`.
    pub fn covers(self, other: Cidr) -> bool {
        self.family == other.family
            && other.prefix >= self.prefix
            && other.first() & self.mask() == self.first()
    }

    /// IPv4-mapped IPv6 blocks (`::ffff:0:0/96` and longer) as IPv4 blocks.
    pub fn unmapped(self) -> Cidr {
        const MAPPED: u128 = 0xffff_0000_0000;
        if self.family == Family::V6 && self.prefix >= 96 && (self.addr >> 32) == (MAPPED >> 32) {
            Cidr {
                family: Family::V4,
                addr: self.addr & 0xffff_ffff,
                prefix: self.prefix - 96,
            }
        } else {
            self
        }
    }

    /// True for a v6 block shorter than /96 that contains the IPv4-mapped range.
    pub fn straddles_mapped_range(self) -> bool {
        let mapped = Cidr {
            family: Family::V6,
            addr: 0xffff_0000_0000,
            prefix: 96,
        };
        self.family == Family::V6 && self.prefix < 96 && self.covers(mapped)
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", ip_of(self.family, self.addr), self.prefix)
    }
}

/// The family and bits of an address, with IPv4-mapped IPv6 treated as IPv4.
pub fn addr_bits(ip: IpAddr) -> (Family, u128) {
    match canonical_ip(ip) {
        IpAddr::V4(v4) => (Family::V4, u128::from(u32::from(v4))),
        IpAddr::V6(v6) => (Family::V6, u128::from(v6)),
    }
}

/// `::ffff:a.b.c.d` is `a.b.c.d`: kernels and every MXC backend treat it as IPv4.
pub fn canonical_ip(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(v6),
        },
        v4 @ IpAddr::V4(_) => v4,
    }
}

/// The address with the given bits in the given family.
pub fn ip_of(family: Family, bits: u128) -> IpAddr {
    match family {
        Family::V4 => IpAddr::V4(Ipv4Addr::from(
            u32::try_from(bits & 0xffff_ffff).unwrap_or(0),
        )),
        Family::V6 => IpAddr::V6(Ipv6Addr::from(bits)),
    }
}

/// True for the host loopback range (`127.0.0.0/8`, `::1`).
pub fn is_loopback(ip: IpAddr) -> bool {
    canonical_ip(ip).is_loopback()
}

/// A transport protocol of a concrete request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    Tcp,
    Udp,
    Icmp,
}

impl Protocol {
    pub const ALL: [Protocol; 3] = [Protocol::Tcp, Protocol::Udp, Protocol::Icmp];

    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
            Protocol::Icmp => "icmp",
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The protocol field of a port selector. `any` with a port means TCP and UDP.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProtocolSelector {
    Any,
    Tcp,
    Udp,
    Icmp,
}

/// One `ports[]` entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PortSelector {
    pub protocol: ProtocolSelector,
    /// Inclusive `port..=endPort`; `None` is every port.
    pub range: Option<(u16, u16)>,
    pub span: Span,
}

impl PortSelector {
    pub fn matches(&self, protocol: Protocol, port: u16) -> bool {
        let proto_ok = match self.protocol {
            ProtocolSelector::Any => self.range.is_none() || protocol != Protocol::Icmp,
            ProtocolSelector::Tcp => protocol == Protocol::Tcp,
            ProtocolSelector::Udp => protocol == Protocol::Udp,
            ProtocolSelector::Icmp => protocol == Protocol::Icmp,
        };
        let port_ok = protocol == Protocol::Icmp
            || self.range.is_none_or(|(lo, hi)| lo <= port && port <= hi);
        proto_ok && port_ok
    }
}

/// A protocol (or any) with an inclusive port range (or every port).
pub type PortPair = (Option<Protocol>, Option<(u16, u16)>);

/// The `(protocol, port range)` pairs a rule's `ports` stand for, as kernels filter them:
/// `any` with a port is TCP and UDP, `icmp` has no port, and `None` (no `ports`, or `any`
/// without a port) matches every protocol and port.
pub fn port_pairs(ports: Option<&[PortSelector]>) -> Vec<PortPair> {
    let Some(sels) = ports else {
        return vec![(None, None)];
    };
    let mut out = Vec::new();
    for s in sels {
        match (s.protocol, s.range) {
            (ProtocolSelector::Any, Some(r)) => {
                out.push((Some(Protocol::Tcp), Some(r)));
                out.push((Some(Protocol::Udp), Some(r)));
            }
            (ProtocolSelector::Any, None) => out.push((None, None)),
            (ProtocolSelector::Tcp, r) => out.push((Some(Protocol::Tcp), r)),
            (ProtocolSelector::Udp, r) => out.push((Some(Protocol::Udp), r)),
            (ProtocolSelector::Icmp, _) => out.push((Some(Protocol::Icmp), None)),
        }
    }
    out
}

/// One `to[]` entry: a block minus its exceptions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Peer {
    pub cidr: Cidr,
    pub except: Vec<(Cidr, Span)>,
    pub span: Span,
}

impl Peer {
    pub fn matches(&self, ip: IpAddr) -> bool {
        self.cidr.contains(ip) && !self.except.iter().any(|(c, _)| c.contains(ip))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    Allow,
    Deny,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Allow => "allow",
            Action::Deny => "deny",
        }
    }
}

/// Where a network rule came from in the source policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleOrigin {
    EgressAllow(usize),
    EgressDeny(usize),
    AllowedHost(usize),
    BlockedHost(usize),
}

impl fmt::Display for RuleOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleOrigin::EgressAllow(i) => write!(f, "network.egress.allow[{i}]"),
            RuleOrigin::EgressDeny(i) => write!(f, "network.egress.deny[{i}]"),
            RuleOrigin::AllowedHost(i) => write!(f, "network.allowedHosts[{i}]"),
            RuleOrigin::BlockedHost(i) => write!(f, "network.blockedHosts[{i}]"),
        }
    }
}

/// An egress rule. Omitted `to` matches every destination, omitted `ports` every port.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetRule {
    pub action: Action,
    pub to: Option<Vec<Peer>>,
    pub ports: Option<Vec<PortSelector>>,
    pub origin: RuleOrigin,
    pub span: Span,
}

impl NetRule {
    pub fn matches(&self, protocol: Protocol, ip: IpAddr, port: u16) -> bool {
        let to_ok = self
            .to
            .as_ref()
            .is_none_or(|peers| peers.iter().any(|p| p.matches(ip)));
        let ports_ok = match &self.ports {
            None => true,
            Some(sels) => sels.iter().any(|s| s.matches(protocol, port)),
        };
        to_ok && ports_ok
    }
}

/// Which MXC network syntax the policy used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetworkShape {
    /// `defaultPolicy`, `allowedHosts`, ... (0.6/0.7, still accepted at 0.8).
    Legacy,
    /// 0.8 `egress` / `ingress` (also synthesised at ≥0.8 when no legacy field is present).
    Directional,
}

/// Legacy `enforcementMode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnforcementMode {
    Capabilities,
    Firewall,
    Both,
}

/// A proxy endpoint the sandbox may reach.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proxy {
    pub kind: ProxyKind,
    /// Host as written (lower-cased), `127.0.0.1` for `localhost: <port>`.
    pub host: String,
    pub port: u16,
    pub scheme: String,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProxyKind {
    /// Legacy `network.proxy.localhost`.
    Localhost,
    /// Legacy `network.proxy.url`.
    Url,
    /// Legacy `network.proxy.builtinTestServer` (testing only).
    BuiltinTestServer,
    /// 0.8 `runtimeConfig.networkProxy`.
    Runtime,
}

impl Proxy {
    /// True when the proxy listens on the host loopback.
    pub fn is_loopback(&self) -> bool {
        let host = self.host.trim_start_matches('[').trim_end_matches(']');
        host == "localhost" || host.parse::<IpAddr>().is_ok_and(is_loopback)
    }
}

/// A legacy host list entry that names a host rather than an address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostName {
    pub action: Action,
    /// Lower-cased, without a trailing dot.
    pub name: String,
    pub origin: RuleOrigin,
    pub span: Span,
}

/// The unified network section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Network {
    pub shape: NetworkShape,
    pub egress_default: Setting<Action>,
    /// Egress rules, deny and allow, in source order.
    pub rules: Vec<NetRule>,
    /// Legacy host-list entries that are DNS names; no address rule can decide them.
    pub host_names: Vec<HostName>,
    /// Inbound connections from the LAN (`ingress.default`, legacy `allowLocalNetwork`).
    pub ingress_default: Setting<Action>,
    /// Connectivity with services on the host loopback, both directions.
    pub host_loopback: Setting<Action>,
    pub proxy: Option<Proxy>,
    pub enforcement_mode: Setting<EnforcementMode>,
    /// The span of the `network` object, when present.
    pub span: Option<Span>,
}

impl Default for Network {
    /// MXC's runtime default for every version: nothing in, nothing out.
    fn default() -> Network {
        Network {
            shape: NetworkShape::Directional,
            egress_default: Setting::default_value(Action::Deny),
            rules: Vec::new(),
            host_names: Vec::new(),
            ingress_default: Setting::default_value(Action::Deny),
            host_loopback: Setting::default_value(Action::Deny),
            proxy: None,
            enforcement_mode: Setting::default_value(EnforcementMode::Capabilities),
            span: None,
        }
    }
}

/// Proxy environment variables every backend scrubs from the caller's env and then sets.
pub const PROXY_ENV_VARS: [&str; 10] = [
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "FTP_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "ftp_proxy",
    "no_proxy",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_parse_and_contains() {
        let c = Cidr::parse("10.0.0.0/8").unwrap();
        assert!(c.contains("10.1.2.3".parse().unwrap()));
        assert!(c.contains("::ffff:10.1.2.3".parse().unwrap()));
        assert!(!c.contains("11.0.0.0".parse().unwrap()));
        assert_eq!(Cidr::parse("10.0.0.1/8"), Err(CidrError::HostBitsSet));
        assert_eq!(Cidr::parse("example.com"), Err(CidrError::NotAnAddress));
        assert_eq!(Cidr::parse("::ffff:10.0.0.0/104").unwrap(), c);
        assert_eq!(Cidr::parse("0.0.0.0/0").unwrap().size(), 1 << 32);
        assert!(Cidr::parse("::/0").unwrap().straddles_mapped_range());
        assert_eq!(
            Cidr::parse("192.0.2.1").unwrap().to_string(),
            "192.0.2.1/32"
        );
        assert_eq!(
            Cidr::parse("fd00:ec2::254").unwrap().to_string(),
            "fd00:ec2::254/128"
        );
    }

    #[test]
    fn any_with_port_means_tcp_and_udp() {
        let s = PortSelector {
            protocol: ProtocolSelector::Any,
            range: Some((443, 443)),
            span: Span::default(),
        };
        assert!(s.matches(Protocol::Tcp, 443));
        assert!(s.matches(Protocol::Udp, 443));
        assert!(!s.matches(Protocol::Icmp, 0));
        assert!(!s.matches(Protocol::Tcp, 80));
    }
}
