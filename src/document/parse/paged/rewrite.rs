//! The body's lines into paragraphs (lines joined, line-end hyphens resolved,
//! paragraphs cut by a page or column joined again), written out as clean
//! Markdown with each marker and note in footnote syntax, and a map from the
//! written text back to the source.

use std::collections::HashSet;
use std::ops::Range;

use super::lines::{Line, indent, is_blank, width};

/// Where each piece of the rewritten text came from.
#[derive(Debug, Clone, Default)]
pub(crate) struct OffsetMap {
    /// (start in the rewritten text, start in the source, length in the source)
    segments: Vec<(usize, usize, usize)>,
}

impl OffsetMap {
    /// The source offset of a rewritten-text offset.
    pub fn source(&self, at: usize) -> usize {
        let index = self.segments.partition_point(|s| s.0 <= at);
        match index.checked_sub(1).and_then(|i| self.segments.get(i)) {
            Some(&(canon, source, len)) => source + (at - canon).min(len),
            None => 0,
        }
    }

    /// A range of the rewritten text as a range of the source. Copied text
    /// maps byte for byte; text gloss wrote maps to where it stands.
    pub fn range(&self, range: &Range<usize>) -> Range<usize> {
        let start = self.source(range.start);
        if range.end <= range.start {
            return start..start;
        }
        let last = range.end - 1;
        let index = self.segments.partition_point(|s| s.0 <= last);
        let end = match index.checked_sub(1).and_then(|i| self.segments.get(i)) {
            // The last byte was copied: the range ends just after it.
            Some(&(canon, source, len)) if last - canon < len => source + (last - canon) + 1,
            Some(&(_, source, len)) => source + len,
            None => start,
        };
        start..end.max(start)
    }
}

/// The rewritten text under construction.
pub(crate) struct Writer<'a> {
    source: &'a str,
    pub text: String,
    pub map: OffsetMap,
    /// Escape Markdown's punctuation (the source is plain text).
    plain: bool,
    /// Source offsets of spaces never copied (inside letter-spaced small
    /// capitals), in order.
    skipped: Vec<usize>,
}

impl<'a> Writer<'a> {
    pub fn new(source: &'a str, plain: bool, skipped: Vec<usize>) -> Self {
        Writer {
            source,
            text: String::with_capacity(source.len() + source.len() / 8),
            map: OffsetMap::default(),
            plain,
            skipped,
        }
    }

    /// Text that stands for nothing in the source (at the source position `at`).
    pub fn synthetic(&mut self, text: &str, at: usize) {
        self.map.segments.push((self.text.len(), at, 0));
        self.text.push_str(text);
    }

    /// Copies a source range, escaping Markdown punctuation in plain text,
    /// without the skipped spaces inside it.
    pub fn copy(&mut self, range: Range<usize>) {
        let first = self.skipped.partition_point(|&s| s < range.start);
        let inside = self.skipped[first..].partition_point(|&s| s < range.end);
        if inside == 0 {
            return self.copy_whole(range);
        }
        let mut at = range.start;
        for k in first..first + inside {
            let space = self.skipped[k];
            self.copy_whole(at..space);
            at = space + 1;
        }
        self.copy_whole(at..range.end);
    }

    fn copy_whole(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        let piece = &self.source[range.clone()];
        if !self.plain {
            self.map
                .segments
                .push((self.text.len(), range.start, range.len()));
            self.text.push_str(piece);
            return;
        }
        let line_start = self.text.is_empty() || self.text.ends_with('\n');
        let mut from = 0;
        for (i, c) in piece.char_indices() {
            let escape = matches!(
                c,
                '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$'
            ) || (i == 0 && line_start && matches!(c, '#' | '-' | '+' | '=' | '_'))
                || (c == '.' || c == ')')
                    && line_start
                    && i > 0
                    && piece[..i].bytes().all(|b| b.is_ascii_digit());
            if escape {
                if i > from {
                    self.map
                        .segments
                        .push((self.text.len(), range.start + from, i - from));
                    self.text.push_str(&piece[from..i]);
                }
                self.synthetic("\\", range.start + i);
                from = i;
            }
        }
        if from < piece.len() {
            self.map
                .segments
                .push((self.text.len(), range.start + from, piece.len() - from));
            self.text.push_str(&piece[from..]);
        }
    }

    /// Copies a range that opens a block, escaping what Markdown would take
    /// for a list, heading or quote there ("1901." is a date, not item 1901).
    pub fn copy_block_start(&mut self, range: Range<usize>) {
        let piece = &self.source[range.clone()];
        let digits = piece.bytes().take_while(u8::is_ascii_digit).count();
        let after_digits = piece[digits..].chars().next();
        if digits > 0 && matches!(after_digits, Some('.' | ')')) {
            self.copy(range.start..range.start + digits);
            self.synthetic("\\", range.start + digits);
            self.copy(range.start + digits..range.end);
        } else if piece.starts_with(['#', '>', '-', '+', '*', '=']) && !self.plain {
            self.synthetic("\\", range.start);
            self.copy(range);
        } else {
            self.copy(range);
        }
    }
}

/// Words written with a hyphen somewhere in the text, to keep the hyphen when
/// a line ends inside such a word ("Nagorno-" "Karabakh").
pub(crate) fn hyphenated_words(source: &str) -> HashSet<String> {
    let mut words = HashSet::new();
    let bytes = source.as_bytes();
    let word_char = |c: char| c.is_alphanumeric() || c == '-';
    for at in memchr::memchr_iter(b'-', bytes) {
        // A hyphen inside a line, between letters: "Nagorno-Karabakh".
        let before = source[..at].chars().next_back();
        let after = source[at + 1..].chars().next();
        if !(before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric))
        {
            continue;
        }
        let start = source[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| word_char(c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = source[at + 1..]
            .char_indices()
            .take_while(|&(_, c)| word_char(c))
            .last()
            .map_or(at + 1, |(i, c)| at + 1 + i + c.len_utf8());
        words.insert(source[start..end].trim_matches('-').to_lowercase());
    }
    words
}

/// How a line ends and the next begins inside a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Join {
    /// Lines of a Markdown block keep their line break.
    Newline,
    Space,
    /// A hyphen at the line's end is dropped: "com-" "mittee".
    DropHyphen,
    /// A hyphen at the line's end is kept: "Nagorno-" "Karabakh".
    KeepHyphen,
}

pub(crate) fn join_of(previous: &str, next: &str, hyphenated: &HashSet<String>) -> Join {
    let previous = previous.trim_end();
    let next = next.trim_start();
    let Some(stem) = previous.strip_suffix('-') else {
        return Join::Space;
    };
    let before_hyphen = stem.chars().next_back();
    let next_first = next.chars().next();
    if !before_hyphen.is_some_and(char::is_alphabetic) || stem.ends_with('-') {
        return Join::Space;
    }
    if !next_first.is_some_and(char::is_lowercase) {
        return Join::KeepHyphen;
    }
    let left = stem
        .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("");
    let right = next
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if hyphenated.contains(&format!("{left}-{right}").to_lowercase()) {
        Join::KeepHyphen
    } else {
        Join::DropHyphen
    }
}

/// Whether the line looks like a heading standing alone: short, no final
/// punctuation, starting with a capital or a chapter/section number.
pub(crate) fn heading_like(text: &str) -> bool {
    let text = text.trim();
    let words = text.split_whitespace().count();
    (1..=14).contains(&words)
        && text.chars().count() <= 90
        // Words glued together (pdfplumber's tight lines) are a sentence's line.
        && text.split_whitespace().all(|w| w.len() <= 40)
        && !text.ends_with([',', ';', '-', '—', ':'])
        // A line cut before its sentence's next word ("Followers of").
        && !ends_with_small_word(text)
        && !(text.ends_with('.') && words > 3 && !text.to_uppercase().eq(text))
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether a heading-like line is also cased like a title: its longer words
/// capitalised ("The Old West", "CHAPTER X"), unlike a sentence's first line.
pub(crate) fn title_like(text: &str) -> bool {
    if !heading_like(text) {
        return false;
    }
    let long: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    capitalised * 4 >= long.len() * 3
}

/// Whether a title goes on from line `a` to line `b`: `a` ends with a
/// small word ("The Significance of the Frontier in", "American History").
/// A title of three words or more also goes on to a line with a small word
/// in it ("The Significance of the Mississippi", "Valley in American
/// History"): a name under a title has none.
pub(crate) fn title_goes_on(a: &str, b: &str) -> bool {
    let joined = format!("{} {}", a.trim(), b.trim());
    // A name has two words or more and no small one. A title's last word
    // may stand alone with the title's marker ("Dominant Forces in
    // Western", "Life1"); a word alone without one may be the next heading.
    let mut words = b.split_whitespace();
    let one_word = words.next().is_some_and(|w| {
        w.starts_with(char::is_uppercase)
            && w.ends_with(|c: char| {
                c.is_ascii_digit()
                    || c == '∗'
                    || super::syntax::SYMBOLS.iter().any(|s| s.starts_with(c))
            })
    }) && words.next().is_none();
    let long_title = a.split_whitespace().count() >= 3
        && title_like(a)
        && (one_word
            || b.split_whitespace()
                .any(|w| w.len() >= 2 && w.chars().all(char::is_lowercase)));
    (ends_with_small_word(a) || long_title) && title_like(&joined)
}

/// The title two lines of a paragraph spell, if they read as one: joined at
/// a hyphen ("The Ohio Valley in American His-", "tory"), or going on after a
/// small word ([`title_goes_on`]).
pub(crate) fn two_line_title(first: &str, join: Join, second: &str) -> Option<String> {
    let (first, second) = (first.trim(), second.trim());
    let title = match join {
        Join::DropHyphen | Join::KeepHyphen => {
            format!("{}{second}", first.strip_suffix('-').unwrap_or(first))
        }
        Join::Space if title_goes_on(first, second) => format!("{first} {second}"),
        Join::Space | Join::Newline => return None,
    };
    title_like(&title).then_some(title)
}

/// Whether a line ends with a word no title or sentence ends with: an
/// article, a preposition, a conjunction, a possessive.
fn ends_with_small_word(text: &str) -> bool {
    const SMALL: [&str; 24] = [
        "a", "an", "and", "at", "by", "for", "from", "his", "her", "in", "into", "its", "of", "on",
        "or", "our", "the", "their", "to", "with", "The", "A", "An", "Of",
    ];
    let last = text.split_whitespace().next_back().unwrap_or("");
    SMALL.contains(&last) || last.ends_with("’s") || last.ends_with("'s")
}

/// Whether a line ending in a hyphen and the next line read as one title
/// ("The Ohio Valley in American His-", "tory1").
fn hyphenated_title(line: &str, next: Option<&str>) -> bool {
    let (Some(stem), Some(next)) = (line.trim_end().strip_suffix('-'), next) else {
        return false;
    };
    next.split_whitespace().count() <= 2
        && next.trim_start().starts_with(char::is_lowercase)
        && title_like(&format!("{stem}{}", next.trim()))
}

pub(crate) struct Context<'a> {
    pub source: &'a str,
    pub lines: &'a [Line],
    /// The body's lines with text, in reading order ([`super::flow`]).
    pub body_order: &'a [usize],
    pub page_of: &'a [usize],
    pub markdown: bool,
    pub blank_separated: bool,
    pub hyphenated: &'a HashSet<String>,
}

/// Whether a line ends a sentence, a marker glued after its last word aside
/// ("…ends here.12", "…History*").
pub(crate) fn ends_sentence(text: &str) -> bool {
    let text = text.trim_end();
    let without_digits = text.trim_end_matches(|c: char| c.is_ascii_digit());
    let text = if text.len() - without_digits.len() <= 3
        && without_digits.ends_with(['.', '!', '?', '”', '’', '"'])
    {
        without_digits
    } else {
        text
    };
    let text = text.trim_end_matches(['*', '†', '‡', '§', '‖', '¶']);
    super::super::ends_sentence(text)
}

/// Whether a line opens with a word, not a stray mark a converter set apart.
fn opens_words(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '"' | '“' | '‘' | '\'' | '('))
}

fn starts_sentence(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(|c| !c.is_lowercase())
}

/// The body lines grouped into paragraphs: each its lines (indices) and how
/// each joins the one before.
pub(crate) fn paragraphs(cx: &Context<'_>) -> Vec<Vec<(usize, Join)>> {
    let text = |i: usize| cx.lines[i].text(cx.source);
    let body_lines = cx.body_order;
    // The most common width, not a high percentile: lines a converter ran
    // across both columns would raise it, and every column line would look short.
    let full = super::lines::typical_width(body_lines.iter().map(|&i| width(text(i))));
    let short = |i: usize| width(text(i)) * 100 < full * 85;
    let base_indent = {
        let mut counts = [0usize; 9];
        for &i in body_lines {
            counts[indent(text(i)).min(8)] += 1;
        }
        (0..9).max_by_key(|&n| counts[n]).unwrap_or(0)
    };
    // Whether the paragraph so far is a title that `line` does not go on: a
    // title of one line, or of two ([`two_line_title`]).
    let title_above =
        |paragraphs: &[Vec<(usize, Join)>], line: usize| match paragraphs.last().map(Vec::as_slice)
        {
            Some([(a, _)]) => {
                let a = text(*a);
                title_like(a) && !(short(line) && title_goes_on(a, text(line)))
            }
            Some([(first, _), (second, join)]) => {
                two_line_title(text(*first), *join, text(*second)).is_some()
            }
            _ => false,
        };
    let mut paragraphs: Vec<Vec<(usize, Join)>> = Vec::new();
    let mut previous: Option<usize> = None;
    for (k, &line) in body_lines.iter().enumerate() {
        let Some(prev) = previous else {
            paragraphs.push(vec![(line, Join::Space)]);
            previous = Some(line);
            continue;
        };
        let (a, b) = (text(prev), text(line));
        // What stands between the two lines in the source: blank lines, text
        // that is not the body's (notes, furniture), or body text, which
        // means blocks were put back in order ([`super::flow`]) and join
        // where a column cut them, as across notes.
        let (mut blank_between, mut other_between) = (false, line < prev);
        for j in prev + 1..line {
            if is_blank(text(j)) {
                blank_between = true;
            } else {
                other_between = true;
            }
        }
        let new_page = cx.page_of[line] != cx.page_of[prev];
        let ends_sentence = ends_sentence(a);
        let hyphen = a.trim_end().ends_with('-');
        let continues = (!ends_sentence && !starts_sentence(b)) || (hyphen && !heading_like(b));
        // Asked only where a page, a column or a blank line cuts the text.
        let full_line = || !short(prev) && !heading_like(a);
        let next = body_lines.get(k + 1).map(|&n| text(n));
        let new_paragraph = || {
            (short(line) && heading_like(b))
                || hyphenated_title(b, next)
                || indent(b) > indent(a).max(base_indent) + 1
        };
        let breaks = if cx.markdown {
            // Markdown blocks are kept as written; cut ones are joined by the stitch pass.
            blank_between || other_between || new_page
        } else if new_page || other_between {
            // Cut by a page or column: a full last line, or an unfinished
            // sentence, goes on after the notes and furniture.
            // A title alone on its line above furniture ("The Old West", then
            // the page number) is no sentence the page cut.
            let lone_title = paragraphs.last().is_some_and(|p| p.len() == 1)
                && short(prev)
                && title_like(a)
                // Words glued together (pdfplumber) make no title.
                && a.split_whitespace().all(|w| w.chars().count() <= 20)
                && starts_sentence(b)
                && !hyphen;
            lone_title || !(continues || (full_line() || !ends_sentence) && !new_paragraph())
        } else if blank_between {
            // Where paragraphs are not set apart by blank lines, a blank line
            // after a full line is a column's foot, not a paragraph's end.
            let column_foot =
                !cx.blank_separated && opens_words(b) && full_line() && !new_paragraph();
            !continues && !column_foot
        } else if cx.blank_separated {
            // Lines of one block belong together, but for a title over its author.
            short(prev) && starts_sentence(b) && !hyphen && title_above(&paragraphs, line)
        } else {
            let indented = indent(b) > base_indent + 1 && indent(b) > indent(a);
            let outdented = indent(b) + 1 < indent(a);
            (short(prev) && starts_sentence(b) && (ends_sentence || title_above(&paragraphs, line)))
                || indented
                || (outdented && short(prev))
                || (ends_sentence && short(line) && title_like(b))
                || (ends_sentence && hyphenated_title(b, next))
        };
        match paragraphs.last_mut() {
            Some(paragraph) if !breaks => {
                let join = if cx.markdown {
                    Join::Newline
                } else {
                    join_of(a, b, cx.hyphenated)
                };
                paragraph.push((line, join));
            }
            _ => paragraphs.push(vec![(line, Join::Space)]),
        }
        previous = Some(line);
    }
    paragraphs
}
