//! The list of planted bugs: one entry each, with its scenarios, its fixed twin and the
//! verdicts the docs claim.

use super::{Bug, Claim, Flavours, Kind};
use crate::Family;
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
///
/// shuttle's uniform random walk and the portfolio (1,000 schedules each) find every
/// interleaving bug of the gallery: the scenarios are two or three threads of a few
/// steps each; its depth-first search finds most ([`missed_by_dfs`] marks the others).
fn interleaving(loom: Claim, from_depth: usize, stress: Claim) -> [Claim; 9] {
    let at = |depth| if from_depth <= depth { Found } else { Missed };
    [
        loom,
        Found,
        at(1),
        at(2),
        at(3),
        stress,
        Found,
        Found,
        Found,
    ]
}

/// `claims` with shuttle's DFS missing the bug within its 1,000 schedules: the bug needs
/// an early switch (a consumer woken before the other one, a worker preempted before
/// its first claim), and a depth-first search varies the last choices first, so its
/// first thousand schedules all share the first schedule's beginning.
fn missed_by_dfs(mut claims: [Claim; 9]) -> [Claim; 9] {
    claims[7] = Missed;
    claims
}

/// The claims of an ordering bug: loom only (stress cannot run it).
const ORDERING: [Claim; 9] = [
    Found, Missed, Missed, Missed, Missed, NotRun, Missed, Missed, Missed,
];

/// One scenario body, compiled once per runtime: `flavoured!(|f| { ... f::lock::... })`
/// is the body with `f` the loom flavour, the shuttle flavour and the crate root (std).
macro_rules! flavoured {
    (|$f:ident| $body:expr) => {
        Flavours {
            loom: Some(|| {
                use crate::loom as $f;
                $body
            }),
            shuttle: || {
                use crate::shuttle as $f;
                $body
            },
            std: Some(|| {
                use crate as $f;
                $body
            }),
        }
    };
}

/// Two threads, one `lock()` each: the smallest program in which a broken lock lets two
/// critical sections overlap or go unordered.
macro_rules! one_lock_each {
    ($f:ident) => {{
        use $f::lock::checks::Acquire::Lock;
        [vec![Lock], vec![Lock]]
    }};
}

/// The collections' planted bugs (family `object`).
mod collections;
/// The planted bugs of the rwlock, channel and once-cell suites.
mod structures;

/// Every planted bug, in gallery order: counter, lock, map, object, then the rwlock,
/// channel and once-cell suites'.
pub fn all() -> Vec<Bug> {
    [
        Bug {
            name: "counter_load_store",
            family: Family::Counter,
            kind: Kind::Interleaving,
            planted: "counter::planted::LoadStoreCounter",
            what: "adds with a load and a separate store: two threads read the same value, one update is lost",
            fix: "counter/atomic.rs: self.value.fetch_add(n, Relaxed) (one read-modify-write)",
            symptoms: &["lost update", "twice"],
            planted_in: flavoured!(|f| {
                use f::counter::{checks, planted::LoadStoreCounter};
                let programs = checks::uniform(2, &[checks::Op::FetchAdd(1)]);
                checks::run(LoadStoreCounter::new(), &programs).unwrap();
            }),
            fixed_in: flavoured!(|f| {
                use f::counter::{AtomicCounter, checks};
                let programs = checks::uniform(2, &[checks::Op::FetchAdd(1)]);
                checks::run(AtomicCounter::new(), &programs).unwrap();
            }),
            claims: interleaving(Found, 2, Unclaimed),
            miri: Found,
        },
        Bug {
            name: "lock_relaxed_spin",
            family: Family::Lock,
            kind: Kind::Ordering,
            planted: "lock::planted::RelaxedSpinLock",
            what: "a spinlock acquired and released with Relaxed: exclusive, but critical sections are not ordered",
            fix: "lock/tas.rs: compare_exchange(false, true, Acquire, Relaxed) / store(false, Release)",
            symptoms: &["Causality violation"],
            planted_in: flavoured!(|f| {
                use f::lock::{checks::mutex, planted::RelaxedSpinLock};
                mutex::exclusion::<RelaxedSpinLock>(&one_lock_each!(f));
            }),
            fixed_in: flavoured!(|f| {
                use f::lock::{TasLock, checks::mutex};
                mutex::exclusion::<TasLock>(&one_lock_each!(f));
            }),
            claims: ORDERING,
            miri: NotRun,
        },
        Bug {
            name: "lock_early_release",
            family: Family::Lock,
            kind: Kind::Interleaving,
            planted: "lock::planted::EarlyReleaseLock",
            what: "the lock's guard is dropped inside lock(): the critical section runs unlocked",
            fix: "lock/mutex.rs: the guard is returned and unlocks in MutexGuard::drop",
            symptoms: &["mutual exclusion violated", "Causality violation"],
            planted_in: flavoured!(|f| {
                use f::lock::{checks::mutex, planted::EarlyReleaseLock};
                mutex::exclusion::<EarlyReleaseLock>(&one_lock_each!(f));
            }),
            fixed_in: flavoured!(|f| {
                use f::lock::{TasLock, checks::mutex};
                mutex::exclusion::<TasLock>(&one_lock_each!(f));
            }),
            claims: interleaving(Found, 2, NotRun),
            miri: NotRun,
        },
        Bug {
            name: "lock_barging",
            family: Family::Lock,
            kind: Kind::Interleaving,
            planted: "lock::planted::BargingLock",
            what: "claims FIFO but waiters race for the lock: a later arrival overtakes an earlier one",
            fix: "lock/ticket.rs: let ticket = self.next.fetch_add(1, Relaxed) (the arrival is the place in line)",
            symptoms: &["not FIFO"],
            planted_in: flavoured!(|f| {
                use f::lock::{checks::mutex, planted::BargingLock};
                mutex::fifo::<BargingLock>(2);
            }),
            // loom cannot afford the fixed twin: three threads spinning on a ticket lock
            // exceed its branch limit even at bound 1 (`docs/checkers.md`); shuttle checks it.
            fixed_in: flavoured!(|f| {
                use f::lock::{TicketLock, checks::mutex};
                mutex::fifo::<TicketLock>(2);
            })
            .without_loom(),
            claims: interleaving(Found, 1, NotRun),
            miri: NotRun,
        },
        Bug {
            name: "lock_relaxed_ticket",
            family: Family::Lock,
            kind: Kind::Ordering,
            planted: "lock::planted::RelaxedTicketLock",
            what: "the ticket lock publishes now-serving with a Relaxed store: the next holder is not ordered after the last",
            fix: "lock/ticket.rs: unlock passes Release to serve_next, which stores serving with it",
            symptoms: &["Causality violation"],
            planted_in: flavoured!(|f| {
                use f::lock::{checks::mutex, planted::RelaxedTicketLock};
                mutex::exclusion::<RelaxedTicketLock>(&one_lock_each!(f));
            }),
            fixed_in: flavoured!(|f| {
                use f::lock::{TicketLock, checks::mutex};
                mutex::exclusion::<TicketLock>(&one_lock_each!(f));
            }),
            claims: ORDERING,
            miri: NotRun,
        },
        Bug {
            name: "lock_relaxed_mcs_handover",
            family: Family::Lock,
            kind: Kind::Ordering,
            planted: "lock::planted::RelaxedHandoverMcs",
            what: "the MCS lock hands over to its successor with a Relaxed store",
            fix: "lock/mcs.rs: unlock passes Release to unlock_handing_over, which clears (*next).locked with it",
            symptoms: &["Causality violation"],
            planted_in: flavoured!(|f| {
                use f::lock::{checks::mutex, planted::RelaxedHandoverMcs};
                mutex::exclusion::<RelaxedHandoverMcs>(&one_lock_each!(f));
            }),
            fixed_in: flavoured!(|f| {
                use f::lock::{McsLock, checks::mutex};
                mutex::exclusion::<McsLock>(&one_lock_each!(f));
            }),
            claims: ORDERING,
            miri: NotRun,
        },
        Bug {
            name: "semaphore_check_then_act",
            family: Family::Lock,
            kind: Kind::Interleaving,
            planted: "lock::planted::CheckThenActSemaphore",
            what: "try_acquire checks for a permit, then takes it, in two steps: two threads take the last permit",
            fix: "lock/semaphore.rs: the check and the take are one compare_exchange on the count",
            // Or the count wrapped below zero before a second holder was seen, and the
            // first holder's release is refused as more than the maximum (shuttle DFS).
            symptoms: &[
                "permits out of a semaphore",
                "Causality violation",
                "release of a permit taken and not returned was refused",
            ],
            planted_in: flavoured!(|f| {
                use f::lock::checks::{Acquire::TryLock, semaphore};
                use f::lock::planted::CheckThenActSemaphore;
                semaphore::bound::<CheckThenActSemaphore>(1, &[vec![TryLock], vec![TryLock]]);
            }),
            fixed_in: flavoured!(|f| {
                use f::lock::Semaphore;
                use f::lock::checks::{Acquire::TryLock, semaphore};
                semaphore::bound::<Semaphore>(1, &[vec![TryLock], vec![TryLock]]);
            }),
            claims: interleaving(Found, 3, Unclaimed),
            // Not claimed: Miri runs the stress scenario with isolation off, so its
            // threads' progress follows the real clock, and a loaded machine made it
            // find the bug at execution 47 of 100 where an idle one misses it.
            miri: Unclaimed,
        },
        Bug {
            name: "semaphore_racy_over_release",
            family: Family::Lock,
            kind: Kind::Interleaving,
            planted: "lock::planted::LoadThenAddSemaphore",
            what: "release checks the maximum with a load, then adds: two racing releases both get through",
            fix: "lock/semaphore.rs: release checks the maximum on the value its compare_exchange_weak replaces",
            symptoms: &["an over-release was not refused"],
            planted_in: flavoured!(|f| {
                use f::lock::{checks::semaphore, planted::LoadThenAddSemaphore};
                semaphore::releases::<LoadThenAddSemaphore>(1, 1, 2);
            }),
            fixed_in: flavoured!(|f| {
                use f::lock::{Semaphore, checks::semaphore};
                semaphore::releases::<Semaphore>(1, 1, 2);
            }),
            claims: interleaving(Found, 2, Unclaimed),
            miri: Unclaimed,
        },
        Bug {
            name: "condvar_if_not_while",
            family: Family::Lock,
            kind: Kind::Interleaving,
            planted: "lock::planted::if_instead_of_while",
            what: "a consumer waits with `if` instead of `while`: woken, it takes an item another consumer already took",
            fix: "lock/condvar.rs: while condition(&mut **guard) { self.wait(guard) } (wait_while)",
            symptoms: &["woke up to an empty queue"],
            planted_in: flavoured!(|f| f::lock::planted::if_instead_of_while()),
            fixed_in: flavoured!(|f| f::lock::planted::wait_in_a_loop()),
            claims: missed_by_dfs(interleaving(Found, 2, Unclaimed)),
            miri: Found,
        },
        Bug {
            name: "condvar_notify_before_change",
            family: Family::Lock,
            kind: Kind::Interleaving,
            planted: "lock::planted::notify_before_change",
            what: "notifies before changing the state, outside the lock: a waiter that checks in between sleeps forever",
            fix: "lock/checks/condvar.rs (notify_all_wakes_all): *flag.lock() = true; then cond.notify_all()",
            symptoms: &["deadlock"],
            planted_in: flavoured!(|f| f::lock::planted::notify_before_change()),
            fixed_in: flavoured!(|f| {
                use f::lock::{ParkingLock, checks::condvar};
                condvar::notify_all_wakes_all::<ParkingLock>(1);
            }),
            claims: interleaving(Found, 1, NotRun),
            miri: NotRun,
        },
        Bug {
            name: "barrier_no_generation",
            family: Family::Lock,
            kind: Kind::Interleaving,
            planted: "lock::planted::NoGenerationBarrier",
            what: "a barrier that resets its count without a generation: the next round traps the previous one",
            fix: "lock/barrier.rs: while self.opened.load(Acquire) <= generation (each thread waits for its own generation)",
            symptoms: &["deadlock"],
            planted_in: flavoured!(|f| f::lock::planted::no_generation_barrier()),
            fixed_in: flavoured!(|f| f::lock::checks::barrier::generations(2, 2)),
            claims: missed_by_dfs(interleaving(Found, 2, NotRun)),
            miri: NotRun,
        },
        Bug {
            name: "once_relaxed_check",
            family: Family::Lock,
            kind: Kind::Ordering,
            planted: "lock::planted::RelaxedOnceCell",
            what: "double-checked initialisation whose fast path reads the flag with Relaxed",
            fix: "lock/once.rs: if self.ready.load(Acquire) (pairs with the Release after the write)",
            symptoms: &["Causality violation"],
            planted_in: flavoured!(|f| f::lock::planted::relaxed_once_cell()),
            fixed_in: flavoured!(|f| f::lock::checks::once::single_init(2)),
            claims: ORDERING,
            miri: NotRun,
        },
        Bug {
            name: "map_load_store_cursor",
            family: Family::Map,
            kind: Kind::Interleaving,
            planted: "map::planted::LoadStoreCursor",
            what: "workers claim chunks with a load and a separate store: two workers run the same chunk",
            fix: "map/fixed.rs: the cursor is claimed with one fetch_add",
            // loom explores a smaller call than shuttle samples.
            symptoms: &["was processed 2 times"],
            planted_in: Flavours {
                loom: Some(|| {
                    use crate::loom::map::{
                        checks::Call, checks::strategy, planted::LoadStoreCursor,
                    };
                    strategy::check(&Call::new(2, 3), LoadStoreCursor::new(1).unwrap()).unwrap();
                }),
                shuttle: || {
                    use crate::shuttle::map::{
                        checks::Call, checks::strategy, planted::LoadStoreCursor,
                    };
                    strategy::check(&Call::new(3, 6), LoadStoreCursor::new(1).unwrap()).unwrap();
                },
                std: None,
            },
            fixed_in: Flavours {
                loom: Some(|| {
                    use crate::loom::map::{Fixed, checks::Call, checks::strategy};
                    strategy::check(&Call::new(2, 3), Fixed::new(1).unwrap()).unwrap();
                }),
                shuttle: || {
                    use crate::shuttle::map::{Fixed, checks::Call, checks::strategy};
                    strategy::check(&Call::new(3, 6), Fixed::new(1).unwrap()).unwrap();
                },
                std: None,
            },
            claims: missed_by_dfs(interleaving(Found, 2, NotRun)),
            miri: NotRun,
        },
        Bug {
            name: "pool_relaxed_result",
            family: Family::Map,
            kind: Kind::Ordering,
            planted: "pool::planted::RelaxedResultSlot",
            what: "a job's result is published with a Relaxed flag and read after a Relaxed load of it",
            fix: "pool/latch.rs: self.pending.fetch_sub(1, Ordering::Release), read with Acquire in is_released",
            symptoms: &["Causality violation"],
            planted_in: flavoured!(|f| f::pool::planted::relaxed_result_slot()),
            fixed_in: flavoured!(|f| f::pool::checks::submit_and_join(1, 1)),
            claims: ORDERING,
            miri: NotRun,
        },
    ]
    .into_iter()
    .chain(collections::bugs())
    .chain(structures::bugs())
    .collect()
}
