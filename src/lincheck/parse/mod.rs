//! Parsers for public history formats.
//!
//! Both formats are logs of *events*, one per line: a process invokes an
//! operation, and later the same process reports how it ended. Jepsen's
//! completion types are `ok` (it happened, with this result), `fail` (it
//! definitely did not happen) and `info` (unknown: it may happen at any later
//! time, or never). The line number of each event is used as its time, so the
//! times in an [`Explanation`](super::Explanation) point into the file.

mod edn;
pub mod etcd;
pub mod kv;
pub mod write;

use std::collections::HashMap;

use super::Operation;

/// How an invoked operation ended.
enum Completion<O> {
    /// It returned at this line, with this output (`None`: unknown output).
    Returned(Option<O>),
    /// Its outcome is unknown: it stays pending to the end of the history.
    Pending,
    /// It definitely had no effect: it is left out of the history.
    NoEffect,
}

/// Pairs each process's invocation with its completion.
struct Pairing<I, O> {
    /// Operations in invocation order; `None` once dropped as [`Completion::NoEffect`].
    slots: Vec<Option<Operation<I, O>>>,
    /// For each process with an operation in flight: its slot and invocation line.
    open: HashMap<usize, (usize, usize)>,
}

impl<I, O> Pairing<I, O> {
    fn new() -> Self {
        Self {
            slots: Vec::new(),
            open: HashMap::new(),
        }
    }

    fn invoke(&mut self, line: usize, process: usize, input: I) -> Result<(), String> {
        if let Some(&(_, invoked)) = self.open.get(&process) {
            return Err(format!(
                "process {process} invokes again, but its operation \
                 from line {invoked} has not completed"
            ));
        }
        self.open.insert(process, (self.slots.len(), line));
        self.slots
            .push(Some(Operation::pending(process, input, line as u64)));
        Ok(())
    }

    /// The input of the operation `process` has in flight.
    fn open_input(&self, process: usize) -> Result<&I, String> {
        self.open
            .get(&process)
            .and_then(|&(slot, _)| self.slots[slot].as_ref())
            .map(|op| &op.input)
            .ok_or_else(|| format!("process {process} completes an operation it never invoked"))
    }

    fn complete(&mut self, line: usize, process: usize, completion: Completion<O>) {
        let Some((slot, _)) = self.open.remove(&process) else {
            return;
        };
        match completion {
            Completion::Returned(output) => {
                if let Some(op) = &mut self.slots[slot] {
                    op.output = output;
                    op.return_ = line as u64;
                }
            }
            Completion::Pending => {}
            Completion::NoEffect => self.slots[slot] = None,
        }
    }

    /// The operations; those never completed stay pending.
    fn finish(self) -> Vec<Operation<I, O>> {
        self.slots.into_iter().flatten().collect()
    }
}
