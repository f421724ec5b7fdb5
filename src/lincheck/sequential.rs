//! The sequential-consistency search: is there an order of all the operations, legal for
//! the model, that keeps each client's program order?
//!
//! Each client's operations, in call order, are a queue; the order being built takes the
//! head of some queue next. A situation is the vector of queue positions and the model
//! state: what can still follow depends on nothing else, so a situation from which the
//! search once failed is remembered and never explored again (Lowe's memo, with
//! positions for the set of linearized operations). With `c` clients of `n` operations
//! each there are at most `(n + 1)^c` position vectors, times the states the model
//! reaches.
//!
//! An operation that never returned and whose output is unknown (*open*) is legal in
//! every state (see [`Model::step`]) and only its client's later operations could wait
//! for it, and a client that never got an answer made no later call: so the order is
//! complete once every queue holds open operations only. They are still tried as
//! candidates, because the effect of one may be what another client saw.

use std::collections::{HashMap, HashSet};
use std::mem::size_of;
use std::time::Instant;

use super::budget::Limit;
use super::explain::{Candidate, Explanation, Fit};
use super::{Budget, CheckResult, Exhausted, Model, Operation};

/// Whether `op` never returned and its output is unknown.
fn is_open<I, O>(op: &Operation<I, O>) -> bool {
    op.is_pending() && op.output.is_none()
}

/// A failed situation: the per-client positions and the state there.
type Situation<S> = (Vec<u32>, S);

/// Checks sequential consistency of `history` (in one piece: the condition is not
/// compositional, so partition keys are ignored).
pub(super) fn check<M: Model>(
    model: &M,
    history: &[Operation<M::Input, M::Output>],
    budget: Budget,
) -> CheckResult {
    let mut search = Search::new(model, history, budget);
    match search.run() {
        Ok(true) => CheckResult::Linearizable,
        Ok(false) => CheckResult::NotLinearizable(search.explain()),
        Err(limit) => CheckResult::Unknown(Exhausted {
            limit,
            steps: search.steps,
            undecided: 1,
            partitions: 1,
        }),
    }
}

struct Search<'a, M: Model> {
    model: &'a M,
    history: &'a [Operation<M::Input, M::Output>],
    /// Each client's operations (indices into `history`), in call order.
    clients: Vec<Vec<usize>>,
    budget: Budget,
    started: Instant,
    steps: u64,
    failed: HashSet<Situation<M::State>>,
    /// The longest order found, for the explanation.
    longest: Vec<usize>,
}

/// One level of the depth-first search: the state before it, and the next client to try.
struct Level<S> {
    state: S,
    next_client: usize,
}

impl<'a, M: Model> Search<'a, M> {
    fn new(model: &'a M, history: &'a [Operation<M::Input, M::Output>], budget: Budget) -> Self {
        let mut by_client: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, op) in history.iter().enumerate() {
            by_client.entry(op.client_id).or_default().push(i);
        }
        let mut clients: Vec<(usize, Vec<usize>)> = by_client.into_iter().collect();
        clients.sort_by_key(|(id, _)| *id);
        let clients = clients
            .into_iter()
            .map(|(_, mut ops)| {
                ops.sort_by_key(|&i| (history[i].call, i));
                ops
            })
            .collect();
        Self {
            model,
            history,
            clients,
            budget,
            started: Instant::now(),
            steps: 0,
            failed: HashSet::new(),
            longest: Vec::new(),
        }
    }

    /// Whether the order is complete at `positions`: only open operations left.
    fn complete(&self, positions: &[u32]) -> bool {
        self.clients.iter().zip(positions).all(|(ops, &at)| {
            ops[at as usize..]
                .iter()
                .all(|&i| is_open(&self.history[i]))
        })
    }

    /// `Ok(true)` if some order works, `Ok(false)` if none does, `Err` if a limit ran out.
    fn run(&mut self) -> Result<bool, Limit> {
        let mut positions = vec![0u32; self.clients.len()];
        let mut order: Vec<(usize, usize)> = Vec::new(); // (client, op)
        let mut stack = vec![Level {
            state: self.model.init(),
            next_client: 0,
        }];
        loop {
            self.spend()?;
            if self.complete(&positions) {
                return Ok(true);
            }
            let level = stack.last_mut().expect("the root level is never popped");
            let client = level.next_client;
            if client == self.clients.len() {
                // Every client's next operation failed here: remember, and go back.
                let level = stack.pop().expect("checked above");
                self.failed.insert((positions.clone(), level.state));
                self.forget_if_full();
                let Some((client, _)) = order.pop() else {
                    return Ok(false);
                };
                positions[client] -= 1;
                continue;
            }
            level.next_client += 1;
            let Some(&i) = self.clients[client].get(positions[client] as usize) else {
                continue;
            };
            let op = &self.history[i];
            let Some(next) = self.model.step(&level.state, &op.input, op.output.as_ref()) else {
                continue;
            };
            positions[client] += 1;
            let situation = (positions, next);
            let seen = self.failed.contains(&situation);
            let (back, next) = situation;
            positions = back;
            if seen {
                positions[client] -= 1;
                continue;
            }
            order.push((client, i));
            if order.len() > self.longest.len() {
                self.longest = order.iter().map(|&(_, i)| i).collect();
            }
            stack.push(Level {
                state: next,
                next_client: 0,
            });
        }
    }

    /// Counts one step; `Err` once the budget's step or time limit is reached.
    fn spend(&mut self) -> Result<(), Limit> {
        self.steps += 1;
        if let Some(max) = self.budget.max_steps
            && self.steps > max
        {
            return Err(Limit::Steps(max));
        }
        if let Some(limit) = self.budget.time_limit
            && self.steps % 256 == 0
            && self.started.elapsed() > limit
        {
            return Err(Limit::Time(limit));
        }
        Ok(())
    }

    /// Empties the memo when it would hold more than the memory limit: it is a cache,
    /// and the search stays correct without it, only slower.
    fn forget_if_full(&mut self) {
        let Some(max) = self.budget.max_memory else {
            return;
        };
        let per_entry = size_of::<Situation<M::State>>() + 4 * self.clients.len();
        let bytes = self.failed.len() * per_entry;
        if bytes as u64 > max {
            self.failed.clear();
        }
    }

    /// The longest order found, and why each client's next operation does not fit there.
    fn explain(&self) -> Explanation {
        let all: Vec<usize> = (0..self.history.len()).collect();
        let mut explanation = Explanation::new(self.model, self.history, None, &all, &self.longest);
        let mut state = self.model.init();
        let mut positions = vec![0usize; self.clients.len()];
        for &i in &explanation.linearized {
            let op = &self.history[i];
            state = (self.model.step(&state, &op.input, op.output.as_ref()))
                .expect("the explanation replays only legal steps");
            let client = self.clients.iter().position(|ops| ops.contains(&i));
            positions[client.expect("every operation has a client")] += 1;
        }
        explanation.candidates = (self.clients.iter().zip(&positions))
            .filter_map(|(ops, &at)| ops.get(at))
            .map(|&index| {
                let op = &self.history[index];
                let fit = match self.model.step(&state, &op.input, op.output.as_ref()) {
                    None => Fit::Impossible,
                    Some(next) if next == state && is_open(op) => Fit::NoEffect,
                    Some(_) => Fit::DeadEnd,
                };
                Candidate { index, fit }
            })
            .collect();
        explanation.deadline = None;
        explanation
    }
}
