//! Sorted, disjoint, non-adjacent inclusive intervals over `u128`: region ids, addresses, ports.

/// A normalised set of inclusive intervals.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ranges(Vec<(u128, u128)>);

impl Ranges {
    pub fn empty() -> Ranges {
        Ranges(Vec::new())
    }

    pub fn full(max: u128) -> Ranges {
        Ranges(vec![(0, max)])
    }

    pub fn single(lo: u128, hi: u128) -> Ranges {
        if lo > hi {
            Ranges::empty()
        } else {
            Ranges(vec![(lo, hi)])
        }
    }

    /// Normalises arbitrary intervals (empty ones are dropped).
    pub fn from_intervals(items: impl IntoIterator<Item = (u128, u128)>) -> Ranges {
        let mut v: Vec<(u128, u128)> = items.into_iter().filter(|(a, b)| a <= b).collect();
        v.sort_unstable();
        let mut out: Vec<(u128, u128)> = Vec::with_capacity(v.len());
        for (lo, hi) in v {
            match out.last_mut() {
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => out.push((lo, hi)),
            }
        }
        Ranges(out)
    }

    pub fn intervals(&self) -> &[(u128, u128)] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, x: u128) -> bool {
        let i = self.0.partition_point(|(_, hi)| *hi < x);
        self.0.get(i).is_some_and(|(lo, _)| *lo <= x)
    }

    /// Whether every value of `[lo, hi]` is in the set (the intervals are merged, so one
    /// interval must hold it).
    pub fn covers(&self, lo: u128, hi: u128) -> bool {
        let i = self.0.partition_point(|(_, end)| *end < lo);
        self.0
            .get(i)
            .is_some_and(|(start, end)| *start <= lo && hi <= *end)
    }

    #[must_use]
    pub fn union(&self, other: &Ranges) -> Ranges {
        Ranges::from_intervals(self.0.iter().chain(&other.0).copied())
    }

    /// The complement within `[0, max]`.
    #[must_use]
    pub fn complement(&self, max: u128) -> Ranges {
        let mut out = Vec::new();
        let mut next = Some(0u128);
        for (lo, hi) in &self.0 {
            if let Some(n) = next
                && *lo > n
            {
                out.push((n, lo - 1));
            }
            next = hi.checked_add(1);
        }
        if let Some(n) = next
            && n <= max
        {
            out.push((n, max));
        }
        Ranges(out)
    }

    #[must_use]
    pub fn subtract(&self, other: &Ranges) -> Ranges {
        self.intersect(&other.complement(u128::MAX))
    }

    #[must_use]
    pub fn intersect(&self, other: &Ranges) -> Ranges {
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        while let (Some(a), Some(b)) = (self.0.get(i), other.0.get(j)) {
            let lo = a.0.max(b.0);
            let hi = a.1.min(b.1);
            if lo <= hi {
                out.push((lo, hi));
            }
            if a.1 < b.1 {
                i += 1;
            } else {
                j += 1;
            }
        }
        Ranges(out)
    }
}
