//! A deadlock is a reported failure under every checker, and the test process lives on:
//! loom names the blocked threads and the calls they block in (it used to abort the
//! process), shuttle reports its own deadlock, and std stress has a watchdog.

use synclab::check::{self, Checker};

// Not under Miri: loom and shuttle switch stacks that they map with guard pages.
#[cfg(all(feature = "loom", feature = "shuttle", not(miri)))]
mod model_checkers {
    use synclab::check::{self, Checker, Failure};

    const LOOM: Checker = Checker::Loom {
        preemption_bound: 2,
    };

    /// Two threads take two locks in opposite order; a barrier-like handshake is not
    /// needed under a model checker, which finds the interleaving by itself.
    macro_rules! abba {
        ($f:ident) => {
            || {
                use synclab::$f::rt::{sync::Arc, sync::Mutex, thread};
                let locks = Arc::new((Mutex::new(()), Mutex::new(())));
                let other = {
                    let locks = Arc::clone(&locks);
                    thread::spawn(move || {
                        let _b = locks.1.lock().unwrap();
                        let _a = locks.0.lock().unwrap();
                    })
                };
                {
                    let _a = locks.0.lock().unwrap();
                    let _b = locks.1.lock().unwrap();
                }
                other.join().unwrap();
            }
        };
    }

    fn loom_failure(test: &str, scenario: fn()) -> Failure {
        check::run(test, LOOM, scenario).expect_err("loom must find the deadlock")
    }

    #[test]
    fn loom_reports_an_abba_deadlock_with_both_blocked_locks() {
        let failure = loom_failure("deadlock::abba::loom", abba!(loom));
        let message = &failure.message;
        assert!(
            message.starts_with("deadlock: no thread can run"),
            "{failure}"
        );
        // Each thread waits for the lock that the other holds: two different addresses.
        let lock_of = |thread: usize| {
            let line = message
                .lines()
                .find(|l| l.contains(&format!("thread {thread} is blocked in Mutex::lock (…")))
                .unwrap_or_else(|| {
                    panic!("thread {thread} not blocked in Mutex::lock:\n{failure}")
                });
            assert!(line.contains(" at deadlock.rs:"), "{failure}");
            line.split(['(', ')']).nth(1).unwrap().to_string()
        };
        assert_ne!(lock_of(0), lock_of(1), "{failure}");
        // The table ends with one row per blocked thread.
        let trace = failure.trace.as_ref().expect("a recorded trace");
        let blocked: Vec<_> = trace
            .steps
            .iter()
            .filter(|s| s.op == "blocked in")
            .map(|s| (s.thread, s.value.split(' ').next().unwrap()))
            .collect();
        assert_eq!(blocked, [(0, "Mutex::lock"), (1, "Mutex::lock")]);
        assert!(trace.table().contains("blocked in Mutex::lock"), "{trace}");
        // The message and the table name the same two locks.
        for thread in [0, 1] {
            assert!(trace.table().contains(&lock_of(thread)), "{failure}");
        }
    }

    #[test]
    fn loom_reports_a_lost_wakeup_naming_the_join_and_the_wait() {
        let failure = loom_failure(
            "deadlock::notify_before_change::loom",
            synclab::loom::lock::planted::notify_before_change,
        );
        assert!(
            failure
                .message
                .contains("thread 0 is blocked in JoinHandle::join (thread 1) at condvar.rs:"),
            "{failure}"
        );
        assert!(
            failure
                .message
                .contains("thread 1 is blocked in Condvar::wait (…"),
            "{failure}"
        );
        // The checkpoint replays the deadlock in one execution, along the same path.
        let file = failure.replay.checkpoint().expect("a checkpoint");
        let replayed = check::replay_loom(
            "deadlock::notify_before_change::loom",
            LOOM,
            file,
            synclab::loom::lock::planted::notify_before_change,
        )
        .expect_err("the replay deadlocks again");
        assert_eq!(replayed.executions, 1);
        // The same report (addresses aside: every run allocates anew).
        let unaddressed = |m: &str| {
            let mut parts = m.split('…');
            let first = parts.next().unwrap_or_default().to_string();
            parts.fold(first, |text, part| text + part.get(4..).unwrap_or(part))
        };
        assert_eq!(
            unaddressed(&replayed.message),
            unaddressed(&failure.message)
        );
    }

    /// A deadlock inside the `thread::scope` shim: the scope's join is what blocks.
    #[test]
    fn loom_reports_a_deadlock_inside_a_scope() {
        let failure = loom_failure("deadlock::scope::loom", || {
            use synclab::loom::rt::{sync::Condvar, sync::Mutex, thread};
            let (flag, cond) = (Mutex::new(false), Condvar::new());
            thread::scope(|s| {
                s.spawn(|| {
                    let mut set = flag.lock().unwrap();
                    while !*set {
                        set = cond.wait(set).unwrap();
                    }
                });
                // Nobody sets the flag.
            });
        });
        assert!(
            failure
                .message
                .contains("thread 0 is blocked in JoinHandle::join (thread 1)"),
            "{failure}"
        );
        assert!(
            failure
                .message
                .contains("thread 1 is blocked in Condvar::wait (…"),
            "{failure}"
        );
    }

    /// Many deadlocked executions in one process (shrinking and the matrix make them): each
    /// is reported, and a passing check still passes afterwards.
    #[test]
    fn the_process_survives_deadlock_after_deadlock() {
        for _ in 0..20 {
            let failure = check::run("deadlock::barrier::loom", LOOM, || {
                synclab::loom::lock::planted::no_generation_barrier();
            })
            .expect_err("the barrier deadlocks");
            assert!(failure.message.starts_with("deadlock: "), "{failure}");
        }
        check::assert_passes("deadlock::fixed::loom", LOOM, || {
            synclab::loom::lock::checks::barrier::generations(2, 2);
        });
    }

    /// A failure after thousands of scheduling steps (as a livelock's, at shuttle's
    /// million-step bound): its schedule goes to a file, which replays it.
    #[test]
    fn a_long_shuttle_schedule_is_written_to_a_file_that_replays_it() {
        fn long_run() {
            use std::sync::atomic::Ordering::Relaxed;
            use synclab::shuttle::rt::{sync::Arc, sync::atomic::AtomicUsize, thread};
            let steps = Arc::new(AtomicUsize::new(0));
            let threads: Vec<_> = (0..3)
                .map(|_| {
                    let steps = Arc::clone(&steps);
                    thread::spawn(move || {
                        for _ in 0..2_000 {
                            steps.fetch_add(1, Relaxed);
                        }
                    })
                })
                .collect();
            for t in threads {
                t.join().unwrap();
            }
            panic!("planted: a failure after {} steps", steps.load(Relaxed));
        }
        let checker = Checker::ShuttleRandom { iterations: 1 };
        let test = "deadlock::long_schedule::shuttle";
        let failure = check::run(test, checker, long_run).expect_err("it always fails");
        let file = failure.replay.schedule().expect("a shuttle replay");
        let schedule = std::fs::read_to_string(file).expect("the schedule is in a file");
        assert!(schedule.len() > check::MAX_PRINTED_SCHEDULE, "{file}");
        let text = failure.to_string();
        assert!(text.contains(&format!("SYNCLAB_REPLAY='{file}'")), "{text}");
        assert!(!text.contains(&schedule), "the schedule is printed");
        let replayed =
            check::replay_shuttle(test, checker, file, long_run).expect_err("the replay fails");
        assert_eq!(replayed.executions, 1);
        assert_eq!(replayed.message, failure.message);
    }

    #[test]
    fn shuttle_reports_an_abba_deadlock() {
        let checker = Checker::ShuttlePct {
            iterations: 1000,
            depth: 2,
        };
        let failure =
            check::run("deadlock::abba::shuttle", checker, abba!(shuttle)).expect_err("a deadlock");
        assert!(failure.message.contains("deadlock"), "{failure}");
    }
}

/// Two std threads take two std mutexes in opposite order, each holding its first when
/// it asks for its second (a barrier makes sure): a deadlock in every run. The watchdog
/// reports it once no thread has run for its stall bound, naming the threads.
#[test]
#[cfg_attr(miri, ignore = "Miri reports the deadlock itself, as an error")]
fn stress_reports_an_abba_deadlock() {
    use std::sync::{Arc, Barrier, Mutex};
    let start = std::time::Instant::now();
    let checker = Checker::Stress { iterations: 1000 };
    let failure = check::run("deadlock::abba::stress", checker, || {
        let locks = Arc::new((Mutex::new(()), Mutex::new(()), Barrier::new(2)));
        let other = {
            let locks = Arc::clone(&locks);
            std::thread::spawn(move || {
                let _b = locks.1.lock().unwrap();
                locks.2.wait();
                let _a = locks.0.lock().unwrap();
            })
        };
        let _a = locks.0.lock().unwrap();
        locks.2.wait();
        let _b = locks.1.lock().unwrap();
        drop(other.join());
    })
    .expect_err("the ABBA deadlock is reported");
    let elapsed = start.elapsed();
    assert!(
        failure
            .message
            .starts_with("hang: run 1 of 1000 has not finished"),
        "{failure}"
    );
    assert_eq!(failure.executions, 1);
    // Where the OS shows threads (Linux): both, each blocked in a futex wait on the
    // lock the other holds.
    if failure.message.contains("as the OS shows them") {
        let waits: Vec<&str> = failure
            .message
            .lines()
            .filter(|l| l.starts_with("  thread "))
            .filter_map(|l| l.split("blocked in a futex wait on ").nth(1))
            .collect();
        if waits.len() == 2 {
            assert_ne!(waits[0], waits[1], "{failure}");
        }
        assert!(
            failure.message.contains("(runs the scenario): "),
            "{failure}"
        );
    }
    println!("reported after {elapsed:.1?}:\n{failure}");
}
