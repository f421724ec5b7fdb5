//! loom's blocking primitives, each blocking call run through
//! [`blocking`](super::deadlock::blocking) so that a deadlock is reported, not an abort.
//!
//! Each type is a newtype over loom's with the same methods; the guards are loom's own.
//! Every blocking method is `#[track_caller]`, so a deadlock report names the line of the
//! primitive that blocked.

use super::deadlock::{Target, blocking};
use std::sync::{LockResult, TryLockResult};

pub use ::loom::sync::{MutexGuard, RwLockReadGuard, RwLockWriteGuard};

/// The address of a lock or condition variable, to tell two apart in a deadlock report.
fn address<T: ?Sized>(object: &T) -> Target {
    Target::Object(std::ptr::from_ref(object).cast::<()>().addr())
}

/// loom's `Mutex`; `lock` reports a deadlock instead of aborting.
#[derive(Debug, Default)]
pub struct Mutex<T: ?Sized>(::loom::sync::Mutex<T>);

impl<T> Mutex<T> {
    /// A new mutex holding `data`.
    pub fn new(data: T) -> Self {
        Self(::loom::sync::Mutex::new(data))
    }

    /// The data, given the mutex by value.
    pub fn into_inner(self) -> LockResult<T> {
        self.0.into_inner()
    }
}

impl<T: ?Sized> Mutex<T> {
    /// As `std`'s `lock`.
    #[track_caller]
    pub fn lock(&self) -> LockResult<MutexGuard<'_, T>> {
        blocking("Mutex::lock", address(self), || self.0.lock())
    }

    /// As `std`'s `try_lock` (it never blocks).
    #[track_caller]
    pub fn try_lock(&self) -> TryLockResult<MutexGuard<'_, T>> {
        self.0.try_lock()
    }

    /// The data, given the mutex by unique reference.
    pub fn get_mut(&mut self) -> LockResult<&mut T> {
        self.0.get_mut()
    }
}

impl<T> From<T> for Mutex<T> {
    fn from(data: T) -> Self {
        Self::new(data)
    }
}

/// loom's `Condvar`; `wait` reports a deadlock instead of aborting.
#[derive(Debug, Default)]
pub struct Condvar(::loom::sync::Condvar);

impl Condvar {
    /// A new condition variable.
    pub fn new() -> Self {
        Self(::loom::sync::Condvar::new())
    }

    /// As `std`'s `wait`.
    #[track_caller]
    pub fn wait<'a, T>(&self, guard: MutexGuard<'a, T>) -> LockResult<MutexGuard<'a, T>> {
        blocking("Condvar::wait", address(self), || self.0.wait(guard))
    }

    /// As `std`'s `wait_timeout`; under loom it never times out.
    #[track_caller]
    pub fn wait_timeout<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        timeout: std::time::Duration,
    ) -> LockResult<(MutexGuard<'a, T>, ::loom::sync::WaitTimeoutResult)> {
        blocking("Condvar::wait_timeout", address(self), || {
            self.0.wait_timeout(guard, timeout)
        })
    }

    /// As `std`'s `notify_one`.
    #[track_caller]
    pub fn notify_one(&self) {
        self.0.notify_one();
    }

    /// As `std`'s `notify_all`.
    #[track_caller]
    pub fn notify_all(&self) {
        self.0.notify_all();
    }
}

/// loom's `RwLock`; `read` and `write` report a deadlock instead of aborting.
#[derive(Debug, Default)]
pub struct RwLock<T: ?Sized>(::loom::sync::RwLock<T>);

impl<T> RwLock<T> {
    /// A new lock holding `data`.
    pub fn new(data: T) -> Self {
        Self(::loom::sync::RwLock::new(data))
    }

    /// The data, given the lock by value.
    pub fn into_inner(self) -> LockResult<T> {
        self.0.into_inner()
    }
}

impl<T: ?Sized> RwLock<T> {
    /// As `std`'s `read`.
    #[track_caller]
    pub fn read(&self) -> LockResult<RwLockReadGuard<'_, T>> {
        blocking("RwLock::read", address(self), || self.0.read())
    }

    /// As `std`'s `write`.
    #[track_caller]
    pub fn write(&self) -> LockResult<RwLockWriteGuard<'_, T>> {
        blocking("RwLock::write", address(self), || self.0.write())
    }

    /// As `std`'s `try_read` (it never blocks).
    pub fn try_read(&self) -> TryLockResult<RwLockReadGuard<'_, T>> {
        self.0.try_read()
    }

    /// As `std`'s `try_write` (it never blocks).
    pub fn try_write(&self) -> TryLockResult<RwLockWriteGuard<'_, T>> {
        self.0.try_write()
    }

    /// The data, given the lock by unique reference.
    pub fn get_mut(&mut self) -> LockResult<&mut T> {
        self.0.get_mut()
    }
}

impl<T> From<T> for RwLock<T> {
    fn from(data: T) -> Self {
        Self::new(data)
    }
}

/// loom's `JoinHandle`; `join` reports a deadlock instead of aborting.
#[derive(Debug)]
pub struct JoinHandle<T>(::loom::thread::JoinHandle<T>);

impl<T> JoinHandle<T> {
    /// As `std`'s `join`.
    #[track_caller]
    pub fn join(self) -> std::thread::Result<T> {
        let target = Target::Thread(self.0.thread().id());
        blocking("JoinHandle::join", target, || self.0.join())
    }

    /// The thread it joins.
    pub fn thread(&self) -> &::loom::thread::Thread {
        self.0.thread()
    }
}

/// As `std`'s `thread::spawn`.
#[track_caller]
pub fn spawn<F, T>(f: F) -> JoinHandle<T>
where
    F: FnOnce() -> T + 'static,
    T: 'static,
{
    JoinHandle(::loom::thread::spawn(f))
}

/// As `std`'s `thread::park`.
#[track_caller]
pub fn park() {
    blocking("thread::park", Target::Unpark, ::loom::thread::park);
}
