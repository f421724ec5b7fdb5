//! A ledger that tells a fuzz thread when a `try_` call *must* succeed.
//!
//! A `try_acquire` that fails with `WouldBlock` is correct when the permits were out at
//! that moment, and a bug when they were not; a test that accepts every `WouldBlock`
//! cannot tell the two apart. Other threads' holdings are not observable at the instant
//! of the call, so each thread keeps a ledger of *claims* around its calls:
//!
//! | step | when | the ledger |
//! |---|---|---|
//! | claim | before any attempt (`try_` or blocking) | `claimed += n`, then `started += 1` |
//! | attempt fails | after | `claimed -= n` |
//! | release | after the permits (or the guard) are given back | `claimed -= n` |
//!
//! So every permit out was claimed before it was taken and is unclaimed only after it is
//! back: at any instant, the permits out are at most those claimed. A thread reads
//! `started` (`s1`), claims (reading `claimed` before its own claim: `c`), attempts, and
//! reads `started` again (`s2`). If `s2 == s1 + 1`, the only claim that began in between
//! was its own; every permit out when the attempt took effect was claimed by a claim
//! that began before, so at most `c` permits were out. A `try_acquire_many(n)` with
//! `c + n <= max` that fails is then a bug, whatever the interleaving.
//!
//! The reader-writer lock keeps the same ledger, per mode: a `try_write` must succeed when
//! nothing was claimed at all, a `try_read` when no write was claimed (a waiting writer
//! has claimed, so a writer-preferring lock may refuse readers then).
//!
//! SeqCst on every ledger access: the argument needs one order of all of them, on real
//! threads too (the std proptest runs these programs there).

use super::super::rt;
use rt::sync::atomic::{AtomicUsize, Ordering::SeqCst};

/// Claims of one resource, in one or two modes.
#[derive(Debug, Default)]
pub(super) struct Ledger {
    /// Units claimed and not yet unclaimed: `[permits or shared, exclusive]`.
    claimed: [AtomicUsize; 2],
    /// Claims begun, ever.
    started: AtomicUsize,
}

/// What a thread knows about the attempt it is about to make.
#[derive(Debug, Clone, Copy)]
pub(super) struct Claim {
    /// `started` before this claim.
    s1: usize,
    /// `claimed` in each mode just before this claim.
    before: [usize; 2],
}

impl Ledger {
    /// Claims `units` in `mode` (0: permits or shared, 1: exclusive) before an attempt.
    pub(super) fn claim(&self, mode: usize, units: usize) -> Claim {
        let s1 = self.started.load(SeqCst);
        let mut before = [0; 2];
        before[mode] = self.claimed[mode].fetch_add(units, SeqCst);
        before[1 - mode] = self.claimed[1 - mode].load(SeqCst);
        self.started.fetch_add(1, SeqCst);
        Claim { s1, before }
    }

    /// Gives a claim back: after a failed attempt, or after the release.
    pub(super) fn unclaim(&self, mode: usize, units: usize) {
        self.claimed[mode].fetch_sub(units, SeqCst);
    }

    /// After a failed attempt (before unclaiming it): whether no other claim began
    /// while it ran, so that `claim.before` bounds what was held when it took effect.
    pub(super) fn undisturbed(&self, claim: &Claim) -> bool {
        self.started.load(SeqCst) == claim.s1 + 1
    }
}

impl Claim {
    /// The units claimed in `mode` by others, and by this thread's earlier claims, when
    /// this claim was made.
    pub(super) fn before(&self, mode: usize) -> usize {
        self.before[mode]
    }
}
