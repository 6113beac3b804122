//! The paper as plain lines, for screen readers and pipes: no box drawing and
//! no columns, each page's text followed by its notes, headings and notes
//! named in words ("Heading level 2:", "Note 12:"), markers as `[12]`.
//!
//! A page is the original's page where the text shows its pages; otherwise
//! a run of blocks of about a printed page's words, so that "page 3" is the
//! same place at any width.

pub mod session;

use std::borrow::Cow;
use std::ops::Range;

use crate::document::{Block, BlockKind, Document, NoteKind, NoteStatus, Table};
use crate::layout::wrap_plain;

/// About the words of a printed page, for papers whose text shows no pages.
const WORDS_A_PAGE: usize = 450;

/// A page of the plain reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainPage {
    /// The number printed on the original ("12", "12–13" where a page held
    /// no block of its own), or else the page's place among these pages.
    pub label: String,
    /// Whether `label` is the original's printed number.
    pub printed: bool,
    pub blocks: Range<usize>,
    /// The notes read after the page, in the order the page cites them.
    pub notes: Vec<usize>,
}

/// A paper cut into plain pages, written at a width (0: no wrapping, a
/// paragraph a line, for screen readers that read by line).
pub struct PlainReading<'a> {
    document: &'a Document,
    width: usize,
    pages: Vec<PlainPage>,
    /// Notes no page cites: read after the last page.
    uncited: Vec<usize>,
}

impl<'a> PlainReading<'a> {
    pub fn new(document: &'a Document, width: usize) -> Self {
        let ranges = if document.pages.is_empty() {
            pages_by_words(document)
        } else {
            pages_of_original(document)
        };
        let mut placed = vec![false; document.footnotes.len()];
        let mut pages: Vec<PlainPage> = ranges
            .into_iter()
            .map(|(label, printed, blocks)| {
                let notes = notes_of(document, blocks.clone(), &mut placed);
                PlainPage {
                    label,
                    printed,
                    blocks,
                    notes,
                }
            })
            .collect();
        // A page the original does not number is named by its place here,
        // the number `g` goes to.
        for (index, page) in pages.iter_mut().enumerate() {
            if !page.printed {
                page.label = (index + 1).to_string();
            }
        }
        if pages.is_empty() {
            pages.push(PlainPage {
                label: "1".to_owned(),
                printed: false,
                blocks: 0..0,
                notes: Vec::new(),
            });
        }
        let uncited = (0..document.footnotes.len())
            .filter(|&note| !placed[note])
            .collect();
        Self {
            document,
            width,
            pages,
            uncited,
        }
    }

    pub fn pages(&self) -> &[PlainPage] {
        &self.pages
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The page of the original numbered `printed` ("12"), or else the
    /// `printed`-th page; `None` if the paper has neither.
    pub fn find_page(&self, printed: &str) -> Option<usize> {
        let printed = printed.trim();
        self.pages
            .iter()
            .position(|p| {
                p.printed && (p.label == printed || p.label.split('–').any(|part| part == printed))
            })
            .or_else(|| {
                let n: usize = printed.parse().ok()?;
                (1..=self.pages.len()).contains(&n).then(|| n - 1)
            })
    }

    /// "Page 12, 3 of 40" for a printed page, "Page 3 of 40" otherwise.
    pub fn page_title(&self, index: usize) -> String {
        let count = self.pages.len();
        match self.pages.get(index) {
            // Where the printed number is the place, once is enough.
            Some(page) if page.printed && page.label != (index + 1).to_string() => {
                format!("Page {}, {} of {count}", page.label, index + 1)
            }
            _ => format!("Page {} of {count}", index + 1),
        }
    }

    /// One page: its title, its text and its notes.
    pub fn page(&self, index: usize) -> String {
        let mut out = Lines::new(self.width);
        let Some(page) = self.pages.get(index) else {
            return String::new();
        };
        out.line(&self.page_title(index));
        out.blank();
        for block in page.blocks.clone() {
            if let Some(block) = self.document.blocks.get(block) {
                write_block(&mut out, block);
                out.blank();
            }
        }
        if !page.notes.is_empty() {
            out.line(&format!("Notes of page {}:", page.label));
            out.blank();
            for &note in &page.notes {
                self.write_note(&mut out, note);
                out.blank();
            }
        }
        if index + 1 == self.pages.len() && !self.uncited.is_empty() {
            out.line("Notes the text does not cite:");
            out.blank();
            for &note in &self.uncited {
                self.write_note(&mut out, note);
                out.blank();
            }
        }
        out.text
    }

    /// The whole paper, page after page, for a pipe.
    pub fn whole(&self) -> String {
        (0..self.pages.len()).map(|i| self.page(i)).collect()
    }

    /// The notes labelled `label` ("12", "*"), each with the page that cites it.
    pub fn note(&self, label: &str) -> String {
        let label = label.trim();
        let mut out = Lines::new(self.width);
        for (index, note) in self.document.footnotes.iter().enumerate() {
            if note.label != label {
                continue;
            }
            self.write_note(&mut out, index);
            let cited = self.page_of_note(index).map_or_else(
                || "The text does not cite it.".to_owned(),
                |page| format!("Cited on page {}.", self.pages[page].label),
            );
            out.line(&cited);
            out.blank();
        }
        if out.text.is_empty() {
            format!("The paper has no note {label}.\n")
        } else {
            out.text
        }
    }

    /// The page of the `index`-th note, if the text cites it.
    pub fn page_of_note(&self, note: usize) -> Option<usize> {
        self.pages.iter().position(|p| p.notes.contains(&note))
    }

    /// The sections, each with its page: a table of contents.
    pub fn contents(&self) -> String {
        let mut out = Lines::new(self.width);
        if self.document.sections.is_empty() {
            out.line("The paper has no headings.");
        }
        for section in &self.document.sections {
            let page = self
                .pages
                .iter()
                .position(|p| p.blocks.contains(&section.block))
                .map_or_else(String::new, |i| format!(", page {}", self.pages[i].label));
            let indent = "  ".repeat(usize::from(section.level.saturating_sub(1)));
            out.line(&format!("{indent}{}{page}", section.title));
        }
        out.text
    }

    /// Where `words` occur (text and notes, ignoring case), at most `limit`
    /// places: each page with a few words around the first hit on it.
    pub fn search(&self, words: &str, limit: usize) -> Vec<(usize, String)> {
        let needle = words.trim().to_lowercase();
        if needle.is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for (index, page) in self.pages.iter().enumerate() {
            let texts = page
                .blocks
                .clone()
                .filter_map(|b| self.document.blocks.get(b).map(searchable))
                .chain(page.notes.iter().filter_map(|&n| {
                    self.document
                        .footnotes
                        .get(n)
                        .map(|note| Cow::Borrowed(note.text()))
                }));
            for text in texts {
                if let Some(snippet) = snippet_of(&text, &needle) {
                    hits.push((index, snippet));
                    break;
                }
            }
            if hits.len() == limit {
                break;
            }
        }
        hits
    }

    fn write_note(&self, out: &mut Lines, index: usize) {
        let Some(note) = self.document.footnotes.get(index) else {
            return;
        };
        let name = match note.kind {
            NoteKind::Unmarked => "Note without a marker".to_owned(),
            _ => format!("Note {}", note.label),
        };
        let text = match note.status {
            NoteStatus::Ok => with_markers(&note.content.text, &note.content.markers),
            NoteStatus::Empty => "(empty in the paper)".to_owned(),
            NoteStatus::Missing => "(missing: the paper's text does not have it)".to_owned(),
        };
        out.paragraph(&format!("{name}: {text}"));
    }
}

/// Pages of the original, each with the blocks that begin on it. A page on
/// which no block begins (a paragraph running over it) joins the page before
/// in the label: "12–13".
fn pages_of_original(document: &Document) -> Vec<(String, bool, Range<usize>)> {
    let printed = |index: usize| {
        document.pages[index]
            .number
            .clone()
            .unwrap_or_else(|| (index + 1).to_string())
    };
    let mut pages: Vec<(usize, usize, Range<usize>)> = Vec::new();
    for (index, block) in document.blocks.iter().enumerate() {
        let page = block.spans.first().map_or(0, |span| {
            document
                .pages
                .partition_point(|p| p.span.start <= span.start)
                .saturating_sub(1)
        });
        match pages.last_mut() {
            // Pages only go forward: a block placed earlier (a stitched
            // paragraph's head) stays on the page being read.
            Some((_, last, blocks)) if page <= *last => blocks.end = index + 1,
            Some((_, last, _)) if page > *last + 1 => {
                // The pages between hold no block of their own.
                *last = page - 1;
                pages.push((page, page, index..index + 1));
            }
            _ => pages.push((page, page, index..index + 1)),
        }
    }
    pages
        .into_iter()
        .map(|(first, last, blocks)| {
            let label = if first == last {
                printed(first)
            } else {
                format!("{}–{}", printed(first), printed(last))
            };
            (label, document.pages[first].number.is_some(), blocks)
        })
        .collect()
}

/// Runs of blocks of about a printed page's words, cut between blocks.
fn pages_by_words(document: &Document) -> Vec<(String, bool, Range<usize>)> {
    let mut pages = Vec::new();
    let mut start = 0;
    let mut words = 0;
    for (index, block) in document.blocks.iter().enumerate() {
        // A heading opens a page rather than closing one.
        let heading = matches!(block.kind, BlockKind::Heading { .. });
        if words >= WORDS_A_PAGE || (heading && words >= WORDS_A_PAGE / 2) {
            pages.push(start..index);
            start = index;
            words = 0;
        }
        words += block.text().split_whitespace().count();
    }
    if start < document.blocks.len() {
        pages.push(start..document.blocks.len());
    }
    pages
        .into_iter()
        .enumerate()
        .map(|(i, blocks)| ((i + 1).to_string(), false, blocks))
        .collect()
}

/// The notes the blocks cite, in order, each the first time it is cited
/// anywhere; and the unmarked notes that belong beside them.
fn notes_of(document: &Document, blocks: Range<usize>, placed: &mut [bool]) -> Vec<usize> {
    let mut notes = Vec::new();
    for block in blocks.clone() {
        let Some(block) = document.blocks.get(block) else {
            continue;
        };
        for marker in &block.content.markers {
            if let Some(seen) = placed.get_mut(marker.note)
                && !*seen
            {
                *seen = true;
                notes.push(marker.note);
            }
        }
    }
    for (index, note) in document.footnotes.iter().enumerate() {
        if note.kind == NoteKind::Unmarked
            && note.home_block.is_some_and(|b| blocks.contains(&b))
            && !placed[index]
        {
            placed[index] = true;
            notes.push(index);
        }
    }
    notes
}

/// A block's text with its markers written `[12]`, and its kind in words.
fn write_block(out: &mut Lines, block: &Block) {
    let text = with_markers(&block.content.text, &block.content.markers);
    match &block.kind {
        BlockKind::Heading { level, .. } => {
            out.paragraph(&format!("Heading level {level}: {text}"))
        }
        BlockKind::Quote => out.paragraph(&format!("Quotation: {text}")),
        BlockKind::ListItem { number: Some(n) } => out.paragraph(&format!("{n}. {text}")),
        BlockKind::ListItem { number: None } => out.paragraph(&format!("- {text}")),
        BlockKind::Figure { .. } => out.paragraph(&format!("Figure: {text}")),
        BlockKind::Table(table) => write_table(out, &text, table),
        BlockKind::Toc(entries) => {
            out.line("Contents:");
            for entry in entries {
                let page = entry
                    .page
                    .map_or_else(String::new, |p| format!(", page {p}"));
                out.paragraph(&format!("{}{page}", entry.title));
            }
        }
        BlockKind::Paragraph | BlockKind::FrontMatter | BlockKind::BackMatter => {
            out.paragraph(&text);
        }
    }
}

/// A table as a list of rows, each cell named by its column's header:
/// columns read aloud make no sense, a row with its headers does.
fn write_table(out: &mut Lines, caption: &str, table: &Table) {
    let columns = table.rows.first().map_or(0, Vec::len);
    let rows = table.rows.len().saturating_sub(table.header_rows);
    let title = if caption.is_empty() {
        "Table".to_owned()
    } else {
        format!("Table: {caption}")
    };
    out.paragraph(&format!("{title} ({rows} rows, {columns} columns)"));
    let headers: Vec<String> = (0..columns)
        .map(|column| {
            table.rows[..table.header_rows.min(table.rows.len())]
                .iter()
                .filter_map(|row| row.get(column))
                .map(|cell| cell.trim())
                .filter(|cell| !cell.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    for (number, row) in table.rows.iter().skip(table.header_rows).enumerate() {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(column, cell)| {
                // An empty cell is said, so that the cells after keep their columns.
                let cell = match cell.trim() {
                    "" => "(blank)",
                    cell => cell,
                };
                match headers.get(column) {
                    Some(header) if !header.is_empty() => format!("{header}: {cell}"),
                    _ => cell.to_owned(),
                }
            })
            .collect();
        out.paragraph(&format!("Row {}: {}", number + 1, cells.join("; ")));
    }
}

/// `text` with each marker written `[label]` where it stands.
fn with_markers(text: &str, markers: &[crate::document::Marker]) -> String {
    let mut out = String::with_capacity(text.len() + markers.len() * 4);
    let mut at = 0;
    for marker in markers {
        let offset = marker.offset.min(text.len());
        if offset < at || !text.is_char_boundary(offset) {
            continue;
        }
        out.push_str(&text[at..offset]);
        out.push('[');
        out.push_str(&marker.label);
        out.push(']');
        at = offset;
    }
    out.push_str(&text[at..]);
    out
}

/// A block's words, a table's cells with its caption.
fn searchable(block: &Block) -> Cow<'_, str> {
    match &block.kind {
        BlockKind::Table(table) => {
            let mut text = block.text().to_owned();
            for cell in table.rows.iter().flatten() {
                text.push(' ');
                text.push_str(cell);
            }
            Cow::Owned(text)
        }
        _ => Cow::Borrowed(block.text()),
    }
}

/// A few words around the first place `needle` (lower case) occurs in `text`.
fn snippet_of(text: &str, needle: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let at = lower.find(needle)?;
    // Lower case may change a character's length: stay on the original's boundaries.
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(at.saturating_sub(40));
    let start = text[start..]
        .find(' ')
        .filter(|&space| start > 0 && space < 20)
        .map_or(start, |space| start + space + 1);
    let end = floor(at + needle.len() + 40);
    let end = text[end..]
        .find(' ')
        .map_or(text.len(), |space| end + space);
    let mut snippet = String::new();
    if start > 0 {
        snippet.push('…');
    }
    snippet.push_str(text[start..end].trim());
    if end < text.len() {
        snippet.push('…');
    }
    Some(snippet)
}

/// Lines written at a width (0: a paragraph a line).
struct Lines {
    width: usize,
    text: String,
}

impl Lines {
    fn new(width: usize) -> Self {
        Self {
            width,
            text: String::new(),
        }
    }

    fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }

    fn blank(&mut self) {
        self.text.push('\n');
    }

    fn paragraph(&mut self, text: &str) {
        if self.width == 0 {
            self.line(text.trim());
        } else {
            for line in wrap_plain(text, self.width) {
                self.line(&line);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse_text;

    fn paper() -> Document {
        parse_text(
            "# A Paper\n\nFirst paragraph cites a note.[^1] And another.[^2]\n\n\
             ## Second part\n\nMore text, citing the first again.[^1]\n\n\
             | Country | Year |\n|---|---|\n| Azerbaijan | 1994 |\n| Armenia | 1991 |\n\n\
             [^1]: The first note.\n[^2]: The second note.\n[^3]: Never cited.\n",
        )
    }

    #[test]
    fn a_page_reads_text_then_its_notes_each_once() {
        let document = paper();
        let reading = PlainReading::new(&document, 80);
        assert_eq!(reading.page_count(), 1);
        let page = reading.page(0);
        assert!(page.contains("Heading level 1: Second part"), "{page}");
        assert!(page.contains("cites a note.[1] And another.[2]"), "{page}");
        assert!(page.contains("Note 1: The first note."), "{page}");
        assert_eq!(page.matches("Note 1:").count(), 1, "{page}");
        assert!(page.contains("Notes the text does not cite:\n\nNote 3: Never cited."));
        let first = page.find("Note 1:").unwrap_or(0);
        let second = page.find("Note 2:").unwrap_or(0);
        assert!(first < second);
    }

    #[test]
    fn a_table_reads_row_by_row_with_its_headers() {
        let document = paper();
        let page = PlainReading::new(&document, 80).page(0);
        assert!(
            page.contains("Row 1: Country: Azerbaijan; Year: 1994"),
            "{page}"
        );
        assert!(
            page.contains("Row 2: Country: Armenia; Year: 1991"),
            "{page}"
        );
    }

    #[test]
    fn width_zero_writes_a_paragraph_a_line() {
        let long = "word ".repeat(100);
        let document = parse_text(&format!("{long}\n\nnext\n"));
        let plain = PlainReading::new(&document, 0).whole();
        assert_eq!(plain.lines().filter(|l| l.starts_with("word")).count(), 1);
        let wrapped = PlainReading::new(&document, 40).whole();
        assert!(wrapped.lines().all(|l| l.chars().count() <= 40));
    }

    #[test]
    fn long_texts_are_cut_into_pages_between_blocks_at_any_width() {
        let paragraph = "Some words of a sentence. ".repeat(40);
        let text: String = (0..10).map(|_| format!("{paragraph}\n\n")).collect();
        let document = parse_text(&text);
        let narrow = PlainReading::new(&document, 40);
        let wide = PlainReading::new(&document, 120);
        assert_eq!(narrow.pages(), wide.pages());
        assert_eq!(narrow.page_count(), 4);
        assert_eq!(narrow.page_title(1), "Page 2 of 4");
        assert_eq!(narrow.find_page("3"), Some(2));
        assert_eq!(narrow.find_page("9"), None);
    }

    #[test]
    fn original_pages_are_named_by_their_printed_numbers() {
        let sentence = "The text of this page goes on about policy and mediation at some length.\n";
        let mut text = String::from("A Paper Title\n\nIntroduction\n\n");
        for page in 11..=13 {
            text.push_str(&sentence.repeat(30));
            text.push_str(&format!(
                "Paragraph on page {page} ends here.\n\n{page}\n\u{c}"
            ));
        }
        let document = parse_text(&text);
        assert_eq!(document.pages.len(), 3, "{:?}", document.pages);
        let reading = PlainReading::new(&document, 80);
        assert_eq!(reading.page_count(), 3);
        assert_eq!(reading.find_page("12"), Some(1));
        assert_eq!(reading.page_title(1), "Page 12, 2 of 3");
    }

    #[test]
    fn notes_and_searches_say_where_they_are() {
        let document = paper();
        let reading = PlainReading::new(&document, 80);
        let note = reading.note("2");
        assert!(
            note.contains("Note 2: The second note.\nCited on page 1."),
            "{note}"
        );
        assert!(reading.note("3").contains("The text does not cite it."));
        assert_eq!(reading.note("9"), "The paper has no note 9.\n");
        let hits = reading.search("ARMENIA", 10);
        assert_eq!(hits.len(), 1);
        assert!(
            reading.search("second note", 10)[0]
                .1
                .contains("second note")
        );
        assert!(
            reading.contents().contains("Second part, page 1"),
            "{}",
            reading.contents()
        );
    }

    #[test]
    fn markers_between_characters_never_split_one() {
        let markers = [crate::document::Marker {
            offset: 1,
            label: "1".to_owned(),
            note: 0,
        }];
        assert_eq!(with_markers("éa", &markers), "éa");
        assert_eq!(
            snippet_of("İstanbul and more", "and"),
            Some("İstanbul and more".to_owned())
        );
    }
}
