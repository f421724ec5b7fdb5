//! Helpers shared by the test files (`mod common;`).

use synclab::lincheck::{Model, Operation};

/// Checks every ordering allowed by real time, one by one (for tiny histories), per
/// partition: a model may describe one part of the object only.
pub fn brute_force<M: Model>(model: &M, history: &[Operation<M::Input, M::Output>]) -> bool {
    let mut keys: Vec<Option<String>> = history
        .iter()
        .map(|op| model.partition_key(&op.input))
        .collect();
    keys.sort();
    keys.dedup();
    keys.iter().all(|key| {
        let part: Vec<&Operation<M::Input, M::Output>> = history
            .iter()
            .filter(|op| model.partition_key(&op.input) == *key)
            .collect();
        brute_force_one(model, &part)
    })
}

fn brute_force_one<M: Model>(model: &M, history: &[&Operation<M::Input, M::Output>]) -> bool {
    fn go<M: Model>(
        model: &M,
        h: &[&Operation<M::Input, M::Output>],
        left: &mut Vec<usize>,
        s: &M::State,
    ) -> bool {
        if left.is_empty() {
            return true;
        }
        for pos in 0..left.len() {
            let i = left[pos];
            if left.iter().any(|&j| h[j].return_ < h[i].call) {
                continue;
            }
            if let Some(next) = model.step(s, &h[i].input, h[i].output.as_ref()) {
                left.remove(pos);
                let ok = go(model, h, left, &next);
                left.insert(pos, i);
                if ok {
                    return true;
                }
            }
        }
        false
    }
    go(
        model,
        history,
        &mut (0..history.len()).collect(),
        &model.init(),
    )
}
