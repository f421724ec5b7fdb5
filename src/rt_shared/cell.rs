//! An `UnsafeCell` with loom's closure API, for the std and shuttle flavours.
//!
//! loom's `UnsafeCell` tracks every access and reports two unsynchronised accesses (one of
//! them a write) as a data race. To let the same source compile everywhere, the other
//! flavours get this zero-cost newtype with the same `with` / `with_mut` methods. shuttle
//! only models sequential consistency and does not track cell accesses, so it uses this
//! one too.

/// `std::cell::UnsafeCell` with loom's `with` / `with_mut` access API.
///
/// # Example
/// ```
/// use synclab::rt::cell::UnsafeCell;
///
/// let cell = UnsafeCell::new(1);
/// // SAFETY: no other reference to the cell's contents exists.
/// cell.with_mut(|p| unsafe { *p += 1 });
/// // SAFETY: no mutable access is running.
/// assert_eq!(cell.with(|p| unsafe { *p }), 2);
/// ```
#[derive(Debug, Default)]
#[repr(transparent)]
pub struct UnsafeCell<T: ?Sized>(std::cell::UnsafeCell<T>);

impl<T> UnsafeCell<T> {
    /// Wraps `data`.
    #[inline]
    pub const fn new(data: T) -> Self {
        Self(std::cell::UnsafeCell::new(data))
    }

    /// Unwraps the value.
    #[inline]
    pub fn into_inner(self) -> T {
        self.0.into_inner()
    }
}

impl<T: ?Sized> UnsafeCell<T> {
    /// Gives `f` a shared raw pointer to the contents. Dereferencing it is `unsafe`: the
    /// caller must make sure no mutable access runs at the same time.
    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(*const T) -> R) -> R {
        f(self.0.get())
    }

    /// Gives `f` a mutable raw pointer to the contents. Dereferencing it is `unsafe`: the
    /// caller must make sure no other access runs at the same time.
    #[inline]
    pub fn with_mut<R>(&self, f: impl FnOnce(*mut T) -> R) -> R {
        f(self.0.get())
    }

    /// A mutable reference through an exclusive borrow: always safe.
    #[inline]
    pub fn get_mut(&mut self) -> &mut T {
        self.0.get_mut()
    }
}
