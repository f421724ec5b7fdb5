//! The docs quote code by line: `` `ticket.rs:127` `self.serving.store(..)` ``. Each such
//! quote must still be on that line, or the docs have drifted from the code (the fixes
//! table in `docs/lock.md` once pointed at a `scenario.rs:493` that no longer existed).
#![cfg(not(miri))] // reads the source tree

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The quotes of a document: `` `FILE.rs:LINE` `CODE` `` (the file, the line, the code).
fn quotes(text: &str) -> Vec<(String, usize, String)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices(".rs:") {
        let Some(open) = text[..at].rfind('`') else {
            continue;
        };
        let name = &text[open + 1..at + 3];
        let rest = &text[at + 4..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = &rest[digits.len()..];
        // Only the form `file.rs:N` followed by one space and a code span.
        let (Ok(line), Some(code)) = (digits.parse(), after.strip_prefix("` `")) else {
            continue;
        };
        if name.contains(char::is_whitespace) {
            continue;
        }
        let Some(end) = code.find('`') else { continue };
        found.push((name.to_string(), line, code[..end].to_string()));
    }
    found
}

#[test]
fn every_quoted_line_of_code_is_still_on_its_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    sources(&root.join("cli/src"), &mut files);
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.push(root.join("README.md"));

    let (mut checked, mut drifted) = (0, Vec::new());
    for doc in &docs {
        let text = std::fs::read_to_string(doc).unwrap();
        for (name, line, code) in quotes(&text) {
            let suffix = format!("/{name}");
            let holds = files
                .iter()
                .filter(|f| f.to_string_lossy().ends_with(&suffix))
                .any(|f| {
                    let source = std::fs::read_to_string(f).unwrap();
                    source
                        .lines()
                        .nth(line - 1)
                        .is_some_and(|l| l.contains(&code))
                });
            checked += 1;
            if !holds {
                drifted.push(format!("{}: `{name}:{line}` `{code}`", doc.display()));
            }
        }
    }
    assert!(
        checked >= 10,
        "found only {checked} quotes: is the pattern still right?"
    );
    assert!(
        drifted.is_empty(),
        "quotes no longer on their line:\n{}",
        drifted.join("\n")
    );
}

/// Only the `file.rs:N` + code-span form is a quote; a bare location is not.
#[test]
fn a_quote_is_a_location_then_a_code_span() {
    let quoted = quotes("see `ticket.rs:127` `self.serving.store(x)` and `a.rs:3` alone");
    assert_eq!(
        quoted,
        [(
            "ticket.rs".to_string(),
            127,
            "self.serving.store(x)".to_string()
        )]
    );
}
