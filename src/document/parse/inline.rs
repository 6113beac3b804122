//! Inline content of a block rendered straight into reading text: styled
//! runs with whitespace collapsed, footnote markers recorded by offset, and
//! where each source line starts (a note can start only at a line start).

use crate::document::model::{Marker, NoteKind, RichText, Style, StyledSpan};

pub(crate) fn superscript_digit(c: char) -> Option<char> {
    Some(match c {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        '⁴' => '4',
        '⁵' => '5',
        '⁶' => '6',
        '⁷' => '7',
        '⁸' => '8',
        '⁹' => '9',
        _ => return None,
    })
}

/// What a look over a text run found.
#[derive(Debug, Default, Clone, Copy)]
struct Scan {
    /// A superscript digit, `*`, `†` or `‡` may be in it.
    markers: bool,
    /// Whitespace other than single ASCII spaces between words.
    irregular_space: bool,
}

/// Looks over `text` with a few SIMD searches. Text has been through the
/// loader, so the only ASCII whitespace besides spaces is `\t` and `\n`
/// (`\r` is looked for anyway: fragments come from elsewhere too).
fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut found = Scan::default();
    for i in memchr::memchr3_iter(b'*', 0xC2, 0xE2, bytes) {
        let next = bytes.get(i + 1).copied();
        let after = bytes.get(i + 2).copied();
        let marker = match bytes[i] {
            b'*' => true,
            // U+00B2, U+00B3, U+00B9
            0xC2 => matches!(next, Some(0xB2 | 0xB3 | 0xB9)),
            // U+2070..U+2079, U+2020, U+2021
            _ => matches!(
                (next, after),
                (Some(0x81), Some(0xB0..=0xB9)) | (Some(0x80), Some(0xA0 | 0xA1))
            ),
        };
        found.markers |= marker;
        found.irregular_space |= !marker && whitespace_at(text, i) > 0;
    }
    found.irregular_space = found.irregular_space
        || memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_some()
        || memchr::memmem::find(bytes, b"  ").is_some()
        || memchr::memchr2_iter(0xE1, 0xE3, bytes).any(|i| whitespace_at(text, i) > 0);
    found
}

/// Ordinal suffixes written as superscripts (`16<sup>th</sup>`): text, not markers.
pub(crate) fn is_ordinal_suffix(s: &str) -> bool {
    matches!(
        s.to_ascii_lowercase().as_str(),
        "st" | "nd" | "rd" | "th" | "er" | "e" | "eme" | "ème" | "re"
    )
}

/// A block's rendered text and what the later passes need to know of its lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Built {
    pub content: RichText,
    /// The kind of each marker in `content.markers`.
    pub marker_kinds: Vec<NoteKind>,
    /// Text offsets where a source line after the first starts.
    pub line_starts: Vec<usize>,
    /// Whether a marker comes before any text.
    pub starts_with_marker: bool,
    /// Text offsets of the spaces that stand for a Markdown hard line break.
    pub hard_breaks: Vec<usize>,
}

impl Built {
    pub fn lines(&self) -> usize {
        1 + self.line_starts.len()
    }

    pub fn first_line_end(&self) -> usize {
        self.line_starts
            .first()
            .copied()
            .unwrap_or(self.content.text.len())
    }

    /// Splits a paragraph of notes at each marker that starts a line:
    /// `(label, kind, text)` for each note; markers inside a note's text are
    /// cross-references and are dropped.
    pub fn split_notes(self) -> Vec<(String, NoteKind, RichText)> {
        let is_line_start =
            |offset: usize| offset == 0 || self.line_starts.binary_search(&offset).is_ok();
        let starts: Vec<usize> = (0..self.content.markers.len())
            .filter(|&i| is_line_start(self.content.markers[i].offset))
            .collect();
        let text = &self.content.text;
        starts
            .iter()
            .enumerate()
            .map(|(n, &i)| {
                let marker = &self.content.markers[i];
                let end = starts
                    .get(n + 1)
                    .map_or(text.len(), |&next| self.content.markers[next].offset);
                let range = marker.offset..end.max(marker.offset);
                (
                    marker.label.clone(),
                    self.marker_kinds[i],
                    self.content.slice(range),
                )
            })
            .collect()
    }
}

impl RichText {
    /// The part of this text in `range`, trimmed, with its spans.
    pub(crate) fn slice(&self, range: std::ops::Range<usize>) -> RichText {
        let raw = &self.text[range.clone()];
        let start = range.start + (raw.len() - raw.trim_start().len());
        let end = start + raw.trim().len();
        RichText {
            text: self.text[start..end].to_owned(),
            spans: self
                .spans
                .iter()
                .filter(|s| s.range.start < end && s.range.end > start)
                .map(|s| StyledSpan {
                    range: s.range.start.max(start) - start..s.range.end.min(end) - start,
                    style: s.style,
                })
                .collect(),
            markers: Vec::new(),
        }
    }
}

/// Builds a block's reading text as pulldown-cmark's events arrive.
#[derive(Debug, Default)]
pub(crate) struct TextBuilder {
    built: Built,
    pending_space: bool,
    span_start: usize,
    span_style: Style,
    has_content: bool,
    last_was_marker: bool,
}

impl TextBuilder {
    /// A builder for a block whose source is `source_len` bytes: its reading
    /// text is rarely longer, so the text is allocated once.
    pub fn for_source(source_len: usize) -> Self {
        let mut builder = Self::default();
        builder.built.content.text.reserve(source_len);
        builder
    }

    pub fn has_content(&self) -> bool {
        self.has_content
    }

    /// The length of the text so far (for undoing what a link added).
    pub fn len(&self) -> usize {
        self.built.content.text.len()
    }

    pub fn pending_space(&self) -> bool {
        self.pending_space
    }

    pub fn text_since(&self, start: usize) -> &str {
        self.built.content.text.get(start..).unwrap_or("")
    }

    pub fn finish(mut self) -> Built {
        self.close_span();
        self.built
    }

    fn previous_char(&self) -> Option<char> {
        if self.pending_space {
            Some(' ')
        } else if self.last_was_marker {
            Some('¹')
        } else {
            self.built.content.text.chars().next_back()
        }
    }

    /// A hard line break (two spaces or a backslash at the line's end): a
    /// line break where the block keeps its lines (see `assemble`), a space elsewhere.
    pub fn push_hard_break(&mut self) {
        let offset = self.built.content.text.len();
        if offset > 0 {
            self.built.hard_breaks.push(offset);
        }
        self.push_break();
    }

    pub fn push_break(&mut self) {
        let offset = self.built.content.text.len();
        self.built.line_starts.push(offset);
        self.pending_space = offset > 0;
        self.last_was_marker = false;
    }

    pub fn push_marker(&mut self, label: &str, kind: NoteKind) {
        if !self.has_content {
            self.built.starts_with_marker = true;
        }
        self.has_content = true;
        self.last_was_marker = true;
        self.built.content.markers.push(Marker {
            offset: self.built.content.text.len(),
            label: label.to_owned(),
            note: 0,
        });
        self.built.marker_kinds.push(kind);
    }

    /// Adds source text, turning runs of superscript digits into markers and a
    /// `*` that closes a word into the author-note marker.
    pub fn push_text(&mut self, text: &str, style: Style) {
        let found = scan(text);
        if !found.markers {
            self.collapse_known(text, style, found.irregular_space);
            return;
        }
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if superscript_digit(c).is_some() {
                let run_len: usize = text[i..]
                    .chars()
                    .take_while(|d| superscript_digit(*d).is_some())
                    .map(char::len_utf8)
                    .sum();
                let label: String = text[i..i + run_len]
                    .chars()
                    .filter_map(superscript_digit)
                    .collect();
                self.collapse_into(&text[start..i], style);
                self.push_marker(&label, NoteKind::Numbered);
                start = i + run_len;
                while chars.peek().is_some_and(|&(j, _)| j < start) {
                    chars.next();
                }
            } else if matches!(c, '*' | '†' | '‡') {
                let before = if i > start {
                    text[..i].chars().next_back()
                } else {
                    self.collapse_into(&text[start..i], style);
                    self.previous_char()
                };
                let after = text[i + c.len_utf8()..].chars().next();
                let closes_word =
                    before.is_some_and(|b| b.is_alphanumeric() || ".,;:)\"”".contains(b));
                let ends_word = after.is_none_or(|a| a.is_whitespace() || ".,;:)".contains(a));
                if closes_word && ends_word {
                    self.collapse_into(&text[start..i], style);
                    self.push_marker(&c.to_string(), NoteKind::Symbol);
                    start = i + c.len_utf8();
                }
            }
        }
        self.collapse_into(&text[start..], style);
    }

    /// Appends a superscript's content: digits become markers (`<sup>144 145</sup>`
    /// is two), ordinal suffixes stay text, anything else is kept as text.
    pub fn push_superscript(&mut self, content: &str, style: Style) {
        let content = content.trim();
        if content.is_empty() {
            return;
        }
        // A label may carry a period ("<sup>3.</sup>", a note's own label);
        // TeX's asterisk operator (U+2217) is the asterisk.
        let tokens: Vec<String> = content
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|t| !t.is_empty())
            .map(|t| t.trim_end_matches('.').replace('∗', "*"))
            .collect();
        let is_label = |t: &String| {
            let digits = !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) && t.len() <= 4;
            let symbol = t.chars().count() <= 3
                && t.chars().next().is_some_and(|first| {
                    matches!(first, '*' | '†' | '‡' | '§' | '‖' | '¶')
                        && t.chars().all(|c| c == first)
                });
            digits || symbol
        };
        if !tokens.is_empty() && tokens.iter().all(is_label) {
            for token in tokens {
                let kind = if token.starts_with(|c: char| c.is_ascii_digit()) {
                    NoteKind::Numbered
                } else {
                    NoteKind::Symbol
                };
                self.push_marker(&token, kind);
            }
            return;
        }
        // "11 <sup>th</sup>" reads "11th": drop the space a converter left.
        if is_ordinal_suffix(content)
            && !self.last_was_marker
            && self
                .built
                .content
                .text
                .ends_with(|c: char| c.is_ascii_digit())
        {
            self.pending_space = false;
        }
        self.collapse_into(content, style);
    }

    /// Forgets everything after byte `len` of the text (a link's text being
    /// replaced by its address).
    pub fn truncate(&mut self, len: usize, pending_space: bool) {
        let content = &mut self.built.content;
        if len >= content.text.len() {
            return;
        }
        content.text.truncate(len);
        content.spans.retain_mut(|span| {
            span.range.end = span.range.end.min(len);
            span.range.start < span.range.end
        });
        let kept = content
            .markers
            .iter()
            .take_while(|m| m.offset <= len)
            .count();
        content.markers.truncate(kept);
        self.built.marker_kinds.truncate(kept);
        self.built.line_starts.retain(|&l| l <= len);
        self.built.hard_breaks.retain(|&l| l < len);
        self.span_start = self.span_start.min(len);
        self.pending_space = pending_space;
    }

    fn close_span(&mut self) {
        let end = self.built.content.text.len();
        if !self.span_style.is_plain() && end > self.span_start {
            self.built.content.spans.push(StyledSpan {
                range: self.span_start..end,
                style: self.span_style,
            });
        }
    }

    /// Appends a run of text that holds no whitespace to collapse.
    fn run(&mut self, run: &str, style: Style) {
        if run.is_empty() {
            return;
        }
        self.has_content = true;
        self.last_was_marker = false;
        // Spaces between differently styled runs stay unstyled.
        if style != self.span_style {
            self.close_span();
            self.span_style = style;
            if self.pending_space {
                self.built.content.text.push(' ');
            }
            self.span_start = self.built.content.text.len();
        } else if self.pending_space {
            self.built.content.text.push(' ');
        }
        self.pending_space = false;
        self.built.content.text.push_str(run);
    }

    fn whitespace(&mut self) {
        self.pending_space = !self.built.content.text.is_empty();
        self.last_was_marker = false;
    }

    /// Copies `text`, collapsing its whitespace.
    fn collapse_into(&mut self, text: &str, style: Style) {
        self.collapse_known(text, style, scan(text).irregular_space);
    }

    /// [`Self::collapse_into`] when a scan has told whether the whitespace is irregular.
    fn collapse_known(&mut self, text: &str, style: Style, irregular_space: bool) {
        // Most text is words with single spaces: one copy.
        let inner = text.trim_matches(' ');
        if !irregular_space {
            if text.starts_with(' ') {
                self.whitespace();
            }
            self.run(inner, style);
            if !inner.is_empty() && text.ends_with(' ') {
                self.whitespace();
            }
            return;
        }
        // Run by run: a single space between words stays inside a run, any
        // other whitespace ends it and collapses to one pending space.
        let bytes = text.as_bytes();
        let mut run_start = 0;
        let mut i = 0;
        while i < bytes.len() {
            if !MAY_START_WHITESPACE[usize::from(bytes[i])] {
                i += 1;
                continue;
            }
            let width = whitespace_at(text, i);
            if width == 0 {
                i += 1;
                continue;
            }
            let single_space = bytes[i] == b' '
                && i > run_start
                && i + 1 < bytes.len()
                && whitespace_at(text, i + 1) == 0;
            if single_space {
                i += 1;
                continue;
            }
            self.run(&text[run_start..i], style);
            self.whitespace();
            i += width;
            while i < bytes.len() {
                let next = whitespace_at(text, i);
                if next == 0 {
                    break;
                }
                i += next;
            }
            run_start = i;
        }
        self.run(&text[run_start..], style);
    }
}

/// Bytes that may start whitespace: ASCII whitespace, and the lead bytes of
/// the non-ASCII whitespace characters (U+0085, U+00A0, U+1680,
/// U+2000..U+205F, U+3000).
const MAY_START_WHITESPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b' ' | b'\t'..=b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        b += 1;
    }
    table
};

/// Length of the whitespace character at byte `i` of `text`, or 0.
fn whitespace_at(text: &str, i: usize) -> usize {
    match text.as_bytes()[i] {
        b' ' | b'\t'..=b'\r' => 1,
        b if MAY_START_WHITESPACE[usize::from(b)] => text[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

/// Joins `next` onto `first` as one paragraph: a word split by a hyphen at a
/// line end ("Co-" + "Chairs") joins without a space, anything else with one.
pub(crate) fn join(first: &mut RichText, next: RichText) {
    if next.text.is_empty() && next.markers.is_empty() {
        return;
    }
    let hyphenated = {
        let mut tail = first.text.chars().rev();
        tail.next() == Some('-') && tail.next().is_some_and(char::is_alphabetic)
    };
    if !first.text.is_empty() && !hyphenated && !next.text.is_empty() {
        first.text.push(' ');
    }
    let shift = first.text.len();
    first.text.push_str(&next.text);
    first
        .spans
        .extend(next.spans.into_iter().map(|span| StyledSpan {
            range: span.range.start + shift..span.range.end + shift,
            style: span.style,
        }));
    first
        .markers
        .extend(next.markers.into_iter().map(|marker| Marker {
            offset: marker.offset + shift,
            ..marker
        }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(f: impl FnOnce(&mut TextBuilder)) -> RichText {
        let mut builder = TextBuilder::default();
        f(&mut builder);
        builder.finish().content
    }

    fn labels(text: &RichText) -> Vec<(&str, usize)> {
        text.markers
            .iter()
            .map(|m| (m.label.as_str(), m.offset))
            .collect()
    }

    #[test]
    fn unicode_superscripts_are_markers() {
        let text = build(|b| b.push_text("in 2011.⁸ Then¹⁰", Style::PLAIN));
        assert_eq!(text.text, "in 2011. Then");
        assert_eq!(labels(&text), vec![("8", 8), ("10", 13)]);
    }

    #[test]
    fn two_labels_in_one_sup() {
        let text = build(|b| {
            b.push_text("in 2012.", Style::PLAIN);
            b.push_superscript("144 145", Style::PLAIN);
        });
        assert_eq!(labels(&text), vec![("144", 8), ("145", 8)]);
    }

    #[test]
    fn ordinals_are_text() {
        let text = build(|b| {
            b.push_text("the 16", Style::PLAIN);
            b.push_superscript("th", Style::PLAIN);
            b.push_text(" Summit and the 11 ", Style::PLAIN);
            b.push_superscript("th", Style::PLAIN);
        });
        assert_eq!(text.text, "the 16th Summit and the 11th");
        assert!(text.markers.is_empty());
    }

    #[test]
    fn star_after_a_word_is_the_author_note() {
        let text = build(|b| b.push_text("by Elizabeth Fuller*", Style::PLAIN));
        assert_eq!(text.text, "by Elizabeth Fuller");
        assert_eq!(labels(&text), vec![("*", 19)]);
        let text = build(|b| {
            b.push_text("by Elizabeth Fuller", Style::PLAIN);
            b.push_text("*", Style::PLAIN);
        });
        assert_eq!(labels(&text), vec![("*", 19)]);
        let text = build(|b| b.push_text("5 * 3", Style::PLAIN));
        assert!(text.markers.is_empty());
    }

    #[test]
    fn whitespace_collapses_and_styles_become_spans() {
        let emphasis = Style {
            emphasis: true,
            ..Style::PLAIN
        };
        let text = build(|b| {
            b.push_text("  see  the\t", Style::PLAIN);
            b.push_break();
            b.push_text("Financial Times", emphasis);
            b.push_text(" today\u{a0} ", Style::PLAIN);
        });
        assert_eq!(text.text, "see the Financial Times today");
        assert_eq!(text.spans.len(), 1);
        assert_eq!(&text.text[text.spans[0].range.clone()], "Financial Times");
    }

    #[test]
    fn notes_split_at_markers_that_start_lines() {
        let mut builder = TextBuilder::default();
        builder.push_superscript("39", Style::PLAIN);
        builder.push_break();
        builder.push_superscript("40", Style::PLAIN);
        builder.push_text(" Robert Legvold, 1994", Style::PLAIN);
        builder.push_superscript("12", Style::PLAIN);
        builder.push_text(".", Style::PLAIN);
        let built = builder.finish();
        assert!(built.starts_with_marker);
        let notes: Vec<(String, String)> = built
            .split_notes()
            .into_iter()
            .map(|(label, _, text)| (label, text.text))
            .collect();
        assert_eq!(
            notes,
            [
                ("39".into(), "".into()),
                ("40".into(), "Robert Legvold, 1994.".into())
            ]
        );
    }

    #[test]
    fn join_keeps_hyphenated_words_whole() {
        let mut first = build(|b| b.push_text("the permanent Co-", Style::PLAIN));
        join(
            &mut first,
            build(|b| b.push_text("Chairs in 1997", Style::PLAIN)),
        );
        assert_eq!(first.text, "the permanent Co-Chairs in 1997");
        let mut first = build(|b| b.push_text("in December 2011 -", Style::PLAIN));
        join(
            &mut first,
            build(|b| b.push_text("just months", Style::PLAIN)),
        );
        assert_eq!(first.text, "in December 2011 - just months");
    }
}
