//! The MCS queue lock (Mellor-Crummey & Scott, 1991): FIFO, and every waiter spins on its
//! own cache line.
//!
//! A ticket lock makes every waiter watch one shared word, so each hand-off invalidates
//! every waiter's cache line. MCS queues the waiters in a linked list of nodes, one per
//! waiting thread: each waiter spins on the `locked` flag *in its own node*, and the
//! owner hands over by clearing only its successor's flag. One cache-line transfer per
//! hand-off, however many threads wait.
//!
//! ```text
//!   tail ──────────────────────────┐
//!                                  v
//!   [owner node] --next--> [waiter 1] --next--> [waiter 2]   (waiter 2 spins on its flag)
//! ```
//!
//! ## Where the node lives
//! [`RawLock::lock`] takes `&self` and returns nothing, so the node cannot live in the
//! caller's stack frame or in the guard (a guard moves, and queued nodes must not). Each
//! `lock` therefore takes a node from the heap, and the lock keeps the owner's node
//! pointer in `owner`, a field only the owner touches, so that `unlock` can find it. A
//! node is free again as soon as its owner's `unlock` returns (the successor has linked
//! and been handed the lock, or the queue is empty), so each thread keeps one spare node
//! for its next acquisition instead of allocating every time: Linux's `qspinlock` does
//! the same with per-CPU nodes.
//!
//! ## Threads outnumbering cores
//! As with [`TicketLock`](super::TicketLock) (whose docs give the measurements), the lock
//! can only go to the next node's thread; waiters poll their flag, then yield
//! ([`SpinWait`]) so that a preempted successor gets a core back soon, but every
//! hand-off to a thread that is not running still waits for a context switch.
//!
//! [`SpinWait`]: super::backoff::SpinWait

use super::backoff::SpinWait;
use super::{FifoLock, RawLock, rt};
use rt::cell::UnsafeCell;
use rt::sync::atomic::{
    AtomicBool, AtomicPtr, Ordering,
    Ordering::{AcqRel, Acquire, Relaxed, Release},
};
use std::cell::Cell;
use std::ptr;

/// One waiting (or owning) thread's place in the queue.
struct Node {
    /// The node queued after this one; null until the successor links itself in.
    next: AtomicPtr<Node>,
    /// `true` while this node's thread must wait; its predecessor clears it.
    locked: AtomicBool,
}

impl Node {
    /// A node ready to queue (`next` null, `locked` true), owned by the returned pointer:
    /// this thread's spare if it has one, else a fresh allocation.
    fn take() -> *mut Node {
        let spare = SPARE
            .try_with(|spare| spare.0.replace(ptr::null_mut()))
            .unwrap_or(ptr::null_mut());
        if spare.is_null() {
            return Box::into_raw(Box::new(Node {
                next: AtomicPtr::new(ptr::null_mut()),
                locked: AtomicBool::new(true),
            }));
        }
        // SAFETY: a spare node is owned by this thread alone (see `give_back`).
        // Relaxed: the node is published by the Release `swap` of the tail in `lock`.
        unsafe {
            (*spare).next.store(ptr::null_mut(), Relaxed);
            (*spare).locked.store(true, Relaxed);
        }
        spare
    }

    /// Takes back a node that left the queue: kept as this thread's spare, or freed if
    /// there is one already.
    ///
    /// # Safety
    /// `node` came from [`Node::take`] and no other thread will touch it again (its
    /// owner's `unlock` has handed over or emptied the queue).
    unsafe fn give_back(node: *mut Node) {
        let kept = SPARE
            .try_with(|spare| spare.0.get().is_null() && {
                spare.0.set(node);
                true
            })
            .unwrap_or(false);
        if !kept {
            // SAFETY: the caller passes ownership of an unshared node from `take`.
            drop(unsafe { Box::from_raw(node) });
        }
    }
}

/// One node kept per thread between acquisitions, so that a thread that takes MCS
/// locks over and over allocates once (the per-CPU nodes of Linux's `qspinlock`, per
/// thread). Freed when the thread exits.
struct Spare(Cell<*mut Node>);

impl Drop for Spare {
    fn drop(&mut self) {
        let node = self.0.get();
        if !node.is_null() {
            // SAFETY: the spare is owned by this thread alone and queued nowhere.
            drop(unsafe { Box::from_raw(node) });
        }
    }
}

// loom's `thread_local!` takes no `const { }` initialiser, so the same source cannot use one.
#[allow(clippy::missing_const_for_thread_local)]
mod spare_node {
    use super::*;
    rt::thread_local! {
        pub(super) static SPARE: Spare = Spare(Cell::new(ptr::null_mut()));
    }
}
use spare_node::SPARE;

/// An MCS queue lock.
///
/// | `tail` | meaning |
/// |---|---|
/// | null | unlocked, queue empty |
/// | the owner's node | locked, nobody waiting |
/// | another node | locked; that node's thread waits last in line |
///
/// `owner` holds the current owner's node while the lock is held; only the owner reads or
/// writes it.
///
/// ```
/// use synclab::lock::{McsLock, Mutex};
/// let m = Mutex::<McsLock, String>::new(String::new());
/// m.lock().push_str("queued");
/// assert_eq!(m.into_inner(), "queued");
/// ```
pub struct McsLock {
    tail: AtomicPtr<Node>,
    owner: UnsafeCell<*mut Node>,
}

// SAFETY: `tail` is atomic. `owner` is written by a thread only after it acquired the
// lock and read only by that same owner in `unlock`, so accesses to it are ordered by
// the lock's own acquire/release hand-over (loom checks this: `owner` is an
// `rt::cell::UnsafeCell`). Nodes are reached only through these fields, under the
// protocol below; the raw pointers are never tied to a thread.
unsafe impl Send for McsLock {}
// SAFETY: see `Send`: all shared access goes through atomics or the owner-only field.
unsafe impl Sync for McsLock {}

impl Default for McsLock {
    fn default() -> Self {
        Self {
            tail: AtomicPtr::new(ptr::null_mut()),
            owner: UnsafeCell::new(ptr::null_mut()),
        }
    }
}

impl std::fmt::Debug for McsLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("McsLock")
            .field("locked", &self.is_locked())
            .finish()
    }
}

impl McsLock {
    /// Records `node` as the owner's node. Called by the new owner only.
    fn set_owner(&self, node: *mut Node) {
        // SAFETY: only the owner touches `owner`, and this thread just became the owner;
        // the previous owner's last access (in `unlock`) happens before our acquisition.
        self.owner.with_mut(|p| unsafe { *p = node });
    }

    /// `unlock` with the ordering of the hand-over store as a parameter: `Release` in
    /// [`RawLock::unlock`]; the planted `RelaxedHandoverMcs` passes `Relaxed`.
    ///
    /// # Safety
    /// As [`RawLock::unlock`]: the caller holds the lock.
    pub(super) unsafe fn unlock_handing_over(&self, handover: Ordering) {
        // SAFETY: the caller holds the lock (contract of `unlock`), so it is the owner
        // that `set_owner` recorded.
        let node = self.owner.with(|p| unsafe { *p });
        // SAFETY (for every deref of `node` below): `node` is the owner's node; it is
        // freed only at the end of this function.
        // Acquire: pairs with the successor's Release link, so we see its node initialised.
        let mut next = unsafe { (*node).next.load(Acquire) };
        if next.is_null() {
            // No successor linked. If we are still the tail, the queue becomes empty.
            // Release: the next thread to find the queue empty (its Acquire swap or CAS)
            // must see our critical section.
            if self
                .tail
                .compare_exchange(node, ptr::null_mut(), Release, Relaxed)
                .is_ok()
            {
                // SAFETY: nobody else holds or will take a pointer to `node`: it left the
                // tail and no successor linked to it.
                unsafe { Node::give_back(node) };
                return;
            }
            // A successor swapped the tail but has not linked yet: the window between
            // its swap and its store. Wait for the link (a few instructions away).
            loop {
                next = unsafe { (*node).next.load(Acquire) };
                if !next.is_null() {
                    break;
                }
                rt::hint::spin_loop();
            }
        }
        // SAFETY: `next` is the successor's node, alive while its thread waits on it.
        // `handover` (Release in `unlock`): pairs with the successor's Acquire load of
        // `locked`, so our critical section happens before its own.
        unsafe { (*next).locked.store(false, handover) };
        // SAFETY: the successor has linked (so it will not touch our node again) and
        // nobody else reaches it: we are its only owner.
        unsafe { Node::give_back(node) };
    }
}

// SAFETY: mutual exclusion: the queue is the order of the `swap`s on `tail`, and a thread
// returns from `lock` only when the queue was empty (`swap` returned null) or its
// predecessor cleared its `locked` flag in `unlock`, which the predecessor does exactly
// once, after its critical section. acquire/release: every hand-over is a Release write
// (`locked = false`, or `tail = null`) read by the next owner with Acquire.
unsafe impl RawLock for McsLock {
    fn new() -> Self {
        Self::default()
    }

    fn lock(&self) {
        let node = Node::take();
        // The doorway. Release: a successor that swaps after us gets `node` and writes
        // `(*node).next`, so it must see the node's initialisation. Acquire: we either get
        // null (the lock was free: synchronise with the unlock that emptied the queue) or
        // a predecessor whose node we are about to write (see its initialisation).
        let prev = self.tail.swap(node, AcqRel);
        if !prev.is_null() {
            // SAFETY: `prev` stays allocated until its owner's `unlock` has handed the lock
            // to us, which it cannot do before it reads the link stored here.
            // Release: the predecessor reads this link with Acquire and then writes our
            // `locked` flag, so it must see our node initialised.
            unsafe { (*prev).next.store(node, Release) };
            // Constant-rate polling, then yielding: see `SpinWait` (the whole queue waits
            // until we notice the hand-over, so no growing backoff).
            let wait = SpinWait::new();
            // SAFETY: `node` is ours; nobody frees it before our own `unlock`.
            // Acquire: pairs with the predecessor's Release clear of our flag, so its
            // critical section happens before ours.
            while unsafe { (*node).locked.load(Acquire) } {
                wait.wait();
            }
        }
        self.set_owner(node);
    }

    fn try_lock(&self) -> bool {
        // Relaxed pre-check: don't allocate when the lock is visibly taken.
        if !self.tail.load(Relaxed).is_null() {
            return false;
        }
        let node = Node::take();
        // Take the lock only if the queue is empty. AcqRel on success, as for the swap in
        // `lock`; a failed CAS took nothing (Relaxed).
        match self
            .tail
            .compare_exchange(ptr::null_mut(), node, AcqRel, Relaxed)
        {
            Ok(_) => {
                self.set_owner(node);
                true
            }
            Err(_) => {
                // SAFETY: the node was never published; we still own it.
                unsafe { Node::give_back(node) };
                false
            }
        }
    }

    unsafe fn unlock(&self) {
        // Release: hands our critical section to the successor's Acquire load of `locked`.
        // SAFETY: the caller holds the lock (contract of `unlock`).
        unsafe { self.unlock_handing_over(Release) }
    }

    fn is_locked(&self) -> bool {
        !self.tail.load(Relaxed).is_null()
    }
}

impl FifoLock for McsLock {
    fn last_arrival(&self) -> usize {
        // Addresses of queued nodes are distinct while they are queued, so the tail's
        // address changes with every arrival (a freed node's address may be reused later,
        // which is fine for a check that only holds the lock while others queue).
        self.tail.load(Relaxed) as usize
    }
}

impl Drop for McsLock {
    fn drop(&mut self) {
        // A lock dropped while held (its guard leaked with `mem::forget`) still owns the
        // owner's node; free it. With `&mut self` nobody can be queued, so a Relaxed load
        // is exact (`get_mut` would do, but loom's atomics lack it).
        let tail = self.tail.load(Relaxed);
        if !tail.is_null() {
            // SAFETY: exclusive access; the only node left is the owner's, allocated by
            // `Node::take` and not yet freed.
            drop(unsafe { Box::from_raw(tail) });
        }
    }
}
