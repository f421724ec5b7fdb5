//! [`Scenario`]: what one check runs, an initial part, a parallel part on N threads and
//! a final part; how scenarios are generated, and how they are cut into *lanes* for
//! shrinking.

use std::fmt;

use super::spec::{Gen, Generate};
use crate::check::budget::Shape;

/// One call of a scenario: which operation (its index in the spec), with which input.
#[derive(Clone, PartialEq, Eq)]
pub struct Call<I> {
    /// The operation's index, in the order the [`Spec`](super::Spec) added them.
    pub op: usize,
    /// Its input.
    pub input: I,
}

impl<I: fmt::Debug> fmt::Debug for Call<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.input)
    }
}

/// A concurrent scenario: `init` on the main thread, then `parallel[i]` on thread `i`
/// (all at once), then, once every thread is joined, `post` on the main thread.
#[derive(Clone, PartialEq, Eq)]
pub struct Scenario<I> {
    /// The initial part.
    pub init: Vec<Call<I>>,
    /// The parallel part: one program per thread.
    pub parallel: Vec<Vec<Call<I>>>,
    /// The final part.
    pub post: Vec<Call<I>>,
}

/// What an operation is, for generation: its name, the thread it is kept to, its
/// generator.
pub(crate) struct OpInfo<I> {
    pub(crate) name: &'static str,
    pub(crate) thread: Option<usize>,
    pub(crate) generate: Generate<I>,
}

impl<I> Scenario<I> {
    /// Threads and operations: `(threads, operations)`.
    pub fn size(&self) -> (usize, usize) {
        let ops = self.init.len() + self.post.len();
        let parallel: usize = self.parallel.iter().map(Vec::len).sum();
        (self.parallel.len(), ops + parallel)
    }

    /// Generates a scenario of `shape` from `seed`. Thread `t` draws from the operations
    /// not kept to another thread; threads with nothing to draw from are left out (a
    /// spec whose operations are kept to threads 0 and 1 runs two threads).
    pub(crate) fn generate(ops: &[OpInfo<I>], shape: &Shape, seed: u64) -> Self {
        let mut g = Gen::new(seed);
        let draw = |g: &mut Gen, allowed: &[usize]| -> Call<I> {
            let op = allowed[g.below(allowed.len() as u32) as usize];
            let input = (ops[op].generate)(g);
            Call { op, input }
        };
        let every: Vec<usize> = (0..ops.len()).collect();
        let init = (0..shape.init).map(|_| draw(&mut g, &every)).collect();
        let mut parallel = Vec::new();
        for t in 0..shape.threads {
            let allowed: Vec<usize> = (0..ops.len())
                .filter(|&i| ops[i].thread.is_none_or(|only| only == t))
                .collect();
            if allowed.is_empty() {
                break;
            }
            parallel.push((0..shape.ops).map(|_| draw(&mut g, &allowed)).collect());
        }
        let post = (0..shape.post).map(|_| draw(&mut g, &every)).collect();
        Scenario {
            init,
            parallel,
            post,
        }
    }

    /// The scenario as lanes for [`run_shrinking`](crate::check::run_shrinking), which
    /// removes whole lanes and single steps: the initial part, each thread, the final
    /// part, each tagged with its part so that removing one never moves a call into
    /// another part (or a kept-to-a-thread operation onto another thread's lane).
    pub(crate) fn into_lanes(self) -> Vec<Vec<Step<I>>> {
        let tag = |part: Part, calls: Vec<Call<I>>| -> Vec<Step<I>> {
            calls.into_iter().map(|call| Step { part, call }).collect()
        };
        let mut lanes = vec![tag(Part::Init, self.init)];
        lanes.extend(self.parallel.into_iter().map(|t| tag(Part::Thread, t)));
        lanes.push(tag(Part::Post, self.post));
        lanes.retain(|lane| !lane.is_empty());
        lanes
    }

    /// The scenario that `lanes` describe (see [`into_lanes`](Self::into_lanes)).
    pub(crate) fn from_lanes(lanes: Vec<Vec<Step<I>>>) -> Self {
        let mut scenario = Scenario {
            init: Vec::new(),
            parallel: Vec::new(),
            post: Vec::new(),
        };
        for lane in lanes {
            let Some(first) = lane.first() else { continue };
            match first.part {
                Part::Init => scenario.init.extend(lane.into_iter().map(|s| s.call)),
                Part::Post => scenario.post.extend(lane.into_iter().map(|s| s.call)),
                Part::Thread => scenario
                    .parallel
                    .push(lane.into_iter().map(|s| s.call).collect()),
            }
        }
        scenario
    }

    /// The scenario, one line per part: `init: Push(1)`, `thread 0: Pop, Push(2)`,
    /// `final: Pop`.
    pub(crate) fn describe(&self) -> String
    where
        I: fmt::Debug,
    {
        let line = |label: String, calls: &[Call<I>]| {
            let calls: Vec<String> = calls.iter().map(|c| format!("{c:?}")).collect();
            format!("{label}: {}", calls.join(", "))
        };
        let mut lines = Vec::new();
        if !self.init.is_empty() {
            lines.push(line("init".into(), &self.init));
        }
        for (t, calls) in self.parallel.iter().enumerate() {
            lines.push(line(format!("thread {t}"), calls));
        }
        if !self.post.is_empty() {
            lines.push(line("final".into(), &self.post));
        }
        lines.join("\n")
    }
}

impl<I: fmt::Debug> fmt::Debug for Scenario<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// Which part of a scenario a step belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Init,
    Thread,
    Post,
}

/// One call in a lane, tagged with its part.
#[derive(Clone)]
pub(crate) struct Step<I> {
    part: Part,
    call: Call<I>,
}

impl<I: fmt::Debug> fmt::Debug for Step<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.call)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn ops() -> Vec<OpInfo<u32>> {
        let op = |name, thread, value: u32| OpInfo {
            name,
            thread,
            generate: Arc::new(move |_: &mut Gen| value),
        };
        vec![op("push", Some(0), 1), op("pop", Some(1), 2)]
    }

    #[test]
    fn kept_operations_stay_on_their_thread_and_lanes_round_trip() {
        let shape = Shape {
            scenarios: 1,
            init: 2,
            threads: 3,
            ops: 2,
            post: 1,
        };
        let scenario = Scenario::generate(&ops(), &shape, 1);
        assert_eq!(scenario.parallel.len(), 2, "thread 2 has nothing to run");
        assert!(scenario.parallel[0].iter().all(|c| c.input == 1));
        assert!(scenario.parallel[1].iter().all(|c| c.input == 2));
        assert_eq!(scenario.size(), (2, 7));
        let mut lanes = scenario.clone().into_lanes();
        assert_eq!(Scenario::from_lanes(lanes.clone()), scenario);
        lanes.remove(0); // the initial part
        let cut = Scenario::from_lanes(lanes);
        assert!(cut.init.is_empty());
        assert_eq!(cut.parallel, scenario.parallel);
        assert_eq!(ops()[0].name, "push");
    }
}
