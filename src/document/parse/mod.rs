//! From clean text to a [`Document`].
//!
//! pulldown-cmark resolves the Markdown; the passes below recover what the PDF
//! conversion destroyed, each in its own module, in this order:
//!
//! 1. [`events`]: Markdown events into raw blocks with inlines and markers.
//! 2. [`units`]: raw blocks into units; note paragraphs split into notes,
//!    tab-separated tables and printed tables of contents recognised.
//! 3. [`structure`]: bare heading lines, figures and captions.
//! 4. [`matter`]: front matter (title, authors, abstract) and back matter.
//! 5. [`notes`]: note continuations across page breaks and the author note.
//! 6. [`stitch`]: body paragraphs cut by a page of notes joined again;
//!    unmarked page-foot notes found on the way.
//! 7. [`sections`]: heading levels repaired from numbering and the TOC.
//! 8. [`assemble`]: blocks, sections, footnotes and citations.

mod assemble;
mod events;
mod footnotes;
mod inline;
mod matter;
mod paged;
mod sections;
mod stitch;
mod structure;
mod units;

use std::ops::Range;
use std::path::Path;

use crate::document::model::{Document, NoteKind, Page, RichText, Table, TocEntry};
use crate::paper_text::PaperText;

/// Parses a loaded paper.
pub fn parse(source: &PaperText) -> Document {
    let document = parse_text(&source.text);
    with_source(document, source)
}

/// [`parse`], letting go of the source's text as soon as it can: once its
/// Markdown blocks are read, the passes and the assembly work on those (for
/// a 50 MB paper, 50 MB less while they run).
pub fn parse_owned(mut source: PaperText) -> Document {
    let mut text = std::mem::take(&mut source.text);
    let document = match paged::recover(&text) {
        Some(mut recovered) => {
            drop(text);
            let units = units_of_owned(std::mem::take(&mut recovered.text));
            let mut document = finish(units);
            restore_source(&mut document, recovered);
            document
        }
        None => {
            if text.contains('\x0C') {
                // A lone form feed: a line break, at the same offset.
                text = text.replace('\x0C', "\n");
            }
            finish(units_of_owned(text))
        }
    };
    with_source(document, &source)
}

fn with_source(mut document: Document, source: &PaperText) -> Document {
    document.path = source.path.clone();
    let found = std::mem::take(&mut document.warnings);
    document.warnings = source.warnings.clone();
    document.warnings.extend(found);
    document.fingerprint = source.fingerprint;
    document.encoding = source.encoding;
    document
}

/// Parses clean text (see [`Source`] for what "clean" means). Converter
/// output is first read as pages ([`paged`]) and rewritten as clean Markdown;
/// every source range of the result still refers to `text`.
pub fn parse_text(text: &str) -> Document {
    let Some(recovered) = paged::recover(text) else {
        if text.contains('\x0C') {
            // A lone form feed: a line break, at the same offset.
            return parse_markdown(&text.replace('\x0C', "\n"));
        }
        return parse_markdown(text);
    };
    let mut document = parse_markdown(&recovered.text);
    restore_source(&mut document, recovered);
    document
}

/// Ranges back to the original text, note ids back to printed labels.
fn restore_source(document: &mut Document, recovered: paged::Recovered) {
    let map = &recovered.map;
    for block in &mut document.blocks {
        for range in &mut block.spans {
            *range = map.range(range);
        }
        for marker in &mut block.content.markers {
            if let Some((label, _)) = recovered.labels.get(&marker.label) {
                marker.label.clone_from(label);
            }
        }
    }
    for note in &mut document.footnotes {
        for range in &mut note.spans {
            *range = map.range(range);
        }
        if let Some((label, kind)) = recovered.labels.get(&note.label) {
            note.label.clone_from(label);
            note.kind = *kind;
        }
    }
    document.pages = recovered
        .pages
        .into_iter()
        .map(|page| Page {
            number: page.number,
            span: page.span,
        })
        .collect();
    document.warnings = recovered.warnings;
}

fn parse_markdown(text: &str) -> Document {
    finish(units_of(text))
}

/// Steps 3 on: the passes over the units, and the document they make.
fn finish(mut units: Vec<Unit>) -> Document {
    structure::recognise(&mut units);
    matter::mark(&mut units);
    footnotes::attach(&mut units);
    stitch::stitch(&mut units);
    structure::recognise_quotes(&mut units);
    sections::repair_levels(&mut units);
    assemble::document(units)
}

/// Texts this large are parsed in pieces of about [`PIECE_BYTES`] (see
/// [`split_points`]), the two halves of them on two threads.
const PARALLEL_MIN_BYTES: usize = 4 * 1024 * 1024;
/// The Markdown parser holds a tree of all it parses (100 MB for 50 MB of
/// text at once): a large text is parsed a piece of this size at a time.
const PIECE_BYTES: usize = 1024 * 1024;

/// Steps 1 and 2, on two threads when the text is large and can be split.
fn units_of(text: &str) -> Vec<Unit> {
    let Some(points) = cuts(text) else {
        return units::of_text(text);
    };
    in_two_halves(slices(text, &points))
}

/// `text` cut at `points`, each piece with its offset.
fn slices<'a>(text: &'a str, points: &[usize]) -> Vec<(usize, &'a str)> {
    let mut start = 0;
    let mut pieces = Vec::with_capacity(points.len() + 1);
    for &end in points.iter().chain([&text.len()]) {
        pieces.push((start, &text[start..end]));
        start = end;
    }
    pieces
}

/// [`units_of`] on a text it owns: the text is cut in pieces first, and
/// each piece let go of once parsed, so that the text and its units are
/// not held whole at once (for 50 MB of text, 50 MB less at the peak).
fn units_of_owned(mut text: String) -> Vec<Unit> {
    let Some(points) = cuts(&text) else {
        return units::of_text(&text);
    };
    // Cut from the end, giving the cut-off tail's room back each time.
    let mut pieces = Vec::with_capacity(points.len() + 1);
    for &point in points.iter().rev() {
        pieces.push((point, text.split_off(point)));
        text.shrink_to_fit();
    }
    pieces.push((0, text));
    pieces.reverse();
    in_two_halves(pieces)
}

/// Where a text this large is cut in pieces parsed apart; `None` when it
/// is parsed whole (small, or nowhere safe to cut).
fn cuts(text: &str) -> Option<Vec<usize>> {
    if text.len() < PARALLEL_MIN_BYTES {
        return None;
    }
    Some(split_points(text, PIECE_BYTES)).filter(|points| !points.is_empty())
}

/// The units of `pieces` (each with its offset in the text), the first
/// half parsed on this thread and the second on another.
fn in_two_halves<T: AsRef<str> + Send>(mut pieces: Vec<(usize, T)>) -> Vec<Unit> {
    let later = pieces.split_off(pieces.len() / 2);
    let parsed = std::thread::scope(|scope| {
        let later = scope.spawn(|| parse_pieces(later));
        let mut parsed = parse_pieces(pieces);
        let later = later
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        parsed.extend(later);
        parsed
    });
    joined(parsed)
}

/// Each piece's units, ranges counted in the whole text; a piece the text
/// owned is dropped as soon as it is parsed.
fn parse_pieces<T: AsRef<str>>(pieces: Vec<(usize, T)>) -> Vec<Vec<Unit>> {
    pieces
        .into_iter()
        .map(|(offset, piece)| shifted(units::of_text(piece.as_ref()), offset))
        .collect()
}

/// `units` with their source ranges moved `by` bytes on.
fn shifted(mut units: Vec<Unit>, by: usize) -> Vec<Unit> {
    for unit in &mut units {
        for range in &mut unit.spans {
            *range = range.start + by..range.end + by;
        }
    }
    units
}

/// The pieces' units in one list, made at its full size once (growing it
/// piece by piece held the old and the new list at once: 36 MB for 50 MB).
fn joined(pieces: Vec<Vec<Unit>>) -> Vec<Unit> {
    let mut units = Vec::with_capacity(pieces.iter().map(Vec::len).sum());
    for piece in pieces {
        units.extend(piece);
    }
    units
}

/// Places about every `every` bytes of `text` where it can be cut in pieces
/// parsed apart (see [`split_point`]).
fn split_points(text: &str, every: usize) -> Vec<usize> {
    if every == 0 || split_point(text).is_none() {
        return Vec::new();
    }
    let mut points: Vec<usize> = Vec::new();
    let mut from = every;
    while from < text.len() {
        match next_split(text, from) {
            Some(point) if point < text.len() => {
                points.push(point);
                from = point + every;
            }
            _ => break,
        }
    }
    points
}

/// A place near the middle of `text` where Markdown carries nothing across:
/// a blank line followed by an unindented line starting with a capital letter
/// (no list, quote, note definition or indented code can continue there).
/// `None` when the text holds constructs that may span blank lines or refer
/// across the document (fenced code, raw HTML blocks, link or note definitions).
fn split_point(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let spanning = [
        "```",
        "~~~",
        "<pre",
        "<script",
        "<style",
        "<textarea",
        "<!--",
        "]:",
        "<?",
        "<![CDATA[",
    ];
    if spanning
        .iter()
        .any(|s| memchr::memmem::find(bytes, s.as_bytes()).is_some())
    {
        return None;
    }
    next_split(text, text.len() / 2)
}

/// The first paragraph break at or after `from` followed by a capital letter.
fn next_split(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes.get(from..)?, b"\n\n")
        .map(|i| from + i + 2)
        .find(|&start| bytes.get(start).is_some_and(u8::is_ascii_uppercase))
}

/// The pulldown-cmark options gloss parses with (for benchmarks comparing
/// against pulldown-cmark's own pass over the same text).
pub fn markdown_options() -> pulldown_cmark::Options {
    events::options()
}

/// Convenience for tests and tools: parse a file from disk.
pub fn parse_file(path: &Path) -> Result<Document, crate::paper_text::LoadError> {
    PaperText::load(path).map(|source| parse(&source))
}

/// A block of the source on its way to becoming a block or a note.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub role: Role,
    pub content: RichText,
    pub spans: Vec<Range<usize>>,
    /// Where the block's first source line ends in its text.
    pub first_line_end: usize,
    /// Number of source lines.
    pub lines: usize,
    /// Every character of the text is bold.
    pub all_strong: bool,
    pub matter: Matter,
    /// Text offsets of spaces that were hard line breaks in the source.
    pub hard_breaks: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Role {
    Text(TextKind),
    Heading {
        /// The Markdown level (`##` is 2), if it was a Markdown heading.
        markdown_level: Option<u8>,
        /// Depth of the printed number ("3.1." is 2), if numbered.
        numbering: Option<u8>,
        /// The level after repair.
        level: u8,
    },
    Table(Table),
    Figure(Option<String>),
    Toc(Vec<TocEntry>),
    Note {
        label: String,
        kind: NoteKind,
        /// For unmarked notes: the unit the note sits beside.
        anchor: Option<usize>,
    },
    /// A page separator (`---`).
    Rule,
    /// Merged into another unit.
    Removed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextKind {
    Paragraph,
    Quote,
    ListItem {
        number: Option<u64>,
        bullet: Option<u8>,
        lone: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Matter {
    Front,
    Body,
    Back,
}

impl Unit {
    pub fn text(&self) -> &str {
        &self.content.text
    }

    /// The reading text of the block's first source line.
    pub fn first_line(&self) -> &str {
        self.content.text.get(..self.first_line_end).unwrap_or("")
    }

    pub fn is_note(&self) -> bool {
        matches!(self.role, Role::Note { .. })
    }

    pub fn is_body_paragraph(&self) -> bool {
        self.role == Role::Text(TextKind::Paragraph) && self.matter == Matter::Body
    }

    /// Whether the text ends a sentence (or a line that introduces a quote).
    pub fn ends_sentence(&self) -> bool {
        ends_sentence(self.text())
    }

    /// Whether the text starts like the continuation of a cut sentence.
    pub fn starts_lowercase(&self) -> bool {
        self.text()
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
    }

    /// Whether the text starts with a web address or a local file URL.
    pub fn starts_with_url(&self) -> bool {
        let text = self.text().trim_start_matches(['<', '[', '(']);
        ["http://", "https://", "www.", "file:///", "ftp://"]
            .iter()
            .any(|prefix| text.starts_with(prefix))
    }
}

pub(crate) fn ends_sentence(text: &str) -> bool {
    let trimmed = text
        .trim_end()
        // Closing quotes, brackets and emphasis (`_et seq._`) after the stop.
        .trim_end_matches(['"', '”', '’', '\'', ')', ']', '*', '_', '»']);
    trimmed.ends_with(['.', '?', '!', ':', ';', '…'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_text_parsed_owned_in_pieces_is_the_same_document() {
        let fuller = include_str!("../../../texts/fuller-2013-azerbaijan-foreign-policy.txt");
        let strakes = include_str!("../../../texts/strakes-2015-beyond-eurasian-mediation.md");
        let mut text = String::new();
        while text.len() < PARALLEL_MIN_BYTES + PIECE_BYTES {
            for part in [fuller, strakes] {
                text.push_str(part);
                text.push_str("\n\n");
            }
        }
        assert!(split_points(&text, PIECE_BYTES).len() >= 4);
        let source =
            PaperText::from_bytes(std::path::Path::new("large.md"), text.as_bytes()).unwrap();
        let borrowed = parse(&source);
        let owned = parse_owned(source);
        assert_eq!(owned.blocks, borrowed.blocks);
        assert_eq!(owned.footnotes, borrowed.footnotes);
        assert_eq!(owned.sections, borrowed.sections);
        assert_eq!(owned.fingerprint, borrowed.fingerprint);
    }

    #[test]
    fn pieces_parsed_apart_match_one_pass() {
        let fuller = include_str!("../../../texts/fuller-2013-azerbaijan-foreign-policy.txt");
        let strakes = include_str!("../../../texts/strakes-2015-beyond-eurasian-mediation.md");
        let mut text = String::new();
        while text.len() < 1_000_000 {
            text.push_str(fuller);
            text.push_str("\n\n");
            text.push_str(strakes);
            text.push_str("\n\n");
        }
        let points = split_points(&text, 150_000);
        assert!(points.len() >= 5, "{points:?}");
        let one_pass = units::of_text(&text);
        let halves = joined(parse_pieces(slices(&text, &points)));
        assert_eq!(one_pass.len(), halves.len());
        for (a, b) in one_pass.iter().zip(&halves) {
            assert_eq!(
                (&a.role, &a.content, &a.spans),
                (&b.role, &b.content, &b.spans)
            );
        }
    }

    #[test]
    fn texts_with_spanning_constructs_are_not_split() {
        let body = "Paragraph.\n\n".repeat(10);
        assert!(split_point(&body).is_some());
        for construct in [
            "```\ncode\n\nMore\n```\n\n",
            "[ref]: http://a.org\n\n",
            "<!--\n\nX -->\n\n",
        ] {
            assert_eq!(
                split_point(&format!("{construct}{body}")),
                None,
                "{construct}"
            );
        }
    }
}
