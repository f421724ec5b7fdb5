//! **Planted bugs: two classic misuses of a condition variable.**
//!
//! The bug is in the *caller* of [`Condition`], not in `Condition` itself, so each one is
//! kept here as a small scenario (a function that a checker runs) next to its fixed twin.

use super::super::{Condition, Mutex, ParkingLock, rt};
use rt::sync::Arc;
use std::collections::VecDeque;

type Queue = Mutex<ParkingLock, VecDeque<u32>>;

/// Two consumers take one item each from a queue that the main thread fills with two
/// items, one `notify_one` per item. `take` is how a consumer waits for an item.
fn two_consumers(take: fn(&Queue, &Condition) -> u32) {
    let shared = Arc::new((Queue::new(VecDeque::new()), Condition::new()));
    let consumers: Vec<_> = (0..2)
        .map(|_| {
            let shared = Arc::clone(&shared);
            rt::thread::spawn(move || take(&shared.0, &shared.1))
        })
        .collect();
    let (queue, ready) = &*shared;
    for item in [1, 2] {
        queue.lock().push_back(item);
        ready.notify_one();
    }
    let mut got: Vec<u32> = (consumers.into_iter())
        .map(|c| c.join().expect("a consumer panicked"))
        .collect();
    got.sort_unstable();
    assert_eq!(got, [1, 2], "items lost or taken twice");
}

/// **PLANTED BUG: waits with `if` instead of `while`.** A scenario: run it under a checker.
///
/// What is wrong: the consumer checks "queue empty?" once, waits once, and then takes
/// an item as if the wait guaranteed one.
///
/// What goes wrong: a wakeup says "something changed", not "your condition holds". The
/// main thread pushes an item and wakes the waiting consumer; before that consumer gets
/// the mutex back, the other consumer (which never waited) takes the item. The woken
/// consumer finds the queue empty and panics. Spurious wakeups (see [`Condition`]) do
/// the same. Every checker that can preempt finds it, std stress too (rarely).
///
/// What prevents it in [`wait_in_a_loop`] and [`Condition::wait_while`]: the `while`,
/// which re-checks the condition under the mutex after every wakeup.
pub fn if_instead_of_while() {
    two_consumers(|queue, ready| {
        let mut guard = queue.lock();
        // BUG: `if`; must be `while`.
        if guard.is_empty() {
            ready.wait(&mut guard);
        }
        guard
            .pop_front()
            .expect("woke up to an empty queue: another consumer took the item first")
    });
}

/// The fixed twin of [`if_instead_of_while`]: the same consumers, waiting in a loop.
pub fn wait_in_a_loop() {
    two_consumers(|queue, ready| {
        let mut guard = queue.lock();
        while guard.is_empty() {
            ready.wait(&mut guard);
        }
        guard.pop_front().expect("the loop ends with an item")
    });
}

/// **PLANTED BUG: notifies before changing the state — a lost wakeup.** A scenario: run
/// it under a checker.
///
/// What is wrong: the main thread calls `notify_one()` first and sets the flag after,
/// outside the critical section in which it should have notified.
///
/// What goes wrong: if the waiter checks the flag (still `false`) after the
/// notification went out, it goes to sleep, and nothing will ever wake it: the one
/// notification is spent. The checkers report a deadlock; on real threads it hangs, so
/// std stress cannot run it. (Which checkers find it, and from which PCT depth, is
/// measured in `docs/gallery.md`.)
///
/// What prevents it in `checks::condvar::notify_all_wakes_all`: the state is changed first,
/// under the mutex (`*flag.lock() = true;`), and the notification comes after it, so a
/// waiter either sees the new state or is already asleep when the wakeup comes.
pub fn notify_before_change() {
    let shared = Arc::new((Mutex::<ParkingLock, bool>::new(false), Condition::new()));
    let waiter = {
        let shared = Arc::clone(&shared);
        rt::thread::spawn(move || {
            let (flag, cond) = &*shared;
            let mut guard = flag.lock();
            cond.wait_while(&mut guard, |set| !*set);
        })
    };
    let (flag, cond) = &*shared;
    // BUG: the notification goes out before the change it announces.
    cond.notify_one();
    *flag.lock() = true;
    waiter.join().expect("the waiter panicked");
}
