//! `Fixed(n)`: dynamic scheduling with chunks of `n` items, claimed from a shared cursor.

use super::{Strategy, Worker, rt};
use crate::error::ConfigError;
use crossbeam_utils::CachePadded;
use rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::ops::Range;

/// Chunks of exactly `n` items (the last one shorter), claimed dynamically (OpenMP
/// `dynamic, n`; Python's `chunksize=n`).
///
/// The cursor counts *chunks*, not items: a claim is one `fetch_add(1)`, and chunk `c`
/// is `[c·n, min((c+1)·n, len))`. Each worker makes one failing claim at the end, so the
/// cursor ends at most `workers` past the chunk count; counting chunks keeps that far from
/// overflow even for `n = usize::MAX` (counting items it would be `len + workers·n`).
///
/// Small `n` balances uneven work best and costs most: every claim moves the cursor's
/// cache line between cores (~21 ns per claim measured with `n = 1`), and neighbouring
/// chunks' outputs share cache lines. Big `n` is the reverse. [`Auto`](super::Auto)
/// picks for you.
///
/// ```
/// use synclab::map::Fixed;
/// assert_eq!(Fixed::new(64)?.chunk(), 64);
/// assert_eq!(Fixed::new(0).unwrap_err().to_string(), "chunk size must be at least 1, got 0");
/// # Ok::<(), synclab::error::ConfigError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixed(usize);

impl Fixed {
    /// Chunks of `chunk` items. Zero is an error (a zero-sized chunk would never finish
    /// the work).
    pub fn new(chunk: usize) -> Result<Self, ConfigError> {
        if chunk == 0 {
            return Err(ConfigError::too_small("chunk size", 1, 0));
        }
        Ok(Self(chunk))
    }

    /// The chunk size.
    pub fn chunk(&self) -> usize {
        self.0
    }
}

/// One map call's state: the chunk cursor, on its own cache line so that claiming does
/// not disturb whatever the allocator puts next to it.
#[derive(Debug)]
pub struct FixedPlan {
    next_chunk: CachePadded<AtomicUsize>,
    chunks: usize,
    len: usize,
}

// SAFETY: chunk `c` is handed out only by the `fetch_add` that returned `c`, and an atomic
// read-modify-write returns each value of the cursor's modification order to exactly one
// caller; distinct chunk numbers are disjoint index ranges. Every `c < chunks` is
// returned before the cursor passes `chunks`, so together they tile `0..len`.
unsafe impl Strategy for Fixed {
    type Plan = FixedPlan;

    fn plan(&self, len: usize, _workers: usize) -> FixedPlan {
        FixedPlan {
            next_chunk: CachePadded::new(AtomicUsize::new(0)),
            chunks: len.div_ceil(self.0),
            len,
        }
    }

    fn claim(&self, plan: &FixedPlan, _worker: &Worker) -> Option<Range<usize>> {
        // Relaxed: the cursor only decides ownership (atomicity is enough); no data is
        // published through it (see `claim_from_cursor` in the module root).
        let c = plan.next_chunk.fetch_add(1, Relaxed);
        if c >= plan.chunks {
            return None;
        }
        let start = c * self.0;
        Some(start..start.saturating_add(self.0).min(plan.len))
    }

    fn name(&self) -> String {
        format!("fixed-{}", self.0)
    }
}
