//! The litmus programs, written once and compiled twice by `tests/litmus.rs`: against
//! loom's own atomics (`plain`) and against synclab's loom flavour (`synclab`), each of
//! which names its atomics `super::atomic`. Each program returns what its threads
//! observed.

use super::atomic::{AtomicBool, AtomicUsize, fence};
use loom::thread;
use std::sync::Arc;
use std::sync::atomic::Ordering::{self, Acquire, Relaxed, Release, SeqCst};

/// Store buffering: each thread writes its own variable, then reads the other's.
/// Returns what thread 1 and thread 2 read.
pub fn sb(store: Ordering, load: Ordering, fenced: bool) -> (usize, usize) {
    let (x, y) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let t1 = {
        let (x, y) = (Arc::clone(&x), Arc::clone(&y));
        thread::spawn(move || {
            x.store(1, store);
            if fenced {
                fence(SeqCst);
            }
            y.load(load)
        })
    };
    y.store(1, store);
    if fenced {
        fence(SeqCst);
    }
    let r2 = x.load(load);
    (t1.join().unwrap(), r2)
}

/// Message passing: thread 1 writes data, then a flag; thread 2 reads the flag, then
/// the data. Returns (flag, data) as thread 2 read them.
pub fn mp(store: Ordering, load: Ordering) -> (usize, usize) {
    let (data, flag) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let t1 = {
        let (data, flag) = (Arc::clone(&data), Arc::clone(&flag));
        thread::spawn(move || {
            data.store(1, Relaxed);
            flag.store(1, store);
        })
    };
    let seen = (flag.load(load), data.load(Relaxed));
    t1.join().unwrap();
    seen
}

/// Independent reads of independent writes: two writers, two readers that read the
/// two variables in opposite orders (the main thread is the second reader). Returns
/// (x, y) as reader 1 read them, then (y, x) as reader 2 did.
pub fn iriw(store: Ordering, load: Ordering) -> (usize, usize, usize, usize) {
    let (x, y) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let writer = |v: &Arc<AtomicUsize>| {
        let v = Arc::clone(v);
        thread::spawn(move || v.store(1, store))
    };
    let (wx, wy) = (writer(&x), writer(&y));
    let reader1 = {
        let (x, y) = (Arc::clone(&x), Arc::clone(&y));
        thread::spawn(move || (x.load(load), y.load(load)))
    };
    let (c, d) = (y.load(load), x.load(load));
    wx.join().unwrap();
    wy.join().unwrap();
    let (a, b) = reader1.join().unwrap();
    (a, b, c, d)
}

/// 2+2W: thread 1 writes x = 1 then y = 2; thread 2 writes y = 1 then x = 2. Returns
/// the final (x, y), read after both have been joined.
pub fn two_plus_two_w(store: Ordering) -> (usize, usize) {
    let (x, y) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let t1 = {
        let (x, y) = (Arc::clone(&x), Arc::clone(&y));
        thread::spawn(move || {
            x.store(1, store);
            y.store(2, store);
        })
    };
    y.store(1, store);
    x.store(2, store);
    t1.join().unwrap();
    (x.load(Relaxed), y.load(Relaxed))
}

/// Load buffering: each thread reads one variable, then writes the other. Returns what
/// thread 1 and thread 2 read.
pub fn lb(load: Ordering, store: Ordering) -> (usize, usize) {
    let (x, y) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let t1 = {
        let (x, y) = (Arc::clone(&x), Arc::clone(&y));
        thread::spawn(move || {
            let r1 = x.load(load);
            y.store(1, store);
            r1
        })
    };
    let r2 = y.load(load);
    x.store(1, store);
    (t1.join().unwrap(), r2)
}

/// One try of Peterson's entry protocol per thread, stores at `store` and loads at
/// `load`: raise my flag, give the other the turn, then enter if the other's flag is
/// down or the turn came back to me. Returns whether thread 0 and thread 1 entered.
pub fn peterson(store: Ordering, load: Ordering) -> (bool, bool) {
    let flags = Arc::new([AtomicBool::new(false), AtomicBool::new(false)]);
    let turn = Arc::new(AtomicUsize::new(0));
    let enter = move |me: usize, flags: &[AtomicBool; 2], turn: &AtomicUsize| {
        let other = 1 - me;
        flags[me].store(true, store);
        turn.store(other, store);
        !flags[other].load(load) || turn.load(load) != other
    };
    let t1 = {
        let (flags, turn) = (Arc::clone(&flags), Arc::clone(&turn));
        thread::spawn(move || enter(1, &flags, &turn))
    };
    let entered0 = enter(0, &flags, &turn);
    (entered0, t1.join().unwrap())
}

/// Release sequence: thread 1 writes data, then `x = 1` with Release; thread 2, once
/// it reads `x == 1`, overwrites it with a Relaxed `x = 2`; the main thread joins
/// thread 2, then reads `x` with Acquire and the data. Returns what it read.
pub fn release_sequence() -> (usize, usize) {
    let (data, x) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let t1 = {
        let (data, x) = (Arc::clone(&data), Arc::clone(&x));
        thread::spawn(move || {
            data.store(1, Relaxed);
            x.store(1, Release);
        })
    };
    let t2 = {
        let x = Arc::clone(&x);
        thread::spawn(move || {
            if x.load(Relaxed) == 1 {
                x.store(2, Relaxed);
            }
        })
    };
    t2.join().unwrap();
    let seen = (x.load(Acquire), data.load(Relaxed));
    t1.join().unwrap();
    seen
}

/// A `swap` and a concurrent `store` on one variable (loom issue #254's shape): the
/// main thread swaps in `false` while thread 1 stores `true`. Returns what the swap
/// read and the final value.
pub fn swap_store(order: Ordering) -> (bool, bool) {
    let x = Arc::new(AtomicBool::new(false));
    let t1 = {
        let x = Arc::clone(&x);
        thread::spawn(move || x.store(true, order))
    };
    let swapped = x.swap(false, order);
    t1.join().unwrap();
    (swapped, x.load(Relaxed))
}

/// Coherence with a swap: thread 1 stores 1, thread 2 swaps in 2, the main thread
/// reads twice. Returns (what the swap read, first read, second read).
pub fn swap_coherence() -> (usize, usize, usize) {
    let x = Arc::new(AtomicUsize::new(0));
    let t1 = {
        let x = Arc::clone(&x);
        thread::spawn(move || x.store(1, Relaxed))
    };
    let t2 = {
        let x = Arc::clone(&x);
        thread::spawn(move || x.swap(2, Relaxed))
    };
    let reads = (x.load(Relaxed), x.load(Relaxed));
    t1.join().unwrap();
    (t2.join().unwrap(), reads.0, reads.1)
}

/// One try of a test-and-test-and-set lock that acquires with `swap(true, Acquire)`
/// (the shape of `spin::Mutex`) per thread, released with `store(false, Release)`.
/// Returns whether each thread acquired, and whether the lock is still taken at the
/// end (nobody holds it then).
pub fn swap_ttas() -> (bool, bool, bool) {
    let locked = Arc::new(AtomicBool::new(false));
    let try_once = |locked: &AtomicBool| {
        let acquired = !locked.load(Relaxed) && !locked.swap(true, Acquire);
        if acquired {
            locked.store(false, Release);
        }
        acquired
    };
    let t1 = {
        let locked = Arc::clone(&locked);
        thread::spawn(move || try_once(&locked))
    };
    let acquired0 = try_once(&locked);
    let acquired1 = t1.join().unwrap();
    (acquired0, acquired1, locked.load(Relaxed))
}
