//! std-runtime checks of the parallel map and its pool: stress runs on real threads,
//! proptest properties, the fuzz body, and the documented edge cases.
//!
//! The loom and shuttle cases of the same properties are `synclab::cases::{map, pool}`,
//! run by `models/tests/map.rs` and `pool.rs`. Everything here is sized down under Miri
//! (`cargo +nightly miri test -p synclab --test map`).

use proptest::prelude::*;
use synclab::check::{self, Checker};
use synclab::map::checks::fuzz::{self, Pick};
use synclab::map::checks::{Call, strategy};
use synclab::pool::ThreadPool;

/// Stress size: big enough for real races, small enough for Miri.
const STRESS_ITEMS: usize = if cfg!(miri) { 24 } else { 20_000 };
const STRESS_WORKERS: usize = if cfg!(miri) { 2 } else { 4 };
const STRESS_ITERATIONS: usize = if cfg!(miri) { 1 } else { 10 };
const CASES: u32 = if cfg!(miri) { 2 } else { 64 };
const MAX_ITEMS: usize = if cfg!(miri) { 12 } else { 300 };

/// The planned panics of the scenarios would print a message each.
fn quiet_planned_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let planned = info.payload().is::<synclab::check::PlannedPanic>();
            if !planned {
                default(info);
            }
        }));
    });
}

macro_rules! std_checks {
    ($($name:ident => [$($variant:ident: $model:expr),*], $stress:expr;)*) => { $(
            mod $name {
                use super::super::*;
                use synclab::map::*;

                /// Real threads, many items: exactly once, in order, drops counted; then a
                /// panic in the middle, on owned items, and the pool reused.
                #[test]
                fn stress() {
                    quiet_planned_panics();
                    let test = concat!("map::", stringify!($name), "::stress");
                    let checker = Checker::Stress { iterations: STRESS_ITERATIONS };
                    let pool = ThreadPool::new(STRESS_WORKERS).unwrap();
                    check::assert_passes(test, checker, move || {
                        let case = Call::new(STRESS_WORKERS, STRESS_ITEMS);
                        strategy::check_on(&pool, &case, $stress).unwrap();
                        let case = case.panic_at(STRESS_ITEMS / 2).owned().reuse();
                        strategy::check_on(&pool, &case, $stress).unwrap();
                    });
                }

                /// The model-checking configurations on real threads, many times.
                #[test]
                fn stress_small() {
                    quiet_planned_panics();
                    let test = concat!("map::", stringify!($name), "::stress_small");
                    let checker = Checker::Stress { iterations: STRESS_ITERATIONS * 10 };
                    check::assert_passes(test, checker, || {
                        for strategy in [$($model),*] {
                            strategy::check(&Call::new(2, 3), strategy).unwrap();
                            strategy::check(&Call::new(2, 4).panic_at(1), strategy).unwrap();
                        }
                    });
                }
            }
        )* };
}

mod map {
    use super::*;

    synclab::map_strategies!(std_checks);

    /// Any strategy with any size (0 included: it must be rejected).
    fn pick() -> impl Strategy<Value = Pick> {
        prop_oneof![
            Just(Pick::Static),
            Just(Pick::Auto),
            (0usize..20).prop_map(Pick::Fixed),
            (0usize..20).prop_map(Pick::Guided),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(CASES))]

        /// For any input, strategy, chunk size and worker count, the result equals the
        /// sequential map (and every item is processed once, every value dropped once).
        #[test]
        fn prop_matches_sequential(
            items in prop::collection::vec(any::<u64>(), 0..MAX_ITEMS),
            workers in 1usize..5,
            pick in pick(),
            owned in any::<bool>(),
        ) {
            let mut case = Call::with_items(workers, items);
            case.owned = owned;
            pick.check(&case).map_err(TestCaseError::fail)?;
        }

        /// A panic at any index propagates with its payload; every other produced value,
        /// and every owned item, is dropped exactly once; the pool still works.
        #[test]
        fn prop_panic_drops_every_value_once(
            (len, panic_at) in (1usize..MAX_ITEMS).prop_flat_map(|len| (Just(len), 0..len)),
            workers in 1usize..5,
            pick in pick(),
            owned in any::<bool>(),
        ) {
            quiet_planned_panics();
            let mut case = Call::new(workers, len).panic_at(panic_at).reuse();
            case.owned = owned;
            pick.check(&case).map_err(TestCaseError::fail)?;
        }

        /// The fuzz target's body never fails, whatever the bytes.
        #[test]
        fn prop_fuzz_one(data in prop::collection::vec(any::<u8>(), 0..80)) {
            quiet_planned_panics();
            fuzz::fuzz_one(&data).map_err(TestCaseError::fail)?;
        }
    }

    /// The fuzz body on chosen corner inputs (the fuzz target is `fuzz/fuzz_targets/map.rs`).
    #[test]
    fn fuzz_one_corner_inputs() {
        quiet_planned_panics();
        let inputs: [&[u8]; 10] = [
            &[],                          // empty input and 0 workers: rejected
            &[5, 1, 0, 1],                // Fixed(0): rejected
            &[5, 2, 0, 2],                // Guided(0): rejected
            &[64, 4, 1, 1, 3, 0],         // 64 items, fixed-1, 4 workers, panic at 3
            &[64, 3, 8, 2, 63, 1, 9, 9],  // guided-8, owned, panic at the last item
            &[1, 1, 3, 0, 0, 1],          // one owned item that panics
            &[40, 2, 2, 3, 200, 0, 1, 2], // auto, no panic
            &[7, 4, 5, 0, 6, 1],          // static, owned, panic at the end
            &[9, 2, 3, 1, 4, 2],          // fixed-3, panic at 4, the pool reused after
            &[9, 3, 2, 2, 8, 3],          // guided-2, owned, panic at the end, reused
        ];
        for data in inputs {
            fuzz::fuzz_one(data).unwrap_or_else(|e| panic!("{data:?}: {e}"));
        }
    }

    mod edge_cases {
        use super::super::quiet_planned_panics;
        use synclab::map::{self, Auto, Fixed, Guided, Static};
        use synclab::pool::ThreadPool;

        fn message(payload: &(dyn std::any::Any + Send)) -> String {
            let text = payload.downcast_ref::<&str>().map(|s| s.to_string());
            text.or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default()
        }

        #[test]
        fn empty_input_returns_an_empty_vector() {
            let pool = ThreadPool::new(2).unwrap();
            let out: Vec<u64> = map::map(&pool, &[] as &[u64], Fixed::new(4).unwrap(), |x| *x);
            assert!(out.is_empty());
            let (out, stats) = map::map_with_stats(&pool, &[] as &[u8], Auto::new(), |x| *x);
            assert!(out.is_empty());
            assert_eq!((stats.items, stats.workers.len()), (0, 0));
            assert!(map::map_iter(&pool, Vec::<String>::new(), Static, |s| s).is_empty());
        }

        #[test]
        fn zero_sizes_are_config_errors() {
            let err = |e: synclab::error::ConfigError| e.to_string();
            assert_eq!(
                err(ThreadPool::new(0).unwrap_err()),
                "workers must be at least 1, got 0"
            );
            assert_eq!(
                err(Fixed::new(0).unwrap_err()),
                "chunk size must be at least 1, got 0"
            );
            assert_eq!(
                err(Guided::new(0).unwrap_err()),
                "minimum chunk size must be at least 1, got 0"
            );
            assert!(Auto::with_target(std::time::Duration::ZERO).is_err());
        }

        #[test]
        fn fewer_items_than_workers() {
            let pool = ThreadPool::new(4).unwrap();
            let (out, stats) = map::map_with_stats(&pool, &[3u8, 4], Static, |x| x * 2);
            assert_eq!(out, [6, 8]);
            assert_eq!(
                stats.workers.len(),
                2,
                "only as many workers as items take part"
            );
        }

        #[test]
        fn zero_sized_items_and_results() {
            let pool = ThreadPool::new(2).unwrap();
            let units = vec![(); 1000];
            let out = map::map(&pool, &units, Fixed::new(7).unwrap(), |()| 1u8);
            assert_eq!(out.len(), 1000);
            let out: Vec<()> = map::map(&pool, &[1, 2, 3], Auto::new(), |_| ());
            assert_eq!(out.len(), 3);
        }

        #[test]
        fn huge_chunks_do_not_overflow() {
            let pool = ThreadPool::new(2).unwrap();
            let out = map::map(&pool, &[1, 2, 3], Fixed::new(usize::MAX).unwrap(), |x| {
                x + 1
            });
            assert_eq!(out, [2, 3, 4]);
            let out = map::map(&pool, &[1, 2, 3], Guided::new(usize::MAX).unwrap(), |x| {
                x + 1
            });
            assert_eq!(out, [2, 3, 4]);
        }

        /// The planted strategy hands out duplicated chunks: on real threads that would be a
        /// data race, so it refuses to run outside a model checker.
        #[test]
        fn planted_strategy_refuses_real_threads() {
            let pool = ThreadPool::new(2).unwrap();
            let planted = map::planted::LoadStoreCursor::new(1).unwrap();
            let outcome = std::panic::catch_unwind(|| map::map(&pool, &[1, 2, 3], planted, |x| *x));
            let payload = outcome.expect_err("the planted strategy must refuse to run");
            let message = message(&*payload);
            assert!(
                message.contains("only runs under a model checker"),
                "{message}"
            );
            assert_eq!(pool.map(&[1, 2], |x| x + 1), [2, 3], "the pool still works");
        }

        /// A strategy that breaks the completeness rule is caught: a clear panic, nothing
        /// left half-initialised, owned items dropped.
        #[test]
        fn a_strategy_that_skips_items_is_reported() {
            use std::ops::Range;
            struct FirstHalf;
            // SAFETY: hands out one range, once per worker 0 only: disjoint.
            unsafe impl map::Strategy for FirstHalf {
                type Plan = usize;
                fn plan(&self, len: usize, _: usize) -> usize {
                    len
                }
                fn claim(&self, &len: &usize, w: &map::Worker) -> Option<Range<usize>> {
                    (w.index() == 0 && w.claims() == 0).then_some(0..len / 2)
                }
                fn name(&self) -> String {
                    "first-half".into()
                }
            }
            let pool = ThreadPool::new(2).unwrap();
            let items: Vec<String> = (0..10).map(|i| i.to_string()).collect();
            let outcome =
                std::panic::catch_unwind(|| map::map_iter(&pool, items, FirstHalf, |s| s + "!"));
            let payload = outcome.expect_err("an incomplete strategy must not return");
            let message = message(&*payload);
            assert!(message.contains("ran 5 of 10 items"), "{message}");
        }

        /// A panic payload of any type comes back unchanged.
        #[test]
        fn the_original_payload_is_re_raised() {
            quiet_planned_panics();
            #[derive(Debug, PartialEq)]
            struct Custom(u32);
            let pool = ThreadPool::new(2).unwrap();
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                pool.map(&[1u32, 2, 3, 4], |&x| {
                    if x == 3 {
                        std::panic::panic_any(Custom(x));
                    }
                    x
                })
            }));
            let payload = outcome.unwrap_err();
            assert_eq!(payload.downcast_ref::<Custom>(), Some(&Custom(3)));
        }

        /// Auto's rule keeps the number of claims logarithmic in the input: without the
        /// measured floor about `4w · ln(n)`; the floor only lowers it.
        #[test]
        fn auto_claims_grow_logarithmically() {
            let pool = ThreadPool::new(2).unwrap();
            let n = if cfg!(miri) { 500 } else { 100_000 };
            let items: Vec<u64> = (0..n).collect();
            let (out, stats) = map::map_with_stats(&pool, &items, Auto::new(), |x| x ^ 1);
            assert_eq!(out.len(), items.len());
            let chunks: usize = stats.workers.iter().map(|w| w.chunks).sum();
            let bound = (8.0 * (n as f64).ln()) as usize + 8;
            assert!(chunks <= bound, "{chunks} chunks > {bound}:\n{stats}");
        }

        #[test]
        fn stats_account_for_every_item_and_print_a_table() {
            let pool = ThreadPool::new(2).unwrap();
            let items: Vec<u64> = (0..1000).collect();
            let (_, stats) = map::map_with_stats(&pool, &items, Fixed::new(10).unwrap(), |x| x + 1);
            assert_eq!(stats.strategy, "fixed-10");
            assert_eq!(stats.workers.iter().map(|w| w.items).sum::<usize>(), 1000);
            assert_eq!(stats.workers.iter().map(|w| w.chunks).sum::<usize>(), 100);
            for w in &stats.workers {
                assert!(w.busy + w.idle <= stats.elapsed + std::time::Duration::from_nanos(1));
                assert!(w.start_delay <= stats.elapsed);
            }
            let table = stats.to_string();
            assert_eq!(
                table.lines().count(),
                2 + stats.workers.len() + 1,
                "{table}"
            );
        }
    }
}

mod pool {
    use super::quiet_planned_panics;
    use synclab::check::{self, Checker};
    use synclab::pool::{ThreadPool, checks as scenario};

    const ITERATIONS: usize = if cfg!(miri) { 1 } else { 50 };

    macro_rules! stress {
        ($($name:ident: $body:expr;)*) => { $(
            mod $name {
                use super::*;
                #[test]
                fn stress() {
                    quiet_planned_panics();
                    let test = concat!("pool::", stringify!($name), "::stress");
                    check::assert_passes(test, Checker::Stress { iterations: ITERATIONS }, || $body);
                }
            }
        )* };
    }

    stress! {
        submit_and_join: scenario::submit_and_join(3, 8);
        scope_borrows: scenario::scope_borrows(3, 6, 2);
        drop_runs_queued_jobs: scenario::drop_runs_queued_jobs(2, 8);
        nested_scope: scenario::nested_scope_does_not_deadlock();
    }

    /// Dropping the pool joins every worker: each worker thread's thread-local destructor
    /// has run by the time `drop` returns.
    #[test]
    fn drop_joins_every_worker() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::{Arc, Barrier};
        static EXITED: AtomicUsize = AtomicUsize::new(0);
        struct OnExit;
        impl Drop for OnExit {
            fn drop(&mut self) {
                EXITED.fetch_add(1, Ordering::SeqCst);
            }
        }
        thread_local! {
            static GUARD: std::cell::RefCell<Option<OnExit>> = const { std::cell::RefCell::new(None) };
        }
        let workers = 3;
        let pool = ThreadPool::new(workers).unwrap();
        // All jobs wait at the barrier: each must be on its own worker.
        let barrier = Arc::new(Barrier::new(workers));
        for _ in 0..workers {
            let barrier = Arc::clone(&barrier);
            drop(pool.submit(move || {
                GUARD.with(|g| *g.borrow_mut() = Some(OnExit));
                barrier.wait();
            }));
        }
        drop(pool);
        assert_eq!(EXITED.load(Ordering::SeqCst), workers);
    }

    #[test]
    fn default_pool_uses_available_parallelism() {
        let expected = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(ThreadPool::default().workers(), expected);
    }

    /// A handle whose job is still queued can be joined from inside a job of the same
    /// one-worker pool: the joiner runs the queued job itself.
    #[test]
    fn join_inside_a_job_does_not_deadlock() {
        let pool = std::sync::Arc::new(ThreadPool::new(1).unwrap());
        let outer = {
            let inner_pool = std::sync::Arc::clone(&pool);
            pool.submit(move || inner_pool.submit(|| 21).join().unwrap() * 2)
        };
        assert_eq!(outer.join().unwrap(), 42);
    }
}
