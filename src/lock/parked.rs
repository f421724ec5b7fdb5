//! Sleeping on the exact state of a word with a `PARKED` bit: the sleep/wake protocol of
//! the primitives whose whole state is one atomic word ([`ParkingRwLock`], [`Semaphore`]).
//!
//! * **Sleep.** A thread that must wait sets `PARKED` by a CAS from the exact state
//!   `seen` it judged, to `seen | PARKED`, then sleeps in the futex emulation
//!   (`futex.rs`) while the word still equals `seen | PARKED`. If the CAS fails, the word
//!   has moved and whatever blocked the thread may be gone: it re-evaluates instead.
//! * **Wake.** An operation that can unblock a waiter clears `PARKED` in the same RMW
//!   that changes the word and, if the bit was set, wakes *every* sleeper; they all
//!   re-evaluate. All, because one bit cannot count sleepers: once it is cleared, a
//!   sleeper left asleep would have nobody to wake it. (It also suits both users: a
//!   writer's unlock can let many readers in, a release can serve several requests.)
//!
//! ## Why no wake-up is lost
//! The primitive keeps three rules:
//! **(a)** whether a thread must wait depends only on the word without its `PARKED` bit;
//! **(b)** every change of the word that can unblock a waiter clears `PARKED` (in the
//! same RMW, or in one the same thread makes right after it) and wakes every sleeper if
//! the bit was set; nothing else clears the bit;
//! **(c)** the word changes only by RMWs (no plain store).
//!
//! A sleeper S goes to sleep only after reading `seen | PARKED` from the word under the
//! futex's bucket lock, registered as a waiter; call that read *r*. By (a) S is blocked
//! in the state *r* read, so it may sleep until a change U that can unblock it. All
//! changes of the word lie in one order (its modification order), and by (c) each reads
//! the value just before it. By (b) an RMW at or after U clears `PARKED`; let C be the
//! first RMW after *r*'s value that clears it. Nothing in between cleared the bit, so C
//! reads it set and wakes every sleeper. The futex emulation never loses a wake that
//! follows a change of the word, for a waiter whose check read a value from before that
//! change (`futex.rs`): *r* did, so S is woken, and re-evaluates.
//!
//! Orderings: `Relaxed` throughout. The bit carries no data (the primitive's own
//! Acquire/Release RMWs order the data), and the futex's bucket lock and `SeqCst` fences
//! order the sleep against the wake, whatever the ordering on the word.
//!
//! [`ParkingRwLock`]: super::ParkingRwLock
//! [`Semaphore`]: super::Semaphore

use super::futex::Futex;
use super::rt;
use rt::sync::atomic::{AtomicU64, AtomicUsize, Ordering, Ordering::Relaxed};
use std::ops::{BitAnd, BitOr, Not};

/// The atomic types a `PARKED` word comes in: `AtomicU64` (the rwlock packs a 32-bit
/// reader count beside a 30-bit writer count, on every target) and `AtomicUsize` (the
/// semaphore counts `usize` permits). A trait over both, not one width for both, keeps
/// each primitive's arithmetic in its own type without casts.
pub(crate) trait AtomicWord {
    /// `u64` or `usize`.
    type Value: Copy
        + Eq
        + BitAnd<Output = Self::Value>
        + BitOr<Output = Self::Value>
        + Not<Output = Self::Value>;

    fn load(&self, order: Ordering) -> Self::Value;

    fn compare_exchange(
        &self,
        current: Self::Value,
        new: Self::Value,
        success: Ordering,
        failure: Ordering,
    ) -> Result<Self::Value, Self::Value>;

    fn fetch_and(&self, value: Self::Value, order: Ordering) -> Self::Value;
}

/// Forwards to the inherent methods of the same names (an inherent method wins over a
/// trait method in path resolution, so these do not recurse).
macro_rules! atomic_word {
    ($($atomic:ident: $value:ty),*) => { $(
        impl AtomicWord for $atomic {
            type Value = $value;

            fn load(&self, order: Ordering) -> $value {
                $atomic::load(self, order)
            }

            fn compare_exchange(
                &self,
                current: $value,
                new: $value,
                success: Ordering,
                failure: Ordering,
            ) -> Result<$value, $value> {
                $atomic::compare_exchange(self, current, new, success, failure)
            }

            fn fetch_and(&self, value: $value, order: Ordering) -> $value {
                $atomic::fetch_and(self, value, order)
            }
        }
    )* };
}
atomic_word!(AtomicU64: u64, AtomicUsize: usize);

/// The sleepers of one `PARKED` word (see the module docs). The word and its bit layout
/// stay with the primitive; each call names the word and the bit.
#[derive(Debug, Default)]
pub(crate) struct Parking {
    futex: Futex,
}

impl Parking {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Sleeps while `word` is exactly `seen` with `parked` set; returns at once if it has
    /// changed. Callers loop and re-evaluate: a return is a hint, never a promise.
    pub(crate) fn sleep_on<W: AtomicWord>(&self, word: &W, seen: W::Value, parked: W::Value) {
        let marked = seen | parked;
        // Set the bit only on the exact state we judged: if the CAS fails the word moved,
        // and whatever blocked us may be gone. Relaxed: the bit carries no data.
        if marked != seen && word.compare_exchange(seen, marked, Relaxed, Relaxed).is_err() {
            return;
        }
        // Checked under the bucket lock: any change that could unblock us also clears the
        // bit (rule (b)), so it makes this false or wakes us.
        self.futex.wait_while(|| word.load(Relaxed) == marked);
    }

    /// For an operation whose own RMW cleared `parked`: wakes every sleeper if `prev`
    /// (the value that RMW replaced) had the bit set.
    pub(crate) fn wake_if_parked<V>(&self, prev: V, parked: V)
    where
        V: Copy + Eq + BitAnd<Output = V>,
    {
        if prev & parked == parked {
            self.futex.wake_all();
        }
    }

    /// Clears `parked` and wakes every sleeper if it was set: right after an unblocking
    /// RMW that could not clear the bit itself (the rwlock's last reader out decrements
    /// with `fetch_sub`). No wake if another thread cleared the bit first: it woke them.
    /// Relaxed: as an RMW, this continues the release sequence of the word anyway.
    pub(crate) fn clear_and_wake<W: AtomicWord>(&self, word: &W, parked: W::Value) {
        let prev = word.fetch_and(!parked, Relaxed);
        self.wake_if_parked(prev, parked);
    }
}
