//! The list of planted bugs: each one's scenarios, fixed twin and claimed verdicts.

use super::{Bug, Claim, Kind};
use Claim::{Found, Missed, NotRun, Unclaimed};

/// The claims of an interleaving bug that PCT finds from depth `from_depth`, with the
/// claims for loom and stress.
///
/// PCT at depth `d` makes `d - 1` priority changes; between them it runs the
/// highest-priority runnable thread, so it also switches threads when one blocks or wakes
/// a higher-priority one. Depth 1 (no change) finds bugs that blocking and waking alone
/// expose (a lost wakeup, a barging waiter); a lost update needs one thread preempted
/// between two of its own steps (depth 2); two holders of one permit need two such
/// preemptions (depth 3).
fn interleaving(loom: Claim, from_depth: usize, stress: Claim) -> [Claim; 6] {
    let at = |depth| if from_depth <= depth { Found } else { Missed };
    [loom, Found, at(1), at(2), at(3), stress]
}

/// The claims of an ordering bug: loom only (stress cannot run it).
const ORDERING: [Claim; 6] = [Found, Missed, Missed, Missed, Missed, NotRun];

/// Declares a bug's scenario once per runtime: `in_models!(|f| { ... f::lock::... })`
/// expands to a loom and a shuttle function, with `f` the flavour module.
macro_rules! in_models {
    (|$f:ident| $body:expr) => {
        (
            || {
                use crate::loom as $f;
                $body
            },
            || {
                use crate::shuttle as $f;
                $body
            },
        )
    };
}

/// Every planted bug, in gallery order: counter, lock, map.
pub fn all() -> Vec<Bug> {
    let mut bugs = Vec::new();
    #[allow(clippy::too_many_arguments)]
    let bug = |name: &'static str,
               family: &'static str,
               kind: Kind,
               planted: &'static str,
               what: &'static str,
               fix: &'static str,
               run: (fn(), fn()),
               stress: Option<fn()>,
               fixed: (fn(), fn()),
               claims: [Claim; 6],
               miri: Claim| {
        Bug {
            name,
            family,
            kind,
            planted,
            what,
            fix,
            // A bug that loom does not run (its claim says why) has no loom scenario.
            loom: (claims[0] != NotRun).then_some(run.0),
            shuttle: run.1,
            stress,
            fixed_loom: Some(fixed.0),
            fixed_shuttle: fixed.1,
            claims,
            miri,
        }
    };
    let mut add = |bug: Bug| bugs.push(bug);

    add(bug(
        "counter_load_store",
        "counter",
        Kind::Interleaving,
        "counter::planted::LoadStoreCounter",
        "adds with a load and a separate store: two threads read the same value, one update is lost",
        "counter/atomic.rs: self.value.fetch_add(n, Relaxed) (one read-modify-write)",
        in_models!(|f| {
            use f::counter::{planted::LoadStoreCounter, scenario};
            let programs = scenario::uniform(2, &[scenario::Op::FetchAdd(1)]);
            scenario::run(LoadStoreCounter::new(), &programs).unwrap();
        }),
        Some(|| {
            use crate::counter::{planted::LoadStoreCounter, scenario};
            let programs = scenario::uniform(2, &[scenario::Op::FetchAdd(1)]);
            scenario::run(LoadStoreCounter::new(), &programs).unwrap();
        }),
        in_models!(|f| {
            use f::counter::{AtomicCounter, scenario};
            let programs = scenario::uniform(2, &[scenario::Op::FetchAdd(1)]);
            scenario::run(AtomicCounter::new(), &programs).unwrap();
        }),
        interleaving(Found, 2, Unclaimed),
        Found,
    ));
    add(bug(
        "lock_relaxed_spin",
        "lock",
        Kind::Ordering,
        "lock::planted::RelaxedSpinLock",
        "a spinlock acquired and released with Relaxed: exclusive, but critical sections are not ordered",
        "lock/tas.rs: compare_exchange(false, true, Acquire, Relaxed) / store(false, Release)",
        in_models!(|f| {
            use f::lock::{planted::RelaxedSpinLock, scenario};
            scenario::exclusion::<RelaxedSpinLock>(&one_each());
        }),
        None,
        in_models!(|f| {
            use f::lock::{TasLock, scenario};
            scenario::exclusion::<TasLock>(&one_each());
        }),
        ORDERING,
        NotRun,
    ));
    add(bug(
        "lock_early_release",
        "lock",
        Kind::Interleaving,
        "lock::planted::EarlyReleaseLock",
        "the lock's guard is dropped inside lock(): the critical section runs unlocked",
        "lock/mutex.rs: the guard is returned and unlocks in MutexGuard::drop",
        in_models!(|f| {
            use f::lock::{planted::EarlyReleaseLock, scenario};
            scenario::exclusion::<EarlyReleaseLock>(&one_each());
        }),
        None,
        in_models!(|f| {
            use f::lock::{TasLock, scenario};
            scenario::exclusion::<TasLock>(&one_each());
        }),
        interleaving(Found, 2, NotRun),
        NotRun,
    ));
    // loom cannot afford the fixed twin: three threads spinning on a ticket lock exceed
    // its branch limit even at bound 1 (`docs/checkers.md`); shuttle checks it.
    add(Bug {
        fixed_loom: None,
        ..bug(
            "lock_barging",
            "lock",
            Kind::Interleaving,
            "lock::planted::BargingLock",
            "claims FIFO but waiters race for the lock: a later arrival overtakes an earlier one",
            "lock/ticket.rs: let ticket = self.next.fetch_add(1, Relaxed) (the arrival is the place in line)",
            in_models!(|f| {
                use f::lock::{planted::BargingLock, scenario};
                scenario::fifo::<BargingLock>(2);
            }),
            None,
            in_models!(|f| {
                use f::lock::{TicketLock, scenario};
                scenario::fifo::<TicketLock>(2);
            }),
            interleaving(Found, 1, NotRun),
            NotRun,
        )
    });
    add(bug(
        "lock_relaxed_ticket",
        "lock",
        Kind::Ordering,
        "lock::planted::RelaxedTicketLock",
        "the ticket lock publishes now-serving with a Relaxed store: the next holder is not ordered after the last",
        "lock/ticket.rs: unlock passes Release to serve_next, which stores serving with it",
        in_models!(|f| {
            use f::lock::{planted::RelaxedTicketLock, scenario};
            scenario::exclusion::<RelaxedTicketLock>(&one_each());
        }),
        None,
        in_models!(|f| {
            use f::lock::{TicketLock, scenario};
            scenario::exclusion::<TicketLock>(&one_each());
        }),
        ORDERING,
        NotRun,
    ));
    add(bug(
        "lock_relaxed_mcs_handover",
        "lock",
        Kind::Ordering,
        "lock::planted::RelaxedHandoverMcs",
        "the MCS lock hands over to its successor with a Relaxed store",
        "lock/mcs.rs: unlock passes Release to unlock_handing_over, which clears (*next).locked with it",
        in_models!(|f| {
            use f::lock::{planted::RelaxedHandoverMcs, scenario};
            scenario::exclusion::<RelaxedHandoverMcs>(&one_each());
        }),
        None,
        in_models!(|f| {
            use f::lock::{McsLock, scenario};
            scenario::exclusion::<McsLock>(&one_each());
        }),
        ORDERING,
        NotRun,
    ));
    add(bug(
        "semaphore_check_then_act",
        "lock",
        Kind::Interleaving,
        "lock::planted::CheckThenActSemaphore",
        "try_acquire checks for a permit, then takes it, in two steps: two threads take the last permit",
        "lock/semaphore.rs: the check and the take are one compare_exchange on the count",
        in_models!(|f| {
            use f::lock::{contract, planted::CheckThenActSemaphore, scenario::Acquire};
            contract::semaphore_bound::<CheckThenActSemaphore>(
                1,
                &[vec![Acquire::TryLock], vec![Acquire::TryLock]],
            );
        }),
        Some(|| {
            use crate::lock::{contract, planted::CheckThenActSemaphore, scenario::Acquire};
            contract::semaphore_bound::<CheckThenActSemaphore>(
                1,
                &[vec![Acquire::TryLock], vec![Acquire::TryLock]],
            );
        }),
        in_models!(|f| {
            use f::lock::{Semaphore, contract, scenario::Acquire};
            contract::semaphore_bound::<Semaphore>(
                1,
                &[vec![Acquire::TryLock], vec![Acquire::TryLock]],
            );
        }),
        interleaving(Found, 3, Unclaimed),
        Missed,
    ));
    add(bug(
        "condvar_if_not_while",
        "lock",
        Kind::Interleaving,
        "lock::planted::if_instead_of_while",
        "a consumer waits with `if` instead of `while`: woken, it takes an item another consumer already took",
        "lock/condvar.rs: while condition(&mut **guard) { self.wait(guard) } (wait_while)",
        in_models!(|f| f::lock::planted::if_instead_of_while()),
        Some(crate::lock::planted::if_instead_of_while),
        in_models!(|f| f::lock::planted::wait_in_a_loop()),
        interleaving(Found, 2, Unclaimed),
        Found,
    ));
    add(bug(
        "condvar_notify_before_change",
        "lock",
        Kind::Interleaving,
        "lock::planted::notify_before_change",
        "notifies before changing the state, outside the lock: a waiter that checks in between sleeps forever",
        "lock/scenario.rs (notify_all_wakes_all): *flag.lock() = true; then cond.notify_all()",
        in_models!(|f| f::lock::planted::notify_before_change()),
        None,
        in_models!(|f| {
            use f::lock::{ParkingLock, scenario};
            scenario::notify_all_wakes_all::<ParkingLock>(1);
        }),
        interleaving(NotRun, 1, NotRun),
        NotRun,
    ));
    add(bug(
        "barrier_no_generation",
        "lock",
        Kind::Interleaving,
        "lock::planted::NoGenerationBarrier",
        "a barrier that resets its count without a generation: the next round traps the previous one",
        "lock/barrier.rs: while self.opened.load(Acquire) <= generation (each thread waits for its own generation)",
        in_models!(|f| f::lock::planted::no_generation_barrier()),
        None,
        in_models!(|f| f::lock::scenario::barrier(2, 2)),
        interleaving(NotRun, 2, NotRun),
        NotRun,
    ));
    add(bug(
        "once_relaxed_check",
        "lock",
        Kind::Ordering,
        "lock::planted::RelaxedOnceCell",
        "double-checked initialisation whose fast path reads the flag with Relaxed",
        "lock/once.rs: if self.ready.load(Acquire) (pairs with the Release after the write)",
        in_models!(|f| f::lock::planted::relaxed_once_cell()),
        None,
        in_models!(|f| f::lock::scenario::once_cell(2)),
        ORDERING,
        NotRun,
    ));
    add(bug(
        "map_load_store_cursor",
        "map",
        Kind::Interleaving,
        "map::planted::LoadStoreCursor",
        "workers claim chunks with a load and a separate store: two workers run the same chunk",
        "map/fixed.rs: the cursor is claimed with one fetch_add",
        (
            || {
                use crate::loom::map::{planted::LoadStoreCursor, scenario};
                scenario::check(&scenario::Case::new(2, 3), LoadStoreCursor::new(1).unwrap())
                    .unwrap();
            },
            || {
                use crate::shuttle::map::{planted::LoadStoreCursor, scenario};
                scenario::check(&scenario::Case::new(3, 6), LoadStoreCursor::new(1).unwrap())
                    .unwrap();
            },
        ),
        None,
        (
            || {
                use crate::loom::map::{Fixed, scenario};
                scenario::check(&scenario::Case::new(2, 3), Fixed::new(1).unwrap()).unwrap();
            },
            || {
                use crate::shuttle::map::{Fixed, scenario};
                scenario::check(&scenario::Case::new(3, 6), Fixed::new(1).unwrap()).unwrap();
            },
        ),
        interleaving(Found, 2, NotRun),
        NotRun,
    ));
    add(bug(
        "pool_relaxed_result",
        "map",
        Kind::Ordering,
        "pool::planted::RelaxedResultSlot",
        "a job's result is published with a Relaxed flag and read after a Relaxed load of it",
        "pool/latch.rs: self.pending.fetch_sub(1, Ordering::Release), read with Acquire in is_released",
        in_models!(|f| f::pool::planted::relaxed_result_slot()),
        None,
        in_models!(|f| f::pool::scenario::submit_and_join(1, 1)),
        ORDERING,
        NotRun,
    ));
    bugs
}

/// Two threads, one `lock()` each: the smallest program in which a broken lock lets two
/// critical sections overlap or go unordered.
fn one_each<A: Copy + From<LockOnce>>() -> Vec<Vec<A>> {
    vec![vec![A::from(LockOnce)], vec![A::from(LockOnce)]]
}

/// "One `lock()`", converted into each flavour's `scenario::Acquire`.
#[derive(Debug, Clone, Copy)]
pub struct LockOnce;

impl From<LockOnce> for crate::loom::lock::scenario::Acquire {
    fn from(_: LockOnce) -> Self {
        Self::Lock
    }
}

impl From<LockOnce> for crate::shuttle::lock::scenario::Acquire {
    fn from(_: LockOnce) -> Self {
        Self::Lock
    }
}
