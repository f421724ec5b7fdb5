//! The map driver, written once against `rt`: claim, run, write in place, clean up.
//!
//! One call runs `workers = min(pool workers, len)` tasks: task 0 on the calling thread,
//! tasks `1..workers` as jobs in a pool scope. Each task loops: check the stop flag,
//! claim a chunk from the [`Strategy`], run the closure over it writing each result
//! straight into its output slot, record the chunk. The caller then waits in the scope
//! (running queued tasks itself, see the pool docs), and either sets the output's length
//! or, after a panic, drops exactly what was produced.
//!
//! ## Who owns what
//! | memory | owner while the map runs | afterwards |
//! |---|---|---|
//! | output slots of a claimed chunk | the task that claimed it (disjoint by the `Strategy` contract) | the returned `Vec`, or dropped by the caller |
//! | the prefix of a chunk cut short by a panic | that chunk's [`Unwinding`] guard, which drops it | — |
//! | owned inputs of a claimed chunk | that task: moved into the closure one by one | — |
//! | owned inputs never claimed (after a panic) | the caller, which drops them | — |
//! | per-task reports | task `i` writes slot `i` once | read by the caller after the scope's join |

use super::source::Source;
use super::{MapStats, Strategy, Worker, WorkerStats, pool::ThreadPool, rt};
use crossbeam_utils::CachePadded;
use rt::cell::UnsafeCell;
use rt::sync::Mutex;
use rt::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::any::Any;
use std::mem::{self, MaybeUninit};
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::ptr;
use std::sync::PoisonError;
use std::time::{Duration, Instant};

type Payload = Box<dyn Any + Send + 'static>;

/// The output buffer: the spare capacity of the result `Vec`.
struct OutPtr<R>(*mut MaybeUninit<R>);

impl<R> Clone for OutPtr<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R> Copy for OutPtr<R> {}

// SAFETY: tasks write disjoint slots (the `Strategy` contract), each moving an `R` from the
// task's thread into the buffer that the caller then owns: `R: Send` suffices.
unsafe impl<R: Send> Send for OutPtr<R> {}
// SAFETY: as above; the pointer itself is never used to read concurrently.
unsafe impl<R: Send> Sync for OutPtr<R> {}

/// What one task did, for the caller's accounting and the stats.
#[derive(Debug, Default)]
struct Report {
    items: usize,
    chunks: usize,
    busy: Duration,
    start_delay: Duration,
    /// Completed chunks, adjacent ones merged; recorded only when something has to be
    /// dropped after a panic (`Ctx::track`).
    completed: Vec<Range<usize>>,
    /// The chunk that was running when the closure panicked: its guard cleaned it up.
    cut_short: Option<Range<usize>>,
}

impl Report {
    fn complete(&mut self, range: Range<usize>, track: bool) {
        self.items += range.len();
        self.chunks += 1;
        if track {
            match self.completed.last_mut() {
                Some(last) if last.end == range.start => last.end = range.end,
                _ => self.completed.push(range),
            }
        }
    }
}

/// One slot per task.
struct Reports(Box<[UnsafeCell<Option<Report>>]>);

// SAFETY: slot `i` is written once, by task `i` (task 0 runs inline, each other index is
// spawned once), and read by the caller only after the scope has joined every task (the
// pool's latch orders a job's write before the read; task 0 wrote on the caller's own
// thread); no slot is ever accessed by two threads at once.
unsafe impl Sync for Reports {}

/// Everything the tasks share.
struct Ctx<'a, Src, S: Strategy, F, R> {
    src: &'a Src,
    f: &'a F,
    strategy: &'a S,
    plan: S::Plan,
    out: OutPtr<R>,
    len: usize,
    workers: usize,
    /// Record completed chunks (some values need dropping after a panic).
    track: bool,
    /// Read the clock around each chunk.
    timing: bool,
    start: Option<Instant>,
    /// Set by the first panic: no task claims a chunk after seeing it. `Relaxed`: it is a
    /// hint to stop early; the panic payload travels through `first_panic`'s lock and
    /// the results through the scope's join, never through this flag.
    stop: CachePadded<AtomicBool>,
    first_panic: Mutex<Option<Payload>>,
    reports: Reports,
}

/// Runs one map call. Returns the results and, if `want_stats`, the stats.
pub(super) fn run<Src, S, F, R>(
    pool: &ThreadPool,
    src: Src,
    strategy: &S,
    f: F,
    want_stats: bool,
) -> (Vec<R>, Option<MapStats>)
where
    Src: Source,
    S: Strategy,
    F: Fn(Src::Item) -> R + Sync,
    R: Send,
{
    let len = src.len();
    assert!(
        len <= isize::MAX as usize,
        "a map over more than isize::MAX items is not supported"
    );
    // Never read the clock under a model checker: executions must be deterministic.
    let timing = !rt::MODEL && (want_stats || strategy.measures_chunks());
    let start = timing.then(Instant::now);
    let workers = pool.workers().min(len);
    if len == 0 {
        let stats = MapStats {
            strategy: strategy.name(),
            ..MapStats::default()
        };
        return (Vec::new(), want_stats.then_some(stats));
    }

    let mut out: Vec<R> = Vec::with_capacity(len);
    let ctx = Ctx {
        src: &src,
        f: &f,
        strategy,
        plan: strategy.plan(len, workers),
        out: OutPtr(out.spare_capacity_mut().as_mut_ptr()),
        len,
        workers,
        track: mem::needs_drop::<R>() || Src::DISCARDS,
        timing,
        start,
        stop: CachePadded::new(AtomicBool::new(false)),
        first_panic: Mutex::new(None),
        reports: Reports((0..workers).map(|_| UnsafeCell::new(None)).collect()),
    };
    pool.scope(|s| {
        for index in 1..workers {
            let ctx = &ctx;
            s.spawn(move || work(ctx, index));
        }
        // The caller is worker 0: it would wait (and help) anyway, and this way a map on
        // `w` workers wakes only `w - 1` pool threads, and none at all for one worker.
        work(&ctx, 0);
    });
    let elapsed = start.map_or(Duration::ZERO, |t| t.elapsed());

    let reports: Vec<Report> = ctx
        .reports
        .0
        .iter()
        // SAFETY: the scope has joined every task: their writes happened-before this read,
        // and no task touches the slots any more.
        .map(|slot| slot.with_mut(|r| unsafe { (*r).take() }))
        .map(|r| r.expect("every task files its report"))
        .collect();
    let panic = ctx
        .first_panic
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    let done: usize = reports.iter().map(|r| r.items).sum();

    if panic.is_none() && done == len {
        // SAFETY: the tasks completed chunks holding `len` items in total; the chunks are
        // disjoint (`Strategy` contract) and inside `0..len` (checked in `work`), so they
        // are exactly `0..len`, and each completed chunk wrote every slot it covers. The
        // scope's join made those writes visible here.
        unsafe { out.set_len(len) };
        let stats = want_stats.then(|| MapStats {
            strategy: strategy.name(),
            items: len,
            elapsed,
            workers: reports
                .iter()
                .map(|r| WorkerStats {
                    items: r.items,
                    chunks: r.chunks,
                    busy: r.busy,
                    idle: elapsed.saturating_sub(r.busy),
                    start_delay: r.start_delay,
                })
                .collect(),
        });
        return (out, stats);
    }

    if done <= len {
        // SAFETY: the scope joined every task; with disjoint claims the recorded ranges
        // are exactly what was claimed (see `clean_up`).
        unsafe { clean_up(&reports, &src, ctx.out, len) };
    }
    // Otherwise the claims overlapped (a broken strategy): which slot holds a live value
    // is unknowable, so everything is leaked rather than risk a double drop.
    match panic {
        Some(payload) => resume_unwind(payload),
        None => panic!(
            "strategy `{}` ran {done} of {len} items: it left indices unclaimed or claimed \
             some twice (see the `Strategy` safety contract)",
            strategy.name()
        ),
    }
}

/// One task: claim and run chunks until there are none left or a panic stops the map.
fn work<Src, S, F, R>(ctx: &Ctx<'_, Src, S, F, R>, index: usize)
where
    Src: Source,
    S: Strategy,
    F: Fn(Src::Item) -> R + Sync,
    R: Send,
{
    let mut worker = Worker::new(index, ctx.workers);
    let mut report = Report {
        start_delay: ctx.start.map_or(Duration::ZERO, |t| t.elapsed()),
        ..Report::default()
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        while !ctx.stop.load(Relaxed) {
            let Some(range) = ctx.strategy.claim(&ctx.plan, &worker) else {
                break;
            };
            worker.claimed();
            assert!(
                range.start < range.end && range.end <= ctx.len,
                "strategy `{}` claimed {range:?}, which is empty or outside 0..{}",
                ctx.strategy.name(),
                ctx.len
            );
            report.cut_short = Some(range.clone());
            let began = ctx.timing.then(Instant::now);
            // SAFETY: the range lies inside 0..len (checked above), and no other task
            // claims any of its indices (the `Strategy` contract): its items and output
            // slots are this task's alone.
            unsafe { run_chunk(ctx.src, ctx.f, ctx.out, range.clone()) };
            if let Some(began) = began {
                let took = began.elapsed();
                worker.timed(range.len(), took);
                report.busy += took;
            }
            report.cut_short = None;
            report.complete(range, ctx.track);
        }
    }));
    if let Err(payload) = outcome {
        ctx.stop.store(true, Relaxed);
        let mut first = ctx
            .first_panic
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if first.is_none() {
            *first = Some(payload);
        }
        // A later panic's payload is dropped here: only the first is re-raised.
    }
    // SAFETY: only task `index` writes slot `index`, once; see `Reports`.
    ctx.reports.0[index].with_mut(|slot| unsafe { *slot = Some(report) });
}

/// Maps `range`, writing result `i` into output slot `i`.
///
/// # Safety
/// `range` lies inside `0..src.len()`, and no other thread takes these items or touches
/// these output slots while this runs.
#[inline]
unsafe fn run_chunk<Src, F, R>(src: &Src, f: &F, out: OutPtr<R>, range: Range<usize>)
where
    Src: Source,
    F: Fn(Src::Item) -> R,
{
    let mut guard = Unwinding {
        src,
        out,
        start: range.start,
        next: range.start,
        end: range.end,
    };
    for i in range {
        // SAFETY: `i` is in bounds and this chunk's alone: each item is taken once.
        let item = unsafe { src.take(i) };
        let value = f(item);
        // SAFETY: slot `i` is in bounds (the buffer has capacity `len`) and this chunk's
        // alone; it is uninitialised, so nothing is overwritten without a drop.
        unsafe { out.0.add(i).write(MaybeUninit::new(value)) };
        guard.next = i + 1;
    }
    mem::forget(guard);
}

/// Cleans up a chunk that `f` cut short by panicking at item `next`: drops the results
/// `start..next` already written and the owned items `next + 1..end` never taken (item
/// `next` itself was moved into `f`, whose unwinding dropped it). Every value is dropped
/// exactly once: the caller skips this chunk (it is `cut_short` in the report).
struct Unwinding<'a, Src: Source, R> {
    src: &'a Src,
    out: OutPtr<R>,
    start: usize,
    next: usize,
    end: usize,
}

impl<Src: Source, R> Drop for Unwinding<'_, Src, R> {
    fn drop(&mut self) {
        // SAFETY: slots `start..next` were written by this chunk, which still owns them.
        unsafe {
            ptr::drop_in_place(ptr::slice_from_raw_parts_mut(
                self.out.0.add(self.start).cast::<R>(),
                self.next - self.start,
            ));
        }
        // SAFETY: items `next + 1..end` were never taken (the panic came from `f` at item
        // `next`), and they are this chunk's alone.
        unsafe { self.src.discard(self.next + 1..self.end) };
    }
}

/// After a panic (or a strategy that did not cover the input): drops the results of
/// every completed chunk, and every owned item that no task claimed.
///
/// # Safety
/// Every task has finished; the reports' `completed` ranges hold initialised output
/// slots (their items consumed), `cut_short` ranges were cleaned by their guards, and all
/// these ranges are disjoint and inside `0..len`.
unsafe fn clean_up<Src: Source, R>(reports: &[Report], src: &Src, out: OutPtr<R>, len: usize) {
    if mem::needs_drop::<R>() {
        for range in reports.iter().flat_map(|r| &r.completed) {
            // SAFETY: a completed chunk wrote every slot of its range (caller's contract).
            unsafe {
                ptr::drop_in_place(ptr::slice_from_raw_parts_mut(
                    out.0.add(range.start).cast::<R>(),
                    range.len(),
                ));
            }
        }
    }
    if Src::DISCARDS {
        let mut claimed: Vec<&Range<usize>> = reports
            .iter()
            .flat_map(|r| r.completed.iter().chain(&r.cut_short))
            .collect();
        claimed.sort_unstable_by_key(|r| r.start);
        let mut next = 0;
        for range in claimed.into_iter().chain(std::iter::once(&(len..len))) {
            // SAFETY: `next..range.start` lies between claimed ranges: never taken.
            unsafe { src.discard(next..range.start) };
            next = range.end;
        }
    }
}

// SAFETY: a shared reference hands out exactly what the strategy it points to hands out.
unsafe impl<S: Strategy> Strategy for &S {
    type Plan = S::Plan;

    fn plan(&self, len: usize, workers: usize) -> S::Plan {
        (**self).plan(len, workers)
    }

    fn claim(&self, plan: &S::Plan, worker: &Worker) -> Option<Range<usize>> {
        (**self).claim(plan, worker)
    }

    fn name(&self) -> String {
        (**self).name()
    }

    fn measures_chunks(&self) -> bool {
        (**self).measures_chunks()
    }
}
