//! **Planted bug: a barrier without a generation count.**

use super::super::futex::Futex;
use super::super::rt;
use rt::sync::Arc;
use rt::sync::atomic::{
    AtomicUsize,
    Ordering::{AcqRel, Acquire, Relaxed, Release},
};

/// **PLANTED BUG: a reusable barrier that only counts arrivals.**
///
/// What is wrong: [`Barrier`](crate::lock::Barrier)'s sleeping machinery, but one
/// counter: the last arrival resets `count` to 0 and wakes everybody; the others wait
/// `while count != 0`. Nothing tells one round from the next.
///
/// What goes wrong: the last arrival resets the count, leaves at once, reaches the
/// barrier again (the next round) and counts itself: `count` is 1 before the woken
/// threads of the previous round re-check it. They see `count != 0`, go back to sleep,
/// and never leave the first round: everybody waits forever. The checkers report the
/// deadlock (on real threads it hangs, so std stress cannot run it).
///
/// What prevents it in `Barrier`: each thread waits for *its own generation* to open
/// (`while self.opened.load(Acquire) <= generation`), a number that only grows, so a
/// later round cannot close an earlier one again.
#[derive(Debug)]
pub struct NoGenerationBarrier {
    parties: usize,
    count: AtomicUsize,
    futex: Futex,
}

impl NoGenerationBarrier {
    /// A barrier for `parties` threads.
    pub fn new(parties: usize) -> Self {
        Self {
            parties,
            count: AtomicUsize::new(0),
            futex: Futex::new(),
        }
    }

    /// Waits until `parties` threads have called `wait` (in this round, it hopes).
    pub fn wait(&self) {
        if self.count.fetch_add(1, AcqRel) + 1 == self.parties {
            self.count.store(0, Release);
            self.futex.wake_all();
            return;
        }
        // BUG: waits for "the count was reset", which the next round undoes; it must
        // wait for its own round to open (a generation number).
        while self.count.load(Acquire) != 0 {
            self.futex.wait_while(|| self.count.load(Relaxed) != 0);
        }
    }
}

/// The scenario: two threads pass the barrier twice each.
pub fn no_generation_barrier() {
    let barrier = Arc::new(NoGenerationBarrier::new(2));
    let other = {
        let barrier = Arc::clone(&barrier);
        rt::thread::spawn(move || {
            barrier.wait();
            barrier.wait();
        })
    };
    barrier.wait();
    barrier.wait();
    other.join().expect("a barrier thread panicked");
}
