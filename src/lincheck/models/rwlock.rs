//! A reader-writer lock: many readers or one writer.

use crate::lincheck::{Model, Operation};

/// A reader-writer lock, initially free, as the
/// [`RawRwLock`](crate::lock::RawRwLock) contract describes it. The state is who holds
/// it: a set of readers (a bit per client, clients `0..64`) or one writer.
///
/// `read`/`write` are legal only when they can be granted (a reader beside readers, a
/// writer alone); `try_read`/`try_write` return `true` exactly then, except that a
/// failure overlapping another client's acquisition or release is allowed on any state
/// (the contract's "another thread is acquiring or releasing it", and "a writer waits":
/// see [`RwLock::mark_contention`]). An unlock is legal only by a holder in that mode.
/// The output is the `bool` a `try_` returned, and `true` for the others.
///
/// ```
/// use synclab::lincheck::models::{RwLock, RwLockInput as In};
/// use synclab::lincheck::{Budget, Operation, check};
///
/// // Client 0 holds a read lock over [0, 9]; client 1 reads beside it: fine.
/// let shared = vec![
///     Operation::new(0, In::Read(0), 0, true, 1),
///     Operation::new(1, In::Read(1), 2, true, 3),
///     Operation::new(1, In::ReadUnlock(1), 4, true, 5),
///     Operation::new(0, In::ReadUnlock(0), 8, true, 9),
/// ];
/// assert_eq!(check(&RwLock, &shared, Budget::default()).is_linearizable(), Some(true));
/// // A writer admitted while client 0 still reads: no order explains it.
/// let mut bad = shared.clone();
/// bad[1].input = In::Write(1);
/// bad[2].input = In::WriteUnlock(1);
/// assert_eq!(check(&RwLock, &bad, Budget::default()).is_linearizable(), Some(false));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct RwLock;

/// Who holds an [`RwLock`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Holders {
    /// Nobody.
    #[default]
    Free,
    /// These clients, a bit each, hold read locks.
    Readers(u64),
    /// This client holds the write lock.
    Writer(usize),
}

/// A reader-writer lock operation, with the client that calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RwLockInput {
    /// `lock_shared()`.
    Read(usize),
    /// `try_lock_shared()`.
    TryRead(usize),
    /// `unlock_shared()`.
    ReadUnlock(usize),
    /// `lock()`, the exclusive mode.
    Write(usize),
    /// `try_lock()`.
    TryWrite(usize),
    /// `unlock()`.
    WriteUnlock(usize),
    /// A `try_lock_shared()` or `try_lock()` (`exclusive`) that failed while another
    /// client was acquiring or releasing: allowed on any state.
    TryContended {
        /// The client.
        client: usize,
        /// Whether it was `try_lock`.
        exclusive: bool,
    },
}

impl Model for RwLock {
    type State = Holders;
    type Input = RwLockInput;
    type Output = bool;

    fn init(&self) -> Holders {
        Holders::Free
    }

    fn step(&self, held: &Holders, input: &RwLockInput, output: Option<&bool>) -> Option<Holders> {
        use RwLockInput::*;
        let bit = |c: usize| 1u64 << (c % 64);
        let shared = match *held {
            Holders::Free => Some(Holders::Readers(0)),
            Holders::Readers(r) => Some(Holders::Readers(r)),
            Holders::Writer(_) => None,
        };
        let with_reader = |c| {
            shared.map(|h| match h {
                Holders::Readers(r) => Holders::Readers(r | bit(c)),
                other => other,
            })
        };
        let with_writer = |c| (*held == Holders::Free).then_some(Holders::Writer(c));
        match (*input, output) {
            (TryContended { .. }, Some(false)) => Some(*held),
            (
                TryContended {
                    client,
                    exclusive: false,
                },
                _,
            ) => with_reader(client),
            (
                TryContended {
                    client,
                    exclusive: true,
                },
                _,
            ) => with_writer(client),
            // Never returned: it may still be waiting, so it changes nothing yet.
            (Read(c), None) => Some(with_reader(c).unwrap_or(*held)),
            (Write(c), None) => Some(with_writer(c).unwrap_or(*held)),
            (Read(c), Some(_)) => with_reader(c),
            (Write(c), Some(_)) => with_writer(c),
            (TryRead(c), Some(true)) => with_reader(c),
            (TryWrite(c), Some(true)) => with_writer(c),
            (TryRead(c), Some(false)) => with_reader(c).is_none().then_some(*held),
            (TryWrite(c), Some(false)) => with_writer(c).is_none().then_some(*held),
            (TryRead(c), None) => Some(with_reader(c).unwrap_or(*held)),
            (TryWrite(c), None) => Some(with_writer(c).unwrap_or(*held)),
            (ReadUnlock(c), _) => match *held {
                Holders::Readers(r) if r & bit(c) != 0 => {
                    let left = r & !bit(c);
                    Some(if left == 0 {
                        Holders::Free
                    } else {
                        Holders::Readers(left)
                    })
                }
                // An unknown outcome must be legal everywhere (see `Model::step`).
                _ if output.is_none() => Some(*held),
                _ => None,
            },
            (WriteUnlock(c), _) => match *held {
                Holders::Writer(w) if w == c => Some(Holders::Free),
                _ if output.is_none() => Some(*held),
                _ => None,
            },
        }
        .map(|h| {
            if h == Holders::Readers(0) {
                Holders::Free
            } else {
                h
            }
        })
    }

    fn describe_operation(&self, input: &RwLockInput, output: Option<&bool>) -> String {
        let result = |name: &str| match output {
            Some(got) => format!("{name}() -> {got}"),
            None => format!("{name}() -> ?"),
        };
        match input {
            RwLockInput::Read(_) => "read()".to_string(),
            RwLockInput::Write(_) => "write()".to_string(),
            RwLockInput::ReadUnlock(_) => "read_unlock()".to_string(),
            RwLockInput::WriteUnlock(_) => "write_unlock()".to_string(),
            RwLockInput::TryRead(_) => result("try_read"),
            RwLockInput::TryWrite(_) => result("try_write"),
            RwLockInput::TryContended { exclusive, .. } => {
                let name = if *exclusive { "try_write" } else { "try_read" };
                format!("{name}() -> false (while another acquired or released)")
            }
        }
    }

    fn describe_state(&self, held: &Holders) -> String {
        match held {
            Holders::Free => "free".to_string(),
            Holders::Writer(c) => format!("written by client {c}"),
            Holders::Readers(r) => {
                let readers: Vec<String> = (0..64)
                    .filter(|c| r & (1 << c) != 0)
                    .map(|c| c.to_string())
                    .collect();
                format!("read by clients {}", readers.join(", "))
            }
        }
    }
}

impl RwLock {
    /// Marks every failed `try_read`/`try_write` that overlapped, in real time, an
    /// acquisition or release by another client as [`RwLockInput::TryContended`].
    pub fn mark_contention(operations: &mut [Operation<RwLockInput, bool>]) {
        let client = |input: &RwLockInput| match *input {
            RwLockInput::Read(c)
            | RwLockInput::TryRead(c)
            | RwLockInput::ReadUnlock(c)
            | RwLockInput::Write(c)
            | RwLockInput::TryWrite(c)
            | RwLockInput::WriteUnlock(c) => c,
            RwLockInput::TryContended { client, .. } => client,
        };
        let spans: Vec<(usize, u64, u64)> = (operations.iter())
            .map(|op| (client(&op.input), op.call, op.return_))
            .collect();
        for op in operations.iter_mut() {
            let exclusive = match op.input {
                RwLockInput::TryRead(_) => false,
                RwLockInput::TryWrite(_) => true,
                _ => continue,
            };
            let me = client(&op.input);
            let overlapped = (spans.iter())
                .any(|&(other, call, ret)| other != me && call < op.return_ && op.call < ret);
            if op.output == Some(false) && overlapped {
                op.input = RwLockInput::TryContended {
                    client: me,
                    exclusive,
                };
            }
        }
    }
}
