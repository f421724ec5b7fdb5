//! The linearizability property: every call recorded, the history checked against
//! lincheck's sequential counter.

use super::super::{Counter, record};
use super::Op;

/// Runs `programs[i]` on thread `i` against `counter`, recording every call, then reads
/// the total once more after joining them, and checks the history against lincheck's
/// sequential [`Counter`](crate::lincheck::models::Counter) model.
///
/// `add(n)` is recorded as a `fetch_add(n)` whose result is unknown, `get` as a `load`;
/// a `fetch_add` that returns `None` is recorded with an unknown result too. The final
/// read is client `programs.len()`, one past the last thread. `Err` explains, with a
/// per-client table, why no sequential order fits what the threads saw.
pub fn linearizable<C: Counter>(counter: C, programs: &[Vec<Op>]) -> Result<(), record::Violation> {
    use crate::lincheck::models::{Counter as Spec, CounterInput};
    let recorder = record::Recorder::new();
    let mut history = recorder.run(&counter, programs, |c, op, client| match *op {
        Op::Add(n) => client.call_with(CounterInput::FetchAdd(n), || c.add(n), |_| None),
        Op::FetchAdd(n) => {
            client.call_with(CounterInput::FetchAdd(n), || c.fetch_add(n), |&prev| prev);
        }
        Op::Get => {
            client.call(CounterInput::Load, || c.get());
        }
    });
    let mut after = recorder.client(programs.len());
    after.call(CounterInput::Load, || counter.get());
    history.extend(after.into_operations());
    history.check(&Spec)
}
