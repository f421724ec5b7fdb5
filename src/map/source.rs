//! Where a map's items come from: [`Borrowed`] (a slice; the closure gets `&T`) or
//! [`Owned`] (a buffer the items are moved out of, each exactly once).

use std::mem::{self, ManuallyDrop};
use std::ops::Range;
use std::ptr;

/// Where the items come from: borrowed (a slice) or owned (moved into the closure).
pub(super) trait Source: Sync {
    type Item;
    /// Whether items never taken must be dropped by the driver.
    const DISCARDS: bool;

    fn len(&self) -> usize;

    /// Item `i`.
    ///
    /// # Safety
    /// `i < len()`, and (for owned items) each `i` is taken at most once and never
    /// discarded.
    unsafe fn take(&self, i: usize) -> Self::Item;

    /// Drops the items in `range`.
    ///
    /// # Safety
    /// `range` lies inside `0..len()`, and none of its items was taken or discarded.
    unsafe fn discard(&self, range: Range<usize>);
}

/// A borrowed slice: the closure gets `&T`.
pub(super) struct Borrowed<'a, T>(&'a [T]);

impl<'a, T> Borrowed<'a, T> {
    pub(super) fn new(items: &'a [T]) -> Self {
        Self(items)
    }
}

impl<'a, T: Sync> Source for Borrowed<'a, T> {
    type Item = &'a T;
    const DISCARDS: bool = false;

    fn len(&self) -> usize {
        self.0.len()
    }

    #[inline]
    unsafe fn take(&self, i: usize) -> &'a T {
        // SAFETY: the caller guarantees `i < len()`.
        unsafe { self.0.get_unchecked(i) }
    }

    unsafe fn discard(&self, _: Range<usize>) {}
}

/// Owned items, moved out of their buffer one by one: the closure gets `T`.
pub(super) struct Owned<T> {
    ptr: *mut T,
    len: usize,
    capacity: usize,
}

impl<T> Owned<T> {
    pub(super) fn new(items: Vec<T>) -> Self {
        let mut items = ManuallyDrop::new(items);
        Self {
            ptr: items.as_mut_ptr(),
            len: items.len(),
            capacity: items.capacity(),
        }
    }
}

// SAFETY: tasks take distinct items (disjoint chunks), each moving its `T` to the thread
// that runs the closure: sharing the buffer is sending its items, hence `T: Send`.
unsafe impl<T: Send> Sync for Owned<T> {}

impl<T: Send> Source for Owned<T> {
    type Item = T;
    const DISCARDS: bool = mem::needs_drop::<T>();

    fn len(&self) -> usize {
        self.len
    }

    #[inline]
    unsafe fn take(&self, i: usize) -> T {
        // SAFETY: `i < len` and item `i` is still in the buffer, read out exactly once
        // (the caller's contract); the buffer no longer owns it afterwards.
        unsafe { self.ptr.add(i).read() }
    }

    unsafe fn discard(&self, range: Range<usize>) {
        // SAFETY: the range is in bounds and its items are still owned by the buffer.
        unsafe {
            ptr::drop_in_place(ptr::slice_from_raw_parts_mut(
                self.ptr.add(range.start),
                range.len(),
            ))
        }
    }
}

impl<T> Drop for Owned<T> {
    fn drop(&mut self) {
        // SAFETY: `ptr` and `capacity` come from a `Vec<T>` that was never freed; length 0
        // because every item was taken or discarded by the driver (or, if a broken
        // strategy made the accounting impossible, deliberately leaked).
        unsafe { drop(Vec::from_raw_parts(self.ptr, 0, self.capacity)) }
    }
}
