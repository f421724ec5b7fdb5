//! Atomics, fences and `UnsafeCell` for the loom and shuttle flavours that report every
//! access to [`crate::trace`], so that a failing execution can be printed step by step.
//!
//! Each wrapper is a newtype over the checker's own type with the same methods; every
//! method is `#[track_caller]`, so the step names the line of the primitive that made the
//! access (and loom's own `LOOM_LOCATION` still points there too). While recording is off
//! a method costs one thread-local read on top of the checker's own bookkeeping. Each step
//! carries the atomic's address, what a load read and what a write wrote, so that the
//! table can say which store a load read from ([`access`](super::access)); an atomic that
//! is dropped says so, because a later one at the same address is another atomic.
//!
//! Which of the checker's operations carries out each call is the flavour's choice,
//! `express` in the generated module ([`express`](super::express)): the shuttle flavour
//! calls the operation of the same name, the loom flavour expresses some differently so
//! that loom explores what C11 allows ([`loom_c11`](super::loom_c11)). The step records
//! the call as the primitive made it.

/// The methods every atomic has: `new`, `load`, `store`, `swap`, the CAS pair,
/// `fetch_update`, `into_inner`.
macro_rules! common_methods {
    ($backend:ty, $t:ty, $thread:path) => {
        /// A new atomic holding `v`.
        #[track_caller]
        pub fn new(v: $t) -> Self {
            Self(<$backend>::new(v))
        }

        /// The value, as `std`'s `load`.
        #[track_caller]
        pub fn load(&self, order: Ordering) -> $t {
            let v = express::load(order, |o| self.0.load(o));
            record($thread, || Access::load(self, format!("{order:?}"), &v));
            v
        }

        /// Writes `v`, as `std`'s `store`.
        #[track_caller]
        pub fn store(&self, v: $t, order: Ordering) {
            express::store(order, |o| self.0.store(v, o), |o| {
                self.0.swap(v, o);
            });
            record($thread, || Access::store(self, format!("{order:?}"), &v));
        }

        /// Writes `v` and returns the previous value, as `std`'s `swap`.
        #[track_caller]
        pub fn swap(&self, v: $t, order: Ordering) -> $t {
            let old = express::rmw(order, |o| self.0.swap(v, o));
            record($thread, || Access::rmw("swap", self, format!("{order:?}"), &old, &v));
            old
        }

        cas_methods!($t, $thread; compare_exchange => "cas", compare_exchange_weak => "cas_weak");

        /// As `std`'s `fetch_update` (recorded as one step: the checker runs it as a CAS loop).
        #[track_caller]
        pub fn fetch_update<F>(
            &self,
            set_order: Ordering,
            fetch_order: Ordering,
            mut f: F,
        ) -> Result<$t, $t>
        where
            F: FnMut($t) -> Option<$t>,
        {
            // What `f` returned last is what was written, if the update happened.
            let mut last = None;
            let result = express::cas(set_order, fetch_order, |set, fetch| {
                self.0.fetch_update(set, fetch, |v| {
                    last = f(v);
                    last
                })
            });
            record($thread, || {
                let ordering = format!("{set_order:?}/{fetch_order:?}");
                match (result, last) {
                    (Ok(old), Some(new)) => Access::rmw("fetch_update", self, ordering, &old, &new),
                    (Err(seen), _) | (Ok(seen), None) => {
                        let text = format!("not updated: saw {}", seen.shown());
                        Access::failed("fetch_update", self, ordering, &seen, text)
                    }
                }
            });
            result
        }

        /// The value, given the atomic by value.
        pub fn into_inner(self) -> $t {
            $crate::trace::freed(address(&self));
            let this = ::std::mem::ManuallyDrop::new(self);
            // SAFETY: `this` is never dropped (ManuallyDrop) nor used again, so the inner
            // atomic is moved out of it exactly once.
            let inner = unsafe { ::std::ptr::read(&this.0) };
            inner.into_inner()
        }
    };
}

/// The compare-exchange pair (loom and shuttle never fail the weak one spuriously), each
/// recorded as `0 → 1` on success or `failed: saw 1, wanted 0`.
macro_rules! cas_methods {
    ($t:ty, $thread:path; $($name:ident => $op:literal),*) => {$(
        #[doc = concat!("As `std`'s `", stringify!($name), "`.")]
        #[track_caller]
        pub fn $name(
            &self,
            current: $t,
            new: $t,
            success: Ordering,
            failure: Ordering,
        ) -> Result<$t, $t> {
            let result = express::cas(success, failure, |s, f| self.0.$name(current, new, s, f));
            record($thread, || match result {
                Ok(_) => Access::rmw($op, self, format!("{success:?}"), &current, &new),
                Err(seen) => {
                    let text = format!("failed: saw {}, wanted {}", seen.shown(), current.shown());
                    Access::failed($op, self, format!("{failure:?}"), &seen, text)
                }
            });
            result
        }
    )*};
}

/// Read-modify-write methods that return the previous value: `fetch_add(v, order)`, ...
/// Each is recorded as `old → new`, with the value it wrote computed by `$new`.
macro_rules! rmw_methods {
    ($t:ty, $thread:path; $($name:ident => |$old:ident, $v:ident| $new:expr;)*) => {$(
        #[doc = concat!("As `std`'s `", stringify!($name), "`.")]
        #[track_caller]
        pub fn $name(&self, $v: $t, order: Ordering) -> $t {
            let $old = express::rmw(order, |o| self.0.$name($v, o));
            let new = $new;
            let ordering = || format!("{order:?}");
            record($thread, || Access::rmw(stringify!($name), self, ordering(), &$old, &new));
            $old
        }
    )*};
}

/// A traced atomic notes when it is dropped: an atomic created later at the same address
/// is another one, with its own stores.
macro_rules! freed_on_drop {
    ($ty:ty $(, $param:ident)?) => {
        impl$(<$param>)? Drop for $ty {
            fn drop(&mut self) {
                $crate::trace::freed(address(self));
            }
        }
    };
}

/// The traced atomics and `UnsafeCell` of one flavour: `$atomic` is the checker's atomic
/// module, `$cell` its `UnsafeCell`, `$thread` the flavour's thread-number function,
/// `$express` how each call becomes the checker's operations (a module of
/// [`express`](super::express)'s shape).
macro_rules! traced_flavour {
    ($atomic:path, $cell:ty, $thread:path, $express:path) => {
        /// Atomics that record each access for [`crate::trace`].
        pub mod atomic {
            use $atomic as backend;
            use $express as express;
            use $crate::rt_shared::access::{Access, Shown as _, address, record};
            pub use backend::Ordering;

            /// A fence, as `std`'s `fence`: a row of its own in the trace.
            #[track_caller]
            pub fn fence(order: Ordering) {
                backend::fence(order);
                record($thread, || Access::plain("fence", format!("{order:?}")));
            }

            traced_flavour!(@ints $thread;
                AtomicUsize usize, AtomicU64 u64, AtomicU32 u32, AtomicI64 i64, AtomicI32 i32);

            /// `AtomicBool` that records each access.
            #[derive(Debug, Default)]
            pub struct AtomicBool(backend::AtomicBool);
            freed_on_drop!(AtomicBool);
            impl AtomicBool {
                common_methods!(backend::AtomicBool, bool, $thread);
                rmw_methods!(bool, $thread;
                    fetch_and => |old, v| old & v;
                    fetch_or => |old, v| old | v;
                    fetch_xor => |old, v| old ^ v;
                );
            }

            /// `AtomicPtr` that records each access.
            #[derive(Debug)]
            pub struct AtomicPtr<T>(backend::AtomicPtr<T>);
            freed_on_drop!(AtomicPtr<T>, T);
            impl<T> AtomicPtr<T> {
                common_methods!(backend::AtomicPtr<T>, *mut T, $thread);
            }
            impl<T> Default for AtomicPtr<T> {
                fn default() -> Self {
                    Self(backend::AtomicPtr::default())
                }
            }
        }

        /// An `UnsafeCell` that records each access for [`crate::trace`].
        pub mod cell {
            /// The flavour's `UnsafeCell`, recording `cell read` / `cell write` steps.
            pub struct UnsafeCell<T: ?Sized>($cell);

            impl<T: ?Sized> ::std::fmt::Debug for UnsafeCell<T> {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str("UnsafeCell { .. }")
                }
            }

            impl<T> UnsafeCell<T> {
                /// Wraps `data`.
                #[track_caller]
                pub fn new(data: T) -> Self {
                    Self(<$cell>::new(data))
                }

                /// Unwraps the value.
                pub fn into_inner(self) -> T {
                    self.0.into_inner()
                }
            }

            impl<T: ?Sized> UnsafeCell<T> {
                /// Gives `f` a shared raw pointer to the contents (see the std flavour).
                #[track_caller]
                pub fn with<R>(&self, f: impl FnOnce(*const T) -> R) -> R {
                    use $crate::rt_shared::access::{Access, record};
                    record($thread, || Access::plain("cell read", String::new()));
                    self.0.with(f)
                }

                /// Gives `f` a mutable raw pointer to the contents (see the std flavour).
                #[track_caller]
                pub fn with_mut<R>(&self, f: impl FnOnce(*mut T) -> R) -> R {
                    use $crate::rt_shared::access::{Access, record};
                    record($thread, || Access::plain("cell write", String::new()));
                    self.0.with_mut(f)
                }
            }

            impl<T: Default> Default for UnsafeCell<T> {
                fn default() -> Self {
                    Self::new(T::default())
                }
            }
        }
    };
    (@ints $thread:path; $($name:ident $t:ty),*) => {$(
        #[doc = concat!("`", stringify!($name), "` that records each access.")]
        #[derive(Debug, Default)]
        pub struct $name(backend::$name);
        freed_on_drop!($name);
        impl $name {
            common_methods!(backend::$name, $t, $thread);
            rmw_methods!($t, $thread;
                fetch_add => |old, v| old.wrapping_add(v);
                fetch_sub => |old, v| old.wrapping_sub(v);
                fetch_and => |old, v| old & v;
                fetch_or => |old, v| old | v;
                fetch_xor => |old, v| old ^ v;
                fetch_max => |old, v| old.max(v);
                fetch_min => |old, v| old.min(v);
            );
        }
    )*};
}
