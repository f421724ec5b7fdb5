//! Writing histories in the formats [`etcd`](super::etcd) and [`kv`](super::kv)
//! read: for generated histories ([`generate`](crate::lincheck::generate)) that the
//! command line, porcupine or Jepsen's tools should see.
//!
//! Events are written in time order, calls before completions at equal times, so
//! reading the text back gives the same real-time order (times become line
//! numbers). An operation that never returned is written as invoked, then `:info`.
//! Each client (process) must have one operation in flight at a time, as in every
//! history these formats record.

use std::fmt::Write as _;

use crate::lincheck::Operation;
use crate::lincheck::models::{KvInput, KvOutput, RegisterInput, RegisterOutput};

/// The events of `history` in time order: `(operation, is_completion)`.
fn events<I, O>(history: &[Operation<I, O>]) -> Vec<(usize, bool)> {
    let mut keyed: Vec<(u64, bool, usize)> = Vec::with_capacity(2 * history.len());
    for (i, op) in history.iter().enumerate() {
        keyed.push((op.call, false, i));
        let done = if op.is_pending() {
            op.call
        } else {
            op.return_.max(op.call)
        };
        keyed.push((done, true, i));
    }
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, done, i)| (i, done)).collect()
}

/// A Jepsen etcd log of a register history (see [`etcd`](super::etcd)).
pub fn etcd(history: &[Operation<RegisterInput, RegisterOutput>]) -> String {
    let mut out = String::with_capacity(history.len() * 80);
    for (i, done) in events(history) {
        let op = &history[i];
        let (f, arg) = match op.input {
            RegisterInput::Read => (":read", "nil".to_string()),
            RegisterInput::Write(v) => (":write", v.to_string()),
            RegisterInput::Cas { from, to } => (":cas", format!("[{from} {to}]")),
        };
        let (kind, value) = if !done {
            (":invoke", arg)
        } else if op.is_pending() {
            (":info", arg)
        } else {
            match (op.input, op.output) {
                (_, None) if op.input == RegisterInput::Read => (":fail", ":timed-out".into()),
                (_, None) => (":info", arg),
                (RegisterInput::Read, Some(RegisterOutput::Value(v))) => (
                    ":ok",
                    v.map_or_else(|| "nil".to_string(), |v| v.to_string()),
                ),
                (_, Some(RegisterOutput::Failed)) => (":fail", arg),
                (_, Some(_)) => (":ok", arg),
            }
        };
        let _ = writeln!(
            out,
            "INFO  jepsen.util - {}\t{kind}\t{f}\t{value}",
            op.client_id
        );
    }
    out
}

/// A porcupine key-value log (see [`kv`](super::kv)).
pub fn kv(history: &[Operation<KvInput, KvOutput>]) -> String {
    let mut out = String::with_capacity(history.len() * 100);
    for (i, done) in events(history) {
        let op = &history[i];
        let (f, key, arg) = match &op.input {
            KvInput::Get { key } => ("get", key, None),
            KvInput::Put { key, value } => ("put", key, Some(value)),
            KvInput::Append { key, value } => ("append", key, Some(value)),
        };
        let (kind, value) = match (done, &op.output) {
            (false, _) => ("invoke", arg),
            (true, Some(KvOutput::Value(v))) if !op.is_pending() => ("ok", Some(v)),
            (true, Some(KvOutput::Ok)) if !op.is_pending() => ("ok", arg),
            (true, _) => ("info", arg),
        };
        let value = value.map_or_else(|| "nil".to_string(), |v| quote(v));
        let _ = writeln!(
            out,
            "{{:process {}, :type :{kind}, :f :{f}, :key {}, :value {value}}}",
            op.client_id,
            quote(key)
        );
    }
    out
}

/// An EDN string literal.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lincheck::generate::Workload;
    use crate::lincheck::parse;

    #[test]
    fn generated_histories_survive_the_round_trip() {
        let workload = Workload {
            clients: 4,
            keys: 2,
            operations: 60,
            lost: 0.1,
            ..Workload::default()
        };
        let register = workload.register();
        let back = parse::etcd::parse(&etcd(&register)).unwrap();
        assert_eq!(back.len(), register.len());
        let kv_history = workload.kv();
        let back_kv = parse::kv::parse(&kv(&kv_history)).unwrap();
        assert_eq!(back_kv.len(), kv_history.len());
        // Same operations and outputs (the parser lists them by call, as generated).
        let pairs = |h: &[Operation<KvInput, KvOutput>]| -> Vec<(KvInput, Option<KvOutput>)> {
            h.iter()
                .map(|o| (o.input.clone(), o.output.clone()))
                .collect()
        };
        assert_eq!(pairs(&kv_history), pairs(&back_kv));
        // Same real-time order: one operation precedes another in both or neither.
        for (a, b) in [(0, 5), (3, 40), (10, 11), (20, 59)] {
            let precedes = |h: &[Operation<KvInput, KvOutput>]| h[a].return_ < h[b].call;
            assert_eq!(precedes(&kv_history), precedes(&back_kv), "{a} {b}");
        }
        assert!(kv(&kv_history).contains(":type :info"));
        assert!(etcd(&register).contains("\t:info\t"));
    }

    #[test]
    fn strings_are_quoted() {
        assert_eq!(quote(r#"a"b\c"#), r#""a\"b\\c""#);
    }
}
