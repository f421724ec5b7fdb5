//! Jepsen etcd register logs.
//!
//! One event per line, `INFO  jepsen.util - PROCESS<TAB>:TYPE<TAB>:F<TAB>VALUE`
//! (any whitespace is accepted between fields):
//!
//! ```text
//! INFO  jepsen.util - 3    :invoke    :cas    [3 0]
//! INFO  jepsen.util - 3    :fail    :cas    [3 0]
//! ```
//!
//! `F` is `read` (value `nil` when invoked; the value read, or `nil` for an empty
//! register, when `ok`), `write` (the value written) or `cas` (`[FROM TO]`).
//! Completions mean:
//!
//! - `ok`: the operation took effect, with this result;
//! - `fail :cas`: the compare failed (the register held another value), no effect;
//! - `fail :read` (e.g. `:timed-out`): the read ended with an unknown result;
//! - `fail :write`: the write did not happen (it is left out);
//! - `info`: unknown outcome; the operation stays pending to the end of the history.
//!
//! Operations still in flight at the end of the log are pending as well. Fields
//! after the value, such as the `:hint N` of porcupine's `test_data/etcd` logs,
//! are ignored.

use super::{Completion, Pairing};
use crate::lincheck::Error;
use crate::lincheck::models::{RegisterInput, RegisterOutput};

/// A parsed etcd history, to check against [`Register`](crate::lincheck::models::Register).
pub type EtcdHistory = Vec<crate::lincheck::Operation<RegisterInput, RegisterOutput>>;

/// Parses a Jepsen etcd log. Blank lines and `:nemesis` events are ignored;
/// times are line numbers.
///
/// # Errors
///
/// [`Error::Parse`] with the line number of the first malformed line, or of a
/// completion that does not match its process's invocation.
pub fn parse(text: &str) -> Result<EtcdHistory, Error> {
    let mut pairing = Pairing::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if !line.trim().is_empty() {
            apply(&mut pairing, line_no, line).map_err(|message| Error::parse(line_no, message))?;
        }
    }
    Ok(pairing.finish())
}

/// Handles one event line.
fn apply(
    pairing: &mut Pairing<RegisterInput, RegisterOutput>,
    line_no: usize,
    line: &str,
) -> Result<(), String> {
    let mut words = line.split_whitespace();
    if (words.next(), words.next(), words.next()) != (Some("INFO"), Some("jepsen.util"), Some("-"))
    {
        return Err("expected `INFO  jepsen.util - PROCESS :TYPE :F VALUE`".into());
    }
    let process = words.next().ok_or("missing process number")?;
    if process == ":nemesis" {
        return Ok(()); // fault injection, not a client operation
    }
    let process: usize = process
        .parse()
        .map_err(|_| format!("bad process number {process:?}"))?;
    let kind = words.next().ok_or("missing event type")?;
    let f = words.next().ok_or("missing operation name")?;
    // Fields after the value (`:hint 3` in some logs) are not needed.
    let mut value: Vec<&str> = words.collect();
    if let Some(extra) = value.iter().skip(1).position(|w| w.starts_with(':')) {
        value.truncate(extra + 1);
    }
    let value = value.join(" ");

    if kind == ":invoke" {
        let input = match f {
            ":read" => RegisterInput::Read,
            ":write" => RegisterInput::Write(parse_int(&value)?),
            ":cas" => {
                let (from, to) = parse_pair(&value)?;
                RegisterInput::Cas { from, to }
            }
            _ => {
                return Err(format!(
                    "unknown operation {f:?} (expected :read, :write or :cas)"
                ));
            }
        };
        return pairing.invoke(line_no, process, input);
    }

    if !matches!(kind, ":ok" | ":fail" | ":info") {
        return Err(format!(
            "unknown event type {kind:?} (expected :invoke, :ok, :fail or :info)"
        ));
    }
    let input = *pairing.open_input(process)?;
    let invoked = match input {
        RegisterInput::Read => ":read",
        RegisterInput::Write(_) => ":write",
        RegisterInput::Cas { .. } => ":cas",
    };
    if f != invoked {
        return Err(format!(
            "process {process} completes {f} but invoked {invoked}"
        ));
    }
    let completion = match (kind, input) {
        (":ok", RegisterInput::Read) => {
            Completion::Returned(Some(RegisterOutput::Value(parse_value(&value)?)))
        }
        (":ok", _) => Completion::Returned(Some(RegisterOutput::Ok)),
        (":fail", RegisterInput::Read) => Completion::Returned(None),
        (":fail", RegisterInput::Write(_)) => Completion::NoEffect,
        (":fail", RegisterInput::Cas { .. }) => Completion::Returned(Some(RegisterOutput::Failed)),
        _ => Completion::Pending, // :info
    };
    pairing.complete(line_no, process, completion);
    Ok(())
}

fn parse_int(text: &str) -> Result<i64, String> {
    text.parse()
        .map_err(|_| format!("expected an integer, found {text:?}"))
}

/// `nil` or an integer.
fn parse_value(text: &str) -> Result<Option<i64>, String> {
    if text == "nil" {
        Ok(None)
    } else {
        parse_int(text).map(Some)
    }
}

/// `[FROM TO]`.
fn parse_pair(text: &str) -> Result<(i64, i64), String> {
    let error = || format!("expected `[FROM TO]`, found {text:?}");
    let inner = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .ok_or_else(error)?;
    let mut parts = inner.split_whitespace();
    match (parts.next(), parts.next(), parts.next()) {
        (Some(from), Some(to), None) => Ok((parse_int(from)?, parse_int(to)?)),
        _ => Err(error()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lincheck::PENDING;

    const LOG: &str = "\
INFO  jepsen.util - 0\t:invoke\t:read\tnil
INFO  jepsen.util - 1\t:invoke\t:write\t4
INFO  jepsen.util - 2\t:invoke\t:cas\t[4 5]
INFO  jepsen.util - 0\t:ok\t:read\tnil
INFO  jepsen.util - 1\t:info\t:write\t:timed-out
INFO  jepsen.util - 2\t:fail\t:cas\t[4 5]
INFO  jepsen.util - 0\t:invoke\t:read\tnil
INFO  jepsen.util - 0\t:fail\t:read\t:timed-out
INFO  jepsen.util - 0\t:invoke\t:write\t7
INFO  jepsen.util - 0\t:fail\t:write\t7
INFO  jepsen.util - 3\t:invoke\t:read\tnil
INFO  jepsen.util - :nemesis\t:info\t:start\tnil
";

    #[test]
    fn parses_every_completion_kind() {
        let ops = parse(LOG).unwrap();
        // The failed write is gone; 5 operations remain, in invocation order.
        assert_eq!(ops.len(), 5);
        assert_eq!(
            (ops[0].output, ops[0].call, ops[0].return_),
            (Some(RegisterOutput::Value(None)), 1, 4)
        );
        assert_eq!(
            (ops[1].input, ops[1].output, ops[1].return_),
            (RegisterInput::Write(4), None, PENDING)
        );
        assert_eq!(
            (ops[2].input, ops[2].output),
            (
                RegisterInput::Cas { from: 4, to: 5 },
                Some(RegisterOutput::Failed)
            )
        );
        assert_eq!((ops[3].output, ops[3].return_), (None, 8));
        assert!(ops[4].is_pending());
    }

    #[test]
    fn fields_after_the_value_are_ignored() {
        // As in porcupine's test_data/etcd logs.
        let log = "INFO  jepsen.util - 6 \t:invoke :write \t38 \t:hint 0\n\
                   INFO  jepsen.util - 6 \t:ok :write \t38 \t:hint 2\n\
                   INFO  jepsen.util - 4 \t:invoke :cas \t[38 7] \t:hint 0\n\
                   INFO  jepsen.util - 4 \t:ok :cas \t[38 7] \t:hint 3\n\
                   INFO  jepsen.util - 0 \t:invoke :read \tnil \t:hint 0\n\
                   INFO  jepsen.util - 0 \t:ok :read \t7 \t:hint 3\n";
        let ops = parse(log).unwrap();
        assert_eq!(ops[0].input, RegisterInput::Write(38));
        assert_eq!(ops[1].input, RegisterInput::Cas { from: 38, to: 7 });
        assert_eq!(ops[2].output, Some(RegisterOutput::Value(Some(7))));
    }

    #[test]
    fn malformed_lines_are_reported_with_their_number() {
        let cases = [
            ("hello", 1),
            ("INFO  jepsen.util - x\t:invoke\t:read\tnil", 1),
            ("INFO  jepsen.util - 1\t:invoke\t:write\tfour", 1),
            ("INFO  jepsen.util - 1\t:invoke\t:cas\t[1]", 1),
            ("INFO  jepsen.util - 1\t:invoke\t:frob\t1", 1),
            ("\nINFO  jepsen.util - 1\t:ok\t:read\t1", 2),
            (
                "INFO  jepsen.util - 1\t:invoke\t:read\tnil\nINFO  jepsen.util - 1\t:ok\t:write\t1",
                2,
            ),
            (
                "INFO  jepsen.util - 1\t:invoke\t:read\tnil\nINFO  jepsen.util - 1\t:invoke\t:read\tnil",
                2,
            ),
            (
                "INFO  jepsen.util - 1\t:invoke\t:read\tnil\nINFO  jepsen.util - 1\t:done\t:read\t1",
                2,
            ),
            (
                "INFO  jepsen.util - 1\t:invoke\t:read\tnil\nINFO  jepsen.util - 1\t:ok\t:read\t[1 2]",
                2,
            ),
            ("INFO jepsen.util - 1", 1),
        ];
        for (text, line) in cases {
            match parse(text) {
                Err(Error::Parse { line: l, .. }) => assert_eq!(l, line, "{text:?}"),
                other => panic!("{text:?} parsed as {other:?}"),
            }
        }
    }
}
