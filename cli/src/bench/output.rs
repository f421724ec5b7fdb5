//! Printing benchmark rows: an aligned table for people, JSON for machines.
//!
//! The JSON schema, shared by every family and by `synclab report`:
//! `{"family": "counter", "results": [{"name": .., "threads": .., "ops_per_sec": ..,
//! "workload": .. (families with several), "spread": .., "implausible": .. (a row the
//! harness's [self-check](super::plausible) flags: why)}, ...]}`.

use super::Row;
use serde_json::{Value, json};

/// One family's rows as the JSON object described in the module docs.
pub fn to_json(family: &str, rows: &[Row]) -> Value {
    let results: Vec<Value> = rows
        .iter()
        .map(|r| {
            let mut row =
                json!({ "name": r.name, "threads": r.threads, "ops_per_sec": r.ops_per_sec });
            if let Some(w) = &r.workload {
                row["workload"] = json!(w);
            }
            if let Some(s) = r.spread {
                // JSON has no infinity: a thread that never got in is reported as null.
                row["spread"] = if s.is_finite() { json!(s) } else { Value::Null };
            }
            if let Some(why) = &r.implausible {
                row["implausible"] = json!(why);
            }
            row
        })
        .collect();
    json!({ "family": family, "results": results })
}

/// An aligned text table, with each row's throughput relative to `baseline` (the peer
/// named so, at the same thread count and workload) where there is one.
pub fn to_table(rows: &[Row], baseline: &str) -> String {
    let base = |r: &Row| {
        rows.iter()
            .find(|b| b.name == baseline && b.threads == r.threads && b.workload == r.workload)
            .map(|b| b.ops_per_sec)
    };
    let mut out = format!(
        "{:<24} {:>7} {:>10} {:>14} {:>12} {:>8}\n",
        "name", "threads", "workload", "Mops/s", "vs baseline", "spread"
    );
    for r in rows {
        let ratio = base(r).map_or("-".to_string(), |b| format!("{:.2}x", r.ops_per_sec / b));
        let spread = r.spread.map_or("-".to_string(), |s| format!("{s:.2}"));
        // Three decimals below 10 Mops/s: hand-off rates are in the thousands per second.
        let mops = r.ops_per_sec / 1e6;
        let mut mops = if mops < 10.0 {
            format!("{mops:.3}")
        } else {
            format!("{mops:.1}")
        };
        if r.implausible.is_some() {
            mops.insert_str(0, "! ");
        }
        out += &format!(
            "{:<24} {:>7} {:>10} {:>14} {:>12} {:>8}\n",
            r.name,
            r.threads,
            r.workload.as_deref().unwrap_or("-"),
            mops,
            ratio,
            spread
        );
    }
    out += &format!("(baseline: {baseline})\n");
    if rows.iter().any(|r| r.implausible.is_some()) {
        out += "(! implausible: more than any machine with these CPUs could do; the measurement is broken, see the warnings)\n";
    }
    out
}
