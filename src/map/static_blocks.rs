//! `Static`: one contiguous block per worker, fixed before the map starts.

use super::{Strategy, Worker};
use std::ops::Range;

/// One contiguous block of about `len / workers` items per worker (OpenMP `static`).
///
/// Worker `i` of `w` gets `[i·len/w, (i+1)·len/w)`: block sizes differ by at most one,
/// and nothing is shared between workers while they run — no cursor, no claims, no
/// contention. The price is balance: a worker whose block holds the expensive items
/// finishes last while the others idle (`docs/measurements.md`: 1.15–1.29× at 2 threads with
/// cost rising along the input, against 1.74–1.94× for dynamic chunks).
///
/// ```
/// use synclab::map::{self, Static};
/// let pool = synclab::pool::ThreadPool::new(2)?;
/// let (_, stats) = map::map_with_stats(&pool, &[0u8; 9], Static, |x| *x);
/// let mut sizes: Vec<usize> = stats.workers.iter().map(|w| w.items).collect();
/// sizes.sort();
/// assert_eq!(sizes, [4, 5]);
/// assert!(stats.workers.iter().all(|w| w.chunks == 1));
/// # Ok::<(), synclab::error::ConfigError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Static;

impl Static {
    /// The static strategy (the same as the unit value `Static`).
    pub fn new() -> Self {
        Self
    }
}

/// Worker `i`'s block: `[i·len/w, (i+1)·len/w)`, computed in 128 bits so it cannot
/// overflow.
fn block(len: usize, workers: usize, i: usize) -> Range<usize> {
    let bound = |k: usize| (len as u128 * k as u128 / workers as u128) as usize;
    bound(i)..bound(i + 1)
}

// SAFETY: worker `i` receives only block `i` and only on its first claim (`claims() == 0`);
// the blocks of distinct workers are disjoint because `k·len/w` is non-decreasing in `k`,
// and together they tile `0..len` (block 0 starts at 0, block w-1 ends at len).
unsafe impl Strategy for Static {
    type Plan = usize;

    fn plan(&self, len: usize, _workers: usize) -> usize {
        len
    }

    fn claim(&self, &len: &usize, worker: &Worker) -> Option<Range<usize>> {
        if worker.claims() > 0 {
            return None;
        }
        Some(block(len, worker.workers(), worker.index())).filter(|b| !b.is_empty())
    }

    fn name(&self) -> String {
        "static".into()
    }
}

#[cfg(test)]
mod tests {
    use super::block;

    #[test]
    fn blocks_tile_the_input_and_differ_by_at_most_one() {
        for len in 0..40 {
            for workers in 1..9 {
                let blocks: Vec<_> = (0..workers).map(|i| block(len, workers, i)).collect();
                assert_eq!(blocks[0].start, 0);
                assert_eq!(blocks[workers - 1].end, len);
                assert!(blocks.windows(2).all(|w| w[0].end == w[1].start));
                let (min, max) = blocks.iter().fold((usize::MAX, 0), |(lo, hi), b| {
                    (lo.min(b.len()), hi.max(b.len()))
                });
                assert!(max - min <= 1, "len {len}, workers {workers}: {blocks:?}");
            }
        }
    }

    #[test]
    fn huge_lengths_do_not_overflow() {
        assert_eq!(block(usize::MAX, 3, 2).end, usize::MAX);
    }
}
