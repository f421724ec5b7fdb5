//! Recorded histories: operations with call/return times, or raw call/return events.

use std::collections::HashMap;
use std::fmt;

use super::Error;

/// The return time of an operation that never returned (a timed-out request, a
/// crashed client): "plus infinity". Such an operation may take effect at any point
/// after its call, or never.
pub const PENDING: u64 = u64::MAX;

/// One operation of a concurrent history: who called what, when, and what came back.
///
/// Times are abstract, totally ordered instants (nanoseconds, a logical clock, line
/// numbers of a log file: anything monotonic). Operation `a` *happened before*
/// operation `b` (and must therefore be linearized before it) exactly when
/// `a.return_ < b.call`; an operation returning at the very instant another one is
/// called counts as concurrent with it.
///
/// An operation whose outcome is unknown has `output: None`. If it never returned at
/// all, its `return_` is [`PENDING`] (use [`Operation::pending`]): it may then take
/// effect at any point after its call, or not at all. An operation whose `return_`
/// is earlier than its `call` is treated as returning at its call time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation<I, O> {
    /// The client (thread, process) that issued the operation; used only for display.
    pub client_id: usize,
    /// What was asked, e.g. "write 3".
    pub input: I,
    /// When the request was issued.
    pub call: u64,
    /// What came back, or `None` if the outcome is unknown.
    pub output: Option<O>,
    /// When the response arrived, or [`PENDING`] if it never did.
    pub return_: u64,
}

impl<I, O> Operation<I, O> {
    /// An operation that completed with a known output.
    pub fn new(client_id: usize, input: I, call: u64, output: O, return_: u64) -> Self {
        Self {
            client_id,
            input,
            call,
            output: Some(output),
            return_,
        }
    }

    /// An operation that never returned: unknown output, return time [`PENDING`].
    pub fn pending(client_id: usize, input: I, call: u64) -> Self {
        Self {
            client_id,
            input,
            call,
            output: None,
            return_: PENDING,
        }
    }

    /// Whether the operation never returned.
    pub fn is_pending(&self) -> bool {
        self.return_ == PENDING
    }
}

/// One event of a history written as a sequence of calls and returns, in the order
/// they happened. `id` ties a return to its call; ids need only be unique.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event<I, O> {
    /// A client issued a request.
    Call {
        /// The client issuing the request.
        client: usize,
        /// Identifies the operation; its return carries the same id.
        id: usize,
        /// The request.
        input: I,
    },
    /// A response arrived. `output: None` means the outcome is unknown.
    Return {
        /// The client receiving the response (must match the call's client).
        client: usize,
        /// The id of the matching call.
        id: usize,
        /// The response, if known.
        output: Option<O>,
    },
}

/// Converts an event list into operations, using each event's position as its time.
///
/// Calls without a return become pending operations (see [`PENDING`]). Operations are
/// returned in the order of their calls.
///
/// # Errors
///
/// [`Error::InvalidHistory`] when an id is called twice, returns twice, returns
/// without a call, or returns to a different client than the one that called it.
pub fn operations_from_events<I, O>(
    events: impl IntoIterator<Item = Event<I, O>>,
) -> Result<Vec<Operation<I, O>>, Error> {
    let mut ops: Vec<Operation<I, O>> = Vec::new();
    let mut index_of_id: HashMap<usize, usize> = HashMap::new();
    for (time, event) in events.into_iter().enumerate() {
        let time = time as u64;
        match event {
            Event::Call { client, id, input } => {
                if index_of_id.insert(id, ops.len()).is_some() {
                    return Err(invalid(time, format!("operation id {id} is called twice")));
                }
                ops.push(Operation::pending(client, input, time));
            }
            Event::Return { client, id, output } => {
                let Some(&index) = index_of_id.get(&id) else {
                    return Err(invalid(time, format!("return of id {id} without a call")));
                };
                let op = &mut ops[index];
                if !op.is_pending() {
                    return Err(invalid(time, format!("operation id {id} returns twice")));
                }
                if op.client_id != client {
                    let msg = format!(
                        "operation id {id} was called by client {} but returns to client {client}",
                        op.client_id
                    );
                    return Err(invalid(time, msg));
                }
                op.output = output;
                op.return_ = time;
            }
        }
    }
    Ok(ops)
}

/// Converts operations into an event list ordered by time (calls before returns at
/// equal times). The id of each event is the operation's index in `ops`; pending
/// operations get no return event.
pub fn events_from_operations<I, O>(
    ops: impl IntoIterator<Item = Operation<I, O>>,
) -> Vec<Event<I, O>> {
    // (time, is_return, id, event): sorting on the first three fields gives the order.
    let mut keyed: Vec<(u64, bool, usize, Event<I, O>)> = Vec::new();
    for (id, op) in ops.into_iter().enumerate() {
        let client = op.client_id;
        let call = Event::Call {
            client,
            id,
            input: op.input,
        };
        keyed.push((op.call, false, id, call));
        if op.return_ != PENDING {
            let ret = Event::Return {
                client,
                id,
                output: op.output,
            };
            keyed.push((op.return_.max(op.call), true, id, ret));
        }
    }
    keyed.sort_by_key(|&(time, is_return, id, _)| (time, is_return, id));
    keyed.into_iter().map(|(_, _, _, event)| event).collect()
}

fn invalid(position: u64, message: impl fmt::Display) -> Error {
    Error::InvalidHistory(format!("event {position}: {message}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_order_and_pending_ops() {
        let ops = vec![
            Operation::new(0, "w1", 0, "ok", 5),
            Operation::new(1, "r", 2, "1", 3),
            Operation::pending(2, "w2", 4),
        ];
        let events = events_from_operations(ops.clone());
        assert_eq!(events.len(), 5);
        let back = operations_from_events(events).unwrap();
        // Times become event positions, but the structure is the same.
        assert_eq!(back.len(), 3);
        assert_eq!(back[0].input, "w1");
        assert_eq!(back[1].input, "r");
        assert!(back[0].call < back[1].call && back[1].return_ < back[0].return_);
        assert!(back[2].is_pending() && back[2].output.is_none());
    }

    #[test]
    fn malformed_event_lists_are_rejected() {
        let orphan: Vec<Event<(), ()>> = vec![Event::Return {
            client: 0,
            id: 7,
            output: None,
        }];
        assert!(operations_from_events(orphan).is_err());
        let twice: Vec<Event<(), ()>> = vec![
            Event::Call {
                client: 0,
                id: 1,
                input: (),
            },
            Event::Call {
                client: 0,
                id: 1,
                input: (),
            },
        ];
        assert!(operations_from_events(twice).is_err());
        let wrong_client: Vec<Event<(), ()>> = vec![
            Event::Call {
                client: 0,
                id: 1,
                input: (),
            },
            Event::Return {
                client: 1,
                id: 1,
                output: None,
            },
        ];
        assert!(operations_from_events(wrong_client).is_err());
    }
}
