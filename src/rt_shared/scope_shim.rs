//! `thread::scope` for the model checkers, over their `'static` spawn.
//!
//! loom has no `thread::scope`. shuttle has one, but its scoped threads may not switch
//! tasks after their closure returns (shuttle-std 0.1.5, `Scope::spawn`), so a
//! thread-local destructor that touches a shuttle atomic (a batched counter flushing its
//! thread's buffer on thread exit) leaves the thread unfinished, and joining it fails
//! with "the thread was dropped at the end of the execution, without running": a false
//! alarm on correct code. The shim is one implementation for both: it erases the borrowed
//! closure's lifetime, spawns it as a plain `'static` thread of the checker (whose exit,
//! destructors included, the checker models like any thread's), and joins every thread
//! it spawned before [`scope`] returns, also when the body unwinds. That join is what
//! makes the erasure sound, exactly as in `std::thread::scope`.
//!
//! `scope_shim!(path::to::thread)` expands to `Scope`, `ScopedJoinHandle` and `scope`
//! over that module's `spawn` and `JoinHandle`.

/// See the [module docs](self).
macro_rules! scope_shim {
    ($($thread:tt)+) => {
        use std::marker::PhantomData;
        use std::sync::{Arc, Mutex, PoisonError};

        type Handles = Mutex<Vec<Option<$($thread)+::JoinHandle<()>>>>;

        /// A scope to spawn threads that borrow from the caller (see `std::thread::Scope`).
        pub struct Scope<'scope, 'env: 'scope> {
            // A std Mutex is fine inside a model: it is never held across a model operation,
            // so it is never contended.
            handles: Handles,
            _scope: PhantomData<&'scope mut &'scope ()>,
            _env: PhantomData<&'env mut &'env ()>,
        }

        /// A handle to join one scoped thread (see `std::thread::ScopedJoinHandle`).
        pub struct ScopedJoinHandle<'scope, T> {
            handles: &'scope Handles,
            index: usize,
            result: Arc<Mutex<Option<T>>>,
        }

        /// Runs `f` with a [`Scope`]; every thread spawned in it is joined before this returns.
        pub fn scope<'env, F, T>(f: F) -> T
        where
            F: for<'scope> FnOnce(&'scope Scope<'scope, 'env>) -> T,
        {
            struct JoinAll<'a>(&'a Handles);
            impl Drop for JoinAll<'_> {
                fn drop(&mut self) {
                    // A scoped thread may spawn more threads, so loop until none is left.
                    loop {
                        let next = self
                            .0
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .iter_mut()
                            .find_map(Option::take);
                        match next {
                            // A panic in a model thread fails the whole execution, so the result can go.
                            Some(handle) => drop(handle.join()),
                            None => break,
                        }
                    }
                }
            }

            let scope = Scope {
                handles: Mutex::new(Vec::new()),
                _scope: PhantomData,
                _env: PhantomData,
            };
            let join_all = JoinAll(&scope.handles);
            let result = f(&scope);
            drop(join_all);
            result
        }

        impl<'scope> Scope<'scope, '_> {
            /// Spawns a thread that may borrow anything that outlives the scope.
            pub fn spawn<F, T>(&'scope self, f: F) -> ScopedJoinHandle<'scope, T>
            where
                F: FnOnce() -> T + Send + 'scope,
                T: Send + 'scope,
            {
                let result = Arc::new(Mutex::new(None));
                let slot = Arc::clone(&result);
                let job: Box<dyn FnOnce() + Send + 'scope> = Box::new(move || {
                    let value = f();
                    *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(value);
                });
                // SAFETY: only the lifetime changes (same layout). `scope` joins this thread
                // before it returns, also when unwinding, so the closure and all it borrows
                // (which outlive 'scope) stay alive for as long as the thread runs. (In a
                // deadlocked loom execution `scope` never returns: its thread and this one are
                // left suspended and never run again; see `rt_shared::deadlock`.)
                let job: Box<dyn FnOnce() + Send + 'static> = unsafe { std::mem::transmute(job) };
                let handle = $($thread)+::spawn(job);
                let mut handles = self.handles.lock().unwrap_or_else(PoisonError::into_inner);
                handles.push(Some(handle));
                ScopedJoinHandle {
                    handles: &self.handles,
                    index: handles.len() - 1,
                    result,
                }
            }
        }

        impl<T> ScopedJoinHandle<'_, T> {
            /// Waits for the thread and returns its result (see `std::thread::ScopedJoinHandle::join`).
            pub fn join(self) -> std::thread::Result<T> {
                let handle = self.handles.lock().unwrap_or_else(PoisonError::into_inner)[self.index]
                    .take()
                    .expect("each scoped thread is joined once");
                handle.join()?;
                let value = self
                    .result
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take();
                Ok(value.expect("a thread that returned stored its result"))
            }
        }
    };
}
