//! A deadlock is a reported failure under every checker, and the test process lives on:
//! loom names the blocked threads and the calls they block in (it used to abort the
//! process), shuttle reports its own deadlock, and std stress has a watchdog.
#![cfg(all(feature = "loom", feature = "shuttle"))]

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
            .unwrap_or_else(|| panic!("thread {thread} not blocked in Mutex::lock:\n{failure}"));
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
