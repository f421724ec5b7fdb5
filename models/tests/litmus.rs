//! Litmus tests: what loom, and synclab's loom flavour of `rt`, let small programs observe,
//! against what the C11 memory model allows.
//!
//! Each test runs one tiny program under loom with no preemption bound (every execution
//! loom has), collects the outcome of every execution, and compares the set with the
//! outcomes claimed below, twice: with loom's own atomics (`plain`) and with
//! `synclab::loom::rt`'s (`synclab`), which express some operations differently
//! (`src/rt_shared/loom_c11.rs`). An outcome is
//!
//! - *forbidden* if no C11-consistent execution produces it: a checker that produces it
//!   can fail correct code (a false alarm);
//! - *allowed* if some C11-consistent execution produces it: a checker that never
//!   produces it is stronger than C11 there, and misses bugs that need it.
//!
//! Each test asserts the exact set each flavour produces, so that the table in
//! `docs/checkers.md` stays true, and that synclab's set contains no forbidden outcome.
//! "C11" here is the C++20 model, whose SeqCst rules are the RC11 repair (Lahav et al.,
//! "Repairing Sequential Consistency in C/C++11", PLDI 2017); it still allows Relaxed
//! load buffering, which RC11 forbids (see `load_buffering`).
//!
//! Every program has at most 4 threads (loom allows 5, the main thread included) and a
//! few accesses per thread: loom explores all their executions in a few seconds in all,
//! most of it for IRIW.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::sync::atomic::Ordering::{Acquire, Relaxed, Release, SeqCst};
use std::sync::{Arc, Mutex};

/// Every outcome of `program` over all of loom's executions (no preemption bound).
fn outcomes<T: Ord + Clone + Send + 'static>(
    program: impl Fn() -> T + Send + Sync + 'static,
) -> BTreeSet<T> {
    let seen = Arc::new(Mutex::new(BTreeSet::new()));
    let record = Arc::clone(&seen);
    let mut builder = loom::model::Builder::new();
    builder.preemption_bound = None;
    builder.check(move || {
        let outcome = program();
        record.lock().unwrap().insert(outcome);
    });
    std::mem::take(&mut *seen.lock().unwrap())
}

/// Checks one litmus claim: `allowed` (the outcomes some C11-consistent execution
/// produces) contains every outcome claimed for synclab's flavour, and plain loom and
/// the flavour produced exactly the claimed sets (plain loom may produce forbidden
/// outcomes: its gaps).
fn check<T: Ord + Clone + Debug>(
    name: &str,
    plain: BTreeSet<T>,
    synclab: BTreeSet<T>,
    allowed: &[T],
    claimed_plain: &[T],
    claimed_synclab: &[T],
) {
    let set = |s: &[T]| s.iter().cloned().collect::<BTreeSet<T>>();
    let (allowed, claimed_plain, claimed_synclab) =
        (set(allowed), set(claimed_plain), set(claimed_synclab));
    let forbidden: Vec<_> = claimed_synclab.difference(&allowed).collect();
    assert!(
        forbidden.is_empty(),
        "{name}: the claim for synclab's flavour lists C11-forbidden outcomes {forbidden:?}"
    );
    assert_eq!(
        plain, claimed_plain,
        "{name}: plain loom produced {plain:?}, the claim says {claimed_plain:?}"
    );
    assert_eq!(
        synclab, claimed_synclab,
        "{name}: synclab's flavour produced {synclab:?}, the claim says {claimed_synclab:?}"
    );
}

/// The litmus programs (`litmus/programs.rs`), compiled once against loom's atomics
/// (`plain`) and once against synclab's loom flavour (`synclab`): the same source, so
/// any difference in what they produce comes from how the flavour expresses the
/// operations.
#[allow(clippy::duplicate_mod)]
#[path = "."]
mod plain {
    use loom::sync::atomic;
    #[path = "litmus/programs.rs"]
    pub mod programs;
}
#[allow(clippy::duplicate_mod)]
#[path = "."]
mod synclab {
    use ::synclab::loom::rt::sync::atomic;
    #[path = "litmus/programs.rs"]
    pub mod programs;
}

/// Runs `program(args)` in both flavours and checks the claim: the outcomes C11 allows,
/// and the exact sets plain loom and synclab's flavour produce.
macro_rules! litmus {
    ($name:literal: $program:ident($($arg:expr),*);
     allowed $allowed:expr; plain $plain:expr; synclab $synclab:expr) => {
        check(
            $name,
            outcomes(move || plain::programs::$program($($arg),*)),
            outcomes(move || synclab::programs::$program($($arg),*)),
            &$allowed,
            &$plain,
            &$synclab,
        )
    };
}

/// Every pair of bits, and every pair but one.
const BITS: [(usize, usize); 4] = [(0, 0), (0, 1), (1, 0), (1, 1)];
const NOT_00: [(usize, usize); 3] = [(0, 1), (1, 0), (1, 1)];
const NOT_10: [(usize, usize); 3] = [(0, 0), (0, 1), (1, 1)];
const NOT_11: [(usize, usize); 3] = [(0, 0), (0, 1), (1, 0)];
const F: bool = false;
const T: bool = true;

/// SB: with acquire/release (or weaker) both threads may read 0; with SeqCst accesses,
/// or SeqCst fences between the write and the read, at least one sees the other's write.
/// Plain loom produces (0, 0) for SeqCst accesses: issue #180.
#[test]
#[cfg_attr(miri, ignore)]
fn store_buffering() {
    litmus!("SB": sb(Relaxed, Relaxed, false); allowed BITS; plain BITS; synclab BITS);
    litmus!("SB+rel+acq": sb(Release, Acquire, false); allowed BITS; plain BITS; synclab BITS);
    litmus!("SB+sc": sb(SeqCst, SeqCst, false); allowed NOT_00; plain BITS; synclab NOT_00);
    litmus!("SB+fences": sb(Relaxed, Relaxed, true); allowed NOT_00; plain NOT_00; synclab NOT_00);
}

/// SB with SeqCst on one side of each thread only. C11 orders SeqCst accesses among
/// themselves, not the Relaxed accesses around them, so (0, 0) stays allowed (and real:
/// x86 shows it for a Relaxed store followed by a SeqCst load, ARMv8 for a SeqCst store
/// followed by a Relaxed load). synclab's flavour brackets each SeqCst access with
/// SeqCst fences, which order the neighbouring Relaxed access too: stronger than C11.
#[test]
#[cfg_attr(miri, ignore)]
fn store_buffering_half_seq_cst() {
    litmus!("SB+rlx-store+sc-load": sb(Relaxed, SeqCst, false);
        allowed BITS; plain BITS; synclab NOT_00);
    litmus!("SB+sc-store+rlx-load": sb(SeqCst, Relaxed, false);
        allowed BITS; plain BITS; synclab NOT_00);
}

/// MP: reading the flag's Release write with Acquire makes the data visible: (1, 0),
/// the flag without the data, is forbidden unless both are Relaxed.
#[test]
#[cfg_attr(miri, ignore)]
fn message_passing() {
    litmus!("MP": mp(Relaxed, Relaxed); allowed BITS; plain BITS; synclab BITS);
    litmus!("MP+rel+acq": mp(Release, Acquire); allowed NOT_10; plain NOT_10; synclab NOT_10);
    litmus!("MP+sc": mp(SeqCst, SeqCst); allowed NOT_10; plain NOT_10; synclab NOT_10);
}

/// IRIW: with acquire loads the two readers may see the two writes in opposite orders
/// (C11 is not multi-copy atomic for acquire/release), (1, 0, 1, 0); with SeqCst they
/// may not. Plain loom produces it for SeqCst too: issue #180.
#[test]
#[cfg_attr(miri, ignore)]
fn independent_reads_of_independent_writes() {
    let every: Vec<_> = (0..16)
        .map(|b| (b >> 3 & 1, b >> 2 & 1, b >> 1 & 1, b & 1))
        .collect();
    let sc: Vec<_> = every
        .iter()
        .copied()
        .filter(|&o| o != (1, 0, 1, 0))
        .collect();
    litmus!("IRIW+rel+acq": iriw(Release, Acquire); allowed every; plain every; synclab every);
    litmus!("IRIW+sc": iriw(SeqCst, SeqCst); allowed sc; plain every; synclab sc);
}

/// 2+2W: C11 lets both threads' second writes come first in their variables'
/// modification orders, (1, 1), unless the writes are SeqCst. synclab's flavour writes
/// with `swap`, so each variable's writes are ordered as loom runs them, and (1, 1) is
/// gone for Relaxed and Release writes too: stronger than C11.
#[test]
#[cfg_attr(miri, ignore)]
fn two_plus_two_writes() {
    let all = [(1, 1), (1, 2), (2, 1), (2, 2)];
    let no_cycle = [(1, 2), (2, 1), (2, 2)];
    litmus!("2+2W": two_plus_two_w(Relaxed); allowed all; plain all; synclab no_cycle);
    litmus!("2+2W+rel": two_plus_two_w(Release); allowed all; plain all; synclab no_cycle);
    litmus!("2+2W+sc": two_plus_two_w(SeqCst); allowed no_cycle; plain all; synclab no_cycle);
}

/// LB: the C11 standard allows both threads to read the other's later write when the
/// accesses are Relaxed, (1, 1); loom never lets a load read a write that has not run
/// yet, so neither flavour produces it: stronger than C11 (equal to RC11, which forbids
/// it). With acquire/release it is forbidden.
#[test]
#[cfg_attr(miri, ignore)]
fn load_buffering() {
    litmus!("LB": lb(Relaxed, Relaxed); allowed BITS; plain NOT_11; synclab NOT_11);
    litmus!("LB+acq+rel": lb(Acquire, Release); allowed NOT_11; plain NOT_11; synclab NOT_11);
}

/// A Relaxed store by another thread ends a release sequence (C++20), so reading it
/// with Acquire does not synchronise with the Release write it overwrote: (2, 0) is
/// allowed. synclab's flavour writes with `swap`, and loom carries a read-modify-write's
/// synchronisation forward, so it does synchronise: stronger than C11.
#[test]
#[cfg_attr(miri, ignore)]
fn release_sequence() {
    let all = [(0, 0), (0, 1), (1, 1), (2, 0), (2, 1)];
    let synced = [(0, 0), (0, 1), (1, 1), (2, 1)];
    litmus!("RS": release_sequence(); allowed all; plain all; synclab synced);
}

/// Peterson's entry, tried once per thread: with SeqCst both threads cannot enter; with
/// acquire/release they can (it is store buffering). Plain loom lets both in with
/// SeqCst too: issue #180.
#[test]
#[cfg_attr(miri, ignore)]
fn peterson() {
    let one_at_most = [(F, F), (F, T), (T, F)];
    let both = [(F, F), (F, T), (T, F), (T, T)];
    litmus!("Peterson+sc": peterson(SeqCst, SeqCst);
        allowed one_at_most; plain both; synclab one_at_most);
    litmus!("Peterson+rel+acq": peterson(Release, Acquire); allowed both; plain both; synclab both);
}

/// A swap reads the write just before its own in the variable's modification order, so
/// the concurrent store comes either before the swap (which then reads `true` and
/// leaves `false`) or after it (leaving `true`): the swap's result and the final value
/// differ. Plain loom also produces (false, false): issue #254.
#[test]
#[cfg_attr(miri, ignore)]
fn swap_and_store() {
    let differ = [(F, T), (T, F)];
    let plain = [(F, F), (F, T), (T, F)];
    litmus!("swap+store": swap_store(Relaxed); allowed differ; plain plain; synclab differ);
    litmus!("swap+store+sc": swap_store(SeqCst); allowed differ; plain plain; synclab differ);
}

/// Coherence with a swap: all threads agree on one modification order of `x`, and the
/// swap's write comes right after the write it read. If the swap read 0, the order is
/// 0, 2, 1 (the store cannot fall between the swap's read and write), so reading 1 then
/// 2 is forbidden; plain loom produces it (issue #254).
#[test]
#[cfg_attr(miri, ignore)]
fn swap_coherence() {
    // Two reads never go backwards in the order 0, 2, 1 (swap read 0) or 0, 1, 2.
    let allowed: Vec<_> = [(0, [0, 2, 1]), (1, [0, 1, 2])]
        .into_iter()
        .flat_map(|(swapped, order)| {
            (0..3).flat_map(move |i| (i..3).map(move |j| (swapped, order[i], order[j])))
        })
        .collect();
    let mut plain = allowed.clone();
    plain.push((0, 1, 2));
    litmus!("CoRR+swap": swap_coherence(); allowed allowed; plain plain; synclab allowed);
}

/// A TTAS lock acquiring with `swap`, one try per thread: at least one thread acquires,
/// and the lock is free at the end. Plain loom also leaves it taken with nobody holding
/// it: issue #254, the false alarm of `lock::exclusion::loom` on such locks.
#[test]
#[cfg_attr(miri, ignore)]
fn swap_ttas_lock() {
    let free_at_end = [(F, T, F), (T, F, F), (T, T, F)];
    let plain = [(F, T, F), (F, T, T), (T, F, F), (T, F, T), (T, T, F)];
    litmus!("swap-TTAS": swap_ttas(); allowed free_at_end; plain plain; synclab free_at_end);
}
