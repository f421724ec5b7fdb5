//! Per-thread programs: the one loop every property runs its threads with.

use super::rt;

/// Runs `body(i, &programs[i])` on a scoped `rt` thread per program (whose
/// [`rt::thread::index`] is `i`), joins them all, and
/// returns what each returned, in program order. A panic in a thread is re-raised here
/// with its own payload, so a violated assertion keeps its message on real threads too
/// (under loom and shuttle the checker reports the thread's panic itself).
///
/// Compiled per runtime like the primitives: the threads are std's, loom's or shuttle's.
///
/// ```
/// let sums = synclab::programs::on_threads(&[vec![1, 2], vec![3]], |_, p| p.iter().sum::<i32>());
/// assert_eq!(sums, [3, 3]);
/// ```
pub fn on_threads<P, T, F>(programs: &[P], body: F) -> Vec<T>
where
    P: Sync,
    T: Send,
    F: Fn(usize, &P) -> T + Sync,
{
    let body = &body;
    rt::thread::scope(|s| {
        let handles: Vec<_> = (programs.iter().enumerate())
            .map(|(i, program)| {
                s.spawn(move || {
                    rt::thread::set_index(i);
                    body(i, program)
                })
            })
            .collect();
        (handles.into_iter())
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|payload| std::panic::resume_unwind(payload))
            })
            .collect()
    })
}
