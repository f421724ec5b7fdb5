//! std-runtime checks of the lock family: stress runs on real threads (sized down under
//! Miri), proptest properties against sequential models, the documented edge cases and
//! errors, and the fuzz decoder.
//!
//! The loom and shuttle cases of the same properties are `synclab::cases::lock`;
//! every lock also runs the counter checks as `LockCounter<R>` (`tests/counter.rs`).

use proptest::prelude::*;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use synclab::check::{self, Checker};
use synclab::lock::checks::{self, Acquire, mutex, permits};
use synclab::lock::checks::{mutex::SeqOp, permits::PermitOp, rwlock::RwOp};

/// Stress size: big enough to make real races likely, small enough for Miri.
const STRESS_THREADS: usize = if cfg!(miri) { 2 } else { 4 };
const STRESS_OPS: usize = if cfg!(miri) { 10 } else { 2_000 };
const STRESS_ITERATIONS: usize = if cfg!(miri) { 1 } else { 10 };
/// Proptest cases. Under Miri the property tests are skipped (proptest's machinery is
/// too slow interpreted); the stress tests run the same scenarios there.
const CASES: u32 = 64;

fn seq_ops() -> impl Strategy<Value = Vec<SeqOp>> {
    let op = prop_oneof![
        Just(SeqOp::Lock),
        Just(SeqOp::TryLock),
        Just(SeqOp::Unlock),
        Just(SeqOp::IsLocked),
    ];
    prop::collection::vec(op, 0..40)
}

/// 1-4 threads, 0-12 acquisitions each.
fn acquire_programs() -> impl Strategy<Value = Vec<Vec<Acquire>>> {
    let op = prop_oneof![Just(Acquire::Lock), Just(Acquire::TryLock)];
    prop::collection::vec(prop::collection::vec(op, 0..12), 1..5)
}

/// Runs `f`, catching a panic (the default hook still reports it on stderr).
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    catch_unwind(AssertUnwindSafe(f))
}

macro_rules! lock_checks {
    ($($name:ident => $raw:ident, $kind:ident;)*) => {
        mod lock { $(
            mod $name {
                use super::super::*;
                use synclab::lock::*;

                #[test]
                fn stress() {
                    let test = concat!("lock::", stringify!($name), "::stress");
                    let checker = Checker::Stress { iterations: STRESS_ITERATIONS };
                    check::assert_passes(test, checker, || {
                        mutex::exclusion::<$raw>(&checks::mixed_programs(STRESS_THREADS, STRESS_OPS));
                    });
                }

                proptest! {
                    #![proptest_config(ProptestConfig::with_cases(CASES))]

                    #[test]
                    #[cfg_attr(miri, ignore)]
                    fn prop_sequential_model(ops in seq_ops()) {
                        mutex::sequential::<$raw>(&ops).map_err(TestCaseError::fail)?;
                    }

                    #[test]
                    #[cfg_attr(miri, ignore)]
                    fn prop_concurrent_programs(programs in acquire_programs()) {
                        mutex::exclusion::<$raw>(&programs);
                    }
                }

                /// No poisoning: the guard's drop during unwinding releases the lock, and
                /// the next owner sees what the panicking section wrote.
                #[test]
                fn panic_while_holding_releases_the_lock() {
                    let m = Mutex::<$raw, Vec<u32>>::new(vec![]);
                    let result = quietly(|| {
                        let mut guard = m.lock();
                        guard.push(1);
                        panic!("boom");
                    });
                    assert!(result.is_err());
                    assert!(!m.is_locked(), "the panic left the lock held");
                    let guard = m.try_lock().expect("the lock is free again");
                    assert_eq!(*guard, [1], "the partial update is visible: no poisoning");
                }

                #[test]
                fn try_lock_fails_while_held_and_guard_releases() {
                    let m = Mutex::<$raw, u32>::new(5);
                    {
                        let mut guard = m.lock();
                        *guard += 1;
                        assert!(m.is_locked());
                        assert!(m.try_lock().is_none());
                    }
                    assert!(!m.is_locked());
                    assert_eq!(*m.try_lock().unwrap(), 6);
                    assert_eq!(m.into_inner(), 6);
                }

                #[test]
                fn guard_unlocked_lets_others_in_and_relocks() {
                    let m = Mutex::<$raw, u32>::new(0);
                    let mut guard = m.lock();
                    *guard += 1;
                    MutexGuard::unlocked(&mut guard, || {
                        assert!(!m.is_locked());
                        *m.lock() += 10;
                    });
                    assert!(m.is_locked());
                    *guard += 100;
                    drop(guard);
                    assert_eq!(*m.lock(), 111);
                }

                fifo_checks!($kind, $name, $raw);
            }
        )* }
    };
}

macro_rules! fifo_checks {
    (fifo, $name:ident, $raw:ident) => {
        /// Real threads queue one by one behind the main thread, and must be served in
        /// that order.
        #[test]
        fn fifo_stress() {
            let test = concat!("lock::", stringify!($name), "::fifo_stress");
            let checker = Checker::Stress {
                iterations: STRESS_ITERATIONS,
            };
            check::assert_passes(test, checker, || mutex::fifo::<$raw>(STRESS_THREADS));
        }
    };
    ($other:ident, $name:ident, $raw:ident) => {};
}

synclab::raw_locks!(lock_checks);

mod semaphore {
    use super::*;
    use synclab::error::SemaphoreError;
    use synclab::lock::Semaphore;

    fn permit_ops() -> impl Strategy<Value = Vec<PermitOp>> {
        let op = prop_oneof![
            (0usize..6).prop_map(PermitOp::Acquire),
            (0usize..6).prop_map(PermitOp::TryAcquire),
            (0usize..4).prop_map(PermitOp::Drop),
            (0usize..4).prop_map(PermitOp::Forget),
            (0usize..6).prop_map(PermitOp::Release),
        ];
        prop::collection::vec(op, 0..40)
    }

    #[test]
    fn stress() {
        let checker = Checker::Stress {
            iterations: STRESS_ITERATIONS,
        };
        check::assert_passes("semaphore::stress", checker, || {
            let program: Vec<usize> = (0..STRESS_OPS / 4).map(|i| 1 + i % 3).collect();
            permits::many_bound(3, &vec![program; STRESS_THREADS]);
        });
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(CASES))]

        #[test]
        #[cfg_attr(miri, ignore)]
        fn prop_permit_accounting(max in 0usize..5, ops in permit_ops()) {
            permits::accounting(max, &ops).map_err(TestCaseError::fail)?;
        }

        #[test]
        #[cfg_attr(miri, ignore)]
        fn prop_concurrent_bound(max in 1usize..4, programs in prop::collection::vec(
            prop::collection::vec(1usize..4, 0..8), 1..5)
        ) {
            let programs: Vec<Vec<usize>> = programs
                .into_iter()
                .map(|p| p.into_iter().map(|n| n.min(max)).collect())
                .collect();
            permits::many_bound(max, &programs);
        }
    }

    #[test]
    fn over_acquire_is_an_error() {
        let sem = Semaphore::new(2);
        let err = sem.acquire_many(3).unwrap_err();
        assert_eq!(
            err,
            SemaphoreError::TooManyPermits {
                requested: 3,
                max: 2
            }
        );
        assert_eq!(
            err.to_string(),
            "requested 3 permit(s) from a semaphore that has only 2 in all"
        );
        assert!(matches!(
            sem.try_acquire_many(3),
            Err(SemaphoreError::TooManyPermits { .. })
        ));
        assert_eq!(
            sem.available_permits(),
            2,
            "a refused request takes nothing"
        );
    }

    #[test]
    fn over_release_is_an_error() {
        let sem = Semaphore::new(2);
        let err = sem.release(1).unwrap_err();
        assert_eq!(
            err,
            SemaphoreError::OverRelease {
                released: 1,
                available: 2,
                max: 2
            }
        );
        assert_eq!(sem.available_permits(), 2, "a refused release adds nothing");
        let permit = sem.acquire_many(2).unwrap();
        let n = permit.forget();
        assert_eq!(sem.available_permits(), 0);
        assert!(sem.release(3).is_err());
        sem.release(n).unwrap();
        assert_eq!(sem.available_permits(), 2);
    }

    #[test]
    fn errors_are_std_errors() {
        fn assert_error<E: std::error::Error + Send + Sync + 'static>(_: &E) {}
        let err = Semaphore::new(0).acquire().unwrap_err();
        assert_error(&err);
        let boxed: Box<dyn std::error::Error> = Box::new(err);
        assert!(boxed.to_string().contains("only 0 in all"));
    }

    #[test]
    fn try_acquire_would_block_when_empty() {
        let sem = Semaphore::new(1);
        let held = sem.try_acquire().unwrap();
        assert_eq!(
            sem.try_acquire().unwrap_err(),
            SemaphoreError::WouldBlock { requested: 1 }
        );
        drop(held);
        assert_eq!(sem.try_acquire().unwrap().permits(), 1);
    }

    /// A blocked `acquire_many` wakes when another thread returns enough permits.
    #[test]
    fn blocked_acquire_wakes_on_release() {
        let sem = Arc::new(Semaphore::new(3));
        let held = sem.acquire_many(2).unwrap();
        let waiter = {
            let sem = Arc::clone(&sem);
            std::thread::spawn(move || sem.acquire_many(3).unwrap().permits())
        };
        drop(held);
        assert_eq!(waiter.join().unwrap(), 3);
        assert_eq!(sem.available_permits(), 3);
    }

    /// A panic while holding a permit returns it.
    #[test]
    fn panic_while_holding_returns_the_permit() {
        let sem = Semaphore::new(1);
        let result = quietly(|| {
            let _permit = sem.acquire().unwrap();
            panic!("boom");
        });
        assert!(result.is_err());
        assert_eq!(sem.available_permits(), 1);
    }

    #[test]
    #[should_panic(expected = "at most")]
    fn more_than_max_permits_panics() {
        let _ = Semaphore::new(Semaphore::MAX_PERMITS + 1);
    }
}

mod condvar {
    use super::*;
    use synclab::lock::{Condition, Mutex, ParkingLock, TicketLock, TtasLock};

    #[test]
    fn stress() {
        let checker = Checker::Stress {
            iterations: STRESS_ITERATIONS,
        };
        let items = STRESS_OPS / 4;
        check::assert_passes("condvar::stress", checker, move || {
            checks::condvar::producer_consumer::<ParkingLock>(2, 2, items);
            checks::condvar::producer_consumer::<TtasLock>(2, 2, items);
            checks::condvar::producer_consumer::<TicketLock>(1, 3, items);
        });
    }

    #[test]
    fn notify_all_stress() {
        let checker = Checker::Stress {
            iterations: STRESS_ITERATIONS,
        };
        check::assert_passes("condvar::notify_all_stress", checker, || {
            checks::condvar::notify_all_wakes_all::<ParkingLock>(STRESS_THREADS);
        });
    }

    #[test]
    fn wait_while_returns_at_once_when_false() {
        let m = Mutex::<ParkingLock, u32>::new(3);
        let cond = Condition::new();
        let mut guard = m.lock();
        cond.wait_while(&mut guard, |v| *v == 0);
        assert_eq!(*guard, 3);
    }

    /// Notifying with nobody waiting is a no-op, and a later waiter is not fooled by it
    /// into missing its own condition (it loops).
    #[test]
    fn notify_without_waiters_is_harmless() {
        let pair = Arc::new((Mutex::<ParkingLock, bool>::new(false), Condition::new()));
        pair.1.notify_one();
        pair.1.notify_all();
        let setter = {
            let pair = Arc::clone(&pair);
            std::thread::spawn(move || {
                *pair.0.lock() = true;
                pair.1.notify_one();
            })
        };
        let mut guard = pair.0.lock();
        pair.1.wait_while(&mut guard, |ready| !*ready);
        assert!(*guard);
        drop(guard);
        setter.join().unwrap();
    }
}

mod barrier {
    use super::*;
    use synclab::lock::Barrier;

    #[test]
    fn stress() {
        let checker = Checker::Stress {
            iterations: STRESS_ITERATIONS,
        };
        let generations = if cfg!(miri) { 3 } else { 50 };
        check::assert_passes("barrier::stress", checker, move || {
            checks::barrier::generations(STRESS_THREADS, generations);
        });
    }

    #[test]
    fn zero_parties_is_an_error() {
        let err = Barrier::new(0).unwrap_err();
        assert_eq!(err.to_string(), "parties must be at least 1, got 0");
    }

    #[test]
    fn one_party_never_waits_and_always_leads() {
        let barrier = Barrier::new(1).unwrap();
        for g in 0..3 {
            let r = barrier.wait();
            assert!(r.is_leader());
            assert_eq!(r.generation(), g);
        }
    }

    /// More threads than parties form consecutive generations, each with one leader.
    #[test]
    fn more_threads_than_parties() {
        let barrier = Barrier::new(2).unwrap();
        let results: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..6).map(|_| s.spawn(|| barrier.wait())).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut generations: Vec<u64> = results.iter().map(|r| r.generation()).collect();
        generations.sort_unstable();
        assert_eq!(generations, [0, 0, 1, 1, 2, 2]);
        assert_eq!(results.iter().filter(|r| r.is_leader()).count(), 3);
    }
}

mod once {
    use super::*;
    use synclab::lock::OnceCell;

    #[test]
    fn stress() {
        let checker = Checker::Stress {
            iterations: if cfg!(miri) { 2 } else { 200 },
        };
        check::assert_passes("once::stress", checker, || {
            checks::once::single_init(STRESS_THREADS);
        });
    }

    #[test]
    fn empty_until_initialised_then_fixed() {
        let cell = OnceCell::new();
        assert_eq!(cell.get(), None);
        assert_eq!(*cell.get_or_init(|| 1), 1);
        assert_eq!(
            *cell.get_or_init(|| 2),
            1,
            "the second initialiser never runs"
        );
        assert_eq!(cell.get(), Some(&1));
    }

    /// A panicking initialiser leaves the cell empty (the mutex does not poison it), and
    /// the next caller initialises it.
    #[test]
    fn a_panicking_initialiser_leaves_it_empty() {
        let cell = OnceCell::new();
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            cell.get_or_init(|| -> u32 { panic!("initialiser failed") });
        }));
        assert!(panicked.is_err());
        assert_eq!(cell.get(), None);
        assert_eq!(*cell.get_or_init(|| 7), 7);
    }
}

mod rwlock {
    use super::*;
    use parking_lot::lock_api::RawRwLock as _;
    use synclab::lock::{ParkingRwLock, RawLock, RawRwLock, RwLock};

    /// `parking_lot`'s raw reader-writer lock behind synclab's traits: a second
    /// [`RawRwLock`] for `RwLock<R, T>`, and a check that the trait is `lock_api`'s split
    /// (each method forwards to its `lock_api::RawRwLock` namesake, less the guard token).
    struct ParkingLotRwLock(parking_lot::RawRwLock);

    /// parking_lot's guard tokens: stateless markers, made anew for each unlock.
    type Shared = <parking_lot::RawRwLock as parking_lot::lock_api::RawRwLock>::SharedGuard;
    type Exclusive = <parking_lot::RawRwLock as parking_lot::lock_api::RawRwLock>::ExclusiveGuard;

    // SAFETY: every method forwards to `lock_api::RawRwLock`, whose contract includes
    // `RawLock`'s for the exclusive mode (parking_lot's token is a stateless marker).
    unsafe impl RawLock for ParkingLotRwLock {
        fn new() -> Self {
            Self(<parking_lot::RawRwLock as parking_lot::lock_api::RawRwLock>::INIT)
        }

        fn lock(&self) {
            self.0.lock_exclusive();
        }

        fn try_lock(&self) -> bool {
            self.0.try_lock_exclusive().is_some()
        }

        unsafe fn unlock(&self) {
            // SAFETY: our caller holds the exclusive lock (`RawLock::unlock`'s contract).
            unsafe { self.0.unlock_exclusive(Exclusive::new()) };
        }

        fn is_locked(&self) -> bool {
            self.0.is_locked()
        }
    }

    // SAFETY: as above, for `RawRwLock`'s shared mode.
    unsafe impl RawRwLock for ParkingLotRwLock {
        fn lock_shared(&self) {
            self.0.lock_shared();
        }

        fn try_lock_shared(&self) -> bool {
            self.0.try_lock_shared().is_some()
        }

        unsafe fn unlock_shared(&self) {
            // SAFETY: our caller holds a shared lock (`unlock_shared`'s contract).
            unsafe { self.0.unlock_shared(Shared::new()) };
        }
    }

    fn rw_programs() -> impl Strategy<Value = Vec<Vec<RwOp>>> {
        let op = prop_oneof![
            Just(RwOp::Read),
            Just(RwOp::Write),
            Just(RwOp::TryRead),
            Just(RwOp::TryWrite),
        ];
        prop::collection::vec(prop::collection::vec(op, 0..12), 1..5)
    }

    fn stress_with<R: RawRwLock + 'static>(test: &str) {
        let checker = Checker::Stress {
            iterations: STRESS_ITERATIONS,
        };
        check::assert_passes(test, checker, || {
            let program: Vec<RwOp> = (0..STRESS_OPS / 2)
                .map(|i| {
                    [
                        RwOp::Read,
                        RwOp::Read,
                        RwOp::Write,
                        RwOp::TryRead,
                        RwOp::TryWrite,
                    ][i % 5]
                })
                .collect();
            checks::rwlock::exclusion::<R>(&vec![program; STRESS_THREADS]);
        });
    }

    #[test]
    fn stress() {
        stress_with::<ParkingRwLock>("rwlock::stress");
    }

    #[test]
    fn readers_overlap() {
        checks::rwlock::readers_overlap::<ParkingRwLock>();
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(CASES))]

        #[test]
        #[cfg_attr(miri, ignore)]
        fn prop_concurrent_programs(programs in rw_programs()) {
            checks::rwlock::exclusion::<ParkingRwLock>(&programs);
        }
    }

    /// `RwLock<R, T>` over a raw lock synclab did not write: the same scenarios pass.
    #[test]
    fn over_parking_lot_raw_rwlock() {
        stress_with::<ParkingLotRwLock>("rwlock::over_parking_lot_raw_rwlock");
        checks::rwlock::readers_overlap::<ParkingLotRwLock>();
        writer_excludes_readers_and_writers_over::<ParkingLotRwLock>();
    }

    /// Writer preference: once a writer waits, a new reader is refused even though
    /// only readers hold the lock; the writer gets it when the readers leave.
    #[test]
    fn waiting_writer_blocks_new_readers() {
        let lock = Arc::new(RwLock::<ParkingRwLock, _>::new(0));
        let read = lock.read();
        let writer = {
            let lock = Arc::clone(&lock);
            std::thread::spawn(move || *lock.write() += 1)
        };
        while lock.raw().writers_waiting() == 0 {
            std::thread::yield_now();
        }
        assert!(
            lock.try_read().is_none(),
            "a reader overtook a waiting writer"
        );
        drop(read);
        writer.join().unwrap();
        assert_eq!(*lock.read(), 1);
        assert_eq!(lock.raw().writers_waiting(), 0);
    }

    fn writer_excludes_readers_and_writers_over<R: RawRwLock>() {
        let lock = RwLock::<R, _>::new(String::from("a"));
        let mut w = lock.write();
        assert!(lock.try_read().is_none());
        assert!(lock.try_write().is_none());
        w.push('b');
        drop(w);
        let r1 = lock.read();
        let r2 = lock.try_read().expect("readers share");
        assert!(lock.try_write().is_none());
        assert_eq!((r1.as_str(), r2.as_str()), ("ab", "ab"));
        drop((r1, r2));
        assert!(!lock.is_locked());
    }

    #[test]
    fn writer_excludes_readers_and_writers() {
        writer_excludes_readers_and_writers_over::<ParkingRwLock>();
    }

    /// The rest of `Mutex<R, T>`'s API shape: `Default`, `From`, `get_mut`, `Debug`
    /// (which never blocks), the guards' `Debug`/`Display`.
    #[test]
    fn api_like_mutex() {
        let mut lock = RwLock::<ParkingRwLock, Vec<u8>>::default();
        lock.get_mut().push(1);
        assert_eq!(format!("{lock:?}"), "RwLock { data: [1], .. }");
        let w = lock.write();
        assert_eq!(format!("{lock:?}"), "RwLock { data: <locked>, .. }");
        assert_eq!(format!("{w:?}"), "[1]");
        drop(w);
        let text = RwLock::<ParkingRwLock, _>::from("text");
        assert_eq!(format!("{} {}", *text.read(), text.read()), "text text");
        assert_eq!(text.into_inner(), "text");
    }

    #[test]
    fn panic_while_writing_releases_the_lock() {
        let lock = RwLock::<ParkingRwLock, _>::new(0);
        let result = quietly(|| {
            let mut w = lock.write();
            *w += 1;
            panic!("boom");
        });
        assert!(result.is_err());
        assert!(!lock.raw().is_locked());
        assert_eq!(
            *lock.read(),
            1,
            "no poisoning: the write before the panic stays"
        );
    }
}

mod fuzz {
    use super::*;
    use synclab::lock::ParkingRwLock;

    /// The decoder's encoding, pinned: thread count, semaphore size, per-thread ops.
    #[test]
    fn decoding() {
        use checks::fuzz::FuzzOp::*;
        let (programs, max) =
            checks::fuzz::decode_fuzz_ops(&[1, 2, 0, 1, 4 * 6, 4 * 5 + 1, 4 * 9 + 1]);
        assert_eq!(max, 3);
        assert_eq!(programs.len(), 2);
        assert_eq!(programs[0], [Acquire(1), Write]);
        assert_eq!(programs[1], [Acquire(1), Read, Unlock]);
    }

    #[test]
    fn examples() {
        for data in [
            &b""[..],
            b"\x03\x01",
            b"\x03\x02\x00\x01\x02\x03\x18\x19\x1a\x1b\x14\x15\x16\x17",
            b"\x00\x03\x00\x04\x08\x0c\x10\x14\x18\x1c\x20\x24\xff\xfe",
            b"\x02\x00\x14\x15\x16\x18\x19\x1a\x24\x25\x26\x10\x11\x12",
        ] {
            checks::fuzz::run_fuzz_ops::<ParkingRwLock>(data).unwrap();
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(CASES))]

        #[test]
        #[cfg_attr(miri, ignore)]
        fn prop_any_bytes_keep_the_invariants(data in prop::collection::vec(any::<u8>(), 0..80)) {
            checks::fuzz::run_fuzz_ops::<ParkingRwLock>(&data).map_err(TestCaseError::fail)?;
        }
    }
}
