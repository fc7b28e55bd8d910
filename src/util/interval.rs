//! Sets of integers as sorted, disjoint, inclusive ranges: ports (`u16`) and addresses
//! (`u128`, IPv4 in the low 32 bits). Every operation is linear in the number of ranges, so a
//! rule covering 0-65535 costs as much as one covering a single port.

use serde::{Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct IntervalSet<T> {
    /// Sorted, disjoint and non-adjacent (adjacent ranges are merged).
    ranges: Vec<(T, T)>,
}

/// What the set operations need of an integer type.
pub trait Bound: Copy + Ord {
    const MIN: Self;
    const MAX: Self;
    fn next(self) -> Option<Self>;
    fn prev(self) -> Option<Self>;
}

macro_rules! bound {
    ($t:ty) => {
        impl Bound for $t {
            const MIN: Self = <$t>::MIN;
            const MAX: Self = <$t>::MAX;
            fn next(self) -> Option<Self> {
                self.checked_add(1)
            }
            fn prev(self) -> Option<Self> {
                self.checked_sub(1)
            }
        }
    };
}
bound!(u16);
bound!(u128);

impl<T: Bound> IntervalSet<T> {
    pub fn empty() -> Self {
        IntervalSet { ranges: Vec::new() }
    }

    pub fn full() -> Self {
        Self::range(T::MIN, T::MAX)
    }

    /// `lo..=hi`; empty when `lo > hi`.
    pub fn range(lo: T, hi: T) -> Self {
        if lo > hi {
            return Self::empty();
        }
        IntervalSet {
            ranges: vec![(lo, hi)],
        }
    }

    pub fn from_ranges(ranges: impl IntoIterator<Item = (T, T)>) -> Self {
        let mut v: Vec<(T, T)> = ranges.into_iter().filter(|(a, b)| a <= b).collect();
        v.sort();
        let mut out: Vec<(T, T)> = Vec::with_capacity(v.len());
        for (lo, hi) in v {
            match out.last_mut() {
                Some(last) if last.1.next().is_none_or(|n| lo <= n) => {
                    if hi > last.1 {
                        last.1 = hi;
                    }
                }
                _ => out.push((lo, hi)),
            }
        }
        IntervalSet { ranges: out }
    }

    pub fn ranges(&self) -> &[(T, T)] {
        &self.ranges
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    pub fn is_full(&self) -> bool {
        self.ranges == [(T::MIN, T::MAX)]
    }

    pub fn contains(&self, x: T) -> bool {
        let i = self.ranges.partition_point(|r| r.1 < x);
        self.ranges.get(i).is_some_and(|r| r.0 <= x)
    }

    pub fn union(&self, other: &Self) -> Self {
        if other.is_empty() {
            return self.clone();
        }
        if self.is_empty() {
            return other.clone();
        }
        Self::from_ranges(self.ranges.iter().chain(&other.ranges).copied())
    }

    pub fn intersect(&self, other: &Self) -> Self {
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        while i < self.ranges.len() && j < other.ranges.len() {
            let (a, b) = (self.ranges[i], other.ranges[j]);
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
        IntervalSet { ranges: out }
    }

    pub fn complement(&self) -> Self {
        let mut out = Vec::with_capacity(self.ranges.len() + 1);
        let mut from = Some(T::MIN);
        for &(lo, hi) in &self.ranges {
            if let (Some(f), Some(p)) = (from, lo.prev()) {
                if f <= p {
                    out.push((f, p));
                }
            }
            from = hi.next();
        }
        if let Some(f) = from {
            out.push((f, T::MAX));
        }
        IntervalSet { ranges: out }
    }

    pub fn subtract(&self, other: &Self) -> Self {
        if other.is_empty() || self.is_empty() {
            return self.clone();
        }
        self.intersect(&other.complement())
    }

    pub fn overlaps(&self, other: &Self) -> bool {
        !self.intersect(other).is_empty()
    }

    pub fn is_subset(&self, other: &Self) -> bool {
        self.subtract(other).is_empty()
    }
}

impl IntervalSet<u16> {
    /// `22`, `8000-8080`, `0-65535` joined with commas.
    pub fn describe(&self) -> String {
        self.ranges
            .iter()
            .map(|&(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}-{b}")
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    }
}

impl Serialize for IntervalSet<u16> {
    /// As `[[from, to], ...]`, the shape policies read.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.ranges.serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Ports = IntervalSet<u16>;

    #[test]
    fn merges_overlapping_and_adjacent_ranges() {
        let s = Ports::from_ranges([(10, 20), (21, 30), (5, 12), (40, 40)]);
        assert_eq!(s.ranges(), &[(5, 30), (40, 40)]);
    }

    #[test]
    fn set_algebra_at_the_edges() {
        let all = Ports::full();
        let ssh = Ports::range(22, 22);
        assert_eq!(all.subtract(&ssh).ranges(), &[(0, 21), (23, 65535)]);
        assert_eq!(ssh.complement().complement(), ssh);
        assert!(Ports::empty().complement().is_full());
        assert!(all.complement().is_empty());
        assert_eq!(
            Ports::range(0, 100)
                .intersect(&Ports::from_ranges([(50, 60), (90, 200)]))
                .ranges(),
            &[(50, 60), (90, 100)]
        );
        assert!(ssh.is_subset(&all));
        assert!(!all.is_subset(&ssh));
        assert!(all.contains(65535) && !ssh.contains(23));
        assert_eq!(Ports::range(5, 4), Ports::empty());
        let big = IntervalSet::<u128>::full();
        assert!(big
            .subtract(&IntervalSet::range(u128::MAX, u128::MAX))
            .contains(0));
    }
}
