//! `Guided`: chunks that shrink as the work runs out (OpenMP `schedule(guided, min)`).

use super::{Strategy, Worker, claim_from_cursor, rt};
use crate::error::ConfigError;
use crossbeam_utils::CachePadded;
use rt::sync::atomic::AtomicUsize;
use std::ops::Range;

/// Shrinking chunks: `max(ceil(remaining / (2 × workers)), min)`.
///
/// Each claim takes `max(ceil(remaining / (2 × workers)), min)` items (never more than
/// remain). Early chunks are big, so there are few claims; the last ones are small, so
/// the workers finish close together: when one claims the final chunk, the others are at
/// most one (small) chunk from done. The number of claims grows only logarithmically:
/// each takes at least a `1 / (2w)` share of what is left, so about
/// `2w · ln(len / (2w · min))` claims plus `2w` at the floor.
///
/// libgomp uses `remaining / workers`; the divisor 2 halves the worst case at the start
/// (a first chunk of a quarter of the input at 2 workers, not half) for a few more claims.
/// Because the size depends on the cursor's current value, a claim is a
/// `compare_exchange` loop rather than a `fetch_add`.
///
/// ```
/// use synclab::map::{self, Guided};
/// let pool = synclab::pool::ThreadPool::new(2)?;
/// let (_, stats) = map::map_with_stats(&pool, &[0u8; 100], Guided::new(4)?, |x| *x);
/// // 25 + 19 + 14 + 11 + 8 + 6 + 5 + 4 + 4 + 4 = 100 items in 10 claims.
/// assert_eq!(stats.workers.iter().map(|w| w.chunks).sum::<usize>(), 10);
/// assert!(Guided::new(0).is_err());
/// # Ok::<(), synclab::error::ConfigError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guided {
    min: usize,
}

impl Guided {
    /// Guided chunks of at least `min` items (the last one may be shorter). Zero is an
    /// error.
    pub fn new(min: usize) -> Result<Self, ConfigError> {
        if min == 0 {
            return Err(ConfigError::too_small("minimum chunk size", 1, 0));
        }
        Ok(Self { min })
    }

    /// The minimum chunk size.
    pub fn min(&self) -> usize {
        self.min
    }

    /// The size of the next chunk when `remaining` items are left for `workers` workers.
    pub fn chunk_size(&self, remaining: usize, workers: usize) -> usize {
        remaining
            .div_ceil(2 * workers)
            .max(self.min)
            .min(remaining)
    }
}

impl Default for Guided {
    /// `Guided::new(1)`.
    fn default() -> Self {
        Self { min: 1 }
    }
}

/// One map call's state: the item cursor, on its own cache line.
#[derive(Debug)]
pub struct GuidedPlan {
    cursor: CachePadded<AtomicUsize>,
    len: usize,
    workers: usize,
}

// SAFETY: every chunk comes from `claim_from_cursor`, whose successful compare_exchange
// from `start` to `end` is the only claim of `[start, end)` (see its docs); the cursor
// grows from 0 to `len`, so the chunks tile `0..len`.
unsafe impl Strategy for Guided {
    type Plan = GuidedPlan;

    fn plan(&self, len: usize, workers: usize) -> GuidedPlan {
        GuidedPlan {
            cursor: CachePadded::new(AtomicUsize::new(0)),
            len,
            workers,
        }
    }

    fn claim(&self, plan: &GuidedPlan, _worker: &Worker) -> Option<Range<usize>> {
        claim_from_cursor(&plan.cursor, plan.len, |remaining| {
            self.chunk_size(remaining, plan.workers)
        })
    }

    fn name(&self) -> String {
        if self.min == 1 {
            "guided".into()
        } else {
            format!("guided-{}", self.min)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Guided;

    #[test]
    fn chunks_shrink_to_the_minimum_and_sum_to_the_input() {
        let g = Guided::new(4).unwrap();
        let (mut remaining, mut sizes) = (100, Vec::new());
        while remaining > 0 {
            let size = g.chunk_size(remaining, 2);
            sizes.push(size);
            remaining -= size;
        }
        assert_eq!(sizes, [25, 19, 14, 11, 8, 6, 5, 4, 4, 4]);
    }

    #[test]
    fn never_more_than_remains() {
        assert_eq!(Guided::new(10).unwrap().chunk_size(3, 2), 3);
        assert_eq!(Guided::default().chunk_size(1, 8), 1);
    }
}
