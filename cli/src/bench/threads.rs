//! Running an operation on N threads until a [`Stop`] and counting what each did: the
//! timing helper of the counter and lock cases.
//!
//! What is counted, and over what time, at any number of threads (the window):
//!
//! | | when | why |
//! |---|---|---|
//! | opens | after every thread is spawned, pinned and ready; the clock is read *before* the [`Gate`] opens | no operation can run before the clock starts, however late the timer thread gets a core |
//! | closes ([`Stop::After`]) | once the time has passed *and* an operation has completed, the stop flag is raised, then the clock is read | a thread looks at the flag after every operation, so at most the one operation in flight per thread ends after it; on a busy machine a round grows longer, it never comes back empty |
//! | closes ([`Stop::Iterations`]) | the last thread has finished its iterations | criterion wants the time of exactly that work |
//!
//! With more threads than cores, the timer thread may get a core late, at either end;
//! reading the clock before the gate opens and after the flag is raised makes every such
//! delay lengthen the window, never shorten it: a late timer lowers a rate, it cannot
//! raise one. (Before, the window opened when the timer got past a barrier that had
//! already let the workers go: on 2 cores, 100 workers ran for a while before the clock
//! started, and `atomic` read 7,094 Mops/s.)

use super::pin::pin_current_thread;
use super::{BenchError, Sample, Stop};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// Runs `threads` threads until `stop`. Thread `i` is pinned to a CPU round robin
/// ([`pin`](super::pin)) and calls `make_op(i)` once to get its operation; then, for
/// [`Stop::After`], it calls the operation until the window closes, and for
/// [`Stop::Iterations`] it calls it that many times.
///
/// Returns the sample (operations inside the window over the window's length) and the
/// per-thread numbers of operations *performed*, inside the window or not, which is what
/// a case checks its primitive's total against. A thread that cannot be spawned is an
/// error; the threads already started are released and joined first.
pub fn run<F, Op>(threads: usize, stop: Stop, make_op: F) -> Result<(Sample, Vec<u64>), BenchError>
where
    F: Fn(usize) -> Op + Sync,
    Op: FnMut(),
{
    let threads = threads.max(1);
    let stopped = AtomicBool::new(false);
    // Set once an operation has been counted inside the window.
    let progressed = AtomicBool::new(false);
    let gate = Gate::new();
    let outcome = std::thread::scope(|s| {
        let mut handles = Vec::with_capacity(threads);
        for i in 0..threads {
            let (stopped, progressed, gate, make_op) = (&stopped, &progressed, &gate, &make_op);
            let spawned = std::thread::Builder::new()
                .name(format!("bench-{i}"))
                .spawn_scoped(s, move || {
                    // Pinned, as the anchors were: a thread that migrates takes its cache
                    // lines (a shard, a lock word) with it, which is noise, not the strategy.
                    pin_current_thread(i);
                    let mut op = make_op(i);
                    if !gate.arrive_and_wait() {
                        return (0, 0);
                    }
                    match stop {
                        Stop::After(_) => {
                            let (mut performed, mut inside) = (0u64, 0u64);
                            // Relaxed: the flag carries no data. Looked at after every
                            // operation, so that a thread that gets a core late stops at
                            // once (a batch of operations after the flag, on each of 100
                            // threads taking turns at a FIFO lock, took minutes). An
                            // operation counts if the flag was still down after it.
                            let mut open = !stopped.load(Ordering::Relaxed);
                            while open {
                                op();
                                performed += 1;
                                open = !stopped.load(Ordering::Relaxed);
                                inside += u64::from(open);
                                if inside == 1 && open {
                                    // Release, after the flag was read: the timer raises
                                    // the flag only once it sees this (Acquire), so this
                                    // first operation was read as inside the window.
                                    progressed.store(true, Ordering::Release);
                                }
                            }
                            (performed, inside)
                        }
                        Stop::Iterations(n) => {
                            for _ in 0..n {
                                op();
                            }
                            (n, n)
                        }
                    }
                });
            match spawned {
                Ok(handle) => handles.push(handle),
                Err(error) => {
                    gate.abort();
                    // The threads already started return at once; joining them here
                    // (the scope would too) keeps the error after every one has left.
                    handles.into_iter().for_each(|h| drop(h.join()));
                    return Err(BenchError::Spawn { threads, error });
                }
            }
        }
        gate.wait_for(threads);
        let start = Instant::now();
        gate.open();
        let window = match stop {
            Stop::After(duration) => {
                std::thread::sleep(duration);
                // The first operation happens before the flag goes up, so it counts: no
                // round reports nothing because the machine was too busy to start one.
                while !progressed.load(Ordering::Acquire) {
                    std::thread::sleep(Duration::from_micros(100));
                }
                stopped.store(true, Ordering::Relaxed);
                Some(start.elapsed())
            }
            Stop::Iterations(_) => None,
        };
        // Join each handle (not just the scope): a join also waits for the thread's
        // thread-local destructors, which flush batched counters.
        let counts: Vec<(u64, u64)> = handles
            .into_iter()
            .map(|h| h.join().expect("benchmark thread panicked"))
            .collect();
        Ok((counts, window.unwrap_or_else(|| start.elapsed())))
    });
    let (counts, elapsed) = outcome?;
    let inside: Vec<u64> = counts.iter().map(|c| c.1).collect();
    let performed = counts.iter().map(|c| c.0).collect();
    Ok((sample(&inside, elapsed), performed))
}

/// Starts `threads` threads that wait together and leave: whether a measurement at that
/// many threads can start at all, checked before any measuring (a thread or memory limit
/// is then an error at once, not after minutes of other measurements).
pub fn probe(threads: usize) -> Result<(), BenchError> {
    let gate = Gate::new();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let gate = &gate;
            if let Err(error) = std::thread::Builder::new().spawn_scoped(s, move || {
                gate.arrive_and_wait();
            }) {
                // The scope joins the threads already started once they are let go.
                gate.abort();
                return Err(BenchError::Spawn { threads, error });
            }
        }
        gate.wait_for(threads);
        gate.open();
        Ok(())
    })
}

/// The start line: the timer waits until every thread has arrived, reads the clock,
/// then opens the gate. Unlike a [`Barrier`](std::sync::Barrier), it can also be
/// abandoned, when a thread cannot be spawned and the others must not wait for it.
#[derive(Default)]
pub struct Gate {
    state: Mutex<GateState>,
    changed: Condvar,
}

#[derive(Default)]
struct GateState {
    /// Threads waiting at the gate.
    arrived: usize,
    /// `Some(true)` once open, `Some(false)` once abandoned.
    verdict: Option<bool>,
}

impl Gate {
    /// A closed gate nobody waits at.
    pub fn new() -> Self {
        Self::default()
    }

    /// Waits until the gate opens (true) or is abandoned (false).
    pub fn arrive_and_wait(&self) -> bool {
        let mut state = self.state.lock().unwrap();
        state.arrived += 1;
        self.changed.notify_all();
        let state = self
            .changed
            .wait_while(state, |s| s.verdict.is_none())
            .unwrap();
        state.verdict == Some(true)
    }

    /// Waits until `n` threads wait at the gate.
    pub fn wait_for(&self, n: usize) {
        let state = self.state.lock().unwrap();
        drop(self.changed.wait_while(state, |s| s.arrived < n).unwrap());
    }

    /// Lets every waiting (and later) thread through.
    pub fn open(&self) {
        self.decide(true);
    }

    /// Sends every waiting (and later) thread home.
    pub fn abort(&self) {
        self.decide(false);
    }

    fn decide(&self, verdict: bool) {
        self.state.lock().unwrap().verdict = Some(verdict);
        self.changed.notify_all();
    }
}

/// Throughput and spread of per-thread counts over `elapsed`.
pub fn sample(counts: &[u64], elapsed: Duration) -> Sample {
    let total: u64 = counts.iter().sum();
    let max = counts.iter().copied().max().unwrap_or(0);
    let min = counts.iter().copied().min().unwrap_or(0);
    Sample {
        ops_per_sec: total as f64 / elapsed.as_secs_f64(),
        spread: if min == 0 {
            f64::INFINITY
        } else {
            max as f64 / min as f64
        },
        elapsed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU64;

    /// Far more threads than cores: the work is counted exactly, every thread ran, and
    /// the rate cannot exceed what the operations could have done in the window.
    #[test]
    #[cfg_attr(miri, ignore)] // pins threads with libc calls Miri does not model
    fn oversubscribed_iterations_count_exactly() {
        let total = AtomicU64::new(0);
        let (sample, performed) = run(64, Stop::Iterations(100), |_| {
            || {
                total.fetch_add(1, Ordering::Relaxed);
            }
        })
        .unwrap();
        assert_eq!(performed, vec![100; 64]);
        assert_eq!(total.load(Ordering::Relaxed), 6400);
        assert_eq!(sample.spread, 1.0);
    }

    /// Operations counted inside a timed window never exceed those performed, there is
    /// at least one (however busy the machine), and the window is at least as long as
    /// asked.
    #[test]
    #[cfg_attr(miri, ignore)] // pins threads with libc calls Miri does not model
    fn a_timed_window_counts_no_more_than_was_done() {
        let total = AtomicU64::new(0);
        let (sample, performed) = run(8, Stop::After(Duration::from_millis(1)), |_| {
            || {
                total.fetch_add(1, Ordering::Relaxed);
            }
        })
        .unwrap();
        let performed: u64 = performed.iter().sum();
        assert_eq!(total.load(Ordering::Relaxed), performed);
        let inside = sample.ops_per_sec * sample.elapsed.as_secs_f64();
        assert!(
            inside >= 0.5 && inside <= performed as f64 + 0.5,
            "{inside} of {performed}"
        );
        assert!(sample.elapsed >= Duration::from_millis(1));
    }

    #[test]
    #[cfg_attr(miri, ignore)] // a hundred threads: slow interpreted
    fn a_probe_starts_and_ends_its_threads() {
        probe(100).unwrap();
    }

    /// An abandoned gate sends its waiters home instead of leaving them waiting.
    #[test]
    fn an_abandoned_gate_releases_its_waiters() {
        let gate = Gate::new();
        std::thread::scope(|s| {
            let waiters: Vec<_> = (0..3).map(|_| s.spawn(|| gate.arrive_and_wait())).collect();
            gate.wait_for(3);
            gate.abort();
            for w in waiters {
                assert!(!w.join().unwrap());
            }
        });
        // A thread that arrives after the verdict is not kept either.
        assert!(!gate.arrive_and_wait());
    }
}
