//! The source as lines, each with its byte range, the page break before it,
//! and what kind of text the whole source is.

use std::ops::Range;

/// One line of the source, without its `\n` and without leading form feeds.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub range: Range<usize>,
    /// A form feed stood at the start of the line: a new page begins here.
    pub page_break: bool,
}

impl Line {
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.range.clone()]
    }
}

pub(crate) fn split(source: &str) -> Vec<Line> {
    let mut lines = Vec::with_capacity(source.len() / 60 + 1);
    let mut start = 0;
    let mut page_break = false;
    for at in memchr::memchr2_iter(b'\n', b'\x0C', source.as_bytes()) {
        let ends_line = source.as_bytes()[at] == b'\n';
        // A form feed splits a line only where text stands before it.
        if ends_line || at > start {
            lines.push(Line {
                range: start..at,
                page_break,
            });
            page_break = false;
        }
        if !ends_line {
            page_break = true;
        }
        start = at + 1;
    }
    if start < source.len() || page_break {
        lines.push(Line {
            range: start..source.len(),
            page_break,
        });
    }
    lines
}

pub(crate) fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// Leading spaces (a tab counts as four).
pub(crate) fn indent(text: &str) -> usize {
    text.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// Width in characters of the trimmed line (for comparing line lengths).
pub(crate) fn width(text: &str) -> usize {
    text.trim().chars().count()
}

/// Whether the source is Markdown (headings, `<sup>`, blockquotes, bold,
/// images) rather than plain text whose punctuation must be taken literally.
pub(crate) fn is_markdown(source: &str, lines: &[Line]) -> bool {
    let mut evidence = 0;
    for line in lines {
        let text = line.text(source).trim_start();
        if text.starts_with("# ")
            || text.starts_with("## ")
            || text.starts_with("### ")
            || text.starts_with("> ")
            || text.starts_with("![")
            || text.starts_with("<span id=")
            || text.contains("<sup>")
            // Bold, not the doubled asterisk of a symbol note: a pair on the line.
            || text.matches("**").count() >= 2
            || text.starts_with("| ")
            // LaTeX superscripts as nougat or marker write a note's marker.
            || text.contains("\\({}^")
            || text.contains("$^")
        {
            evidence += 1;
            if evidence >= 3 {
                return true;
            }
        }
    }
    false
}

/// Whether most paragraphs are separated by blank lines (so lines within a
/// block belong together), rather than run on line after line.
pub(crate) fn blank_separated(source: &str, lines: &[Line], furniture: &[bool]) -> bool {
    // pdftotext writes blank lines only around page numbers: count the blank
    // lines between two lines of text, against the lines of text.
    let text: Vec<usize> = (0..lines.len())
        .filter(|&i| !furniture[i] && !is_blank(lines[i].text(source)))
        .collect();
    let separated = text
        .windows(2)
        .filter(|pair| {
            pair[1] > pair[0] + 1
                && (pair[0] + 1..pair[1]).all(|j| !furniture[j] && !lines[j].page_break)
        })
        .count();
    separated * 8 >= text.len()
}

/// Width of a typical full line: the most common width, give or take two
/// characters (body lines outnumber the lines of notes set in smaller type,
/// whose lines are wider).
pub(crate) fn typical_width(widths: impl Iterator<Item = usize>) -> usize {
    let mut counts = vec![0usize; 512];
    for width in widths.filter(|&w| w > 0) {
        counts[width.min(511)] += 1;
    }
    (2..510)
        .max_by_key(|&w| (counts[w - 2..=w + 2].iter().sum::<usize>(), w))
        .filter(|&w| counts[w - 2..=w + 2].iter().sum::<usize>() > 0)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_feeds_mark_the_next_line() {
        let text = "a\nb\x0Cc\n\x0Cd\n";
        let lines = split(text);
        let shown: Vec<(&str, bool)> = lines.iter().map(|l| (l.text(text), l.page_break)).collect();
        assert_eq!(
            shown,
            vec![("a", false), ("b", false), ("c", true), ("d", true)]
        );
    }
}
