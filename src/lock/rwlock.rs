//! The safe reader-writer wrapper: `RwLock<R, T>` turns any [`RawRwLock`] into a
//! reader-writer lock with RAII guards, as [`Mutex<R, T>`](super::Mutex) does for a
//! [`RawLock`].

use super::{RawRwLock, rt};
use rt::cell::UnsafeCell;
use std::fmt;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

/// A reader-writer lock protecting a `T`, built on the raw lock `R`: many readers or one
/// writer.
///
/// Whether readers or writers go first is `R`'s policy. [`ParkingRwLock`] prefers
/// writers: once a writer waits, new readers wait too, so never take a second read lock
/// while holding one (a writer that arrives in between waits for the first, and the
/// second waits for the writer).
///
/// No poisoning: a panic while a guard is held releases the lock (the guard's `Drop`
/// runs during unwinding) and the next owner sees the data as the panic left it.
///
/// ```
/// use synclab::lock::{ParkingRwLock, RwLock};
///
/// let config = RwLock::<ParkingRwLock, _>::new(vec![1, 2]);
/// std::thread::scope(|s| {
///     s.spawn(|| assert!(config.read().len() >= 2)); // readers share
///     s.spawn(|| assert!(config.read().len() >= 2));
///     s.spawn(|| config.write().push(3)); // a writer is alone
/// });
/// assert_eq!(config.into_inner(), [1, 2, 3]);
/// ```
///
/// [`ParkingRwLock`]: super::ParkingRwLock
pub struct RwLock<R, T: ?Sized> {
    raw: R,
    data: UnsafeCell<T>,
}

// SAFETY: the raw lock keeps a writer alone and lets readers share, with acquire/release
// between each unlock and the acquisitions it excluded (`RawRwLock`'s contract). Readers
// on several threads hold `&T` at the same time, which needs `T: Sync`; a writer holds
// `&mut T` on whatever thread it runs, so the value moves between threads: `T: Send`.
// (As for `std::sync::RwLock`.) `Send` is derived automatically from `R: Send` and
// `T: Send`.
unsafe impl<R: RawRwLock, T: ?Sized + Send + Sync> Sync for RwLock<R, T> {}

impl<R: RawRwLock, T> RwLock<R, T> {
    /// A new, unlocked lock holding `value`.
    pub fn new(value: T) -> Self {
        Self {
            raw: R::new(),
            data: UnsafeCell::new(value),
        }
    }

    /// Consumes the lock and returns the data (no locking needed: we own it).
    pub fn into_inner(self) -> T {
        self.data.into_inner()
    }
}

impl<R: RawRwLock, T: ?Sized> RwLock<R, T> {
    /// Shared access, waiting as long as it takes; the guard releases the read lock when
    /// dropped.
    pub fn read(&self) -> RwLockReadGuard<'_, R, T> {
        self.raw.lock_shared();
        // SAFETY: `lock_shared` just returned, so this thread holds a read lock.
        unsafe { RwLockReadGuard::new(self) }
    }

    /// Shared access if no waiting is needed.
    pub fn try_read(&self) -> Option<RwLockReadGuard<'_, R, T>> {
        if self.raw.try_lock_shared() {
            // SAFETY: `try_lock_shared` returned true, so this thread holds a read lock.
            Some(unsafe { RwLockReadGuard::new(self) })
        } else {
            None
        }
    }

    /// Exclusive access, waiting until no reader or writer holds the lock; the guard
    /// releases the write lock when dropped.
    pub fn write(&self) -> RwLockWriteGuard<'_, R, T> {
        self.raw.lock();
        // SAFETY: `lock` just returned, so this thread holds the write lock.
        unsafe { RwLockWriteGuard::new(self) }
    }

    /// Exclusive access if no waiting is needed.
    pub fn try_write(&self) -> Option<RwLockWriteGuard<'_, R, T>> {
        if self.raw.try_lock() {
            // SAFETY: `try_lock` returned true, so this thread holds the write lock.
            Some(unsafe { RwLockWriteGuard::new(self) })
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

    /// Whether the lock is held right now, in either mode (a snapshot, see
    /// [`RawLock::is_locked`]).
    ///
    /// [`RawLock::is_locked`]: super::RawLock::is_locked
    pub fn is_locked(&self) -> bool {
        self.raw.is_locked()
    }

    /// The raw lock (for its snapshots, such as [`ParkingRwLock::writers_waiting`]).
    /// Locking it directly is allowed; unlocking it is `unsafe` and must follow
    /// [`RawLock::unlock`]'s and [`RawRwLock::unlock_shared`]'s contracts.
    ///
    /// [`ParkingRwLock::writers_waiting`]: super::ParkingRwLock::writers_waiting
    /// [`RawLock::unlock`]: super::RawLock::unlock
    pub fn raw(&self) -> &R {
        &self.raw
    }
}

impl<R: RawRwLock, T: Default> Default for RwLock<R, T> {
    fn default() -> Self {
        Self::new(T::default())
    }
}

impl<R: RawRwLock, T> From<T> for RwLock<R, T> {
    fn from(value: T) -> Self {
        Self::new(value)
    }
}

impl<R: RawRwLock, T: ?Sized + fmt::Debug> fmt::Debug for RwLock<R, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("RwLock");
        match self.try_read() {
            Some(guard) => d.field("data", &&*guard),
            None => d.field("data", &format_args!("<locked>")),
        };
        d.finish_non_exhaustive()
    }
}

/// Proof that the current thread holds a read lock on an [`RwLock`]: dereferences to the
/// data, and releases the read lock when dropped (also when a panic unwinds through it).
///
/// Not `Send`: the lock is released by the thread that took it, as with `std`.
#[must_use = "the lock is released as soon as the guard is dropped"]
pub struct RwLockReadGuard<'a, R: RawRwLock, T: ?Sized> {
    lock: &'a RwLock<R, T>,
    /// `*const ()` is neither `Send` nor `Sync`; `Sync` is granted below.
    _not_send: PhantomData<*const ()>,
}

// SAFETY: a shared `&RwLockReadGuard` only gives out `&T` (through `Deref`), so sharing
// the guard between threads is sharing `&T`: sound exactly when `T: Sync`.
unsafe impl<R: RawRwLock, T: ?Sized + Sync> Sync for RwLockReadGuard<'_, R, T> {}

impl<'a, R: RawRwLock, T: ?Sized> RwLockReadGuard<'a, R, T> {
    /// # Safety
    /// The calling thread must hold a read lock on `lock.raw`; the guard takes over
    /// releasing it.
    unsafe fn new(lock: &'a RwLock<R, T>) -> Self {
        Self {
            lock,
            _not_send: PhantomData,
        }
    }
}

impl<R: RawRwLock, T: ?Sized> Deref for RwLockReadGuard<'_, R, T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: the guard proves this thread holds a read lock, so no writer runs until
        // the guard is dropped, which the returned borrow cannot outlive; other readers
        // only read.
        unsafe { &*self.lock.data.with(|p| p) }
    }
}

impl<R: RawRwLock, T: ?Sized> Drop for RwLockReadGuard<'_, R, T> {
    fn drop(&mut self) {
        // SAFETY: the guard exists only while this thread holds this read lock, and it is
        // dropped once.
        unsafe { self.lock.raw.unlock_shared() };
    }
}

impl<R: RawRwLock, T: ?Sized + fmt::Debug> fmt::Debug for RwLockReadGuard<'_, R, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<R: RawRwLock, T: ?Sized + fmt::Display> fmt::Display for RwLockReadGuard<'_, R, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

/// Proof that the current thread holds the write lock on an [`RwLock`]: dereferences
/// (mutably) to the data, and releases the write lock when dropped (also when a panic
/// unwinds through it).
///
/// Not `Send`: the lock is released by the thread that took it, as with `std`.
#[must_use = "the lock is released as soon as the guard is dropped"]
pub struct RwLockWriteGuard<'a, R: RawRwLock, T: ?Sized> {
    lock: &'a RwLock<R, T>,
    /// `*const ()` is neither `Send` nor `Sync`; `Sync` is granted below.
    _not_send: PhantomData<*const ()>,
}

// SAFETY: a shared `&RwLockWriteGuard` only gives out `&T` (through `Deref`), so sharing
// the guard between threads is sharing `&T`: sound exactly when `T: Sync`.
unsafe impl<R: RawRwLock, T: ?Sized + Sync> Sync for RwLockWriteGuard<'_, R, T> {}

impl<'a, R: RawRwLock, T: ?Sized> RwLockWriteGuard<'a, R, T> {
    /// # Safety
    /// The calling thread must hold the write lock on `lock.raw`; the guard takes over
    /// releasing it.
    unsafe fn new(lock: &'a RwLock<R, T>) -> Self {
        Self {
            lock,
            _not_send: PhantomData,
        }
    }
}

impl<R: RawRwLock, T: ?Sized> Deref for RwLockWriteGuard<'_, R, T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: the guard proves this thread holds the write lock, so no other thread
        // accesses the data until the guard is dropped, which the borrow cannot outlive.
        unsafe { &*self.lock.data.with(|p| p) }
    }
}

impl<R: RawRwLock, T: ?Sized> DerefMut for RwLockWriteGuard<'_, R, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `deref`; `&mut self` makes this the only borrow through the guard.
        unsafe { &mut *self.lock.data.with_mut(|p| p) }
    }
}

impl<R: RawRwLock, T: ?Sized> Drop for RwLockWriteGuard<'_, R, T> {
    /// Releases the write lock. Every access through the guard is a borrow of the guard,
    /// so it has ended before this runs.
    fn drop(&mut self) {
        // SAFETY: the guard exists only while this thread holds the write lock, and it is
        // dropped once.
        unsafe { self.lock.raw.unlock() };
    }
}

impl<R: RawRwLock, T: ?Sized + fmt::Debug> fmt::Debug for RwLockWriteGuard<'_, R, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<R: RawRwLock, T: ?Sized + fmt::Display> fmt::Display for RwLockWriteGuard<'_, R, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}
