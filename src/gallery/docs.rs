//! The sensitivity matrix as the docs hold it: `docs/gallery.md` keeps the table that
//! `synclab matrix` prints between two markers, and `synclab matrix --write FILE`
//! replaces what is between them.

use std::fmt;
use std::path::Path;

/// The line before the table.
pub const START: &str = "<!-- matrix:start -->";
/// The line after the table.
pub const END: &str = "<!-- matrix:end -->";

/// A text without the two markers, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerError {
    /// No [`START`] marker.
    NoStart,
    /// No [`END`] marker after the [`START`] marker.
    NoEnd,
}

impl fmt::Display for MarkerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MarkerError::NoStart => write!(f, "no {START} marker"),
            MarkerError::NoEnd => write!(f, "no {END} marker after {START}"),
        }
    }
}

impl std::error::Error for MarkerError {}

/// Where the table is: the byte range between the end of [`START`] and the start of
/// [`END`].
fn span(text: &str) -> Result<std::ops::Range<usize>, MarkerError> {
    let start = text.find(START).ok_or(MarkerError::NoStart)? + START.len();
    let end = start + text[start..].find(END).ok_or(MarkerError::NoEnd)?;
    Ok(start..end)
}

/// The text between the markers: the table as the docs hold it.
pub fn table(text: &str) -> Result<&str, MarkerError> {
    Ok(&text[span(text)?])
}

/// `text` with `markdown` between the markers instead of what was there, on the line
/// after [`START`].
pub fn with_table(text: &str, markdown: &str) -> Result<String, MarkerError> {
    let span = span(text)?;
    Ok(format!(
        "{}\n{markdown}{}",
        &text[..span.start],
        &text[span.end..]
    ))
}

/// Replaces the table in the file at `path` with `markdown`. A file without the markers
/// is an [`InvalidData`](std::io::ErrorKind::InvalidData) error, and is left as it was.
pub fn write_table(path: &Path, markdown: &str) -> std::io::Result<()> {
    let text = std::fs::read_to_string(path)?;
    let updated = with_table(&text, markdown)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    std::fs::write(path, updated)
}

/// Whether [`write_table`] can update the file at `path`: it is readable, holds the
/// markers, and may be written (opened for appending, which changes nothing). For a
/// command that measures first and writes last, to fail before measuring.
pub fn check_writable(path: &Path) -> std::io::Result<()> {
    let text = std::fs::read_to_string(path)?;
    table(&text).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    std::fs::OpenOptions::new().append(true).open(path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str =
        "# Gallery\n\n<!-- matrix:start -->\n| old |\n<!-- matrix:end -->\n\nAfter.\n";

    #[test]
    fn the_table_between_the_markers_is_replaced_and_the_rest_kept() {
        assert_eq!(table(DOC), Ok("\n| old |\n"));
        let updated = with_table(DOC, "| new |\n|---|\n").unwrap();
        assert_eq!(
            updated,
            "# Gallery\n\n<!-- matrix:start -->\n| new |\n|---|\n<!-- matrix:end -->\n\nAfter.\n"
        );
        // Writing the same table again changes nothing.
        assert_eq!(with_table(&updated, "| new |\n|---|\n").unwrap(), updated);
    }

    #[test]
    fn missing_or_misordered_markers_are_errors() {
        assert_eq!(with_table("no markers", "x"), Err(MarkerError::NoStart));
        assert_eq!(
            with_table("<!-- matrix:start --> no end", "x"),
            Err(MarkerError::NoEnd)
        );
        assert_eq!(
            table("<!-- matrix:end --> <!-- matrix:start -->"),
            Err(MarkerError::NoEnd)
        );
    }

    #[test]
    #[cfg_attr(miri, ignore)] // file system
    fn write_table_rewrites_the_file_or_leaves_it() {
        let dir = std::env::temp_dir().join(format!("synclab-docs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("gallery.md");
        std::fs::write(&path, DOC).unwrap();
        write_table(&path, "| new |\n").unwrap();
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("start -->\n| new |\n<!--")
        );
        assert!(check_writable(&path).is_ok());
        std::fs::write(&path, "no markers").unwrap();
        assert_eq!(
            check_writable(&path).unwrap_err().kind(),
            std::io::ErrorKind::InvalidData
        );
        let error = write_table(&path, "| new |\n").unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "no markers");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
