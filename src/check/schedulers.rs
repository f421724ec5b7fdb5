//! The shuttle scheduler behind each shuttle checker, cut to one [`Shard`].

use super::{Checker, Shard};
use ::shuttle::scheduler::{
    DfsScheduler, PctScheduler, RandomScheduler, Schedule, Scheduler, Task, TaskId,
    UrwRandomScheduler,
};

/// The scheduler that explores for `checker` from `seed`, running shard `shard` of its
/// executions (see [`Shard`] for what each checker's shard is); `None` if this shard runs
/// nothing of it (a depth-first search runs in the first shard only).
///
/// # Panics
/// If `checker` is not one of the single shuttle checkers (random, PCT, URW, DFS).
/// `ShuttleUrwMainFirst` is URW under [`MainFirst`], sharded like URW.
pub(crate) fn explorer(
    checker: Checker,
    seed: u64,
    shard: Shard,
) -> Option<Box<dyn Scheduler + Send>> {
    Some(match checker {
        Checker::ShuttleRandom { iterations } => Box::new(Stride::new(
            super::shuttle::Quiet(Some(RandomScheduler::new_from_seed(seed, iterations))),
            shard,
            false,
        )),
        Checker::ShuttleUrwMainFirst { iterations } => Box::new(MainFirst(Stride::new(
            UrwRandomScheduler::new_from_seed(seed, iterations),
            shard,
            true,
        ))),
        Checker::ShuttleUrw { iterations } => Box::new(Stride::new(
            UrwRandomScheduler::new_from_seed(seed, iterations),
            shard,
            true,
        )),
        Checker::ShuttlePct { iterations, depth } => Box::new(PctScheduler::new_from_seed(
            shard.seed(seed),
            depth,
            shard.share(iterations),
        )),
        // Random data (`shuttle::rand`) is the same in every execution: the search is
        // complete for the schedules, not for such data.
        Checker::ShuttleDfs { iterations } if shard.is_first() => {
            Box::new(YieldsWay(DfsScheduler::new(Some(iterations), true)))
        }
        Checker::ShuttleDfs { .. } => return None,
        other => unreachable!("{other} is not a single shuttle scheduler"),
    })
}

/// Runs the main thread whenever it can run, and asks `S` only when it cannot: the main
/// thread starts every thread before any of them runs (and is never preempted), and `S`
/// then interleaves the others. `S` still sees the main thread's steps (offered it
/// alone), so that a scheduler that counts steps per thread (URW) keeps count. A main
/// thread that yields (a spin loop waiting for another thread) is not forced: `S` picks
/// among the others, as [`YieldsWay`] does.
struct MainFirst<S>(S);

impl<S: Scheduler> Scheduler for MainFirst<S> {
    fn new_execution(&mut self) -> Option<Schedule> {
        self.0.new_execution()
    }

    fn next_task(
        &mut self,
        runnable_tasks: &[&Task],
        current_task: Option<TaskId>,
        is_yielding: bool,
    ) -> Option<TaskId> {
        // shuttle runs the test's closure as task 0.
        let main = runnable_tasks.iter().find(|t| usize::from(t.id()) == 0);
        match main {
            Some(main) if !(is_yielding && current_task == Some(main.id())) => {
                self.0.next_task(&[*main], current_task, is_yielding)
            }
            _ => yielding_way(&mut self.0, runnable_tasks, current_task, is_yielding),
        }
    }

    fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }
}

/// Lets a thread that yields (`yield_now`, a spin loop's `spin_loop`) give way: `S`
/// chooses among the other runnable threads, if there are any. shuttle's DFS ignores
/// yields and always takes the first runnable thread, so a thread spinning for another
/// would spin forever, and the search would report that livelock of its own making as
/// a failure (it did, on two of the gallery's memory-ordering bugs that no shuttle
/// scheduler can see). Continuing a spin loop at once repeats a check that cannot have
/// changed, so no schedule that matters is lost; loom treats a yield the same way.
struct YieldsWay<S>(S);

impl<S: Scheduler> Scheduler for YieldsWay<S> {
    fn new_execution(&mut self) -> Option<Schedule> {
        self.0.new_execution()
    }

    fn next_task(
        &mut self,
        runnable_tasks: &[&Task],
        current_task: Option<TaskId>,
        is_yielding: bool,
    ) -> Option<TaskId> {
        yielding_way(&mut self.0, runnable_tasks, current_task, is_yielding)
    }

    fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }
}

/// `inner`'s choice among `runnable`, leaving out the current thread if it yields and
/// another thread can run. The others are offered round-robin, the threads after the
/// yielding one first: a depth-first search takes the first thread it is offered, and
/// with the plain order two spinning threads would hand the turn to each other for
/// ever while a third, the one they wait for, never ran (the gallery's ticket lock, two
/// waiters and a main thread waiting for the second to queue).
fn yielding_way<S: Scheduler>(
    inner: &mut S,
    runnable: &[&Task],
    current: Option<TaskId>,
    is_yielding: bool,
) -> Option<TaskId> {
    if is_yielding && runnable.len() > 1 {
        let mut others: Vec<&Task> = (runnable.iter().copied())
            .filter(|t| Some(t.id()) != current)
            .collect();
        if let Some(current) = current {
            // `false` (after the yielding thread) sorts first; the sort is stable.
            others.sort_by_key(|t| t.id() < current);
        }
        if !others.is_empty() {
            return inner.next_task(&others, current, is_yielding);
        }
    }
    inner.next_task(runnable, current, is_yielding)
}

/// Runs the executions of `inner` that belong to `shard`, and skips the others without
/// running them: random walk and URW draw each execution's choices afresh from the
/// seed that `new_execution` hands out, so a skipped execution costs one call.
struct Stride<S> {
    inner: S,
    shard: Shard,
    /// Run the first execution in every shard (URW estimates its weights in it).
    keep_first: bool,
    /// The index, in the unsharded run, of the next execution `inner` hands out.
    next: usize,
}

impl<S> Stride<S> {
    fn new(inner: S, shard: Shard, keep_first: bool) -> Self {
        Stride {
            inner,
            shard,
            keep_first,
            next: 0,
        }
    }
}

impl<S: Scheduler> Scheduler for Stride<S> {
    fn new_execution(&mut self) -> Option<Schedule> {
        loop {
            let schedule = self.inner.new_execution()?;
            let index = self.next;
            self.next += 1;
            if self.shard.owns(index) || (index == 0 && self.keep_first) {
                return Some(schedule);
            }
        }
    }

    fn next_task(
        &mut self,
        runnable_tasks: &[&Task],
        current_task: Option<TaskId>,
        is_yielding: bool,
    ) -> Option<TaskId> {
        self.inner
            .next_task(runnable_tasks, current_task, is_yielding)
    }

    fn next_u64(&mut self) -> u64 {
        self.inner.next_u64()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::shuttle::Runner;
    use ::shuttle::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    /// The order in which two threads took three steps each, in every execution that
    /// `checker` runs in `shard`.
    fn orders(checker: Checker, shard: Shard) -> Vec<String> {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let Some(scheduler) = explorer(checker, 7, shard) else {
            return Vec::new();
        };
        let log = Arc::clone(&seen);
        Runner::new(scheduler, super::super::shuttle::quiet_config()).run(move || {
            let order = Arc::new(Mutex::new(String::new()));
            let steps = Arc::new(AtomicUsize::new(0));
            let threads: Vec<_> = ["a", "b"]
                .into_iter()
                .map(|name| {
                    let (order, steps) = (Arc::clone(&order), Arc::clone(&steps));
                    ::shuttle::thread::spawn(move || {
                        for _ in 0..3 {
                            steps.fetch_add(1, Ordering::SeqCst);
                            order.lock().unwrap().push_str(name);
                        }
                    })
                })
                .collect();
            threads.into_iter().for_each(|t| t.join().unwrap());
            log.lock().unwrap().push(order.lock().unwrap().clone());
        });
        seen.lock().unwrap().clone()
    }

    #[test]
    #[cfg_attr(miri, ignore)] // shuttle maps its stacks with a guard page, which Miri cannot
    fn random_shards_run_the_unsharded_schedules_each_once() {
        let checker = Checker::ShuttleRandom { iterations: 30 };
        let whole = orders(checker, Shard::WHOLE);
        assert_eq!(whole.len(), 30);
        for index in 0..3 {
            let shard = Shard { index, count: 3 };
            let expected: Vec<String> = (whole.iter().enumerate())
                .filter(|(i, _)| shard.owns(*i))
                .map(|(_, o)| o.clone())
                .collect();
            assert_eq!(orders(checker, shard), expected, "shard {shard}");
        }
    }

    #[test]
    #[cfg_attr(miri, ignore)] // shuttle maps its stacks with a guard page, which Miri cannot
    fn urw_shards_share_only_the_estimating_execution() {
        let checker = Checker::ShuttleUrw { iterations: 30 };
        let whole = orders(checker, Shard::WHOLE);
        let second = orders(checker, Shard { index: 1, count: 2 });
        assert_eq!(
            second[0], whole[0],
            "every shard estimates with execution 0"
        );
        let odd: Vec<String> = whole.iter().skip(1).step_by(2).cloned().collect();
        assert_eq!(second[1..], odd[..]);
    }

    #[test]
    #[cfg_attr(miri, ignore)] // shuttle maps its stacks with a guard page, which Miri cannot
    fn pct_shards_split_the_budget_and_dfs_runs_in_the_first_shard_only() {
        let pct = Checker::ShuttlePct {
            iterations: 30,
            depth: 2,
        };
        let sizes: Vec<usize> = (0..4)
            .map(|index| orders(pct, Shard { index, count: 4 }).len())
            .collect();
        assert_eq!(sizes, [8, 8, 7, 7]);
        let dfs = Checker::ShuttleDfs { iterations: 1000 };
        // Two threads of three steps: C(6, 3) = 20 orders, all of them, and the search
        // ends (the main thread's spawns and joins make more schedules than orders).
        let all = orders(dfs, Shard::WHOLE);
        let distinct: std::collections::HashSet<&String> = all.iter().collect();
        assert_eq!(distinct.len(), 20);
        assert!(all.len() < 1000, "the search did not end: {}", all.len());
        assert!(orders(dfs, Shard { index: 1, count: 2 }).is_empty());
    }
}
