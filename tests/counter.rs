//! std-runtime checks of every counter strategy: stress runs on real threads, proptest
//! properties over random per-thread programs, and the documented edge cases.
//!
//! The loom and shuttle cases of the same properties are `synclab::cases::counter`.

use proptest::prelude::*;
use synclab::check::{self, Checker};
use synclab::counter::checks::Op;

/// Random programs: 1-4 threads, 0-24 operations each, amounts 0-5.
fn programs() -> impl Strategy<Value = Vec<Vec<Op>>> {
    let op = prop_oneof![
        (0u64..6).prop_map(Op::Add),
        (0u64..6).prop_map(Op::FetchAdd),
        Just(Op::Get),
    ];
    prop::collection::vec(prop::collection::vec(op, 0..24), 1..5)
}

/// Random programs of unit `fetch_add`s only, so the returned values must be exactly
/// `0..total`.
fn unit_fetch_programs() -> impl Strategy<Value = Vec<Vec<Op>>> {
    prop::collection::vec((0usize..40).prop_map(|n| vec![Op::FetchAdd(1); n]), 1..5)
}

/// Stress size: big enough to make real races likely, small enough for Miri.
const STRESS_THREADS: usize = if cfg!(miri) { 2 } else { 4 };
const STRESS_OPS: usize = if cfg!(miri) { 20 } else { 5_000 };
const STRESS_ITERATIONS: usize = if cfg!(miri) { 1 } else { 20 };

macro_rules! std_checks {
    ($($name:ident => $model:expr, $bench:expr;)*) => {
        mod counter { $(
            mod $name {
                use super::super::*;
                use synclab::counter::*;
                use synclab::counter::checks as scenario;

                #[test]
                fn stress() {
                    let test = concat!("counter::", stringify!($name), "::stress");
                    let checker = Checker::Stress { iterations: STRESS_ITERATIONS };
                    check::assert_passes(test, checker, || {
                        let mut program = vec![Op::FetchAdd(1); STRESS_OPS];
                        program.extend([Op::Get, Op::Add(3), Op::Get]);
                        scenario::run($bench, &scenario::uniform(STRESS_THREADS, &program)).unwrap();
                    });
                }

                // proptest's machinery is too slow under Miri; the stress test covers the
                    // same scenario there.
                proptest! {
                    #![proptest_config(ProptestConfig::with_cases(64))]

                    #[test]
                    #[cfg_attr(miri, ignore)]
                    fn prop_total_is_sum_of_adds(programs in programs()) {
                        scenario::run($model, &programs).map_err(TestCaseError::fail)?;
                    }

                    #[test]
                    #[cfg_attr(miri, ignore)]
                    fn prop_fetch_add_values_are_distinct_and_cover_the_total(programs in unit_fetch_programs()) {
                        scenario::run($model, &programs).map_err(TestCaseError::fail)?;
                    }
                }

                /// Counting is modulo 2^64 for every strategy, like `AtomicU64::fetch_add`.
                #[test]
                fn wraps_past_u64_max() {
                    let c = $model;
                    c.add(u64::MAX);
                    c.add(2);
                    if let Some(prev) = c.fetch_add(1) {
                        assert_eq!(prev, 1);
                    }
                    drop(std::thread::spawn(|| ()).join());
                    flush(&c);
                    assert_eq!(c.get(), 2);
                }

                /// A single thread reads its own flushed adds exactly.
                #[test]
                fn sequential_get_is_exact() {
                    let c = $model;
                    for i in 0..10 {
                        c.add(i);
                    }
                    flush(&c);
                    assert_eq!(c.get(), 45);
                }
            }
        )* }
    };
}

/// Publishes the calling thread's buffer where the strategy has one.
fn flush<C: std::any::Any>(c: &C) {
    if let Some(b) = (c as &dyn std::any::Any).downcast_ref::<synclab::counter::BatchedCounter>() {
        b.flush();
    }
}

synclab::counter_strategies!(std_checks);

/// Which strategies can return a previous total: the trait docs promise exactly these.
#[test]
fn fetch_add_returns_a_total_exactly_where_documented() {
    use synclab::counter::*;
    let exact: [&dyn Counter; 4] = [
        &MutexCounter::new(),
        &RwLockCounter::new(),
        &AtomicCounter::new(),
        &CasCounter::new(),
    ];
    for c in exact {
        assert_eq!(c.fetch_add(1), Some(0));
    }
    let approximate: [&dyn Counter; 2] = [&ShardedCounter::new(), &BatchedCounter::new()];
    for c in approximate {
        assert_eq!(c.fetch_add(1), None);
    }
}

mod bad_input {
    use synclab::counter::*;

    #[test]
    fn zero_shards_is_an_error() {
        let err = ShardedCounter::with_shards(0).unwrap_err();
        assert_eq!(err.to_string(), "shards must be at least 1, got 0");
    }

    #[test]
    fn too_many_shards_is_an_error() {
        let max = ShardedCounter::MAX_SHARDS;
        let err = ShardedCounter::with_shards(max + 1).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("shards must be at most {max}, got {}", max + 1)
        );
        assert!(ShardedCounter::with_shards(usize::MAX).is_err());
    }

    #[test]
    fn shards_round_up_to_a_power_of_two() {
        assert_eq!(ShardedCounter::with_shards(3).unwrap().shards(), 4);
        assert_eq!(ShardedCounter::with_shards(1).unwrap().shards(), 1);
        assert!(ShardedCounter::new().shards().is_power_of_two());
    }

    #[test]
    fn zero_batch_is_an_error() {
        let err = BatchedCounter::with_batch(0).unwrap_err();
        assert_eq!(err.to_string(), "batch must be at least 1, got 0");
    }

    #[test]
    fn batch_of_one_publishes_every_add() {
        let c = BatchedCounter::with_batch(1).unwrap();
        c.add(1);
        assert_eq!(c.get(), 1);
    }

    /// Before a flush a reader sees only flushed amounts; a thread's exit flushes.
    #[test]
    fn batched_reader_sees_only_flushed_adds_until_the_writer_exits() {
        let c = std::sync::Arc::new(BatchedCounter::with_batch(10).unwrap());
        let writer = {
            let c = c.clone();
            std::thread::spawn(move || {
                (0..25).for_each(|_| c.add(1));
                c.get()
            })
        };
        let seen_by_writer = writer.join().unwrap();
        assert_eq!(
            seen_by_writer, 20,
            "two full batches were flushed, 5 were buffered"
        );
        assert_eq!(c.get(), 25, "thread exit flushed the last 5");
    }

    /// A wrapping add in the buffer is flushed at once and stays exact modulo 2^64.
    #[test]
    fn batched_buffer_wrap_is_exact() {
        let c = BatchedCounter::with_batch(u64::MAX).unwrap();
        c.add(u64::MAX - 1);
        c.add(3);
        assert_eq!(c.get(), 1);
    }

    /// Dropping a counter with adds still buffered in a live thread is fine.
    #[test]
    fn dropping_a_batched_counter_with_buffered_adds() {
        let c = BatchedCounter::with_batch(100).unwrap();
        c.add(1);
        drop(c);
        let d = BatchedCounter::with_batch(100).unwrap();
        d.add(2);
        d.flush();
        assert_eq!(d.get(), 2);
    }
}

mod fuzz_decoding {
    use synclab::counter::checks::{LARGE, MAX_OPS, Op, decode, fuzz_one};

    #[test]
    fn empty_input_is_no_program() {
        assert!(decode(&[]).is_empty());
        assert_eq!(fuzz_one(&[]), Ok(()));
    }

    #[test]
    fn bytes_become_round_robin_programs() {
        // 2 threads; Add(1), FetchAdd(2), Get, Add(LARGE)
        let programs = decode(&[1, 1 << 2, (2 << 2) | 1, 2, 0xFC]);
        assert_eq!(
            programs,
            vec![
                vec![Op::Add(1), Op::Get],
                vec![Op::FetchAdd(2), Op::Add(LARGE)]
            ]
        );
    }

    /// No input switches an invariant off: the largest program the decoder can make
    /// (every operation LARGE, as many as it keeps) does not wrap.
    #[test]
    fn no_input_wraps_the_total() {
        // 4 threads, then `Add(LARGE)` (0xFF) more times than the decoder keeps.
        let mut bytes = vec![0xFF; 1 + 2 * MAX_OPS];
        bytes[0] = 3;
        let most = decode(&bytes);
        let ops: usize = most.iter().map(Vec::len).sum();
        assert_eq!(ops, MAX_OPS);
        let total = most.iter().flatten().try_fold(0u64, |sum, op| match op {
            Op::Add(n) | Op::FetchAdd(n) => sum.checked_add(*n),
            Op::Get => Some(sum),
        });
        assert!(total.is_some_and(|t| t > u64::MAX / 2), "{total:?}");
    }

    /// Byte 0's high bits pick each strategy in turn (and wrap round).
    #[test]
    fn every_strategy_survives_large_amounts() {
        for strategy in 0..8 {
            let first = 3 | (strategy << 2);
            fuzz_one(&[first, 0xFC, 0xFD, 0x05, 0x02, 0xFC, 0x09, 0x0A, 0x06]).unwrap();
        }
    }
}
