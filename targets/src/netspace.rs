//! Finite partitions of the address and port spaces on which a policy's network decisions are
//! constant, so that "for every address" questions can be answered exactly by evaluating
//! `ir::decide` at one representative per cell.

use std::collections::BTreeSet;
use std::net::IpAddr;

use ir::net::{Cidr, Family, ip_of};

const MAPPED_V4: u128 = 0xffff_0000_0000;

/// Every CIDR the network section mentions, plus loopback and the IPv4-mapped range.
fn cidrs(network: &ir::Network) -> Vec<Cidr> {
    let mut out = Vec::new();
    for rule in &network.rules {
        for peer in rule.to.iter().flatten() {
            out.push(peer.cidr);
            out.extend(peer.except.iter().map(|(c, _)| *c));
        }
    }
    out.push(Cidr {
        family: Family::V4,
        addr: 0x7f00_0000,
        prefix: 8,
    });
    out.push(Cidr {
        family: Family::V6,
        addr: 1,
        prefix: 128,
    });
    if let Some(proxy) = &network.proxy
        && let Ok(ip) = proxy
            .host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
    {
        let (family, addr) = ir::net::addr_bits(ip);
        out.push(Cidr {
            family,
            addr,
            prefix: family.bits(),
        });
    }
    out
}

/// One address per cell of the partition induced by the policy's CIDRs, both families.
pub(crate) fn address_points(network: &ir::Network) -> Vec<IpAddr> {
    let mut v4: BTreeSet<u128> = BTreeSet::from([0]);
    let mut v6: BTreeSet<u128> = BTreeSet::from([0]);
    v6.insert(MAPPED_V4);
    v6.insert(MAPPED_V4 + (1u128 << 32));
    for c in cidrs(network) {
        let set = match c.family {
            Family::V4 => &mut v4,
            Family::V6 => &mut v6,
        };
        set.insert(c.first());
        if let Some(next) = c.last().checked_add(1) {
            set.insert(next);
        }
    }
    let mut out: Vec<IpAddr> = Vec::new();
    out.extend(
        v4.into_iter()
            .filter(|a| *a <= 0xffff_ffff)
            .map(|a| ip_of(Family::V4, a)),
    );
    out.extend(
        v6.into_iter()
            .filter(|a| !(MAPPED_V4..MAPPED_V4 + (1u128 << 32)).contains(a))
            .map(|a| ip_of(Family::V6, a)),
    );
    out
}

/// The cells of the port space induced by the policy's port ranges, as inclusive ranges.
pub(crate) fn port_cells(network: &ir::Network) -> Vec<(u16, u16)> {
    let mut bounds: BTreeSet<u32> = BTreeSet::from([0, 1, 65536]);
    for rule in &network.rules {
        for sel in rule.ports.iter().flatten() {
            if let Some((lo, hi)) = sel.range {
                bounds.insert(u32::from(lo));
                bounds.insert(u32::from(hi) + 1);
            }
        }
    }
    if let Some(proxy) = &network.proxy {
        bounds.insert(u32::from(proxy.port));
        bounds.insert(u32::from(proxy.port) + 1);
    }
    let bounds: Vec<u32> = bounds.into_iter().collect();
    bounds
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((u16::try_from(*a).ok()?, u16::try_from(b - 1).ok()?)),
            _ => None,
        })
        .collect()
}

/// Merges adjacent or overlapping inclusive ranges.
pub(crate) fn merge_ranges(mut ranges: Vec<(u16, u16)>) -> Vec<(u16, u16)> {
    ranges.sort_unstable();
    let mut out: Vec<(u16, u16)> = Vec::new();
    for (lo, hi) in ranges {
        match out.last_mut() {
            Some(last) if u32::from(lo) <= u32::from(last.1) + 1 => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    out
}
