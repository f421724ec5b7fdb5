//! How the loom flavour hands C11 atomics to loom 0.7 (the shape is
//! [`express`](super::express)'s): so that loom explores no execution that C11 forbids.
//!
//! loom's own atomics fail correct code in two ways:
//!
//! - **A read-modify-write and a concurrent store are not kept in one modification
//!   order** (loom issues #254, #389). loom settles each atomic's modification order
//!   lazily, as a partial order: a write is ordered only after the writes its thread has
//!   seen. A read-modify-write reads a latest write `w` and is ordered after it; a plain
//!   store by a thread that has seen `w` but not the read-modify-write stays unordered
//!   with it, and a later load may then place the store between `w` and the
//!   read-modify-write's own write, which C11 forbids: a read-modify-write reads the write
//!   just before its own. A test-and-test-and-set lock that acquires with `swap` ends up
//!   `true` with nobody holding it.
//! - **SeqCst loads and stores are only acquire/release** (loom issue #180): loom's hook
//!   for a SeqCst access does nothing, and its one SeqCst rule (a SeqCst load skips a
//!   SeqCst store older than another SeqCst store) says nothing about initial values or
//!   other stores. Store buffering with SeqCst lets both threads read 0.
//!
//! So each call becomes:
//!
//! | call | what loom runs |
//! |---|---|
//! | `store(v, o)` | `swap(v, o)`, its result dropped |
//! | a `SeqCst` access | `fence(SeqCst)`, the access at its acquire/release part, `fence(SeqCst)` |
//! | anything else | itself |
//!
//! (The acquire/release part: `Acquire` for a load and for a failed CAS, `Release` for a
//! store, `AcqRel` for a read-modify-write.)
//!
//! Both mappings take outcomes away from loom and add none that C11 forbids; where they
//! take away one that C11 allows, the flavour is stronger than C11 and can miss a bug.
//! `models/tests/litmus.rs` and `models/tests/seq_cst_programs.rs` pin what each flavour
//! produces; `docs/checkers.md` (its section on this flavour) gives the argument and what
//! it means for a verdict. Neither mapping adds a scheduling point (loom's fence is not
//! one): on synclab's own cases loom explores exactly as many executions as before.

use ::loom::sync::atomic::{
    Ordering::{self, AcqRel, Acquire, Relaxed, Release, SeqCst},
    fence,
};

/// `load(order)`; a `SeqCst` load is `fence(SeqCst); load(Acquire); fence(SeqCst)`.
#[inline]
pub(crate) fn load<V>(order: Ordering, load: impl FnOnce(Ordering) -> V) -> V {
    match order {
        SeqCst => fenced(|| load(Acquire)),
        _ => load(order),
    }
}

/// `store(v, order)` as `swap(v, order)`: every write a read-modify-write.
///
/// loom lets a read-modify-write read only a latest write of its location and orders its
/// own write after that one, so when every write is one, each location's modification
/// order is the order loom runs its writes in, and no write can fall inside another's
/// read and write: a modification order C11 accepts. (Relacy orders writes the same way.)
/// It must be every store: the facade cannot know which locations will see a
/// read-modify-write, and loom breaks atomicity with a store that ran before the
/// read-modify-write too. Patching loom instead (loom PR #391, unmerged) would not reach
/// a downstream crate's tests, which get loom from crates.io.
///
/// Stronger than C11 in two ways: a location's writes are ordered as loom runs them, so
/// program order and modification order never form a cycle (2+2W is gone for Relaxed and
/// Release stores too); and loom carries a read-modify-write's synchronisation forward,
/// so an Acquire load that reads this store also synchronises with the Release write it
/// overwrote (C++20 ends that release sequence at another thread's store).
///
/// A `SeqCst` store is `fence(SeqCst); swap(v, Release); fence(SeqCst)`.
#[inline]
pub(crate) fn store(order: Ordering, store: impl FnOnce(Ordering), as_swap: impl FnOnce(Ordering)) {
    match order {
        Relaxed | Release => as_swap(order),
        SeqCst => fenced(|| as_swap(Release)),
        // An ordering that std rejects for a store: loom's own store handles it.
        _ => store(order),
    }
}

/// A read-modify-write; a `SeqCst` one is `fence(SeqCst); rmw(AcqRel); fence(SeqCst)`.
#[inline]
pub(crate) fn rmw<V>(order: Ordering, rmw: impl FnOnce(Ordering) -> V) -> V {
    match order {
        SeqCst => fenced(|| rmw(AcqRel)),
        _ => rmw(order),
    }
}

/// A compare-exchange (or `fetch_update`): if either ordering is `SeqCst` it is bracketed
/// by `SeqCst` fences, with `AcqRel` for a `SeqCst` success and `Acquire` for a `SeqCst`
/// failure. (The fences are placed before the outcome is known, so a `SeqCst` failure
/// ordering alone brackets the successful exchange too: stronger, never weaker.)
#[inline]
pub(crate) fn cas<V>(
    success: Ordering,
    failure: Ordering,
    cas: impl FnOnce(Ordering, Ordering) -> V,
) -> V {
    if success != SeqCst && failure != SeqCst {
        return cas(success, failure);
    }
    let success = if success == SeqCst { AcqRel } else { success };
    let failure = if failure == SeqCst { Acquire } else { failure };
    fenced(|| cas(success, failure))
}

/// `fence(SeqCst); op(); fence(SeqCst)`: a `SeqCst` access as its acquire/release part
/// between two `SeqCst` fences (the ARMv7 mapping, `dmb; access; dmb`).
///
/// In RC11 (the repair of SeqCst that C++20 adopted, Lahav et al., PLDI 2017) bracketing
/// every SeqCst access with SeqCst fences is a strengthening: a cycle that would break the
/// accesses' single total order turns into one among the fences, which their own total
/// order forbids. loom runs each `SeqCst` fence as an acquire and a release of one hidden
/// clock, so its fences are ordered by happens-before in the order it runs them: at
/// least as strong as C11 asks. The access is downgraded so that loom runs exactly
/// "acquire/release plus SeqCst fences", whose meaning it models, and not also its own
/// partial SeqCst rule.
///
/// Stronger than C11: the fences also order the non-SeqCst accesses next to the SeqCst
/// one (store buffering between a Relaxed store and a SeqCst load is gone, though x86
/// shows it), and loom's fences create happens-before between threads, which C11's do
/// not.
#[inline]
fn fenced<V>(op: impl FnOnce() -> V) -> V {
    fence(SeqCst);
    let v = op();
    fence(SeqCst);
    v
}
