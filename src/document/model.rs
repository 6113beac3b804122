//! The parsed paper: what a reader reads, with every piece traced to its source.

use std::ops::Range;
use std::path::PathBuf;

/// A place in the reading text: the block, and a byte offset in its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Position {
    pub block: usize,
    pub offset: usize,
}

/// A paper recovered from its (often PDF-converted) text.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub path: PathBuf,
    pub metadata: Metadata,
    /// The reading text in order: front matter, body, back matter. Footnotes are not blocks.
    pub blocks: Vec<Block>,
    pub footnotes: Vec<Footnote>,
    /// Every section heading in reading order; `parent` links make the tree.
    pub sections: Vec<Section>,
    /// Problems found while loading (lossy decoding, removed control characters)
    /// and parsing (markers without a note, notes without a marker).
    pub warnings: Vec<String>,
    /// The pages of the original, where the text shows them (form feeds,
    /// page numbers, running heads); empty otherwise.
    pub pages: Vec<Page>,
    /// Fingerprint of the file's bytes.
    pub fingerprint: crate::hash::Fingerprint,
    /// The character encoding the file was read in.
    pub encoding: &'static str,
}

/// How the warning opens that a converter read two columns across, a line
/// of each in turn: the one parse warning a reader is shown on opening,
/// as paragraphs and notes may be mixed throughout.
pub const COLUMNS_READ_ACROSS: &str = "the text seems to read two columns across";

/// A page of the original document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The number printed on the page, where it shows one.
    pub number: Option<String>,
    /// The page's byte range in the source.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub abstract_text: Option<String>,
    pub keywords: Vec<String>,
}

/// Text with styling and footnote markers, as a reader sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RichText {
    /// Plain reading text: Markdown resolved, markers removed, whitespace collapsed.
    pub text: String,
    /// Styled byte ranges of `text`, sorted and non-overlapping.
    pub spans: Vec<StyledSpan>,
    /// Footnote markers, by byte offset in `text` (the marker follows the text before it).
    pub markers: Vec<Marker>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Style {
    pub emphasis: bool,
    pub strong: bool,
    pub link: bool,
    pub code: bool,
}

impl Style {
    pub const PLAIN: Style = Style {
        emphasis: false,
        strong: false,
        link: false,
        code: false,
    };

    pub fn is_plain(self) -> bool {
        self == Self::PLAIN
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyledSpan {
    pub range: Range<usize>,
    pub style: Style,
}

/// A footnote marker in the text, linked to its note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Byte offset in the block's text where the marker stands.
    pub offset: usize,
    pub label: String,
    /// Index into [`Document::footnotes`].
    pub note: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub content: RichText,
    /// Byte ranges of the source this block came from; a stitched paragraph has several.
    pub spans: Vec<Range<usize>>,
}

impl Block {
    pub fn text(&self) -> &str {
        &self.content.text
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    Heading {
        /// 1 for a top-level section, 2 for a subsection, and so on (after repair).
        level: u8,
        /// Index into [`Document::sections`].
        section: usize,
    },
    Paragraph,
    Quote,
    ListItem {
        /// The printed number of an ordered item.
        number: Option<u64>,
    },
    Table(Table),
    Figure {
        /// Where the image was, if the text says; `None` when the image is not in the text.
        image: Option<String>,
    },
    Toc(Vec<TocEntry>),
    FrontMatter,
    BackMatter,
}

impl BlockKind {
    /// The name used by `gloss dump`.
    pub fn name(&self) -> &'static str {
        match self {
            BlockKind::Heading { .. } => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Quote => "quote",
            BlockKind::ListItem { .. } => "list_item",
            BlockKind::Table(_) => "table",
            BlockKind::Figure { .. } => "figure",
            BlockKind::Toc(_) => "toc",
            BlockKind::FrontMatter => "front_matter",
            BlockKind::BackMatter => "back_matter",
        }
    }
}

/// A table; the block's text is its caption.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// Cells as plain reading text; every row has the same number of cells.
    pub rows: Vec<Vec<String>>,
    /// How many leading rows are the header (a two-line header has two).
    pub header_rows: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    pub title: String,
    pub page: Option<u32>,
    pub level: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub level: u8,
    pub title: String,
    /// Index of the heading block.
    pub block: usize,
    /// Index of the enclosing section.
    pub parent: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    /// The printed label: "12", "*", a `[^label]`, or "" for an unmarked note.
    pub label: String,
    pub kind: NoteKind,
    pub content: RichText,
    pub status: NoteStatus,
    /// Blocks whose text cites this note, in order, without repeats.
    pub cited_in: Vec<usize>,
    /// The block this note belongs beside when it has no marker (unmarked notes);
    /// otherwise the first block citing it.
    pub home_block: Option<usize>,
    pub spans: Vec<Range<usize>>,
}

impl Footnote {
    pub fn text(&self) -> &str {
        &self.content.text
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// A numbered note: superscript digits or `<sup>n</sup>`.
    Numbered,
    /// A symbol note such as the `*` author note.
    Symbol,
    /// A Pandoc/GFM `[^label]` note.
    Labelled,
    /// A note printed at the foot of a page without any marker.
    Unmarked,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteStatus {
    Ok,
    /// The note exists but has no text.
    Empty,
    /// The note is cited but its text is not in the source.
    Missing,
}

impl NoteStatus {
    pub fn name(self) -> &'static str {
        match self {
            NoteStatus::Ok => "ok",
            NoteStatus::Empty => "empty",
            NoteStatus::Missing => "missing",
        }
    }
}

impl Document {
    /// The parse warnings a reader must see on opening the paper (most,
    /// such as a marker without its note, wait in `gloss dump`).
    pub fn reading_problems(&self) -> impl Iterator<Item = &str> {
        self.warnings
            .iter()
            .map(String::as_str)
            .filter(|w| w.starts_with(COLUMNS_READ_ACROSS))
    }

    /// Every source range the document holds: its blocks', notes' and pages'.
    pub fn source_ranges(&self) -> impl Iterator<Item = &Range<usize>> {
        self.blocks
            .iter()
            .flat_map(|b| &b.spans)
            .chain(self.footnotes.iter().flat_map(|f| &f.spans))
            .chain(self.pages.iter().map(|p| &p.span))
    }

    /// The source offset of a byte offset in a block's text: the block's
    /// source ranges are walked in order (a stitched paragraph has several).
    pub fn source_offset(&self, block: usize, offset: usize) -> Option<usize> {
        let ranges = &self.blocks.get(block)?.spans;
        let mut left = offset;
        for range in ranges {
            if left < range.len() {
                return Some(range.start + left);
            }
            left -= range.len();
        }
        ranges.last().map(|r| r.end)
    }

    /// The place in the text that came from a source offset: the block whose
    /// source holds it (the inverse of [`Self::source_offset`]).
    pub fn position_at_source(&self, offset: usize) -> Option<Position> {
        self.blocks.iter().enumerate().find_map(|(block, b)| {
            let mut before = 0;
            for range in &b.spans {
                if range.contains(&offset) {
                    let mut offset = (before + offset - range.start).min(b.text().len());
                    while !b.text().is_char_boundary(offset) {
                        offset -= 1;
                    }
                    return Some(Position { block, offset });
                }
                before += range.len();
            }
            None
        })
    }

    /// The page of the original at a source offset: its printed number, or
    /// its place in the sequence where it prints none.
    pub fn page_at(&self, offset: usize) -> Option<String> {
        let index = self
            .pages
            .partition_point(|p| p.span.start <= offset)
            .checked_sub(1)?;
        let page = &self.pages[index];
        Some(
            page.number
                .clone()
                .unwrap_or_else(|| (index + 1).to_string()),
        )
    }

    /// The innermost section containing `block`, if any.
    pub fn section_of(&self, block: usize) -> Option<usize> {
        match self.sections.binary_search_by(|s| s.block.cmp(&block)) {
            Ok(index) => Some(index),
            Err(0) => None,
            Err(index) => Some(index - 1),
        }
    }
}
