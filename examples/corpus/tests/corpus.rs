//! The corpus through synclab's suites: every correct type passes every check that
//! applies to it, every buggy one is caught by each checker that can see its bug. The
//! verdict table, with the checkers that cannot see a bug and why, is `docs/trust.md`.
//!
//! Test names carry suite, type, property and checker (`raw_lock::swap_ttas::exclusion::loom`);
//! a buggy type's tests are `SUITE::TYPE::caught_by::CHECKER`. Broken locks refuse to run
//! on real threads (a real data race), so their std checks are not run.

synclab::flavours!(synclab_corpus:
    counters => "../src/counters.rs",
    locks => "../src/locks.rs",
    two_thread => "../src/two_thread.rs",
    semaphores => "../src/semaphores.rs",
    maps => "../src/maps.rs",
    collections => "../src/collections.rs",
    rwlocks => "../src/rwlocks.rs",
    channels => "../src/channels.rs",
);

synclab::conformance_tests! {
    counter {
        fetch_add => counters::FetchAddCounter;
        cas_loop => counters::CasLoopCounter;
        load_store => counters::LoadStoreCounter, caught_by [loom, shuttle_pct, shuttle_random];
        add_then_load => counters::AddThenLoadCounter, caught_by [loom, shuttle_pct, shuttle_random];
    }
    raw_lock {
        cas_spin => locks::CasSpinLock;
        swap_ttas => locks::SwapTtasLock;
        relaxed_unlock => locks::RelaxedUnlockLock, caught_by [loom];
        check_then_set => locks::CheckThenSetLock, caught_by [loom, shuttle_pct, shuttle_random];
        relaxed_swap => locks::RelaxedSwapLock, caught_by [loom];
        never_try_lock => locks::NeverTryLock, caught_by [loom, shuttle_pct, shuttle_random];
    }
    semaphore {
        cas => semaphores::CasSemaphore;
        racy_over_release => semaphores::RacyOverRelease, caught_by [loom, shuttle_pct, shuttle_random];
        check_then_take => semaphores::CheckThenTake, caught_by [loom, shuttle_random];
        relaxed_release => semaphores::RelaxedRelease, caught_by [loom];
    }
    raw_rwlock {
        cas_rw => rwlocks::CasRwLock;
        check_then_add_rw => rwlocks::CheckThenAddRwLock, caught_by [loom, shuttle_pct, shuttle_random];
    }
    channel {
        condvar_channel => channels::CondvarChannel;
        early_recv => channels::EarlyRecvChannel, caught_by [shuttle_pct, shuttle_random];
    }
    map {
        scoped_chunks => maps::ScopedChunks;
        cursor_slots => maps::CursorSlots;
        drops_tail => maps::DropsTail, caught_by [loom, shuttle_pct, shuttle_random, stress, proptest];
        repanic => maps::RepanicMap, caught_by [loom, shuttle_pct, shuttle_random, stress];
    }
}

/// Queues, stacks and maps through `synclab::object`: the constructor, the operations
/// and a ready-made model; one test per checker (`objects::locked_queue::loom`), or per
/// checker that must catch the bug (`objects::aba_stack::caught_by::loom`). Each type
/// needs its `fn` (5 to 8 lines) and one line in `object_tests!`.
mod objects {
    use synclab::lincheck::models::{KeyMap, KeyMapOp, Queue, QueueOp, Stack};
    use synclab::object::{Gen, Object, Spec};

    /// `push` and `pop` of a queue or stack of type `$ty` whose `push` returns nothing.
    macro_rules! push_pop {
        ($model:expr, $ty:ident) => {
            synclab::object!(|f| Spec::new($model, f::collections::$ty::default)
                .op(
                    "push",
                    |g| QueueOp::Push(g.unique()),
                    |q, op| {
                        q.push(op.value());
                        None
                    }
                )
                .op("pop", |_| QueueOp::Pop, |q, _| q.pop()))
        };
    }

    fn locked_queue() -> Object<Queue> {
        push_pop!(Queue::unbounded(), LockedQueue)
    }

    fn spin_queue() -> Object<Queue> {
        push_pop!(Queue::unbounded(), SpinQueue)
    }

    fn bounded_stack() -> Object<Stack> {
        synclab::object! { |f| Spec::new(Stack::bounded(4), f::collections::BoundedStack::default)
            .op("push", |g| QueueOp::Push(g.unique()), |s, op| s.push(op.value()).err())
            .op("pop", |_| QueueOp::Pop, |s, _| s.pop())
        }
    }

    fn aba_stack() -> Object<Stack> {
        push_pop!(Stack::unbounded(), AbaStack)
    }

    fn load_store_ring() -> Object<Queue> {
        push_pop!(Queue::unbounded(), LoadStoreRing)
    }

    fn load_store_pop_queue() -> Object<Queue> {
        push_pop!(Queue::unbounded(), LoadStorePopQueue)
    }

    /// `insert`, `remove` and `get` on keys 0 and 1 of a map of type `$ty`.
    macro_rules! key_map {
        ($ty:ident) => {
            synclab::object!(|f| Spec::new(KeyMap, f::collections::$ty::default)
                .op(
                    "insert",
                    |g| KeyMapOp::Insert {
                        key: g.below(2),
                        value: g.unique()
                    },
                    |m, op| m.insert(op.key(), op.value())
                )
                .op(
                    "remove",
                    |g: &mut Gen| KeyMapOp::Remove { key: g.below(2) },
                    |m, op| m.remove(op.key())
                )
                .op(
                    "get",
                    |g: &mut Gen| KeyMapOp::Get { key: g.below(2) },
                    |m, op| m.get(op.key())
                ))
        };
    }

    fn sharded_map() -> Object<KeyMap> {
        key_map!(ShardedMap)
    }

    fn two_step_remove_map() -> Object<KeyMap> {
        key_map!(TwoStepRemoveMap)
    }

    /// Each object's checks, one line per check: `cargo test -p synclab-corpus --
    /// --ignored --nocapture object_verdicts` (the table in `docs/trust.md`).
    #[test]
    #[ignore = "prints the verdicts of docs/trust.md"]
    fn object_verdicts() {
        type Row = (&'static str, fn() -> synclab::check::Suite);
        let rows: [Row; 8] = [
            ("LockedQueue", || locked_queue().suite("queue")),
            ("SpinQueue", || spin_queue().suite("queue")),
            ("BoundedStack", || bounded_stack().suite("stack")),
            ("ShardedMap", || sharded_map().suite("key_map")),
            ("AbaStack", || aba_stack().suite("stack")),
            ("LoadStoreRing", || load_store_ring().suite("queue")),
            ("LoadStorePopQueue", || {
                load_store_pop_queue().suite("queue")
            }),
            ("TwoStepRemoveMap", || {
                two_step_remove_map().suite("key_map")
            }),
        ];
        for (name, suite) in rows {
            let report = match suite().run("objects::object_verdicts") {
                Ok(report) => report,
                Err(failure) => failure.report,
            };
            println!("{name}: {report}");
        }
    }

    synclab::object_tests! {
        locked_queue => locked_queue;
        spin_queue => spin_queue;
        bounded_stack => bounded_stack;
        sharded_map => sharded_map;
        aba_stack => aba_stack, caught_by [shuttle_pct, shuttle_random, shuttle_urw];
        load_store_ring => load_store_ring, caught_by [loom, shuttle_pct, shuttle_random, shuttle_urw];
        load_store_pop_queue => load_store_pop_queue, caught_by [loom, shuttle_pct, shuttle_random, shuttle_urw];
        two_step_remove_map => two_step_remove_map, caught_by [loom, shuttle_pct, shuttle_random, shuttle_urw];
    }
}

/// Two-thread locks: the lock suite with at most two threads, every checker.
mod two_thread {
    use synclab::check::test_path;
    use synclab::conformance::{Suite, raw_lock_threads};

    macro_rules! suite {
        ($lock:ident) => {
            raw_lock_threads::<
                crate::std_flavour::two_thread::$lock,
                crate::loom_flavour::two_thread::$lock,
                crate::shuttle_flavour::two_thread::$lock,
            >(2)
        };
    }

    fn passes(suite: Suite, test: &str) {
        suite.assert_passes(&test_path(module_path!(), test));
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn seq_cst_peterson_passes() {
        passes(suite!(SeqCstPeterson), "seq_cst_peterson_passes");
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn c11_peterson_passes() {
        passes(suite!(C11Peterson), "c11_peterson_passes");
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn dekker_passes() {
        passes(suite!(Dekker), "dekker_passes");
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn acq_rel_peterson_is_caught_by_loom() {
        let test = test_path(module_path!(), "acq_rel_peterson_is_caught_by_loom");
        let failure = suite!(AcqRelPeterson)
            .only("exclusion::loom")
            .run(&test)
            .expect_err("store buffering lets both threads in");
        assert!(failure.caught_by("lock::exclusion::loom"), "{failure}");
    }
}

/// The verdict table of `docs/trust.md`: every type under every checker, measured.
/// `cargo test -p synclab-corpus -- --ignored --nocapture verdict_table` prints it.
mod verdict_table {
    use synclab::check::{Suite, test_path};
    use synclab::conformance;

    /// A row: the type, whether it is correct, whether it may run on real threads, and
    /// its suite (two-thread locks: `raw_lock_threads(2)`).
    type Row = (&'static str, bool, bool, fn() -> Suite);

    macro_rules! row {
        ($suite:ident $(($arg:expr))?, $file:ident :: $ty:ident, $correct:expr, $real:expr) => {
            (
                concat!(stringify!($file), "::", stringify!($ty)),
                $correct,
                $real,
                || {
                    conformance::$suite::<
                        crate::std_flavour::$file::$ty,
                        crate::loom_flavour::$file::$ty,
                        crate::shuttle_flavour::$file::$ty,
                    >($($arg)?)
                },
            )
        };
    }

    const CHECKERS: [&str; 5] = [
        "loom",
        "shuttle_pct",
        "shuttle_random",
        "stress",
        "proptest",
    ];

    fn rows() -> Vec<Row> {
        vec![
            row!(counter, counters::FetchAddCounter, true, true),
            row!(counter, counters::CasLoopCounter, true, true),
            row!(counter, counters::LoadStoreCounter, false, true),
            row!(counter, counters::AddThenLoadCounter, false, true),
            row!(raw_lock, locks::CasSpinLock, true, true),
            row!(raw_lock, locks::SwapTtasLock, true, true),
            row!(raw_lock_threads(2), two_thread::SeqCstPeterson, true, true),
            row!(raw_lock_threads(2), two_thread::C11Peterson, true, true),
            row!(raw_lock_threads(2), two_thread::Dekker, true, true),
            row!(raw_lock, locks::RelaxedUnlockLock, false, false),
            row!(raw_lock, locks::CheckThenSetLock, false, false),
            row!(raw_lock, locks::RelaxedSwapLock, false, false),
            row!(raw_lock, locks::NeverTryLock, false, false),
            row!(
                raw_lock_threads(2),
                two_thread::AcqRelPeterson,
                false,
                false
            ),
            row!(semaphore, semaphores::CasSemaphore, true, true),
            row!(semaphore, semaphores::RacyOverRelease, false, true),
            row!(semaphore, semaphores::CheckThenTake, false, true),
            row!(semaphore, semaphores::RelaxedRelease, false, true),
            row!(map, maps::ScopedChunks, true, true),
            row!(map, maps::CursorSlots, true, true),
            row!(map, maps::DropsTail, false, true),
            row!(map, maps::RepanicMap, false, true),
        ]
    }

    /// One cell: `pass`, `caught (properties)`, or why the checker does not run it.
    fn cell(name: &str, real: bool, suite: Suite, checker: &str) -> String {
        if !real && matches!(checker, "stress" | "proptest") {
            return "— (refuses real threads)".into();
        }
        let suite = suite.only(&format!("::{checker}"));
        let names: Vec<String> = suite.names().iter().map(|n| n.to_string()).collect();
        let test = test_path(module_path!(), &format!("{name}::{checker}"));
        match suite.run(&test) {
            Ok(_) => "pass".into(),
            Err(failure) => {
                let caught: Vec<&str> = (names.iter())
                    .filter(|n| failure.caught_by(n))
                    .map(|n| n.split("::").nth(1).unwrap_or(n))
                    .collect();
                format!("**caught** ({})", caught.join(", "))
            }
        }
    }

    #[test]
    #[ignore = "measures the table of docs/trust.md (about a minute)"]
    fn print() {
        println!("| type | correct | {} |", CHECKERS.join(" | "));
        println!("|---|---|{}", "---|".repeat(CHECKERS.len()));
        for (name, correct, real, suite) in rows() {
            let cells: Vec<String> = (CHECKERS.iter())
                .map(|checker| cell(name, real, suite(), checker))
                .collect();
            let correct = if correct { "yes" } else { "**no**" };
            println!("| `{name}` | {correct} | {} |", cells.join(" | "));
        }
    }
}

/// Lock-freedom claims under the progress check (`synclab::check::progress`): one thread
/// is suspended inside an operation, the others must still finish theirs. `SpinQueue`
/// (linearizable, so the queue suite passes it) hides a spinlock: caught. The CAS-loop
/// counter is lock-free: passes. Each type needs its scenario (6 to 8 lines).
mod progress {
    use synclab::check::budget::PROGRESS_STEP_BOUND;
    use synclab::check::progress::{Progress, check_progress, operation};
    use synclab::shuttle::rt::{sync::Arc, thread};

    const BUDGET: Progress = Progress {
        iterations: 200,
        step_bound: PROGRESS_STEP_BOUND,
    };

    /// Three threads run `op` twice each on one shared object.
    fn three_threads<T: Send + Sync + 'static>(object: T, op: fn(&T, u32)) {
        let object = Arc::new(object);
        let threads: Vec<_> = (0..3)
            .map(|t| {
                let object = Arc::clone(&object);
                thread::spawn(move || (0..2).for_each(|i| op(&object, t * 2 + i)))
            })
            .collect();
        threads.into_iter().for_each(|t| t.join().unwrap());
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn spin_queue_is_not_lock_free() {
        use super::shuttle_flavour::collections::SpinQueue;
        let failure = check_progress("progress::spin_queue", BUDGET, || {
            three_threads(SpinQueue::default(), |q, v| {
                operation("push", || q.push(v));
                operation("pop", || q.pop());
            });
        })
        .expect_err("a thread spins on the suspended holder's lock");
        assert!(failure.message.contains("could not finish"), "{failure}");
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn cas_loop_counter_is_lock_free() {
        use super::shuttle_flavour::counters::CasLoopCounter;
        use synclab::counter::Counter;
        check_progress("progress::cas_loop", BUDGET, || {
            three_threads(CasLoopCounter::default(), |c, v| {
                operation("fetch_add", || c.fetch_add(u64::from(v)));
            });
        })
        .unwrap_or_else(|failure| panic!("{failure}"));
    }
}
