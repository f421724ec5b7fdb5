//! The [`OnceCell`] property: one initialiser, one value for all.

use super::super::record::{self, Recorder};
use super::super::{InitOnce, OnceCell, rt};
use rt::sync::Arc;
use rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// `threads` threads (the main thread among them) race to initialise one
/// [`OnceCell`], each with its own number: all of them must read the
/// same value, and exactly one initialiser may have run. loom checks that every reader's
/// access to the value is ordered after the initialiser's write.
pub fn single_init(threads: usize) {
    let cell = Arc::new(OnceCell::new());
    let runs = Arc::new(AtomicUsize::new(0));
    let init = |cell: &OnceCell<usize>, runs: &AtomicUsize, me: usize| {
        *cell.get_or_init(|| {
            // Relaxed: counts initialiser runs; read after every thread is joined.
            runs.fetch_add(1, Relaxed);
            me + 1
        })
    };
    let handles: Vec<_> = (1..threads)
        .map(|me| {
            let (cell, runs) = (Arc::clone(&cell), Arc::clone(&runs));
            rt::thread::spawn(move || init(&cell, &runs, me))
        })
        .collect();
    let mine = init(&cell, &runs, 0);
    for h in handles {
        let seen = h.join().expect("a OnceCell thread panicked");
        assert_eq!(seen, mine, "two threads read different values");
    }
    assert_eq!(runs.load(Relaxed), 1, "the initialiser ran more than once");
    assert_eq!(cell.get(), Some(&mine));
}

/// `threads` threads each call `get_or_init` with their own value (thread `i`: `i + 1`),
/// then `get`, recording every call; the history is checked against lincheck's [`Once`]
/// model, so a second initialiser that stored or returned its own value shows.
///
/// # Errors
/// The violation, with a per-client table.
///
/// [`Once`]: crate::lincheck::models::Once
pub fn linearizable<C: InitOnce>(threads: usize) -> Result<(), record::Violation> {
    use crate::lincheck::models::{Once, OnceInput};
    let cell = C::empty();
    let programs: Vec<Vec<u32>> = (1..=threads as u32).map(|v| vec![v]).collect();
    let history = Recorder::new().run(&cell, &programs, |cell, &v, client| {
        client.call(OnceInput::GetOrInit(v), || Some(cell.get_or_init(&|| v)));
        client.call(OnceInput::Get, || cell.get());
    });
    history.check(&Once)
}
