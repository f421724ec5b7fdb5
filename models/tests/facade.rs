//! The facades' own promises, pinned where a checker's API once broke them.

use synclab::check::{self, Checker};

/// A scoped thread whose thread-local destructor touches the model (a batched counter
/// flushing its buffer on thread exit) must finish normally. shuttle's own
/// `thread::scope` cannot switch tasks after a scoped closure returns, and reported this
/// correct code as "the thread was dropped at the end of the execution, without running";
/// `rt::thread::scope` is synclab's shim over plain `spawn` in both model flavours.
///
/// (Not under loom: loom 0.7 drops a thread's locals outside its execution context, so a
/// destructor there cannot reach the model at all; `docs/checkers.md` lists it, and the
/// batched counter's loom cases flush inside the thread for that reason.)
macro_rules! scoped_thread_local_destructor_may_touch_the_model {
    ($name:ident, $flavour:ident, $checker:expr) => {
        #[test]
        #[cfg_attr(miri, ignore)]
        fn $name() {
            check::assert_passes(stringify!($name), $checker, || {
                use rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};
                use synclab::$flavour::rt;

                struct FlushOnExit(&'static AtomicUsize);
                impl Drop for FlushOnExit {
                    fn drop(&mut self) {
                        self.0.fetch_add(1, Relaxed); // a scheduling point, at thread exit
                    }
                }
                rt::thread_local! {
                    static BUFFER: std::cell::RefCell<Option<FlushOnExit>> =
                        std::cell::RefCell::new(None);
                }
                // Leaked per execution: a thread-local's destructor needs `'static` data.
                let total: &'static AtomicUsize = Box::leak(Box::new(AtomicUsize::new(0)));
                rt::thread::scope(|s| {
                    for _ in 0..2 {
                        s.spawn(|| BUFFER.with(|b| *b.borrow_mut() = Some(FlushOnExit(total))));
                    }
                });
                assert_eq!(total.load(Relaxed), 2, "a thread's destructor did not run");
            });
        }
    };
}

scoped_thread_local_destructor_may_touch_the_model!(
    shuttle_scoped_thread_local_destructor,
    shuttle,
    Checker::ShuttlePct {
        iterations: 200,
        depth: 3
    }
);
