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
mod inline;
mod matter;
mod notes;
mod sections;
mod stitch;
mod structure;
mod units;

use std::ops::Range;
use std::path::Path;

use crate::document::model::{Document, NoteKind, RichText, Table, TocEntry};
use crate::source::Source;

/// Parses a loaded paper.
pub fn parse(source: &Source) -> Document {
    let mut document = parse_text(&source.text);
    document.path = source.path.clone();
    document.warnings = source.warnings.clone();
    document.fingerprint = source.fingerprint;
    document
}

/// Parses clean text (see [`Source`] for what "clean" means).
pub fn parse_text(text: &str) -> Document {
    let raw = events::collect(text);
    let mut units = units::from_raw(raw, text);
    structure::recognise(&mut units);
    matter::mark(&mut units);
    notes::attach(&mut units);
    stitch::stitch(&mut units);
    structure::recognise_quotes(&mut units);
    sections::repair_levels(&mut units);
    assemble::document(units)
}

/// The pulldown-cmark options gloss parses with (for benchmarks comparing
/// against pulldown-cmark's own pass over the same text).
pub fn markdown_options() -> pulldown_cmark::Options {
    events::options()
}

/// Convenience for tests and tools: parse a file from disk.
pub fn parse_file(path: &Path) -> Result<Document, crate::source::LoadError> {
    Source::load(path).map(|source| parse(&source))
}

/// A block of the source on its way to becoming a block or a note.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub role: Role,
    pub content: RichText,
    pub source: Vec<Range<usize>>,
    /// Reading text of the block's first source line.
    pub first_line: String,
    /// Number of source lines.
    pub lines: usize,
    /// Every character of the text is bold.
    pub all_strong: bool,
    pub matter: Matter,
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
        .trim_end_matches(['"', '”', '’', '\'', ')', ']', '*', '»']);
    trimmed.ends_with(['.', '?', '!', ':', ';', '…'])
}
