//! Porcupine key-value logs: one EDN map per line.
//!
//! ```text
//! {:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}
//! {:process 0, :type :ok, :f :append, :key "0", :value "x 0 0 y"}
//! {:process 1, :type :invoke, :f :get, :key "0", :value nil}
//! {:process 1, :type :ok, :f :get, :key "0", :value "x 0 0 y"}
//! ```
//!
//! `:f` is `:get`, `:put` or `:append`; `:key` is a string (or an integer); on an
//! invocation of `put`/`append` `:value` is the argument, on an `ok` of `get` it
//! is the value read (`nil` reads as the empty string). A `:fail` completion
//! means the operation had no effect (it is left out), `:info` that its outcome
//! is unknown (it stays pending, as do operations never completed).

use super::edn::{self, Value};
use super::{Completion, Pairing};
use crate::lincheck::Error;
use crate::lincheck::models::{KvInput, KvOutput};

/// A parsed key-value history, to check against [`KeyValue`](crate::lincheck::models::KeyValue).
pub type KvHistory = Vec<crate::lincheck::Operation<KvInput, KvOutput>>;

/// Parses a porcupine key-value log. Blank lines and `:nemesis` events are
/// ignored; times are line numbers.
///
/// # Errors
///
/// [`Error::Parse`] with the line number of the first malformed line, or of a
/// completion that does not match its process's invocation.
pub fn parse(text: &str) -> Result<KvHistory, Error> {
    let mut pairing = Pairing::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if !line.trim().is_empty() {
            apply(&mut pairing, line_no, line).map_err(|message| Error::parse(line_no, message))?;
        }
    }
    Ok(pairing.finish())
}

/// The fields of one event line.
struct Fields {
    process: usize,
    kind: String,
    f: String,
    key: String,
    value: Value,
}

/// The fields of an event line; `None` for a `:nemesis` event.
fn fields(line: &str) -> Result<Option<Fields>, String> {
    let (mut process, mut kind, mut f, mut key, mut value) = (None, None, None, None, None);
    for (name, v) in edn::parse_map(line)? {
        match (name.as_str(), v) {
            ("process", Value::Int(p)) => {
                process = Some(usize::try_from(p).map_err(|_| format!("bad :process {p}"))?);
            }
            ("process", Value::Keyword(k)) if k == "nemesis" => return Ok(None),
            ("type", Value::Keyword(k)) => kind = Some(k),
            ("f", Value::Keyword(k)) => f = Some(k),
            ("key", Value::Str(k)) => key = Some(k),
            ("key", Value::Int(k)) => key = Some(k.to_string()),
            ("value", v) => value = Some(v),
            ("process" | "type" | "f" | "key", v) => {
                return Err(format!("unexpected :{name} {v:?}"));
            }
            _ => {} // other fields (:time, :index, ...) are not needed
        }
    }
    let missing = |field: &str| format!("missing :{field}");
    Ok(Some(Fields {
        process: process.ok_or_else(|| missing("process"))?,
        kind: kind.ok_or_else(|| missing("type"))?,
        f: f.ok_or_else(|| missing("f"))?,
        key: key.ok_or_else(|| missing("key"))?,
        value: value.ok_or_else(|| missing("value"))?,
    }))
}

/// Handles one event line.
fn apply(
    pairing: &mut Pairing<KvInput, KvOutput>,
    line_no: usize,
    line: &str,
) -> Result<(), String> {
    let Some(Fields {
        process,
        kind,
        f,
        key,
        value,
    }) = fields(line)?
    else {
        return Ok(()); // fault injection, not a client operation
    };
    let string = |what: &str| match &value {
        Value::Str(s) => Ok(s.clone()),
        other => Err(format!(
            "expected a string :value for {what}, found {other:?}"
        )),
    };

    if kind == "invoke" {
        let input = match f.as_str() {
            "get" => KvInput::Get { key },
            "put" => KvInput::Put {
                key,
                value: string("put")?,
            },
            "append" => KvInput::Append {
                key,
                value: string("append")?,
            },
            _ => return Err(format!("unknown :f :{f} (expected :get, :put or :append)")),
        };
        return pairing.invoke(line_no, process, input);
    }

    if !matches!(kind.as_str(), "ok" | "fail" | "info") {
        return Err(format!(
            "unknown :type :{kind} (expected :invoke, :ok, :fail or :info)"
        ));
    }
    let input = pairing.open_input(process)?;
    let invoked = match input {
        KvInput::Get { .. } => "get",
        KvInput::Put { .. } => "put",
        KvInput::Append { .. } => "append",
    };
    if f != invoked || key != input.key() {
        return Err(format!(
            "process {process} completes :{f} of key {key:?} but invoked :{invoked} of key {:?}",
            input.key()
        ));
    }
    let is_get = matches!(input, KvInput::Get { .. });
    let completion = match kind.as_str() {
        "ok" if is_get => match value {
            Value::Nil => Completion::Returned(Some(KvOutput::Value(String::new()))),
            Value::Str(s) => Completion::Returned(Some(KvOutput::Value(s))),
            other => return Err(format!("expected a string :value for get, found {other:?}")),
        },
        "ok" => Completion::Returned(Some(KvOutput::Ok)),
        "fail" => Completion::NoEffect,
        _ => Completion::Pending, // info
    };
    pairing.complete(line_no, process, completion);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_events() {
        let log = r#"
{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}
{:process 1, :type :invoke, :f :get, :key "0", :value nil}
{:process 0, :type :ok, :f :append, :key "0", :value "x 0 0 y"}
{:process 1, :type :ok, :f :get, :key "0", :value ""}
{:process 2, :type :invoke, :f :put, :key 7, :value "v"}
{:process 2, :type :info, :f :put, :key 7, :value "v"}
{:process 3, :type :invoke, :f :put, :key "k", :value "v"}
{:process 3, :type :fail, :f :put, :key "k", :value "v"}
{:process :nemesis, :type :info, :f :start, :value nil}
"#;
        let ops = parse(log).unwrap();
        assert_eq!(ops.len(), 3);
        assert_eq!(
            (ops[0].call, ops[0].return_, ops[0].output.clone()),
            (2, 4, Some(KvOutput::Ok))
        );
        assert_eq!(ops[1].output, Some(KvOutput::Value(String::new())));
        assert_eq!(
            ops[2].input,
            KvInput::Put {
                key: "7".into(),
                value: "v".into()
            }
        );
        assert!(ops[2].is_pending());
    }

    #[test]
    fn malformed_lines_are_reported_with_their_number() {
        let cases = [
            (r#"{:process 0, :type :invoke, :f :get, :key "0"}"#, 1),
            (
                r#"{:process -1, :type :invoke, :f :get, :key "0", :value nil}"#,
                1,
            ),
            (
                r#"{:process 0, :type :invoke, :f :del, :key "0", :value nil}"#,
                1,
            ),
            (
                r#"{:process 0, :type :invoke, :f :put, :key "0", :value nil}"#,
                1,
            ),
            ("{:process 0, :type :invoke", 1),
            (
                "\n\n{:process 0, :type :ok, :f :get, :key \"0\", :value \"\"}",
                3,
            ),
            (
                "{:process 0, :type :invoke, :f :get, :key \"0\", :value nil}\n{:process 0, :type :ok, :f :get, :key \"1\", :value \"\"}",
                2,
            ),
            (
                "{:process 0, :type :invoke, :f :get, :key \"0\", :value nil}\n{:process 0, :type :ok, :f :get, :key \"0\", :value 3}",
                2,
            ),
            (
                "{:process 0, :type :invoke, :f :get, :key \"0\", :value nil}\n{:process 0, :type :done, :f :get, :key \"0\", :value \"\"}",
                2,
            ),
        ];
        for (text, line) in cases {
            match parse(text) {
                Err(Error::Parse { line: l, .. }) => assert_eq!(l, line, "{text:?}"),
                other => panic!("{text:?} parsed as {other:?}"),
            }
        }
    }
}
