//! **Planted bug — teaching material, do not use.**
//!
//! A `Fixed`-style strategy whose cursor is claimed with a separate load and store
//! instead of one `fetch_add`. It breaks the [`Strategy`] safety contract on purpose, so
//! that the checks can show they catch it: the loom and shuttle models of this module's
//! strategy MUST fail (see the gallery, `synclab::gallery`). It refuses to run outside a model
//! checker, where the duplicated chunk it hands out would be a real data race on the
//! output buffer.

use super::{Strategy, Worker, rt};
use crate::error::ConfigError;
use rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::ops::Range;

/// **PLANTED BUG: hands the same chunk to two workers.**
///
/// What is wrong: a claim is `c = cursor.load(); cursor.store(c + 1)`. What goes wrong:
/// two workers that both load `c` before either stores both run chunk `c`: its items are
/// processed twice and its output slots written twice (the first value is overwritten
/// without being dropped: a leak, and a data race on real threads). A worker whose stale
/// store moves the cursor backwards makes a later chunk run twice the same way. What
/// prevents it in [`Fixed`](super::Fixed): the single `fetch_add(1)`, one indivisible
/// read-modify-write that returns each cursor value to exactly one worker.
#[derive(Debug, Clone, Copy)]
pub struct LoadStoreCursor(usize);

impl LoadStoreCursor {
    /// A (broken) strategy with chunks of `chunk` items.
    pub fn new(chunk: usize) -> Result<Self, ConfigError> {
        if chunk == 0 {
            return Err(ConfigError::too_small("chunk size", 1, 0));
        }
        Ok(Self(chunk))
    }
}

/// The planted strategy's per-call state.
#[derive(Debug)]
pub struct LoadStorePlan {
    next_chunk: AtomicUsize,
    chunks: usize,
    len: usize,
}

// SAFETY: NONE — this impl deliberately violates the disjointness contract (that is the
// planted bug). `plan` refuses to run outside a model checker, where loom and shuttle run
// one thread at a time, so the duplicated writes are sequential and only the checks see
// them.
unsafe impl Strategy for LoadStoreCursor {
    type Plan = LoadStorePlan;

    fn plan(&self, len: usize, _workers: usize) -> LoadStorePlan {
        if !rt::MODEL {
            panic!(
                "the planted LoadStoreCursor only runs under a model checker: on real \
                 threads its duplicated chunks would be a data race"
            );
        }
        LoadStorePlan {
            next_chunk: AtomicUsize::new(0),
            chunks: len.div_ceil(self.0),
            len,
        }
    }

    fn claim(&self, plan: &LoadStorePlan, _worker: &Worker) -> Option<Range<usize>> {
        let c = plan.next_chunk.load(Relaxed);
        // BUG: another worker can load the same `c` before the store below.
        plan.next_chunk.store(c + 1, Relaxed);
        if c >= plan.chunks {
            return None;
        }
        let start = c * self.0;
        Some(start..(start + self.0).min(plan.len))
    }

    fn name(&self) -> String {
        format!("planted-load-store-{}", self.0)
    }
}
