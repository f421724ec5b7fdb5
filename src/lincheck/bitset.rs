//! A fixed-size set of operation indices, used as part of the memoization key.

/// A set of small integers `0..capacity`, one bit each.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Bitset {
    words: Box<[u64]>,
}

impl Bitset {
    /// An empty set able to hold `0..capacity`.
    pub(super) fn new(capacity: usize) -> Self {
        Self {
            words: vec![0; capacity.div_ceil(64)].into_boxed_slice(),
        }
    }

    /// Adds `i` to the set.
    pub(super) fn insert(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    /// Whether `i` is in the set.
    pub(super) fn contains(&self, i: usize) -> bool {
        self.words[i / 64] & (1 << (i % 64)) != 0
    }

    /// Removes `i` from the set.
    pub(super) fn remove(&mut self, i: usize) {
        self.words[i / 64] &= !(1 << (i % 64));
    }
}

#[cfg(test)]
mod tests {
    use super::Bitset;

    #[test]
    fn insert_and_remove() {
        let mut a = Bitset::new(130);
        let b = Bitset::new(130);
        a.insert(129);
        a.insert(0);
        assert_ne!(a, b);
        a.remove(129);
        a.remove(0);
        assert_eq!(a, b);
    }
}
