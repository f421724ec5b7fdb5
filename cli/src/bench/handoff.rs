//! `synclab bench handoff`: pass a token around a ring of threads; hand-offs per second.
//!
//! Thread `i` waits until the token is its own, passes it to thread `i + 1`, and wakes
//! it. Every hand-off is a wake-up of a (usually) sleeping thread, so this measures the
//! latency of signalling, not throughput under contention. With one thread the token
//! comes straight back: that measures the cost of a signal nobody waits for.
//!
//! Cases: synclab's [`Condition`] on a `Mutex<ParkingLock, _>` (`condition`), synclab's
//! [`Semaphore`] as a binary signal per thread (`semaphore`), and the peers
//! `std::sync::Condvar` (with `std::sync::Mutex`) and `parking_lot::Condvar`. `spread`
//! should stay near 1: a ring gives every thread the same number of turns. Threads are
//! pinned to CPUs round robin ([`pin`](super::pin)).

use super::pin::pin_current_thread;
use super::threads::{self, Gate};
use super::{BenchError, Case, Config, Iteration, Row, Sample, Stop};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use synclab::lock::{Condition, Mutex, ParkingLock, Semaphore};

/// Measures every case of the handoff family, reporting progress as (done, total).
pub fn run(
    config: &Config,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Row>, BenchError> {
    super::run_cases("handoff", config, &cases(), progress)
}

/// The cases: synclab's condition variable and semaphore, then the peers.
pub fn cases() -> Vec<Case> {
    vec![
        ring_case::<ConditionRing>("condition"),
        ring_case::<SemaphoreRing>("semaphore"),
        ring_case::<StdRing>("std::sync::Condvar"),
        ring_case::<ParkingLotRing>("parking_lot::Condvar"),
    ]
}

/// A ring of `n` threads passing one token.
trait Ring: Send + Sync + Sized + 'static {
    fn new(n: usize) -> Self;
    /// Waits until thread `me` holds the token, then passes it to `next` and wakes it.
    /// Returns false (without passing) once the ring is stopped.
    fn hand_off(&self, me: usize, next: usize) -> bool;
    /// Stops the ring and wakes every thread; may be called repeatedly.
    fn stop(&self);
}

fn ring_case<R: Ring>(name: &'static str) -> Case {
    Case {
        name: name.to_string(),
        workload: None,
        iteration: Iteration::OnEveryThread,
        measure: Box::new(measure::<R>),
    }
}

/// One round: `n` threads hand the token round until `stop` (for
/// [`Stop::Iterations`], each thread passes it that many times). The window is
/// [`threads::run`]'s: the clock starts before the [`Gate`] opens, and, for a timed
/// round, stops once the ring is stopped (which no pass completes after), when the time
/// has passed and the token has moved at least once.
fn measure<R: Ring>(n: usize, stop: Stop) -> Result<Sample, BenchError> {
    let n = n.max(1);
    let ring = R::new(n);
    let gate = Gate::new();
    let progressed = AtomicBool::new(false);
    let (counts, elapsed) = std::thread::scope(|s| {
        let mut handles = Vec::with_capacity(n);
        for me in 0..n {
            let (ring, gate, progressed) = (&ring, &gate, &progressed);
            let spawned = std::thread::Builder::new()
                .name(format!("ring-{me}"))
                .spawn_scoped(s, move || {
                    pin_current_thread(me);
                    if !gate.arrive_and_wait() {
                        return 0;
                    }
                    let limit = match stop {
                        Stop::After(_) => u64::MAX,
                        Stop::Iterations(passes) => passes,
                    };
                    let mut passes = 0u64;
                    while passes < limit && ring.hand_off(me, (me + 1) % n) {
                        passes += 1;
                        if passes == 1 {
                            progressed.store(true, Ordering::Relaxed);
                        }
                    }
                    passes
                });
            match spawned {
                Ok(handle) => handles.push(handle),
                Err(error) => {
                    gate.abort();
                    handles.into_iter().for_each(|h| drop(h.join()));
                    return Err(BenchError::Spawn { threads: n, error });
                }
            }
        }
        gate.wait_for(n);
        let start = Instant::now();
        gate.open();
        let mut window = None;
        if let Stop::After(time) = stop {
            std::thread::sleep(time);
            // No empty round: wait for the first pass, however busy the machine.
            while !progressed.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_micros(100));
            }
            ring.stop();
            window = Some(start.elapsed());
            // A thread may be between a check and a wait when `stop` runs; keep waking
            // until every thread has left (a correct ring needs one call). `is_finished`
            // is also true for a thread that panicked: its `join` below reports the panic.
            while !handles.iter().all(|h| h.is_finished()) {
                ring.stop();
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        // For a number of passes each thread leaves after its last one (the token has
        // gone round that many times, and no thread waits for it): the time ends when
        // the last one has left.
        let counts: Vec<u64> = handles
            .into_iter()
            .map(|h| h.join().expect("a ring thread panicked"))
            .collect();
        Ok((counts, window.unwrap_or_else(|| start.elapsed())))
    })?;
    // The token visits the threads in order, so turns differ by at most one.
    let (max, min) = (counts.iter().max(), counts.iter().min());
    assert!(
        max.zip(min).is_some_and(|(max, min)| max - min <= 1),
        "the token skipped a thread: {counts:?}"
    );
    Ok(threads::sample(&counts, elapsed))
}

/// The ring state behind a mutex: whose turn it is, and whether to stop.
#[derive(Debug, Default)]
struct Turn {
    holder: usize,
    stopped: bool,
}

/// synclab: `Mutex<ParkingLock, Turn>` and one `Condition` per thread.
struct ConditionRing {
    turn: Mutex<ParkingLock, Turn>,
    wake: Vec<Condition>,
}

impl Ring for ConditionRing {
    fn new(n: usize) -> Self {
        Self {
            turn: Mutex::default(),
            wake: (0..n).map(|_| Condition::new()).collect(),
        }
    }

    fn hand_off(&self, me: usize, next: usize) -> bool {
        let mut turn = self.turn.lock();
        self.wake[me].wait_while(&mut turn, |t| t.holder != me && !t.stopped);
        if turn.stopped {
            return false;
        }
        turn.holder = next;
        drop(turn);
        self.wake[next].notify_one();
        true
    }

    fn stop(&self) {
        self.turn.lock().stopped = true;
        self.wake.iter().for_each(Condition::notify_all);
    }
}

/// synclab: one semaphore of one permit per thread; the token is that permit.
struct SemaphoreRing {
    tokens: Vec<Semaphore>,
    stopped: AtomicBool,
}

impl Ring for SemaphoreRing {
    fn new(n: usize) -> Self {
        let tokens: Vec<Semaphore> = (0..n).map(|_| Semaphore::new(1)).collect();
        // Only thread 0 starts with its permit: take the others out.
        for token in &tokens[1..] {
            token.acquire().expect("one permit").forget();
        }
        Self {
            tokens,
            stopped: AtomicBool::new(false),
        }
    }

    fn hand_off(&self, me: usize, next: usize) -> bool {
        self.tokens[me].acquire().expect("one permit").forget();
        // Acquire: pairs with the Release store in `stop` (the permit that woke us may
        // be the one `stop` released).
        if self.stopped.load(Ordering::Acquire) {
            return false;
        }
        // Cannot fail while running: each semaphore receives a permit only from its
        // predecessor, after taking its own. Once stopped, `stop` may have filled it.
        if let Err(e) = self.tokens[next].release(1) {
            assert!(
                self.stopped.load(Ordering::Acquire),
                "a token was passed twice: {e}"
            );
        }
        true
    }

    fn stop(&self) {
        self.stopped.store(true, Ordering::Release);
        for token in &self.tokens {
            // A semaphore that still holds its permit refuses another: that is fine, its
            // thread will take the one it has and see the flag.
            let _ = token.release(1);
        }
    }
}

/// Peer: `std::sync::Mutex<Turn>` and one `std::sync::Condvar` per thread.
struct StdRing {
    turn: std::sync::Mutex<Turn>,
    wake: Vec<std::sync::Condvar>,
}

impl Ring for StdRing {
    fn new(n: usize) -> Self {
        Self {
            turn: std::sync::Mutex::default(),
            wake: (0..n).map(|_| std::sync::Condvar::new()).collect(),
        }
    }

    fn hand_off(&self, me: usize, next: usize) -> bool {
        let turn = self.turn.lock().unwrap();
        let mut turn = self.wake[me]
            .wait_while(turn, |t| t.holder != me && !t.stopped)
            .unwrap();
        if turn.stopped {
            return false;
        }
        turn.holder = next;
        drop(turn);
        self.wake[next].notify_one();
        true
    }

    fn stop(&self) {
        self.turn.lock().unwrap().stopped = true;
        self.wake.iter().for_each(std::sync::Condvar::notify_all);
    }
}

/// Peer: `parking_lot::Mutex<Turn>` and one `parking_lot::Condvar` per thread.
struct ParkingLotRing {
    turn: parking_lot::Mutex<Turn>,
    wake: Vec<parking_lot::Condvar>,
}

impl Ring for ParkingLotRing {
    fn new(n: usize) -> Self {
        Self {
            turn: parking_lot::Mutex::default(),
            wake: (0..n).map(|_| parking_lot::Condvar::new()).collect(),
        }
    }

    fn hand_off(&self, me: usize, next: usize) -> bool {
        let mut turn = self.turn.lock();
        self.wake[me].wait_while(&mut turn, |t| t.holder != me && !t.stopped);
        if turn.stopped {
            return false;
        }
        turn.holder = next;
        drop(turn);
        self.wake[next].notify_one();
        true
    }

    fn stop(&self) {
        self.turn.lock().stopped = true;
        for wake in &self.wake {
            wake.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every case passes the token round a fixed number of times, alone and with 3
    /// threads, and every thread gets the same number of turns.
    #[test]
    #[cfg_attr(miri, ignore)] // pins threads with libc calls Miri does not model
    fn every_ring_runs_its_passes() {
        for case in cases() {
            for n in [1, 3] {
                let sample = (case.measure)(n, Stop::Iterations(50)).unwrap();
                assert!(sample.ops_per_sec > 0.0, "{} at {n}", case.name);
                assert_eq!(sample.spread, 1.0, "{} at {n}", case.name);
            }
        }
    }

    /// A timed round stops every ring, whatever state its threads are in.
    #[test]
    #[cfg_attr(miri, ignore)] // pins threads with libc calls Miri does not model
    fn every_ring_runs_and_stops() {
        for case in cases() {
            for n in [1, 3] {
                // The window lasts as long as asked, or until the token has moved, if
                // the machine is too busy to move it in that time.
                let sample = (case.measure)(n, Stop::After(Duration::from_millis(5))).unwrap();
                assert!(sample.elapsed >= Duration::from_millis(5), "{}", case.name);
                assert!(sample.ops_per_sec > 0.0, "{}", case.name);
            }
        }
    }
}
