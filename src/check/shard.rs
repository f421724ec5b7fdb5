//! [`Shard`]: one slice of a check's schedules, so that many machines can share one deep
//! check (`SYNCLAB_SHARD=k/n`) and no schedule runs twice.
//!
//! A CI matrix of `n` jobs runs the same tests with `SYNCLAB_SHARD=1/n`, ...,
//! `SYNCLAB_SHARD=n/n` (and, for a deep check, a large `SYNCLAB_ITERATIONS`); each job
//! runs its slice of every shuttle check's budget:
//!
//! | checker | what shard `k` of `n` runs | together |
//! |---|---|---|
//! | `shuttle_random` | the executions `i` of the unsharded run with `i mod n = k - 1` | exactly the unsharded run: each of its schedules once |
//! | `shuttle_urw`, `shuttle_urw_main_first` | the same, and the one estimating execution (`i = 0`) in every shard | the unsharded run, with its first execution repeated |
//! | `shuttle_pct` | `iterations / n` executions from its own seed (the seed with `k - 1` mixed in) | `n` independent PCT runs: no shard repeats another's |
//! | `shuttle_dfs`, `loom` | the whole search in shard 1; nothing (a pass with 0 executions) in the others | one search |
//! | `portfolio` | each of its explorations sharded as above | |
//!
//! Why the difference: random walk and URW draw each execution's choices from a seed
//! that depends only on the execution's index, so a shard can skip the executions of
//! the others without running them. PCT's choices for one execution depend on what the
//! executions before it learnt (the number of steps), so its shards run independent
//! seeds instead. A depth-first search (shuttle's or loom's) learns the tree as it runs
//! it, and has no seed to split: it is not sharded, and runs in one shard only.
//!
//! `cargo nextest run --partition count:k/n` is the other way to spread work: it gives
//! each machine whole tests. Both combine: nextest spreads the tests, `SYNCLAB_SHARD`
//! spreads the schedules of one test.

use std::fmt;
use std::str::FromStr;

/// Shard `index + 1` of `count` (`SYNCLAB_SHARD=k/n` is `Shard { index: k - 1, count: n }`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shard {
    /// Which shard, from 0.
    pub index: usize,
    /// How many shards.
    pub count: usize,
}

impl Shard {
    /// The whole run: shard 1 of 1.
    pub const WHOLE: Shard = Shard { index: 0, count: 1 };

    /// Whether the execution with index `execution` (from 0) of an unsharded run belongs
    /// to this shard.
    pub fn owns(&self, execution: usize) -> bool {
        execution % self.count == self.index
    }

    /// Whether this is the first shard: the one that runs the checks that are not
    /// sharded (loom, shuttle DFS).
    pub fn is_first(&self) -> bool {
        self.index == 0
    }

    /// This shard's part of a budget of `iterations`, for a checker that splits its
    /// budget instead of its executions (PCT): the shares add up to `iterations`.
    pub fn share(&self, iterations: usize) -> usize {
        iterations / self.count + usize::from(self.index < iterations % self.count)
    }

    /// The seed this shard runs a seeded checker with: `seed` itself in the first shard
    /// (so that `1/1` is the unsharded run), a different one in each other shard.
    pub fn seed(&self, seed: u64) -> u64 {
        // The golden-ratio increment: distinct for every index, and far apart.
        seed.wrapping_add((self.index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }
}

impl Default for Shard {
    fn default() -> Self {
        Shard::WHOLE
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index + 1, self.count)
    }
}

impl FromStr for Shard {
    type Err = String;

    /// `k/n` with `1 <= k <= n`, as `cargo nextest run --partition count:k/n` counts.
    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("{text:?} is not a shard: expected k/n with 1 <= k <= n, as in 2/4");
        let (k, n) = text.trim().split_once('/').ok_or_else(bad)?;
        let (k, n): (usize, usize) = (
            k.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if k == 0 || k > n {
            return Err(bad());
        }
        Ok(Shard {
            index: k - 1,
            count: n,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_one_based_and_refuses_nonsense() {
        assert_eq!("2/4".parse(), Ok(Shard { index: 1, count: 4 }));
        assert_eq!(" 1 / 1 ".parse(), Ok(Shard::WHOLE));
        for bad in ["0/4", "5/4", "1", "a/b", "1/0", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad} parsed");
        }
        assert_eq!(Shard { index: 1, count: 4 }.to_string(), "2/4");
    }

    #[test]
    fn shards_partition_the_executions_and_the_budget() {
        let shards = (0..3).map(|index| Shard { index, count: 3 });
        let owned: Vec<Vec<usize>> = shards
            .clone()
            .map(|s| (0..10).filter(|&i| s.owns(i)).collect())
            .collect();
        assert_eq!(owned, [vec![0, 3, 6, 9], vec![1, 4, 7], vec![2, 5, 8]]);
        assert_eq!(shards.clone().map(|s| s.share(10)).sum::<usize>(), 10);
        let seeds: std::collections::HashSet<u64> = shards.map(|s| s.seed(7)).collect();
        assert_eq!(seeds.len(), 3);
        assert_eq!(Shard::WHOLE.seed(7), 7);
    }
}
