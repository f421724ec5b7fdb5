//! `Auto`, the default strategy (the rule is documented on the type).

use super::{Strategy, Worker, claim_from_cursor, rt};
use crate::error::ConfigError;
use crossbeam_utils::CachePadded;
use rt::sync::atomic::AtomicUsize;
use std::ops::Range;
use std::time::Duration;

/// The default strategy: Python's chunk size, re-applied to what is left, floored by
/// measured chunk time.
///
/// ## The rule, exactly
/// With `w` workers and `remaining` items not yet claimed, a worker's next chunk is
///
/// ```text
/// share = ceil(remaining / (4 · w))                       Python's ProcessPoolExecutor rule
/// floor = 1                                               before this worker timed a chunk
///       = min(2 · last_len, ceil(target · last_len / last_time))   after (last = its last chunk)
/// size  = min(max(share, floor), remaining)
/// ```
///
/// with `target` = 20 µs by default ([`Auto::with_target`]).
///
/// * **`share`**: the first chunk is exactly Python's `chunksize = ceil(n / (4 × workers))`.
///   Python stops there and hands out equal chunks, so with cost rising along the input
///   the last of them can hold a big slice of the total work. Re-applying the rule to
///   the remainder makes chunks shrink geometrically (by `1 − 1/(4w)` per claim), so the
///   final ones are small and the workers finish close together: guided scheduling with
///   divisor 4. Claims grow only logarithmically: about `4w · ln(n)` without the floor.
/// * **`floor`**: from the last chunk this worker ran, the per-item time tells how many
///   items make `target` worth of work. Chunks never go below that, so each claim (one
///   `compare_exchange`, two clock reads, ~100 ns) costs under 1 % of its chunk, and the
///   one cache line that neighbouring chunks' outputs may share is written at most once
///   per ~20 µs per side: no false-sharing traffic to speak of. For cheap items (x·x+1,
///   ~1 ns) the floor is ~20 000 items; for expensive ones (> 20 µs) it is 1, and the
///   tail is balanced item by item. A tiny map of cheap items collapses into one or two
///   chunks: waking a second thread would cost more than it saves.
/// * **`2 · last_len`**: an estimate from a small chunk can be wrong (a cheap first item
///   before expensive ones), so the floor at most doubles per claim, like TCP's slow
///   start: a wrong guess costs at most one chunk twice the size of one already run.
///
/// Under a model checker the clock is not read (it would make executions
/// non-deterministic), so `floor` stays 1 and the rule is pure guided scheduling.
///
/// ```
/// use synclab::map::Auto;
/// use std::time::Duration;
///
/// let auto = Auto::new();
/// // The first chunk is Python's chunksize: ceil(1000 / (4 × 2)).
/// assert_eq!(auto.chunk_size(1000, 2, None), 125);
/// // Measured 1 µs per item: 20 items make 20 µs, but at most twice the last chunk.
/// assert_eq!(auto.chunk_size(8, 2, Some((5, Duration::from_micros(5)))), 8);
/// assert_eq!(auto.chunk_size(100, 2, Some((5, Duration::from_micros(5)))), 13);
/// # Ok::<(), synclab::error::ConfigError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Auto {
    target: Duration,
}

impl Auto {
    /// The default target chunk time.
    pub const DEFAULT_TARGET: Duration = Duration::from_micros(20);

    /// `Auto` with the default 20 µs target chunk time.
    pub fn new() -> Self {
        Self {
            target: Self::DEFAULT_TARGET,
        }
    }

    /// `Auto` aiming for chunks of at least `target` of work. A zero target is an error
    /// (use [`Guided`](super::Guided) for a pure count rule).
    pub fn with_target(target: Duration) -> Result<Self, ConfigError> {
        if target.is_zero() {
            return Err(ConfigError::too_small("target chunk time (ns)", 1, 0));
        }
        Ok(Self { target })
    }

    /// The target chunk time.
    pub fn target(&self) -> Duration {
        self.target
    }

    /// The size of the next chunk when `remaining` (at least 1) items are left for
    /// `workers` workers, and the asking worker's last chunk had `last` = (items, time).
    pub fn chunk_size(
        &self,
        remaining: usize,
        workers: usize,
        last: Option<(usize, Duration)>,
    ) -> usize {
        let share = remaining.div_ceil(4 * workers);
        let floor = last.map_or(1, |(len, took)| {
            // Items that make `target` at the measured rate; a chunk too fast for the
            // clock counts as 1 ns.
            let per_target = self.target.as_nanos() * len as u128 / took.as_nanos().max(1);
            let per_target = usize::try_from(per_target).unwrap_or(usize::MAX).max(1);
            per_target.min(len.saturating_mul(2))
        });
        share.max(floor).min(remaining)
    }
}

impl Default for Auto {
    fn default() -> Self {
        Self::new()
    }
}

/// One map call's state: the item cursor, on its own cache line.
#[derive(Debug)]
pub struct AutoPlan {
    cursor: CachePadded<AtomicUsize>,
    len: usize,
    workers: usize,
}

// SAFETY: every chunk comes from `claim_from_cursor`, whose successful compare_exchange
// from `start` to `end` is the only claim of `[start, end)`; the cursor grows from 0 to
// `len`, so the chunks tile `0..len`.
unsafe impl Strategy for Auto {
    type Plan = AutoPlan;

    fn plan(&self, len: usize, workers: usize) -> AutoPlan {
        AutoPlan {
            cursor: CachePadded::new(AtomicUsize::new(0)),
            len,
            workers,
        }
    }

    fn claim(&self, plan: &AutoPlan, worker: &Worker) -> Option<Range<usize>> {
        claim_from_cursor(&plan.cursor, plan.len, |remaining| {
            self.chunk_size(remaining, plan.workers, worker.last_chunk())
        })
    }

    fn name(&self) -> String {
        if self.target == Self::DEFAULT_TARGET {
            "auto".into()
        } else {
            format!("auto-{}us", self.target.as_micros())
        }
    }

    fn measures_chunks(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::Auto;
    use std::time::Duration;

    const NS: fn(u64) -> Duration = Duration::from_nanos;

    #[test]
    fn first_chunk_is_pythons_chunksize() {
        let auto = Auto::new();
        assert_eq!(auto.chunk_size(10_000_000, 2, None), 1_250_000);
        assert_eq!(auto.chunk_size(7, 4, None), 1);
        assert_eq!(auto.chunk_size(1, 1, None), 1);
    }

    #[test]
    fn cheap_items_get_a_floor_of_target_worth_of_work() {
        // 1 ns per item, 20 µs target: 20 000 items, once the last chunk was big enough.
        let auto = Auto::new();
        let last = Some((50_000, NS(50_000)));
        assert_eq!(auto.chunk_size(100_000, 2, last), 20_000);
        // ... but never more than remains.
        assert_eq!(auto.chunk_size(7_000, 2, last), 7_000);
    }

    #[test]
    fn the_floor_at_most_doubles_the_last_chunk() {
        let auto = Auto::new();
        assert_eq!(auto.chunk_size(1_000_000, 2, Some((1, NS(1)))), 125_000);
        assert_eq!(auto.chunk_size(1_000, 2, Some((1, NS(1)))), 125);
        assert_eq!(auto.chunk_size(8, 2, Some((1, NS(1)))), 2);
    }

    #[test]
    fn expensive_items_floor_at_one() {
        let auto = Auto::new();
        let last = Some((3, Duration::from_millis(3)));
        assert_eq!(auto.chunk_size(5, 2, last), 1);
    }

    #[test]
    fn a_chunk_too_fast_for_the_clock_does_not_divide_by_zero() {
        let auto = Auto::new();
        assert_eq!(auto.chunk_size(100, 2, Some((10, Duration::ZERO))), 20);
    }

    #[test]
    fn zero_target_is_an_error() {
        assert!(Auto::with_target(Duration::ZERO).is_err());
        assert_eq!(Auto::with_target(NS(5_000)).unwrap().target(), NS(5_000));
    }
}
