//! [`TreiberStack`]: Treiber's lock-free LIFO stack, with popped nodes retired until the
//! stack is dropped.
//!
//! The stack is a singly linked list whose top is one `AtomicPtr`. A push links a new
//! node to the current top and swings the top to it with a `compare_exchange`; a pop
//! swings the top from a node to that node's successor. A failed `compare_exchange`
//! means another thread moved the top first: read it again and retry.
//!
//! | access | ordering | why |
//! |---|---|---|
//! | push's `compare_exchange` | `Release` | the node (its value and `next`) is written before another thread can reach it |
//! | pop's load of the top and `compare_exchange` | `Acquire` | pairs with the push: the node's `next` and value are visible |
//!
//! **Reclamation.** A pop cannot free the node it took: another pop may have loaded the
//! same top a moment earlier and be about to read its `next`. Worse, if the node's memory
//! were reused for a new node pushed later, that pop's `compare_exchange` would find "the
//! same" top and succeed on a stale `next` (the ABA problem). So popped nodes are
//! *retired*: kept in a list, freed when the stack is dropped, when no thread can be
//! reading one. No address is reused while the stack lives, so there is no ABA, and no
//! node is read after it is freed. The cost is memory that grows with the pops: a
//! reference for checking, where stacks live for one scenario; a production stack frees
//! nodes through epochs (`crossbeam-epoch`) or hazard pointers instead.

use super::{ConcurrentStack, rt};
use rt::cell::UnsafeCell;
use rt::sync::Mutex;
use rt::sync::atomic::{
    AtomicPtr,
    Ordering::{Acquire, Relaxed, Release},
};
use std::ptr;

struct Node<T> {
    /// Taken by the pop whose `compare_exchange` unlinked the node.
    value: UnsafeCell<Option<T>>,
    /// Written before the node is published, never again.
    next: *mut Node<T>,
}

/// An unbounded lock-free LIFO stack.
///
/// ```
/// use synclab::collections::TreiberStack;
///
/// let s = TreiberStack::new();
/// s.push(1).unwrap();
/// s.push(2).unwrap();
/// assert_eq!((s.pop(), s.pop(), s.pop()), (Some(2), Some(1), None));
/// ```
pub struct TreiberStack<T> {
    top: AtomicPtr<Node<T>>,
    /// Popped nodes, freed on drop (see the module docs).
    retired: Mutex<Vec<*mut Node<T>>>,
}

// SAFETY: the stack owns its nodes and their values, handing values between threads
// (`T: Send`); nodes are reached through the atomic top, or the retired list's lock.
unsafe impl<T: Send> Send for TreiberStack<T> {}
// SAFETY: as above; a value is taken only by the one pop that unlinked its node.
unsafe impl<T: Send> Sync for TreiberStack<T> {}

impl<T> Default for TreiberStack<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> TreiberStack<T> {
    /// An empty stack.
    pub fn new() -> Self {
        TreiberStack {
            top: AtomicPtr::new(ptr::null_mut()),
            retired: Mutex::new(Vec::new()),
        }
    }

    /// Pushes `value` on top. Never full: always `Ok`.
    pub fn push(&self, value: T) -> Result<(), T> {
        let node = Box::into_raw(Box::new(Node {
            value: UnsafeCell::new(Some(value)),
            next: ptr::null_mut(),
        }));
        let mut top = self.top.load(Relaxed);
        loop {
            // SAFETY: the node is ours until the compare_exchange below publishes it.
            unsafe { (*node).next = top };
            match (self.top).compare_exchange_weak(top, node, Release, Relaxed) {
                Ok(_) => return Ok(()),
                Err(now) => top = now,
            }
        }
    }

    /// Pops the top value, if any.
    pub fn pop(&self) -> Option<T> {
        let mut top = self.top.load(Acquire);
        loop {
            if top.is_null() {
                return None;
            }
            // SAFETY: `top` was pushed (we acquired its publication) and is alive: nodes
            // are freed only when the stack is dropped. `next` never changes after a push.
            let next = unsafe { (*top).next };
            match (self.top).compare_exchange_weak(top, next, Acquire, Acquire) {
                Ok(_) => break,
                Err(now) => top = now,
            }
        }
        // SAFETY: our compare_exchange unlinked `top`, so no other pop can win it and take
        // its value; its value was written before it was published, which we acquired.
        let value = unsafe { (*top).value.with_mut(|value| (*value).take()) };
        self.retired.lock().unwrap().push(top);
        value
    }
}

impl<T> Drop for TreiberStack<T> {
    fn drop(&mut self) {
        let mut node = self.top.load(Relaxed);
        while !node.is_null() {
            // SAFETY: `&mut self`: no thread uses the stack; every linked node came from
            // `Box::into_raw` and is on the list once.
            let boxed = unsafe { Box::from_raw(node) };
            node = boxed.next;
        }
        for node in self.retired.lock().unwrap().drain(..) {
            // SAFETY: a retired node was unlinked once (by the pop that retired it), so it
            // is not on the list above, and it is freed once, here.
            drop(unsafe { Box::from_raw(node) });
        }
    }
}

impl<T: Send> ConcurrentStack<T> for TreiberStack<T> {
    fn push(&self, value: T) -> Result<(), T> {
        TreiberStack::push(self, value)
    }
    fn pop(&self) -> Option<T> {
        TreiberStack::pop(self)
    }
}
