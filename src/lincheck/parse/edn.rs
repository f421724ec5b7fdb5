//! Just enough EDN to read one flat map per line: `{:process 0, :f :get, :value "x"}`.

/// A scalar EDN value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Value {
    Nil,
    Bool(bool),
    Int(i64),
    Str(String),
    /// A keyword, without its leading colon.
    Keyword(String),
}

/// Parses `{:key value, ...}` with scalar values into its entries, in order.
/// Commas count as whitespace, as in EDN. Keys are returned without the colon.
pub(super) fn parse_map(text: &str) -> Result<Vec<(String, Value)>, String> {
    let mut p = Parser {
        chars: text.char_indices().peekable(),
        text,
    };
    p.skip_space();
    p.expect('{')?;
    let mut entries = Vec::new();
    loop {
        p.skip_space();
        match p.peek() {
            Some('}') => {
                p.bump();
                break;
            }
            Some(':') => {
                let key = p.keyword()?;
                p.skip_space();
                let value = p.value()?;
                entries.push((key, value));
            }
            Some(c) => {
                return Err(format!(
                    "expected a keyword or `}}` at column {}, found {c:?}",
                    p.column()
                ));
            }
            None => return Err("unexpected end of line: missing `}`".into()),
        }
    }
    p.skip_space();
    match p.peek() {
        None => Ok(entries),
        Some(c) => Err(format!(
            "unexpected {c:?} after the map at column {}",
            p.column()
        )),
    }
}

struct Parser<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    text: &'a str,
}

impl Parser<'_> {
    fn peek(&mut self) -> Option<char> {
        self.chars.peek().map(|&(_, c)| c)
    }

    fn bump(&mut self) -> Option<char> {
        self.chars.next().map(|(_, c)| c)
    }

    /// The 1-based column of the next character.
    fn column(&mut self) -> usize {
        let offset = self.chars.peek().map_or(self.text.len(), |&(i, _)| i);
        self.text[..offset].chars().count() + 1
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(|c| c.is_whitespace() || c == ',') {
            self.bump();
        }
    }

    fn expect(&mut self, want: char) -> Result<(), String> {
        let column = self.column();
        match self.bump() {
            Some(c) if c == want => Ok(()),
            Some(c) => Err(format!("expected {want:?} at column {column}, found {c:?}")),
            None => Err(format!(
                "expected {want:?} at column {column}, found the end of the line"
            )),
        }
    }

    /// A run of symbol characters (letters, digits, `-`, `_`, `.`, ...).
    fn symbol(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self
            .peek()
            .filter(|&c| c.is_alphanumeric() || "-_.*+!?/<>=".contains(c))
        {
            s.push(c);
            self.bump();
        }
        s
    }

    fn keyword(&mut self) -> Result<String, String> {
        self.expect(':')?;
        let column = self.column();
        let name = self.symbol();
        if name.is_empty() {
            Err(format!("empty keyword at column {column}"))
        } else {
            Ok(name)
        }
    }

    fn value(&mut self) -> Result<Value, String> {
        let column = self.column();
        match self.peek() {
            Some(':') => self.keyword().map(Value::Keyword),
            Some('"') => self.string(),
            Some(c) if c.is_alphanumeric() || c == '-' => match self.symbol().as_str() {
                "nil" => Ok(Value::Nil),
                "true" => Ok(Value::Bool(true)),
                "false" => Ok(Value::Bool(false)),
                number => number
                    .parse()
                    .map(Value::Int)
                    .map_err(|_| format!("bad value {number:?} at column {column}")),
            },
            Some(c) => Err(format!(
                "unexpected {c:?} at column {column} (expected a value)"
            )),
            None => Err("unexpected end of line (expected a value)".into()),
        }
    }

    fn string(&mut self) -> Result<Value, String> {
        let column = self.column();
        self.expect('"')?;
        let mut s = String::new();
        loop {
            match self.bump() {
                Some('"') => return Ok(Value::Str(s)),
                Some('\\') => match self.bump() {
                    Some('n') => s.push('\n'),
                    Some('t') => s.push('\t'),
                    Some('r') => s.push('\r'),
                    Some(c @ ('"' | '\\')) => s.push(c),
                    Some(c) => {
                        return Err(format!(
                            "unknown escape `\\{c}` in the string at column {column}"
                        ));
                    }
                    None => break,
                },
                Some(c) => s.push(c),
                None => break,
            }
        }
        Err(format!("unterminated string starting at column {column}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_flat_map() {
        let entries = parse_map(
            r#"{:process 0, :type :invoke, :key "a \"b\"", :value nil, :n -3, :ok true}"#,
        )
        .unwrap();
        assert_eq!(
            entries,
            vec![
                ("process".into(), Value::Int(0)),
                ("type".into(), Value::Keyword("invoke".into())),
                ("key".into(), Value::Str("a \"b\"".into())),
                ("value".into(), Value::Nil),
                ("n".into(), Value::Int(-3)),
                ("ok".into(), Value::Bool(true)),
            ]
        );
    }

    #[test]
    fn rejects_malformed_maps() {
        for text in [
            "",
            "{",
            "{:a}",
            "{:a 1",
            "{a 1}",
            r#"{:a "x}"#,
            "{:a 1} x",
            "{: 1}",
            "{:a [1]}",
            "{:a 1x}",
        ] {
            assert!(parse_map(text).is_err(), "{text:?}");
        }
    }
}
