//! [`TwoLockQueue`]: Michael and Scott's two-lock FIFO queue.
//!
//! A singly linked list that always starts with a *dummy* node: the first value lives in
//! the dummy's successor. Pushes take only the tail lock and pops only the head lock, so
//! one push and one pop run at the same time; they meet only at a node's `next` pointer,
//! which is atomic:
//!
//! | field | guarded by | who touches it |
//! |---|---|---|
//! | `head` (the dummy) | the head lock | pops |
//! | `tail` (the last node) | the tail lock | pushes |
//! | a node's `next` | atomic: `Release` store by the push that links the next node, `Acquire` load by a pop | both |
//! | a node's `value` | written before the node is linked, taken by the one pop that makes the node the dummy | one thread at a time |
//!
//! (Michael and Scott, *Simple, Fast, and Practical Non-Blocking and Blocking Concurrent
//! Queue Algorithms*, PODC 1996.)

use super::{ConcurrentQueue, rt};
use rt::cell::UnsafeCell;
use rt::sync::Mutex;
use rt::sync::atomic::{
    AtomicPtr,
    Ordering::{Acquire, Release},
};
use std::ptr;

/// A node: a value (taken by the pop that makes this node the dummy) and the link to the
/// next node.
pub(super) struct Node<T> {
    pub(super) value: UnsafeCell<Option<T>>,
    pub(super) next: AtomicPtr<Node<T>>,
}

impl<T> Node<T> {
    /// A new unlinked node, on the heap, owned by the caller.
    pub(super) fn alloc(value: Option<T>) -> *mut Node<T> {
        Box::into_raw(Box::new(Node {
            value: UnsafeCell::new(value),
            next: AtomicPtr::new(ptr::null_mut()),
        }))
    }
}

/// An unbounded MPMC FIFO queue: a push and a pop never wait for each other.
///
/// ```
/// use synclab::collections::TwoLockQueue;
///
/// let q = TwoLockQueue::new();
/// q.push(1).unwrap();
/// q.push(2).unwrap();
/// assert_eq!((q.pop(), q.pop(), q.pop()), (Some(1), Some(2), None));
/// ```
pub struct TwoLockQueue<T> {
    /// The dummy node; its successor holds the head value.
    head: Mutex<*mut Node<T>>,
    /// The last node (the dummy when empty).
    tail: Mutex<*mut Node<T>>,
}

// SAFETY: the queue owns its nodes and the values in them; it hands values from the
// pushing thread to the popping one (`T: Send`), and every node is reached only under
// one of the two locks or through the atomic `next` (see the module docs).
unsafe impl<T: Send> Send for TwoLockQueue<T> {}
// SAFETY: as above: shared access goes through the locks and the atomic links.
unsafe impl<T: Send> Sync for TwoLockQueue<T> {}

impl<T> Default for TwoLockQueue<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> TwoLockQueue<T> {
    /// An empty queue: one dummy node, both ends on it.
    pub fn new() -> Self {
        let dummy = Node::alloc(None);
        TwoLockQueue {
            head: Mutex::new(dummy),
            tail: Mutex::new(dummy),
        }
    }

    /// Adds `value` at the tail. Never full: always `Ok`.
    pub fn push(&self, value: T) -> Result<(), T> {
        let node = Node::alloc(Some(value));
        let mut tail = self.tail.lock().unwrap();
        // SAFETY: under the tail lock the tail is the last linked node, and it is alive: a
        // pop frees a dummy only once the dummy has a successor, i.e. is no longer last,
        // and the push that linked that successor moved the tail to it before unlocking.
        // Release publishes the node's value to the pop that loads this link.
        unsafe { (**tail).next.store(node, Release) };
        *tail = node;
        Ok(())
    }

    /// Takes the value at the head, if any.
    pub fn pop(&self) -> Option<T> {
        let mut head = self.head.lock().unwrap();
        let dummy = *head;
        // SAFETY: the dummy is alive: only a pop frees a dummy, under this lock, after
        // moving the head past it. Acquire pairs with the push's Release.
        let next = unsafe { (*dummy).next.load(Acquire) };
        if next.is_null() {
            return None;
        }
        // SAFETY: `next` is alive (linked, not yet a dummy). Its value was written before
        // the push linked it (we acquired that link), no push touches it again, and only
        // this pop, under the head lock, takes it.
        let value = unsafe { (*next).value.with_mut(|value| (*value).take()) };
        *head = next;
        drop(head);
        // SAFETY: the old dummy came from `Box::into_raw` and is now unreachable: the head
        // has moved past it, and the tail is at `next` or later, so no push touches it
        // again (the push that linked `next` made its last access to it before we loaded
        // the link).
        drop(unsafe { Box::from_raw(dummy) });
        value
    }
}

impl<T> Drop for TwoLockQueue<T> {
    fn drop(&mut self) {
        let mut node = *self.head.lock().unwrap();
        while !node.is_null() {
            // SAFETY: `&mut self`: no other thread uses the queue; every node from the
            // dummy on came from `Box::into_raw` and is freed once, here.
            let boxed = unsafe { Box::from_raw(node) };
            node = boxed.next.load(Acquire);
        }
    }
}

impl<T: Send> ConcurrentQueue<T> for TwoLockQueue<T> {
    fn push(&self, value: T) -> Result<(), T> {
        TwoLockQueue::push(self, value)
    }
    fn pop(&self) -> Option<T> {
        TwoLockQueue::pop(self)
    }
}
