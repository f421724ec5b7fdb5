//! A reusable barrier: `parties` threads wait until all of them have arrived, generation
//! after generation.
//!
//! loom has no `Barrier` (its `new` panics), so this is a real implementation, checked
//! like the rest. Two monotonic counters and no reset:
//!
//! * `arrivals` counts every `wait` call ever. Arrival number `k` belongs to generation
//!   `k / parties`; the arrival with `k % parties == parties - 1` completes its
//!   generation and is its **leader**.
//! * `opened` is the number of generations whose threads may leave. The leader raises it
//!   with `fetch_max` and wakes the sleepers; everybody in generation `g` waits until
//!   `opened > g`.
//!
//! Without a reset there is no window where a fast thread's next arrival lands in the
//! old generation, and more threads than `parties` may share one barrier: they simply
//! form later generations.


use super::backoff::Backoff;
use super::futex::Futex;
use super::rt;
use crate::error::ConfigError;
use rt::sync::atomic::{
    AtomicU64,
    Ordering::{AcqRel, Acquire, Relaxed, Release},
};

/// A reusable barrier for a fixed number of parties.
///
/// | counter | meaning |
/// |---|---|
/// | `arrivals` | `wait` calls so far; arrival `k` is in generation `k / parties` |
/// | `opened` | generations released so far; generation `g` may leave once `opened > g` |
///
/// ## `Barrier::new(0)`
/// `std::sync::Barrier::new(0)` behaves like `new(1)`. Here zero parties is an error
/// ([`ConfigError`]): a barrier nobody needs to reach is almost always a bug (an empty
/// worker list, say), and `new(1)` says "every wait passes at once" explicitly.
///
/// ```
/// use synclab::lock::Barrier;
///
/// let barrier = Barrier::new(3)?;
/// let leaders = std::thread::scope(|s| {
///     let handles: Vec<_> = (0..3).map(|_| s.spawn(|| barrier.wait().is_leader())).collect();
///     handles.into_iter().map(|h| h.join().unwrap()).filter(|&leader| leader).count()
/// });
/// assert_eq!(leaders, 1);
/// # Ok::<(), synclab::error::ConfigError>(())
/// ```
#[derive(Debug)]
pub struct Barrier {
    arrivals: AtomicU64,
    opened: AtomicU64,
    parties: u64,
    futex: Futex,
}

/// What [`Barrier::wait`] returns: which generation passed, and whether this thread led it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BarrierWaitResult {
    leader: bool,
    generation: u64,
}

impl BarrierWaitResult {
    /// True for exactly one thread per generation: the last to arrive.
    pub fn is_leader(&self) -> bool {
        self.leader
    }

    /// The generation this wait belonged to (0 for the first).
    pub fn generation(&self) -> u64 {
        self.generation
    }
}

impl Barrier {
    /// A barrier that opens each time `parties` threads have called [`wait`](Self::wait).
    ///
    /// # Errors
    /// [`ConfigError`] if `parties` is 0 (see [why](Barrier#barriernew0)).
    pub fn new(parties: usize) -> Result<Self, ConfigError> {
        if parties == 0 {
            return Err(ConfigError::too_small("parties", 1, 0));
        }
        Ok(Self {
            arrivals: AtomicU64::new(0),
            opened: AtomicU64::new(0),
            parties: parties as u64,
            futex: Futex::new(),
        })
    }

    /// The number of threads each generation waits for.
    pub fn parties(&self) -> usize {
        self.parties as usize
    }

    /// Waits until `parties` threads (this one included) have arrived in this
    /// generation. Everything each of them did before `wait` happens before everything
    /// any of them does after it.
    pub fn wait(&self) -> BarrierWaitResult {
        // AcqRel: Release publishes this thread's pre-barrier work; the leader's Acquire
        // reads the last arrival of its generation and, the counter changing only by
        // RMWs, synchronises with every earlier arrival (release sequences).
        let arrival = self.arrivals.fetch_add(1, AcqRel);
        let generation = arrival / self.parties;
        if arrival % self.parties == self.parties - 1 {
            // Leader. Release: every waiter that sees the new `opened` synchronises with
            // us, and through our Acquire above with every arrival. `fetch_max`, not a
            // store: with more threads than parties, a later generation's leader may have
            // opened already, and `opened` must never go back.
            self.opened.fetch_max(generation + 1, Release);
            self.futex.wake_all();
            return BarrierWaitResult {
                leader: true,
                generation,
            };
        }
        let backoff = Backoff::new();
        // Acquire: pairs with the leader's Release (see above).
        while self.opened.load(Acquire) <= generation {
            if backoff.should_sleep() {
                // Sleep while still closed; the leader raises `opened` before waking.
                self.futex
                    .wait_while(|| self.opened.load(Relaxed) <= generation);
            } else {
                backoff.snooze();
            }
        }
        BarrierWaitResult {
            leader: false,
            generation,
        }
    }
}
