use super::*;
use crate::shuttle::lock::{Mutex as SpinMutex, TasLock};
use crate::shuttle::rt;
use rt::sync::Arc;
use rt::sync::atomic::{AtomicPtr, AtomicU64, Ordering::*};

const BUDGET: Progress = Progress {
    iterations: 200,
    step_bound: super::super::budget::PROGRESS_STEP_BOUND,
};

/// Three threads, two operations each, on one shared object; the main thread joins them.
fn three_threads<T: Send + Sync + 'static>(object: T, op: fn(&T)) {
    let object = Arc::new(object);
    let handles: Vec<_> = (0..3)
        .map(|_| {
            let object = Arc::clone(&object);
            rt::thread::spawn(move || {
                for _ in 0..2 {
                    op(&object);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("a thread panicked");
    }
}

/// A `fetch_add` by a compare-and-swap loop: lock-free.
fn cas_increment(counter: &AtomicU64) {
    operation("increment", || {
        let mut seen = counter.load(Relaxed);
        while let Err(now) = counter.compare_exchange(seen, seen + 1, Relaxed, Relaxed) {
            seen = now;
        }
    });
}

#[test]
#[cfg_attr(miri, ignore)] // shuttle maps its stacks with a guard page, which Miri cannot
fn a_cas_loop_counter_passes() {
    let report = check_progress("progress::cas_counter", BUDGET, || {
        three_threads(AtomicU64::new(0), cas_increment);
    })
    .unwrap_or_else(|failure| panic!("{failure}"));
    assert_eq!(report.executions, BUDGET.iterations);
    // Every execution but the first (which measures) suspended a thread mid-operation.
    assert!(
        last_suspensions() > BUDGET.iterations * 3 / 4,
        "{}",
        last_suspensions()
    );
}

/// A Treiber stack's push: lock-free.
struct Treiber {
    head: AtomicPtr<Node>,
}

struct Node {
    next: *mut Node,
}

impl Treiber {
    fn push(&self) {
        operation("push", || {
            let node = Box::into_raw(Box::new(Node {
                next: std::ptr::null_mut(),
            }));
            let mut head = self.head.load(Relaxed);
            loop {
                // SAFETY: `node` is ours until the compare-exchange below publishes it.
                unsafe { (*node).next = head };
                match (self.head).compare_exchange(head, node, Release, Relaxed) {
                    Ok(_) => break,
                    Err(now) => head = now,
                }
            }
        });
    }
}

impl Drop for Treiber {
    fn drop(&mut self) {
        let mut node = self.head.load(Relaxed);
        while !node.is_null() {
            // SAFETY: `&mut self`: no thread pushes any more (the load sees every push,
            // which the joins ordered before this drop); every node came from
            // `Box::into_raw` in `push` and is freed once, here.
            let boxed = unsafe { Box::from_raw(node) };
            node = boxed.next;
        }
    }
}

// SAFETY: nodes are only linked by `push` (through the atomic head) and freed in `drop`.
unsafe impl Send for Treiber {}
// SAFETY: as above; shared access only pushes through the atomic head.
unsafe impl Sync for Treiber {}

#[test]
#[cfg_attr(miri, ignore)] // shuttle maps its stacks with a guard page, which Miri cannot
fn a_treiber_push_passes() {
    check_progress("progress::treiber", BUDGET, || {
        let stack = Treiber {
            head: AtomicPtr::new(std::ptr::null_mut()),
        };
        three_threads(stack, Treiber::push);
    })
    .unwrap_or_else(|failure| panic!("{failure}"));
    assert!(
        last_suspensions() > BUDGET.iterations * 3 / 4,
        "{}",
        last_suspensions()
    );
}

#[test]
#[cfg_attr(miri, ignore)] // shuttle maps its stacks with a guard page, which Miri cannot
fn a_spinlock_inside_a_lock_free_claim_is_caught() {
    let failure = check_progress("progress::spinlock", BUDGET, || {
        three_threads(SpinMutex::<TasLock, u64>::new(0), |counter| {
            operation("increment", || *counter.lock() += 1);
        });
    })
    .expect_err("a thread spins for the suspended holder");
    let message = &failure.message;
    assert!(message.contains("suspended inside increment"), "{failure}");
    assert!(
        message.contains("could not finish increment within 2000 steps"),
        "{failure}"
    );
    assert!(failure.executions < BUDGET.iterations, "{failure}");
}

#[test]
#[cfg_attr(miri, ignore)] // shuttle maps its stacks with a guard page, which Miri cannot
fn a_sleeping_lock_inside_a_lock_free_claim_is_caught() {
    let failure = check_progress("progress::mutex", BUDGET, || {
        three_threads(rt::sync::Mutex::new(0u64), |counter| {
            operation("increment", || *counter.lock().unwrap() += 1);
        });
    })
    .expect_err("a thread sleeps until the suspended holder unlocks");
    assert!(
        failure.message.contains("is blocked inside increment"),
        "{failure}"
    );
}

#[test]
fn outside_a_progress_check_an_operation_just_runs() {
    assert_eq!(operation("answer", || 42), 42);
}
