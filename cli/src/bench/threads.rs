//! Running an operation on N threads until a [`Stop`] and counting what each did: the
//! timing helper of the counter and lock cases.

use super::pin::pin_current_thread;
use super::{Sample, Stop};
use std::sync::Barrier;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How many operations a thread runs between two looks at the stop flag: enough to make
/// the flag's cost vanish, few enough that stopping is prompt.
pub const BATCH: u64 = 256;

/// Runs `threads` threads until `stop`. Thread `i` is pinned to a CPU round robin
/// ([`pin`](super::pin)) and calls `make_op(i)` once to get its operation; then, for
/// [`Stop::After`], it calls the operation in batches of [`BATCH`] until time is up, and
/// for [`Stop::Iterations`] it calls it that many times. The time runs from the moment
/// every thread is ready to the last one's end. Returns the sample and the per-thread
/// operation counts.
pub fn run<F, Op>(threads: usize, stop: Stop, make_op: F) -> (Sample, Vec<u64>)
where
    F: Fn(usize) -> Op + Sync,
    Op: FnMut(),
{
    let threads = threads.max(1);
    let stopped = AtomicBool::new(false);
    // Everyone, the timer included, starts together, after the threads have been created.
    let start_line = Barrier::new(threads + 1);
    let (counts, elapsed) = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|i| {
                let (stopped, start_line, make_op) = (&stopped, &start_line, &make_op);
                s.spawn(move || {
                    // Pinned, as the anchors were: a thread that migrates takes its cache
                    // lines (a shard, a lock word) with it, which is noise, not the strategy.
                    pin_current_thread(i);
                    let mut op = make_op(i);
                    start_line.wait();
                    match stop {
                        Stop::After(_) => {
                            let mut ops = 0u64;
                            // Relaxed: the flag carries no data; a late look costs one batch.
                            while !stopped.load(Ordering::Relaxed) {
                                for _ in 0..BATCH {
                                    op();
                                }
                                ops += BATCH;
                            }
                            ops
                        }
                        Stop::Iterations(n) => {
                            for _ in 0..n {
                                op();
                            }
                            n
                        }
                    }
                })
            })
            .collect();
        start_line.wait();
        let start = Instant::now();
        if let Stop::After(duration) = stop {
            std::thread::sleep(duration);
            stopped.store(true, Ordering::Relaxed);
        }
        // Join each handle (not just the scope): a join also waits for the thread's
        // thread-local destructors, which flush batched counters.
        let counts: Vec<u64> = handles
            .into_iter()
            .map(|h| h.join().expect("benchmark thread panicked"))
            .collect();
        (counts, start.elapsed())
    });
    (sample(&counts, elapsed), counts)
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
