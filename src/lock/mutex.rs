//! The one safe wrapper: `Mutex<R, T>` turns any [`RawLock`] into a mutex with an RAII
//! guard.

use super::{RawLock, rt};
use rt::cell::UnsafeCell;
use std::fmt;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

/// A mutual-exclusion lock protecting a `T`, built on the raw lock `R`.
///
/// No poisoning: a panic while the guard is held releases the lock (the guard's `Drop`
/// runs during unwinding) and the next owner sees the data as the panic left it.
///
/// ```
/// use synclab::lock::{Mutex, TtasLock};
///
/// let total = Mutex::<TtasLock, u64>::new(0);
/// std::thread::scope(|s| {
///     for _ in 0..4 {
///         s.spawn(|| (0..1000).for_each(|_| *total.lock() += 1));
///     }
/// });
/// assert_eq!(total.into_inner(), 4000);
/// ```
pub struct Mutex<R, T: ?Sized> {
    raw: R,
    data: UnsafeCell<T>,
}

// SAFETY: the raw lock gives mutual exclusion and acquire/release ordering (`RawLock`'s
// contract), so at most one thread at a time reaches `data`, and each sees everything
// the previous owner wrote. Sharing the mutex therefore only ever moves a `T` between
// threads one owner at a time: `T: Send` is what that needs (not `T: Sync`), as for
// `std::sync::Mutex`. `Send` is derived automatically from `R: Send` and `T: Send`.
unsafe impl<R: RawLock, T: ?Sized + Send> Sync for Mutex<R, T> {}

impl<R: RawLock, T> Mutex<R, T> {
    /// A new, unlocked mutex holding `value`.
    pub fn new(value: T) -> Self {
        Self {
            raw: R::new(),
            data: UnsafeCell::new(value),
        }
    }

    /// Consumes the mutex and returns the data (no locking needed: we own it).
    pub fn into_inner(self) -> T {
        self.data.into_inner()
    }
}

impl<R: RawLock, T: ?Sized> Mutex<R, T> {
    /// Acquires the lock, waiting as long as it takes, and returns a guard that releases it
    /// when dropped.
    pub fn lock(&self) -> MutexGuard<'_, R, T> {
        self.raw.lock();
        // SAFETY: `lock` just returned, so this thread holds the lock.
        unsafe { MutexGuard::new(self) }
    }

    /// Acquires the lock if no waiting is needed.
    pub fn try_lock(&self) -> Option<MutexGuard<'_, R, T>> {
        if self.raw.try_lock() {
            // SAFETY: `try_lock` returned true, so this thread holds the lock.
            Some(unsafe { MutexGuard::new(self) })
        } else {
            None
        }
    }

    /// A mutable reference through an exclusive borrow: no locking needed.
    pub fn get_mut(&mut self) -> &mut T {
        // SAFETY: `&mut self` excludes every other access, locked or not. (Not
        // `UnsafeCell::get_mut`: loom's returns a tracked pointer, not a reference.)
        unsafe { &mut *self.data.with_mut(|p| p) }
    }

    /// Whether the lock is held right now (a snapshot, see [`RawLock::is_locked`]).
    pub fn is_locked(&self) -> bool {
        self.raw.is_locked()
    }

    /// The raw lock. Locking it directly is allowed; unlocking it is `unsafe` and must
    /// follow [`RawLock::unlock`]'s contract.
    pub fn raw(&self) -> &R {
        &self.raw
    }
}

impl<R: RawLock, T: Default> Default for Mutex<R, T> {
    fn default() -> Self {
        Self::new(T::default())
    }
}

impl<R: RawLock, T> From<T> for Mutex<R, T> {
    fn from(value: T) -> Self {
        Self::new(value)
    }
}

impl<R: RawLock, T: ?Sized + fmt::Debug> fmt::Debug for Mutex<R, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Mutex");
        match self.try_lock() {
            Some(guard) => d.field("data", &&*guard),
            None => d.field("data", &format_args!("<locked>")),
        };
        d.finish_non_exhaustive()
    }
}

/// Proof that the current thread holds a [`Mutex`]: dereferences to the data, and
/// releases the lock when dropped (also when a panic unwinds through it).
///
/// Not `Send`: the lock is released by the thread that took it, as with `std`.
#[must_use = "the lock is released as soon as the guard is dropped"]
pub struct MutexGuard<'a, R: RawLock, T: ?Sized> {
    mutex: &'a Mutex<R, T>,
    /// `*const ()` is neither `Send` nor `Sync`; `Sync` is granted below.
    _not_send: PhantomData<*const ()>,
}

// SAFETY: a shared `&MutexGuard` only gives out `&T` (through `Deref`), so sharing the
// guard between threads is sharing `&T`: sound exactly when `T: Sync`.
unsafe impl<R: RawLock, T: ?Sized + Sync> Sync for MutexGuard<'_, R, T> {}

impl<'a, R: RawLock, T: ?Sized> MutexGuard<'a, R, T> {
    /// # Safety
    /// The calling thread must hold `mutex.raw`; the guard takes over releasing it.
    unsafe fn new(mutex: &'a Mutex<R, T>) -> Self {
        Self {
            mutex,
            _not_send: PhantomData,
        }
    }

    /// Releases the lock, runs `f`, and takes the lock again before returning (also when
    /// `f` panics: the guard must hold the lock whenever it is dropped). Condition
    /// variables are built on this.
    ///
    /// ```
    /// use synclab::lock::{Mutex, TasLock};
    ///
    /// let m = Mutex::<TasLock, u32>::new(1);
    /// let mut guard = m.lock();
    /// let other = synclab::lock::MutexGuard::unlocked(&mut guard, || *m.lock() + 1);
    /// assert_eq!((*guard, other), (1, 2));
    /// ```
    pub fn unlocked<U>(this: &mut Self, f: impl FnOnce() -> U) -> U {
        /// Re-acquires on every exit path from `f`, unwinding included.
        struct Relock<'b, R: RawLock>(&'b R);
        impl<R: RawLock> Drop for Relock<'_, R> {
            fn drop(&mut self) {
                self.0.lock();
            }
        }
        // SAFETY: the guard exists, so this thread holds the lock; `Relock` takes it
        // back before the guard can be used (or dropped) again.
        unsafe { this.mutex.raw.unlock() };
        let _relock = Relock(&this.mutex.raw);
        f()
    }
}

impl<R: RawLock, T: ?Sized> Deref for MutexGuard<'_, R, T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: the guard proves this thread holds the lock, so no other thread
        // accesses the data until the guard is dropped, which the returned borrow cannot
        // outlive. (Under loom, `with` records the access and loom checks that it is
        // ordered after the previous owner's accesses.)
        unsafe { &*self.mutex.data.with(|p| p) }
    }
}

impl<R: RawLock, T: ?Sized> DerefMut for MutexGuard<'_, R, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `deref`; `&mut self` makes this the only borrow through the guard.
        unsafe { &mut *self.mutex.data.with_mut(|p| p) }
    }
}

impl<R: RawLock, T: ?Sized> Drop for MutexGuard<'_, R, T> {
    /// Releases the lock. This is the line that ends the critical section: every access
    /// through the guard is a borrow of the guard, so it has ended before this runs.
    fn drop(&mut self) {
        // SAFETY: the guard exists only while this thread holds the lock, and it is
        // dropped once.
        unsafe { self.mutex.raw.unlock() };
    }
}

impl<R: RawLock, T: ?Sized + fmt::Debug> fmt::Debug for MutexGuard<'_, R, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<R: RawLock, T: ?Sized + fmt::Display> fmt::Display for MutexGuard<'_, R, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}
