//! Note bodies: runs of lines at a page's (or column's) foot that start with
//! labels in sequence, and sections of endnotes under a "Notes" heading.
//!
//! A line is taken as a note's start by its syntax ([`super::syntax`]) and by
//! the sequence: its label follows the last note's (or starts afresh at 1 or
//! `*`), and, where the syntax alone is weak (a bare number), the page's text
//! above holds a marker with that label. Lines after a start continue the note
//! until the next label in sequence, the page's end, or a blank line after a
//! finished sentence followed by text that does not continue it.

use std::ops::Range;

use super::furniture::Pages;
use super::lines::{Line, is_blank, typical_width, width};
use super::syntax::{
    Label, NoteStart, Strength, expected_start, is_footnote_line, is_notes_heading, note_start,
    symbol_follows,
};

#[derive(Debug, Clone)]
pub(crate) struct NoteBody {
    pub label: Label,
    pub page: usize,
    /// The note's text in the source, a piece per line.
    pub pieces: Vec<Range<usize>>,
    /// Index of the line the note starts on.
    pub line: usize,
    /// A note of a section of endnotes (matched by number, not by page).
    pub endnote: bool,
}

impl NoteBody {
    fn text_so_far(&self, source: &str) -> String {
        self.pieces
            .iter()
            .map(|r| source[r.clone()].trim())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Whether the text may hold notes that are not at a page's foot: a section
/// of endnotes or Gutenberg's `[Footnote N: …]` blocks (a quick look, before
/// any closer one).
pub(crate) fn may_have_loose_notes(source: &str, lines: &[Line]) -> bool {
    memchr::memmem::find(source.as_bytes(), b"[Footnote ").is_some()
        || lines.iter().any(|l| {
            let text = l.text(source);
            is_notes_heading(text) || is_footnote_line(text)
        })
}

/// Paragraphs that open as a numbered note among the body's paragraphs
/// (`12 See …` after a blank line, as OCR pipelines such as docling write a
/// law review), counted while their labels rise one by one.
#[derive(Default)]
pub(crate) struct NoteParagraphs {
    last: u32,
    rising: u32,
    after_text: bool,
}

impl NoteParagraphs {
    /// Takes the next line; true once three such paragraphs rose in turn.
    pub fn line(&mut self, text: &str) -> bool {
        if is_blank(text) {
            self.after_text = false;
            return false;
        }
        if std::mem::replace(&mut self.after_text, true) {
            return self.rising >= 3;
        }
        // A number as printed, not a superscript or a `<sup>` (Markdown's notes).
        if !text.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
            return self.rising >= 3;
        }
        let numbered = note_start(text, false).filter(|start| {
            !start.label.is_symbol()
                && text[start.text_start..].starts_with(char::is_uppercase)
                && start
                    .text_start
                    .checked_sub(1)
                    .and_then(|b| text.as_bytes().get(b))
                    == Some(&b' ')
        });
        if let Some(start) = numbered {
            let ordinal = start.label.ordinal();
            if ordinal == self.last + 1 {
                self.rising += 1;
            } else if ordinal == 1 {
                self.rising = 1;
            }
            self.last = ordinal;
        }
        self.rising >= 3
    }
}

/// Whether notes stand as numbered paragraphs between the body's paragraphs:
/// three or more whose labels rise one by one.
pub(crate) fn has_numbered_note_paragraphs(source: &str, lines: &[Line]) -> bool {
    let mut paragraphs = NoteParagraphs::default();
    lines.iter().any(|line| paragraphs.line(line.text(source)))
}

pub(crate) struct Found {
    pub notes: Vec<NoteBody>,
    /// Lines that belong to notes.
    pub in_note: Vec<bool>,
    /// The marker candidates of the lines looked at for evidence (source
    /// offsets, without `[N]` brackets), for the assignment to reuse.
    pub line_markers: Vec<Option<Vec<super::markers::Candidate>>>,
}

pub(crate) fn find(
    source: &str,
    lines: &[Line],
    pages: &Pages,
    page_footnotes: bool,
    markdown: bool,
) -> Found {
    let mut finder = Finder {
        source,
        lines,
        pages,
        notes: Vec::new(),
        in_note: vec![false; lines.len()],
        last_ordinal: 0,
        markdown,
        body_width: 0,
        line_markers: vec![None; lines.len()],
    };
    let endnotes_from = finder.endnote_section();
    finder.bracketed(endnotes_from);
    finder.footnote_paragraphs(endnotes_from);
    if page_footnotes {
        finder.page_feet(endnotes_from);
    }
    if let Some(start) = endnotes_from {
        finder.endnotes(start);
    }
    finder.notes.sort_by_key(|n| n.line);
    Found {
        notes: finder.notes,
        in_note: finder.in_note,
        line_markers: finder.line_markers,
    }
}

struct Finder<'a> {
    source: &'a str,
    lines: &'a [Line],
    pages: &'a Pages,
    notes: Vec<NoteBody>,
    in_note: Vec<bool>,
    /// Ordinal of the last note accepted at a page foot.
    last_ordinal: u32,
    /// The source is Markdown: each note is a block of its own.
    markdown: bool,
    /// Width of a full line of body text (0 until measured).
    body_width: usize,
    /// Marker candidates of each line, found when first asked for.
    line_markers: Vec<Option<Vec<super::markers::Candidate>>>,
}

/// Whether `label` may follow a note numbered `last` (or start afresh).
fn follows(label: &Label, last: u32) -> bool {
    let ordinal = label.ordinal();
    ordinal == 1 || (ordinal > last && ordinal <= last + 3)
}

fn ends_sentence(text: &str) -> bool {
    super::super::ends_sentence(text)
}

/// Whether a note's text so far reads as finished: it ends a sentence, and
/// not with an abbreviation that a reference goes on after ("p.", "vol.").
fn note_finished(text: &str) -> bool {
    // A colon or semicolon goes on: a quotation, the next source.
    if !ends_sentence(text) || text.trim_end().ends_with([':', ';']) {
        return false;
    }
    let last = text.split_whitespace().next_back().unwrap_or("");
    let abbreviation = [
        "p.", "pp.", "vol.", "vols.", "ed.", "eds.", "ch.", "chap.", "cf.", "n.", "no.", "v.",
        "art.", "sec.", "f.", "ff.", "fol.", "col.", "l.", "ll.", "trans.", "repr.", "ser.",
    ];
    // An initial ("W. E.") is a name going on.
    let initial = last.len() == 2 && last.starts_with(|c: char| c.is_ascii_uppercase());
    // A bracket or quotation opened and not closed: "[See on the Cotton
    // Kingdom, … W. E.", "; “N. C. Colon."
    let open_bracket = text.matches('[').count() > text.matches(']').count()
        || text.matches('(').count() > text.matches(')').count()
        || text.matches('“').count() > text.matches('”').count();
    !abbreviation.contains(&last.to_lowercase().as_str()) && !initial && !open_bracket
}

impl<'a> Finder<'a> {
    fn text(&self, line: usize) -> &'a str {
        self.lines[line].text(self.source)
    }

    fn usable(&self, line: usize) -> bool {
        !self.pages.furniture[line] && !self.in_note[line]
    }

    /// The line of a "Notes"/"FOOTNOTES:" heading followed by a note, if
    /// any: the last one whose notes start at 1, else the last one. ("Note"
    /// alone on a line inside a note is a converter's cut, not a heading.)
    fn endnote_section(&self) -> Option<usize> {
        let first_label = |i: usize| {
            (i + 1..self.lines.len())
                .filter(|&j| !is_blank(self.text(j)) && !self.pages.furniture[j])
                .take(2)
                .find_map(|j| note_start(self.text(j), true))
                .map(|start| start.label.ordinal())
        };
        // "Note" alone heads a section only where note 1 follows it.
        let singular = |i: usize| {
            self.text(i)
                .trim()
                .trim_end_matches(':')
                .eq_ignore_ascii_case("note")
        };
        let headings: Vec<(usize, u32)> = (0..self.lines.len())
            .filter(|&i| is_notes_heading(self.text(i)))
            .filter_map(|i| Some((i, first_label(i)?)))
            .filter(|&(i, label)| label == 1 || !singular(i))
            .collect();
        headings
            .iter()
            .rev()
            .find(|&&(_, label)| label == 1)
            .or(headings.last())
            .map(|&(i, _)| i)
    }

    /// The piece of `line` that is note text, from `start` (a `>` quote mark removed).
    fn piece(&self, line: usize, start: Option<&NoteStart>) -> Range<usize> {
        let range = self.lines[line].range.clone();
        let text = self.text(line);
        let from = match start {
            Some(start) => start.text_start,
            None => {
                let trimmed = text.trim_start();
                let unquoted = trimmed.strip_prefix('>').unwrap_or(trimmed).trim_start();
                text.len() - unquoted.len()
            }
        };
        let end = text.trim_end().len().max(from);
        range.start + from..range.start + end
    }

    fn push_note(&mut self, line: usize, start: &NoteStart, endnote: bool) {
        let piece = self.piece(line, Some(start));
        self.in_note[line] = true;
        self.notes.push(NoteBody {
            label: start.label.clone(),
            page: self.pages.page_of[line],
            pieces: vec![piece],
            line,
            endnote,
        });
        if start.label.is_symbol() && !endnote {
            self.split_symbol_notes_in_line();
        }
    }

    /// Two symbol notes a converter wrote on one line ("¶Wis. Hist. Cols.,
    /// p. 473. ||Roosevelt, …"): the next symbol in order after a sentence's
    /// end starts the next note.
    fn split_symbol_notes_in_line(&mut self) {
        loop {
            let Some(note) = self.notes.last() else {
                return;
            };
            let Some(piece) = note.pieces.last().cloned() else {
                return;
            };
            let text = &self.source[piece.clone()];
            let ordinal = note.label.ordinal();
            let split = text.match_indices(". ").find_map(|(at, _)| {
                let rest = &text[at + 2..];
                let run = super::syntax::symbol_run(rest);
                let label = super::syntax::symbol_label(rest.get(..run)?);
                let after = rest[run..].chars().next()?;
                (run > 0
                    && symbol_follows(label.ordinal(), ordinal)
                    && label.ordinal() > ordinal
                    && (after.is_uppercase() || matches!(after, '“' | '"' | '[' | '(')))
                .then_some((at + 1, at + 2 + run, label))
            });
            let Some((end, text_start, label)) = split else {
                return;
            };
            self.last_ordinal = label.ordinal();
            self.split_last_note(piece.start + end, piece.start + text_start, label);
        }
    }

    /// Cuts the last note's last line at `end` and opens a note with
    /// `label` on the same line, its text from `text_start` to the line's end.
    fn split_last_note(&mut self, end: usize, text_start: usize, label: Label) {
        let Some(note) = self.notes.last_mut() else {
            return;
        };
        let (line, page) = (note.line, note.page);
        let Some(last) = note.pieces.last_mut() else {
            return;
        };
        let rest = text_start..last.end;
        last.end = end;
        self.notes.push(NoteBody {
            label,
            page,
            pieces: vec![rest],
            line,
            endnote: false,
        });
    }

    /// Two columns' notes a converter set on one line, the left one cut
    /// mid-word ("34 Findley, “History of … Western Coun35 Hale, “Daniel
    /// Boone”"): a number glued after a lowercase letter and before a
    /// capital, not yet taken near, with its marker on the page, opens a
    /// note of its own. Returns the note cut, which the next line may finish.
    fn split_column_notes_in_line(&mut self, end: usize) -> Option<usize> {
        if self.markdown {
            return None;
        }
        let note = self.notes.last()?;
        let piece = note.pieces.last()?.clone();
        let (ordinal, page, line) = (note.label.ordinal(), note.page, note.line);
        let text = &self.source[piece.clone()];
        let bytes = text.as_bytes();
        let split = (1..bytes.len()).find_map(|at| {
            if !bytes[at].is_ascii_digit() || bytes[at] == b'0' {
                return None;
            }
            let before = text[..at].chars().next_back()?;
            let digits = bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let rest = &text[at + digits..];
            let label: u32 = text[at..at + digits].parse().ok()?;
            let after = rest.strip_prefix(' ')?.chars().next()?;
            (before.is_lowercase()
                && digits <= 3
                && label > ordinal
                && label <= ordinal + 8
                && (after.is_uppercase() || matches!(after, '“' | '"' | '‘')))
            .then_some((at, at + digits + 1, label))
        })?;
        let (cut, text_start, ordinal_after) = split;
        let label = Label::Number(ordinal_after);
        let from = self.markers_from(page);
        if self.label_taken_near(&label, page) || !self.marker_evidence(from..end, line, &label) {
            return None;
        }
        let cut_index = self.notes.len() - 1;
        if ordinal_after == ordinal + 1 {
            self.last_ordinal = ordinal_after;
        }
        self.split_last_note(piece.start + cut, piece.start + text_start, label);
        Some(cut_index)
    }

    fn continue_note(&mut self, note: usize, line: usize) {
        let piece = self.piece(line, None);
        self.in_note[line] = true;
        if !piece.is_empty() {
            self.notes[note].pieces.push(piece);
        }
    }

    /// Gutenberg's `[Footnote N: …]` blocks, wherever they stand.
    fn bracketed(&mut self, until: Option<usize>) {
        if memchr::memmem::find(self.source.as_bytes(), b"[Footnote ").is_none() {
            return;
        }
        let end = until.unwrap_or(self.lines.len());
        let mut i = 0;
        while i < end {
            match note_start(self.text(i), false) {
                Some(start) if start.bracketed => {
                    self.push_note(i, &start, false);
                    let note = self.notes.len() - 1;
                    let mut j = i;
                    while !self.text(j).trim_end().ends_with(']') && j + 1 < end {
                        j += 1;
                        self.continue_note(note, j);
                    }
                    strip_closing_bracket(self.source, &mut self.notes[note]);
                    i = j + 1;
                }
                _ => i += 1,
            }
        }
    }

    /// `Footnote 3: …` paragraphs set between the body's paragraphs (pandoc's
    /// plain text, converters of HTML): each note runs to its paragraph's end.
    fn footnote_paragraphs(&mut self, until: Option<usize>) {
        let end = until.unwrap_or(self.lines.len());
        let mut i = 0;
        while i < end {
            let start = is_footnote_line(self.text(i).trim_start())
                .then(|| note_start(self.text(i), false))
                .flatten();
            let Some(start) = start.filter(|_| self.usable(i)) else {
                i += 1;
                continue;
            };
            self.push_note(i, &start, false);
            let note = self.notes.len() - 1;
            i += 1;
            while i < end
                && self.usable(i)
                && !is_blank(self.text(i))
                && !is_footnote_line(self.text(i).trim_start())
            {
                self.continue_note(note, i);
                i += 1;
            }
        }
    }

    /// A section of endnotes from `heading` to the end: every line is note text.
    fn endnotes(&mut self, heading: usize) {
        let mut current: Option<usize> = None;
        let mut last = 0;
        for i in heading + 1..self.lines.len() {
            if !self.usable(i) || is_blank(self.text(i)) {
                continue;
            }
            let start = note_start(self.text(i), true)
                .filter(|s| follows(&s.label, last))
                .or_else(|| expected_start(self.text(i), last + 1));
            match (start, current) {
                (Some(start), _) => {
                    last = start.label.ordinal();
                    self.push_note(i, &start, true);
                    current = Some(self.notes.len() - 1);
                }
                (None, Some(note)) => self.continue_note(note, i),
                (None, None) => {}
            }
        }
        self.in_note[heading] = true;
    }

    /// Runs of notes at the feet of pages (and of columns), then the lines
    /// that finish a note begun on the page before.
    fn page_feet(&mut self, until: Option<usize>) {
        let end = until.unwrap_or(self.lines.len());
        // Before any note is known: the typical long line is still a body line.
        self.body_width = typical_width(
            (0..end)
                .filter(|&i| self.usable(i))
                .map(|i| width(self.text(i))),
        );
        let mut run_starts = Vec::new();
        for page in &self.pages.pages {
            if page.lines.start >= end {
                break;
            }
            let range = page.lines.start..page.lines.end.min(end);
            let starts = self.runs_on_page(range.clone());
            if starts.is_empty() {
                // A page of body text may still end with a note's last lines.
                run_starts.push((range.start, range.end));
            }
            run_starts.extend(starts.into_iter().map(|s| (range.start, s)));
        }
        // Body lines only: notes are set smaller, so their lines are wider.
        let body_width = typical_width(
            (0..end)
                .filter(|&i| self.usable(i))
                .map(|i| width(self.text(i))),
        );
        // In reading order, so the note before a run is found by a binary search.
        self.notes.sort_by_key(|n| n.line);
        self.displaced_labels();
        self.tails_at_page_end();
        for (page_start, run_start) in run_starts {
            self.continuation_before(page_start..run_start, body_width);
        }
    }

    /// pdftotext may set a note's label, raised above its line, apart from
    /// its text: alone after the page's last note ("…p. 411.\n43\nAdams’
    /// Memoirs…\n42\n\n11"), the text run into the note before. Where a
    /// page's notes pass over a number that stands alone at the page's end
    /// and the page's text holds its marker, the note before is cut after a
    /// line that finishes it and before one that opens like a note (the
    /// shortest such line, as a note's last line is). A number read as a
    /// note of its own with no text takes the cut text.
    fn displaced_labels(&mut self) {
        let mut k = 0;
        while k < self.notes.len() {
            if let Some((stray, cut)) = self.displaced_label_after(k) {
                let note = &self.notes[k];
                let (page, label) = (note.page, note.label.successor());
                let stray_range = self.lines[stray].range.clone();
                for other in self.notes.iter_mut().filter(|n| n.page == page) {
                    other.pieces.retain(|p| !stray_range.contains(&p.start));
                }
                self.in_note[stray] = true;
                let pieces = self.notes[k].pieces.split_off(cut);
                let line = self
                    .lines
                    .partition_point(|l| l.range.start <= pieces[0].start)
                    .saturating_sub(1);
                if let Some(bare) = self.notes.get_mut(k + 1).filter(|n| n.line == stray) {
                    bare.pieces = pieces;
                    bare.line = line;
                } else {
                    self.notes.insert(
                        k + 1,
                        NoteBody {
                            label,
                            page,
                            pieces,
                            line,
                            endnote: false,
                        },
                    );
                }
            }
            k += 1;
        }
    }

    /// The last line of a page that finishes the page's last note, left
    /// unfinished above: two columns read in turn put the foot of the left
    /// column's notes mid-page and the note's last line, at the right
    /// column's foot, at the page's end ("…J. Ise,", the right column,
    /// "“Forest Policy.”]"). It is no body text where the body above it stops
    /// mid-sentence and goes on in lowercase at the next page's top.
    fn tails_at_page_end(&mut self) {
        for k in 0..self.notes.len() {
            let note = &self.notes[k];
            let page = note.page;
            let last_on_page = self.notes.get(k + 1).is_none_or(|next| next.page != page);
            if note.endnote || !last_on_page || note_finished(&note.text_so_far(self.source)) {
                continue;
            }
            let Some(span) = self.pages.pages.get(page).map(|p| p.lines.clone()) else {
                continue;
            };
            let Some(tail) = self.last_text_line(note.line + 1..span.end) else {
                continue;
            };
            let Some(above) = self.last_text_line(note.line + 1..tail) else {
                continue;
            };
            let text = self.text(tail);
            let cut_body = self.usable(tail)
                && self.usable(above)
                && note_finished(text)
                && !text.trim_start().starts_with(char::is_lowercase)
                && !ends_sentence(self.text(above))
                && self.page_opens_lowercase(page + 1);
            if cut_body {
                self.continue_note(k, tail);
            }
        }
    }

    /// The last line of `range` with text, furniture aside.
    fn last_text_line(&self, range: Range<usize>) -> Option<usize> {
        range
            .rev()
            .find(|&i| !self.pages.furniture[i] && !is_blank(self.text(i)))
    }

    /// Whether a page's first line of text, furniture aside, opens in
    /// lowercase (a sentence going on from the page before).
    fn page_opens_lowercase(&self, page: usize) -> bool {
        self.pages.pages.get(page).is_some_and(|next| {
            next.lines
                .clone()
                .find(|&j| self.usable(j) && !is_blank(self.text(j)))
                .is_some_and(|j| self.text(j).trim_start().starts_with(char::is_lowercase))
        })
    }

    /// Whether a note is its label alone, without text.
    fn is_bare(&self, note: &NoteBody) -> bool {
        note.pieces
            .iter()
            .all(|piece| self.source[piece.clone()].trim().is_empty())
    }

    /// For note `k`, the line of the next number standing alone at its
    /// page's end and where to cut the note, if the page's notes pass over
    /// that number.
    fn displaced_label_after(&mut self, k: usize) -> Option<(usize, usize)> {
        let note = &self.notes[k];
        if note.endnote || note.pieces.len() < 2 {
            return None;
        }
        let page = note.page;
        let missing = note.label.successor();
        // The number may have been read as a note of its own with no text.
        let passed_over = match self.notes.get(k + 1) {
            Some(next) if next.page == page => {
                !next.endnote
                    && (next.label == missing.successor()
                        || next.label == missing && self.is_bare(next))
            }
            _ => true,
        };
        if !passed_over {
            return None;
        }
        let lines = self.pages.pages.get(page)?.lines.clone();
        // The page's last line, furniture and blank lines aside.
        let stray = self
            .last_text_line(lines.clone())
            .filter(|&i| i > note.line)?;
        let alone =
            note_start(self.text(stray), false).filter(|start| start.is_alone_on(self.text(stray)));
        if alone.is_none_or(|start| start.label != missing) {
            return None;
        }
        let source = self.source;
        let cut = (1..note.pieces.len())
            .filter(|&j| {
                let before = &source[note.pieces[j - 1].clone()];
                let opens = source[note.pieces[j].clone()]
                    .trim_start()
                    .starts_with(|c: char| c.is_uppercase() || matches!(c, '“' | '"' | '[' | '‘'));
                opens && note_finished(before)
            })
            .min_by_key(|&j| width(&source[note.pieces[j - 1].clone()]))?;
        self.marker_evidence(lines, stray, &missing)
            .then_some((stray, cut))
    }

    /// Whether a line of the page below `line` opens a note 1 (or `*`)
    /// below running text, or the note numbered one past the last where a
    /// run from `line` could not have reached it (a page numbered afresh
    /// goes 1, 2, 3 …), with its marker on the page (`around`).
    fn notes_continue_below(&mut self, around: Range<usize>, line: usize) -> bool {
        let next = self.last_ordinal + 1;
        let mut opened: Vec<u32> = Vec::new();
        // Lines of running text between: two notes 1 at one foot (two
        // chapters on a page) have none.
        let mut body_between = 0;
        // Lines at the body's measure however spaced (a converter may glue
        // the words of tight lines together).
        let mut full_between = 0;
        let quoted_line = self.text(line).trim_start().starts_with('>');
        for j in line + 1..around.end {
            if !self.usable(j) {
                continue;
            }
            // A quoted note ("> 1Massachusetts…", pymupdf4llm) opens as a note does.
            let trimmed = self.text(j).trim_start();
            let quoted = trimmed.starts_with('>');
            let unquoted = trimmed.strip_prefix('>').unwrap_or(trimmed).trim_start();
            if !unquoted.starts_with(|c: char| c.is_ascii_digit()) {
                // The page's notes marked with symbols, below running text
                // (in Markdown, "* " opens a list item).
                let symbol_series = (!self.markdown)
                    .then(|| note_start(self.text(j), false))
                    .flatten()
                    .filter(|s| s.label.is_symbol() && s.label.ordinal() == 1);
                if let Some(start) = symbol_series
                    && full_between >= 2
                    && self.marker_evidence(around.clone(), j, &start.label)
                {
                    return true;
                }
                // Markdown writes a paragraph a line: any long line is running text.
                let running = if self.markdown {
                    width(unquoted) >= 60 && !quoted
                } else {
                    self.body_like(j)
                };
                body_between += usize::from(running);
                full_between += usize::from(self.at_body_measure(width(self.text(j).trim()), 85));
                continue;
            }
            let Some(start) =
                note_start(self.text(j), false).or_else(|| expected_start(self.text(j), next))
            else {
                continue;
            };
            let Label::Number(n) = start.label else {
                continue;
            };
            // A run from `line` may pass over a label or two (one set apart
            // from its note), not more.
            let highest = opened.iter().copied().max().unwrap_or(1);
            // Where notes are blockquoted (pymupdf4llm), a quoted note 1
            // below an unquoted "1 …" line is the note, whatever stands between.
            let quoted_below_unquoted = self.markdown && start.quoted && !quoted_line;
            let continues = (n == 1 && (body_between >= 2 || quoted_below_unquoted))
                || (n == next && n > highest + 2);
            if continues && self.marker_evidence(around.clone(), j, &start.label) {
                return true;
            }
            opened.push(n);
        }
        false
    }

    /// Finds the runs of notes on one page; returns the lines where they start.
    fn runs_on_page(&mut self, range: Range<usize>) -> Vec<usize> {
        let mut starts = Vec::new();
        let mut i = range.start;
        while i < range.end {
            if !self.usable(i) {
                i += 1;
                continue;
            }
            let expected = self.last_ordinal + 1;
            let page = self.pages.page_of[i];
            // The next number; else, on lines opening with a digit only (most
            // lines are body text, and cost nothing more), 1 where numbering
            // starts afresh on a page, or a number a run passed over.
            let opens_with_digit = self
                .text(i)
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit());
            let Some(start) = expected_start(self.text(i), expected)
                .or_else(|| note_start(self.text(i), false))
                .or_else(|| {
                    (opens_with_digit && expected > 1)
                        .then(|| expected_start(self.text(i), 1))
                        .flatten()
                })
                .or_else(|| {
                    // A note a run out of order skipped ("21901." after note 3).
                    if !opens_with_digit {
                        return None;
                    }
                    self.skipped_labels(page)
                        .find_map(|skipped| expected_start(self.text(i), skipped))
                })
            else {
                i += 1;
                continue;
            };
            // A label alone on its line has its text on the next line with
            // text, before the page ends (a page number is furniture by now).
            let bare = start.is_alone_on(self.text(i));
            let text_below = (i + 1..range.end)
                .find(|&j| !is_blank(self.text(j)))
                .is_some_and(|j| self.usable(j) && note_start(self.text(j), false).is_none());
            if bare && !text_below {
                i += 1;
                continue;
            }
            // The marker may stand above (its column), below (the next
            // column) or at the foot of the page before (the note did not fit).
            let from = self.markers_from(page);
            let evident = start.strength == Strength::Strong
                || self.marker_evidence(from..range.end, i, &start.label);
            // Numbering starts afresh on a page, not in the middle of its
            // notes: unless a chapter starts afresh there too, and the page
            // holds a marker 1 for each note 1.
            let restarts_mid_page = start.label.ordinal() == 1
                && self.pages.pages.len() > 1
                && self.notes.last().is_some_and(|n| n.line >= range.start)
                && self.markers_on_page(range.start..i, &start.label)
                    <= self.notes_on_page(range.start, &start.label);
            // The first note of a text may carry any number (an excerpt, a chapter).
            let first_note = self.notes.is_empty();
            let in_sequence = follows(&start.label, self.last_ordinal) || first_note;
            // Two columns set their notes at each column's foot, and converters
            // print the columns' runs in either order: a run out of sequence
            // is taken where its marker stands on the page and no note nearby
            // already has its label.
            let out_of_order = !in_sequence
                && !start.label.is_symbol()
                && self.marker_evidence(from..range.end, i, &start.label)
                && !self.label_taken_near(&start.label, page)
                && start.label.ordinal() > self.settled_before(page);
            if !(in_sequence || out_of_order) || !evident || restarts_mid_page {
                i += 1;
                continue;
            }
            // A numbered list in the body ("1 That yor Honrs…", a petition
            // quoted) above the page's notes: numbering that starts afresh
            // gives way to the notes below it on the page that go on from
            // the last note, or start afresh lower down.
            if start.label == Label::Number(1)
                && !first_note
                && self.notes_continue_below(from..range.end, i)
            {
                i += 1;
                continue;
            }
            let highest = self.last_ordinal;
            starts.push(i);
            i = self.run(i, start, range.end);
            if out_of_order {
                self.last_ordinal = self.last_ordinal.max(highest);
            }
        }
        starts
    }

    /// Reads one run of notes starting at `line`; returns the line after it.
    fn run(&mut self, line: usize, start: NoteStart, end: usize) -> usize {
        self.last_ordinal = start.label.ordinal();
        let quoted = start.quoted;
        self.push_note(line, &start, false);
        let mut note = self.notes.len() - 1;
        // A note cut mid-line by the next column's note, to take the line
        // that finishes it.
        let mut cut_note = self.split_column_notes_in_line(end);
        let mut blank_before = false;
        let mut i = line + 1;
        while i < end {
            if self.pages.furniture[i] {
                // A page number inside a page ends a column: the run ends with it.
                break;
            }
            let text = self.text(i);
            if is_blank(text) {
                blank_before = true;
                i += 1;
                continue;
            }
            let in_sequence = |next: &NoteStart| {
                let ordinal = next.label.ordinal();
                if next.label.is_symbol() {
                    symbol_follows(ordinal, self.last_ordinal)
                } else {
                    ordinal > self.last_ordinal && ordinal <= self.last_ordinal + 2
                }
            };
            // A numbered series may begin after a symbol note ("* A paper read…", then "1 …").
            let after_symbol = self.notes[note].label.is_symbol();
            let follows_here = |next: &NoteStart| {
                if next.label.is_symbol() == after_symbol {
                    in_sequence(next)
                } else {
                    after_symbol && next.label.ordinal() == 1
                }
            };
            let mut next = note_start(text, false)
                .filter(|next| follows_here(next))
                .or_else(|| expected_start(text, self.last_ordinal + 1));
            if next.is_none() {
                next = self.restart_on_page(i, line);
            }
            if let Some(next) = next {
                self.last_ordinal = next.label.ordinal();
                self.push_note(i, &next, false);
                note = self.notes.len() - 1;
                cut_note = self.split_column_notes_in_line(end);
                blank_before = false;
                i += 1;
                continue;
            }
            if self.markdown && starts_markdown_block(text) {
                break;
            }
            // A label alone on its line: the first line with text below is
            // its text, however it is set (a blank line may stand between).
            if self.notes[note].pieces.iter().all(|p| p.is_empty()) {
                self.continue_note(note, i);
                blank_before = false;
                i += 1;
                continue;
            }
            // The line after two columns' notes set on one line goes on the
            // one the column cut ("…Western Coun35 Hale, …(pamphlet).", then
            // "ties of Pennsylvania…").
            if let Some(cut) = cut_note.take()
                && text.trim_start().starts_with(char::is_lowercase)
                && note_finished(&self.notes[note].text_so_far(self.source))
            {
                note = cut;
            }
            let continues_quote = quoted && text.trim_start().starts_with('>');
            // A note whose last line runs to the full measure goes on, however
            // it ends ("…Ballagh, in Amer. Hist." then "Assoc. “Report,”…").
            let last_line_full = !self.markdown
                && self.body_width > 0
                && self.notes[note]
                    .pieces
                    .last()
                    .is_some_and(|p| width(&self.source[p.clone()]) * 100 >= self.body_width * 97);
            let finished =
                note_finished(&self.notes[note].text_so_far(self.source)) && !last_line_full;
            let starts_lower = text
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
            // A Markdown note's further paragraphs, written plain between
            // the body's sentence cut above the notes and its going on.
            // Looked at only where the note would otherwise end.
            let note_goes_on = |finder: &Self| {
                finder.markdown
                    && blank_before
                    && !starts_lower
                    && finder.body_cut_before(line)
                    && finder.cut_sentence_resumes_after(i, end)
            };
            if blank_before
                && finished
                && !continues_quote
                && !note_goes_on(self)
                && !self.wider_than_body(i, end)
                && !self.just_before_next_note(i, end)
            {
                break;
            }
            // Without blank lines (pdftotext -raw), the body's sentence cut
            // above the run going on (the next column): a finished note, then
            // a line in lowercase holding the next note's marker.
            if !blank_before
                && !self.markdown
                && finished
                && starts_lower
                && self.holds_next_marker(i)
                && self.body_cut_before(line)
            {
                break;
            }
            // A full body line with more of the body below it, not the end of a
            // note followed by the next note.
            let w = width(text);
            let body_line = self.at_body_measure(w, 90)
                && i + 1 < end
                && !is_blank(self.text(i + 1))
                && note_start(self.text(i + 1), false).is_none();
            // After a blank line, lines set at the body's measure are the
            // body going on (the next column), whatever the note's state: the
            // cut sentence of the body, or a new paragraph.
            if blank_before
                && body_line
                && !continues_quote
                && (!starts_lower || self.body_cut_before(line))
                && !self.wider_than_body(i, end)
            {
                break;
            }
            // Without blank lines (pypdf, pdftotext -raw), a finished note
            // followed by two lines at the body's measure, narrower than the
            // notes' (set smaller, more to a line), gives way to the body
            // (the next column). A line of words glued together at the
            // body's measure is the body's, whatever its case: no note goes
            // on so.
            let glued = self.glued_body_line(i);
            if !blank_before
                && !self.markdown
                && note_finished(&self.notes[note].text_so_far(self.source))
                && (glued || self.body_like(i))
                && !continues_quote
                && i + 1 < end
                && self.body_like(i + 1)
                && note_start(self.text(i + 1), false).is_none()
                && (!starts_lower || glued || self.body_cut_before(line))
            {
                break;
            }
            if self.markdown && blank_before && !continues_quote {
                // A Markdown note is one block: a paragraph after it continues
                // it only where the note is unfinished and the paragraph does
                // not read as the body's cut sentence going on.
                if starts_lower || (finished && !note_goes_on(self)) {
                    break;
                }
            }
            self.continue_note(note, i);
            blank_before = false;
            i += 1;
        }
        i
    }

    /// Whether the block of lines from `line` (up to a blank line, a note's
    /// start or `end`) is set wider than the body, as notes are: a note's
    /// next paragraph, not the body going on.
    fn wider_than_body(&self, line: usize, end: usize) -> bool {
        if self.markdown || self.body_width == 0 {
            return false;
        }
        // A note's start, even out of sequence, is no paragraph of the note before.
        let block = (line..end).take_while(|&j| {
            self.usable(j) && !is_blank(self.text(j)) && note_start(self.text(j), false).is_none()
        });
        // Notes' type is a size or two smaller: a quarter more to a line,
        // not twice as much (two columns' lines run together).
        let (mut lines, mut wide) = (0, 0);
        for j in block {
            lines += 1;
            let w = width(self.text(j)) * 100;
            wide += usize::from(w > self.body_width * 110 && w < self.body_width * 150);
        }
        wide > 0 && wide * 2 >= lines
    }

    /// Whether `line` is set at the body's measure (not the notes' wider
    /// one), with the spaces of running text: words glued together
    /// (pdfplumber's tight note lines) say nothing about the measure.
    fn body_like(&self, line: usize) -> bool {
        let text = self.text(line).trim();
        let w = width(text);
        let spaces = text.bytes().filter(|&b| b == b' ').count();
        self.at_body_measure(w, 85) && spaces * 12 >= w
    }

    /// Whether a line is a body line whose words a converter glued together
    /// on a tight line ("beingcontinuallydrawsthatadvanceafterittonewcon-"):
    /// at the body's measure (less the spaces it lost), words and their
    /// punctuation only.
    fn glued_body_line(&self, line: usize) -> bool {
        let text = self.text(line).trim();
        self.at_body_measure(width(text), 70)
            && !text.contains(' ')
            && text
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | ',' | '.' | ';' | ':' | '’' | '\''))
    }

    /// Whether a line `w` characters wide is set at the body's measure: from
    /// `least` percent of a full body line to a little over it (notes, set
    /// smaller, run wider).
    fn at_body_measure(&self, w: usize, least: usize) -> bool {
        self.body_width > 0
            && w * 100 >= self.body_width * least
            && w * 100 <= self.body_width * 108
    }

    /// Where the markers of a note on `page` may stand from: the start of
    /// the page before (a note that did not fit is set on the next page).
    fn markers_from(&self, page: usize) -> usize {
        self.pages
            .pages
            .get(page.saturating_sub(1))
            .map_or(0, |p| p.lines.start)
    }

    /// Whether a note with `label` was already found on `page` or the page
    /// before it.
    fn label_taken_near(&self, label: &Label, page: usize) -> bool {
        self.notes
            .iter()
            .rev()
            .take_while(|n| n.page + 1 >= page)
            .any(|n| n.label == *label)
    }

    /// The numbers just below the last note's that no note near `page` has
    /// taken yet: notes that a run out of order passed over.
    fn skipped_labels(&self, page: usize) -> impl Iterator<Item = u32> + '_ {
        let settled = self.settled_before(page);
        let from = (settled + 1).max(self.last_ordinal.saturating_sub(5));
        (from..self.last_ordinal)
            .filter(move |&ordinal| !self.label_taken_near(&Label::Number(ordinal), page))
    }

    /// The label of the last note two pages or more before `page`: only the
    /// order of a page's (or a spread's) own runs is free.
    fn settled_before(&self, page: usize) -> u32 {
        self.notes
            .iter()
            .rev()
            .find(|n| n.page + 2 <= page)
            .map_or(0, |n| n.label.ordinal())
    }

    /// Whether the text of `range` holds a marker for `label`: the number
    /// glued to the word or punctuation before it, or the symbol.
    fn marker_evidence(&mut self, range: Range<usize>, note_line: usize, label: &Label) -> bool {
        range.into_iter().any(|i| {
            i != note_line
                && self.usable(i)
                && self
                    .markers_of(i)
                    .iter()
                    .any(|c| c.labels.contains(label) || c.glued_digits_include(label))
        })
    }

    /// A note 1 at `line` inside a run begun at `run_start`, where a chapter
    /// numbers its notes afresh on the page: the page holds more markers 1
    /// than notes 1 so far, and the note before is finished.
    fn restart_on_page(&mut self, line: usize, run_start: usize) -> Option<NoteStart> {
        // Most lines of a run go on a note: only one opening with 1 is read again.
        if !self.text(line).trim_start().starts_with('1') || self.last_ordinal == 0 {
            return None;
        }
        let start = note_start(self.text(line), false)?;
        if start.label != Label::Number(1) {
            return None;
        }
        let previous = self.notes.last()?;
        if !note_finished(&previous.text_so_far(self.source)) {
            return None;
        }
        let page_start = self.pages.pages[self.pages.page_of[line]].lines.start;
        let markers = self.markers_on_page(page_start..run_start, &start.label);
        (markers > self.notes_on_page(page_start, &start.label)).then_some(start)
    }

    /// How many lines outside notes in `range` hold a marker with `label`.
    fn markers_on_page(&mut self, range: Range<usize>, label: &Label) -> usize {
        range
            .filter(|&i| {
                self.usable(i)
                    && !self.in_note[i]
                    && self.markers_of(i).iter().any(|c| c.labels.contains(label))
            })
            .count()
    }

    /// How many notes with `label` start at or after `page_start`.
    fn notes_on_page(&self, page_start: usize, label: &Label) -> usize {
        self.notes
            .iter()
            .filter(|n| n.line >= page_start && n.label == *label)
            .count()
    }

    /// Whether, after the paragraph at `line` and at most two more (none a
    /// note, heading or other block), a paragraph opens in lowercase: the
    /// body's sentence, cut above the notes, going on. What lies between is
    /// the note's further paragraphs (a Markdown converter writes them
    /// plain, without the note's `>`).
    fn cut_sentence_resumes_after(&self, line: usize, end: usize) -> bool {
        let mut paragraphs = 0;
        let mut blank_before = false;
        for j in line + 1..end {
            let text = self.text(j);
            if is_blank(text) {
                blank_before = true;
                continue;
            }
            if !blank_before {
                continue;
            }
            blank_before = false;
            if starts_markdown_block(text)
                || text.trim_start().starts_with('>')
                || note_start(text, false).is_some()
            {
                return false;
            }
            if text.trim_start().starts_with(char::is_lowercase) {
                return true;
            }
            paragraphs += 1;
            if paragraphs == 2 {
                return false;
            }
        }
        false
    }

    /// Whether the block of lines from `line` runs straight into the next
    /// note of the run: the body never sits between two notes at a foot,
    /// so the block is the note's own next paragraph.
    fn just_before_next_note(&self, line: usize, end: usize) -> bool {
        if self.markdown {
            return false;
        }
        let next = self.last_ordinal + 1;
        (line..end)
            .find(|&j| is_blank(self.text(j)) || note_start(self.text(j), false).is_some())
            .is_some_and(|j| {
                j > line
                    && note_start(self.text(j), false).is_some_and(|start| {
                        let ordinal = start.label.ordinal();
                        if start.label.is_symbol() {
                            symbol_follows(ordinal, self.last_ordinal)
                        } else {
                            ordinal == next
                        }
                    })
            })
    }

    /// Whether `line` holds a marker for one of the next few notes.
    fn holds_next_marker(&mut self, line: usize) -> bool {
        let last = self.last_ordinal;
        self.markers_of(line).iter().any(|c| {
            c.labels.iter().any(|label| {
                !label.is_symbol() && label.ordinal() > last && label.ordinal() <= last + 3
            })
        })
    }

    /// The marker candidates of a line, found once.
    fn markers_of(&mut self, line: usize) -> &[super::markers::Candidate] {
        let range = self.lines[line].range.clone();
        let text = &self.source[range.clone()];
        self.line_markers[line]
            .get_or_insert_with(|| super::markers::candidates(text, range.start, false))
    }

    /// Lines just above a run of notes that finish the note before it, begun
    /// at the foot of the page or column before: set in the notes' smaller
    /// type, they are wider than body lines.
    fn continuation_before(&mut self, before_run: Range<usize>, body_width: usize) {
        let Some(note) = self
            .notes
            .partition_point(|n| n.line < before_run.end)
            .checked_sub(1)
        else {
            return;
        };
        let pages_apart = self.pages.page_of[before_run.start]
            .saturating_sub(self.pages.page_of[self.notes[note].line]);
        // Lines between the run and the note itself are not its continuation.
        let before_run = before_run.start.max(self.notes[note].line + 1)..before_run.end;
        if self.notes[note].endnote
            || pages_apart > 1
            || note_finished(&self.notes[note].text_so_far(self.source))
        {
            return;
        }
        let quoted = self
            .text(self.notes[note].line)
            .trim_start()
            .starts_with('>');
        // Markdown converters write a paragraph a line: widths tell nothing there.
        if self.markdown && !quoted {
            return;
        }
        let mut taken = Vec::new();
        let mut i = before_run.end;
        while i > before_run.start {
            i -= 1;
            if self.in_note[i] {
                break;
            }
            if self.pages.furniture[i] {
                continue;
            }
            let text = self.text(i);
            if is_blank(text) {
                continue;
            }
            let wide = width(text) * 100 > body_width * 104;
            if !quoted
                && taken.is_empty()
                && !wide
                && !self.wide_line_above(i, before_run.start, body_width)
                && let Some(start) = self.note_tail_under_cut_body(i, before_run.start)
            {
                taken.extend((start..=i).rev().filter(|&j| !is_blank(self.text(j))));
                break;
            }
            let continues = if quoted {
                text.trim_start().starts_with('>')
            } else {
                wide || taken.is_empty() && self.wide_line_above(i, before_run.start, body_width)
            };
            if !continues {
                break;
            }
            taken.push(i);
        }
        if taken.is_empty() && quoted && self.markdown {
            taken = self.quotation_after_colon(note, &before_run);
        }
        if taken.is_empty() && quoted && self.markdown {
            taken.extend(self.unquoted_tail(&before_run));
        }
        for &line in taken.iter().rev() {
            self.continue_note(note, line);
        }
    }

    /// A Markdown note's tail written without its `>`, just above the next
    /// run of notes (pymupdf4llm): a paragraph in lowercase between the
    /// body's sentence cut above it and that sentence going on, also in
    /// lowercase, below the run. Of two such paragraphs for one cut, the one
    /// the notes follow is the note's.
    fn unquoted_tail(&self, before_run: &Range<usize>) -> Option<usize> {
        let last_text = |range: Range<usize>| range.rev().find(|&j| !is_blank(self.text(j)));
        let tail = last_text(before_run.clone())?;
        let opens_lower = |j: usize| self.text(j).trim_start().starts_with(char::is_lowercase);
        if !self.usable(tail) || !opens_lower(tail) {
            return None;
        }
        let above = last_text(before_run.start..tail)?;
        if !self.usable(above) || ends_sentence(self.text(above)) {
            return None;
        }
        let after_run = (before_run.end..self.lines.len()).find(|&j| {
            let text = self.text(j);
            self.usable(j) && !is_blank(text) && !text.trim_start().starts_with('>')
        })?;
        opens_lower(after_run).then_some(tail)
    }

    /// A Markdown note that ends on a colon goes on with the quotation it
    /// introduces; cut by the page, the quotation comes out as the block just
    /// above the next run of notes (pymupdf4llm). Its lines, last first.
    fn quotation_after_colon(&self, note: usize, before_run: &Range<usize>) -> Vec<usize> {
        if !self.notes[note]
            .text_so_far(self.source)
            .trim_end()
            .ends_with(':')
        {
            return Vec::new();
        }
        let mut block = Vec::new();
        for i in (before_run.start..before_run.end).rev() {
            let text = self.text(i);
            if self.pages.furniture[i] || (is_blank(text) && block.is_empty()) {
                continue;
            }
            if is_blank(text) || self.in_note[i] || starts_markdown_block(text) {
                break;
            }
            block.push(i);
        }
        block
    }

    /// Whether the body text just above the run starting at `run_start`
    /// stops mid-sentence (so a lower-case line after the notes continues it).
    fn body_cut_before(&self, run_start: usize) -> bool {
        let Some(last) = self.last_text_line(0..run_start) else {
            return false;
        };
        if self.in_note[last] {
            return false;
        }
        if !ends_sentence(self.text(last)) {
            return true;
        }
        // The tail of a note run over from the column before may stand
        // between (its lines set wider than the body's, in smaller type,
        // and its last line): the body above it is what was cut.
        let page_start = self.pages.pages[self.pages.page_of[last]].lines.start;
        let wider =
            |j: usize| self.body_width > 0 && width(self.text(j)) * 100 > self.body_width * 108;
        let mut above = last;
        let mut skipped_wider = false;
        while let Some(j) = self.last_text_line(page_start..above) {
            if self.in_note[j] || !wider(j) {
                return skipped_wider && !self.in_note[j] && !ends_sentence(self.text(j));
            }
            skipped_wider = true;
            above = j;
        }
        false
    }

    /// The first line of a note's tail ending at `line`, just above a page's
    /// notes, where the body above it stops mid-sentence and goes on at the
    /// top of the next page: the body is cut there, so what lies between is
    /// no body text. The tail is the block set apart by a blank line, or the
    /// one line where blank lines set nothing apart.
    fn note_tail_under_cut_body(&self, line: usize, floor: usize) -> Option<usize> {
        if !note_finished(self.text(line)) {
            return None;
        }
        let mut start = line;
        while start > floor && self.usable(start - 1) && !is_blank(self.text(start - 1)) {
            start -= 1;
        }
        let set_apart = start > floor && is_blank(self.text(start - 1));
        let start = if set_apart { start } else { line };
        let body_above = (floor..start)
            .rev()
            .find(|&j| self.usable(j) && !is_blank(self.text(j)))?;
        let page = self.pages.page_of[line];
        (!ends_sentence(self.text(body_above)) && self.page_opens_lowercase(page + 1))
            .then_some(start)
    }

    fn wide_line_above(&self, line: usize, floor: usize, body_width: usize) -> bool {
        (floor..line)
            .rev()
            .find(|&j| self.usable(j) && !is_blank(self.text(j)))
            .is_some_and(|j| width(self.text(j)) * 100 > body_width * 104)
    }
}

/// A line that opens a Markdown block of its own: a table row, a heading,
/// an image, a page anchor. It never continues a note.
fn starts_markdown_block(text: &str) -> bool {
    let text = text.trim_start();
    text.starts_with('|')
        || text.starts_with('#')
        || text.starts_with("![")
        || text.starts_with("<span id=")
        || text.starts_with("```")
}

fn strip_closing_bracket(source: &str, note: &mut NoteBody) {
    if let Some(last) = note.pieces.last_mut() {
        let text = &source[last.clone()];
        if text.ends_with(']') {
            last.end -= 1;
        }
    }
}
