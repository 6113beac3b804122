//! Inline content of a block: styled text, line breaks and footnote markers,
//! and its rendering into reading text.

use std::borrow::Cow;

use crate::document::model::{Marker, NoteKind, RichText, Style, StyledSpan};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Inline<'a> {
    /// Text as the source has it, borrowed where pulldown-cmark lends it.
    Text {
        text: Cow<'a, str>,
        style: Style,
    },
    Marker {
        label: String,
        kind: NoteKind,
    },
    /// A line break in the source (soft or hard): notes can start after one.
    Break,
}

/// Builds a block's inlines, recognising markers written as Unicode superscripts
/// and the `*` author-note symbol along the way.
#[derive(Debug, Default)]
pub(crate) struct InlineBuilder<'a> {
    pub inlines: Vec<Inline<'a>>,
}

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

/// Whether `text` may hold a superscript digit, `*`, `†` or `‡`: a byte test
/// that is much cheaper than decoding every character.
fn may_hold_markers(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'*', 0xC2, 0xE2, bytes).any(|i| match bytes[i] {
        b'*' => true,
        // U+00B2, U+00B3, U+00B9
        0xC2 => matches!(bytes.get(i + 1), Some(0xB2 | 0xB3 | 0xB9)),
        // U+2070..U+2079, U+2020, U+2021
        _ => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x81), Some(0xB0..=0xB9)) | (Some(0x80), Some(0xA0 | 0xA1))
        ),
    })
}

/// Ordinal suffixes written as superscripts (`16<sup>th</sup>`): text, not markers.
pub(crate) fn is_ordinal_suffix(s: &str) -> bool {
    matches!(
        s.to_ascii_lowercase().as_str(),
        "st" | "nd" | "rd" | "th" | "er" | "e" | "eme" | "ème" | "re"
    )
}

/// A part of `text`, borrowed when `text` is.
fn slice<'a>(text: &Cow<'a, str>, range: std::ops::Range<usize>) -> Cow<'a, str> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(&s[range]),
        Cow::Owned(s) => Cow::Owned(s[range].to_owned()),
    }
}

impl<'a> InlineBuilder<'a> {
    pub fn has_content(&self) -> bool {
        self.inlines.iter().any(|inline| match inline {
            Inline::Text { text, .. } => !text.trim().is_empty(),
            Inline::Marker { .. } => true,
            Inline::Break => false,
        })
    }

    fn last_char(&self) -> Option<char> {
        self.inlines.iter().rev().find_map(|inline| match inline {
            Inline::Text { text, .. } => text.chars().last(),
            Inline::Marker { .. } => Some('¹'),
            Inline::Break => Some('\n'),
        })
    }

    pub fn push_break(&mut self) {
        self.inlines.push(Inline::Break);
    }

    pub fn push_marker(&mut self, label: &str, kind: NoteKind) {
        self.inlines.push(Inline::Marker {
            label: label.to_owned(),
            kind,
        });
    }

    fn push_plain(&mut self, text: Cow<'a, str>, style: Style) {
        if !text.is_empty() {
            self.inlines.push(Inline::Text { text, style });
        }
    }

    /// Adds source text, turning runs of superscript digits into markers and a
    /// `*` that closes a word into the author-note marker.
    pub fn push_text(&mut self, text: Cow<'a, str>, style: Style) {
        if !may_hold_markers(&text) {
            self.push_plain(text, style);
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
                self.push_plain(slice(&text, start..i), style);
                self.push_marker(&label, NoteKind::Numbered);
                start = i + run_len;
                while chars.peek().is_some_and(|&(j, _)| j < start) {
                    chars.next();
                }
            } else if matches!(c, '*' | '†' | '‡') {
                let before = text[..i].chars().last().or_else(|| self.last_char());
                let after = text[i + c.len_utf8()..].chars().next();
                let closes_word =
                    before.is_some_and(|b| b.is_alphanumeric() || ".,;:)\"”".contains(b));
                let ends_word = after.is_none_or(|a| a.is_whitespace() || ".,;:)".contains(a));
                if closes_word && ends_word {
                    self.push_plain(slice(&text, start..i), style);
                    self.push_marker(&c.to_string(), NoteKind::Symbol);
                    start = i + c.len_utf8();
                }
            }
        }
        let rest = slice(&text, start..text.len());
        self.push_plain(rest, style);
    }

    /// Appends a superscript's content: digits become markers (`<sup>144 145</sup>`
    /// is two), ordinal suffixes stay text, anything else is kept as text.
    pub fn push_superscript(&mut self, content: &str, style: Style) {
        let content = content.trim();
        if content.is_empty() {
            return;
        }
        let tokens: Vec<&str> = content
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|t| !t.is_empty())
            .collect();
        let is_label = |t: &&str| {
            t.chars().all(|c| c.is_ascii_digit()) && t.len() <= 4 || matches!(*t, "*" | "†" | "‡")
        };
        if tokens.iter().all(is_label) {
            for token in tokens {
                let kind = if token.starts_with(|c: char| c.is_ascii_digit()) {
                    NoteKind::Numbered
                } else {
                    NoteKind::Symbol
                };
                self.push_marker(token, kind);
            }
            return;
        }
        if is_ordinal_suffix(content)
            && let Some(Inline::Text { text, .. }) = self.inlines.last_mut()
        {
            // "11 <sup>th</sup>" reads "11th": drop the space a converter left.
            let trimmed = text.trim_end_matches(' ');
            if trimmed.len() < text.len() && trimmed.ends_with(|c: char| c.is_ascii_digit()) {
                let keep = trimmed.len();
                text.to_mut().truncate(keep);
            }
        }
        self.push_plain(Cow::Owned(content.to_owned()), style);
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

/// Whether `text` holds whitespace other than single ASCII spaces.
fn has_irregular_whitespace(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find(bytes, b"  ").is_some()
        || memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_some()
        || memchr::memchr2(0x0B, 0x0C, bytes).is_some()
        || memchr::memchr3_iter(0xC2, 0xE1, 0xE2, bytes)
            .chain(memchr::memchr_iter(0xE3, bytes))
            .any(|i| whitespace_at(text, i) > 0)
}

/// Renders inlines into reading text: whitespace collapsed, breaks as spaces,
/// markers recorded by offset. Markers get `note` 0 until citations are bound.
pub(crate) fn render(inlines: &[Inline<'_>]) -> RichText {
    render_lines(inlines).0
}

/// [`render`], also giving where the first source line ends in the text.
pub(crate) fn render_lines(inlines: &[Inline<'_>]) -> (RichText, usize) {
    let capacity = inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text { text, .. } => text.len() + 1,
            _ => 1,
        })
        .sum();
    let mut renderer = Renderer::default();
    renderer.out.text.reserve(capacity);
    let mut first_line_end = None;
    for inline in inlines {
        match inline {
            Inline::Text { text, style } => renderer.text(text, *style),
            Inline::Break => {
                first_line_end.get_or_insert(renderer.out.text.len());
                renderer.pending_space = !renderer.out.text.is_empty();
            }
            Inline::Marker { label, .. } => renderer.out.markers.push(Marker {
                offset: renderer.out.text.len(),
                label: label.clone(),
                note: 0,
            }),
        }
    }
    renderer.close_span();
    let end = first_line_end.unwrap_or(renderer.out.text.len());
    (renderer.out, end)
}

#[derive(Default)]
struct Renderer {
    out: RichText,
    pending_space: bool,
    span_start: usize,
    span_style: Style,
}

impl Renderer {
    fn close_span(&mut self) {
        let end = self.out.text.len();
        if !self.span_style.is_plain() && end > self.span_start {
            self.out.spans.push(StyledSpan {
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
        // Spaces between differently styled runs stay unstyled.
        if style != self.span_style {
            self.close_span();
            self.span_style = style;
            if self.pending_space {
                self.out.text.push(' ');
            }
            self.span_start = self.out.text.len();
        } else if self.pending_space {
            self.out.text.push(' ');
        }
        self.pending_space = false;
        self.out.text.push_str(run);
    }

    /// Copies `text`, collapsing its whitespace.
    fn text(&mut self, text: &str, style: Style) {
        // Most text is words with single spaces: one copy, found by SIMD scans.
        let inner = text.trim_matches(' ');
        if !has_irregular_whitespace(inner) {
            if inner.len() < text.len() && text.starts_with(' ') {
                self.pending_space = !self.out.text.is_empty();
            }
            self.run(inner, style);
            if inner.len() < text.len() && text.ends_with(' ') {
                self.pending_space = !self.out.text.is_empty();
            }
            return;
        }
        self.collapse(text, style);
    }

    /// Copies `text` run by run: a single space between words stays inside a
    /// run, any other whitespace ends it and collapses to one pending space.
    fn collapse(&mut self, text: &str, style: Style) {
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
            self.pending_space = !self.out.text.is_empty();
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

    fn build(f: impl FnOnce(&mut InlineBuilder)) -> RichText {
        let mut builder = InlineBuilder::default();
        f(&mut builder);
        render(&builder.inlines)
    }

    fn labels(text: &RichText) -> Vec<(&str, usize)> {
        text.markers
            .iter()
            .map(|m| (m.label.as_str(), m.offset))
            .collect()
    }

    #[test]
    fn unicode_superscripts_are_markers() {
        let text = build(|b| b.push_text(Cow::Borrowed("in 2011.⁸ Then¹⁰"), Style::PLAIN));
        assert_eq!(text.text, "in 2011. Then");
        assert_eq!(labels(&text), vec![("8", 8), ("10", 13)]);
    }

    #[test]
    fn two_labels_in_one_sup() {
        let text = build(|b| {
            b.push_text(Cow::Borrowed("in 2012."), Style::PLAIN);
            b.push_superscript("144 145", Style::PLAIN);
        });
        assert_eq!(labels(&text), vec![("144", 8), ("145", 8)]);
    }

    #[test]
    fn ordinals_are_text() {
        let text = build(|b| {
            b.push_text(Cow::Borrowed("the 16"), Style::PLAIN);
            b.push_superscript("th", Style::PLAIN);
            b.push_text(Cow::Borrowed(" Summit and the 11 "), Style::PLAIN);
            b.push_superscript("th", Style::PLAIN);
        });
        assert_eq!(text.text, "the 16th Summit and the 11th");
        assert!(text.markers.is_empty());
    }

    #[test]
    fn star_after_a_word_is_the_author_note() {
        let text = build(|b| b.push_text(Cow::Borrowed("by Elizabeth Fuller*"), Style::PLAIN));
        assert_eq!(text.text, "by Elizabeth Fuller");
        assert_eq!(labels(&text), vec![("*", 19)]);
        let text = build(|b| b.push_text(Cow::Borrowed("5 * 3"), Style::PLAIN));
        assert!(text.markers.is_empty());
    }

    #[test]
    fn whitespace_collapses_and_styles_become_spans() {
        let emphasis = Style {
            emphasis: true,
            ..Style::PLAIN
        };
        let text = build(|b| {
            b.push_text(Cow::Borrowed("  see  the\t"), Style::PLAIN);
            b.push_break();
            b.push_text(Cow::Borrowed("Financial Times"), emphasis);
            b.push_text(Cow::Borrowed(" today "), Style::PLAIN);
        });
        assert_eq!(text.text, "see the Financial Times today");
        assert_eq!(text.spans.len(), 1);
        assert_eq!(&text.text[text.spans[0].range.clone()], "Financial Times");
    }

    #[test]
    fn join_keeps_hyphenated_words_whole() {
        let mut first = build(|b| b.push_text(Cow::Borrowed("the permanent Co-"), Style::PLAIN));
        join(
            &mut first,
            build(|b| b.push_text(Cow::Borrowed("Chairs in 1997"), Style::PLAIN)),
        );
        assert_eq!(first.text, "the permanent Co-Chairs in 1997");
        let mut first = build(|b| b.push_text(Cow::Borrowed("in December 2011 -"), Style::PLAIN));
        join(
            &mut first,
            build(|b| b.push_text(Cow::Borrowed("just months"), Style::PLAIN)),
        );
        assert_eq!(first.text, "in December 2011 - just months");
    }
}
