//! Converter output read as pages: the evidence a PDF conversion leaves
//! (form feeds, page furniture, note blocks at each page's foot, endnote
//! sections, marker candidates) gathered line by line, then one assignment
//! of markers to note bodies by label, page and reading order.
//!
//! The result is written out as clean Markdown (paragraphs whole, notes as
//! `[^id]: …` definitions, markers as `[^id]`) with a map back to the source,
//! and the Markdown passes read it like any other paper. A text without such
//! evidence (the shipped papers) is left as it is.

mod columns;
mod flow;
mod footnotes;
mod furniture;
mod lines;
mod markers;
mod rewrite;
mod small_caps;
mod syntax;

use std::collections::HashMap;
use std::ops::Range;

use crate::document::model::{COLUMNS_READ_ACROSS, NoteKind};
use markers::Bound;
use rewrite::{Context, Join, OffsetMap, Writer};
use syntax::Label;

/// A page of the original, as the conversion shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveredPage {
    pub number: Option<String>,
    pub span: Range<usize>,
}

pub(crate) struct Recovered {
    /// The paper as clean Markdown.
    pub text: String,
    pub map: OffsetMap,
    pub pages: Vec<RecoveredPage>,
    /// Printed label and kind of each note id used in `text`.
    pub labels: HashMap<String, (String, NoteKind)>,
    pub warnings: Vec<String>,
}

/// Reads `source` as converter output, or `None` when it shows no evidence of
/// pages or converter note blocks.
pub(crate) fn recover(source: &str) -> Option<Recovered> {
    if !quick_look(source) {
        return None;
    }
    let lines = columns::reading_order(source, lines::split(source));
    let pages = furniture::find(source, &lines);
    let paged = lines.iter().any(|l| l.page_break) || pages.furniture.iter().any(|&f| f);
    // Page anchors (marker) or blockquoted notes (pymupdf4llm) place notes
    // among the text even where no page furniture shows.
    let anchored = source.contains("<span id=\"page-")
        || lines.iter().any(|l| {
            let text = l.text(source);
            text.starts_with("> ")
                && syntax::note_start(text, false)
                    .is_some_and(|s| s.quoted && s.label == Label::Number(1))
        });
    // Notes as numbered paragraphs among the body's (OCR pipelines).
    let note_paragraphs =
        !paged && !anchored && footnotes::has_numbered_note_paragraphs(source, &lines);
    if !paged && !anchored && !note_paragraphs && !footnotes::may_have_loose_notes(source, &lines) {
        return None;
    }
    let markdown = lines::is_markdown(source, &lines);
    let mut found = footnotes::find(
        source,
        &lines,
        &pages,
        paged || anchored || note_paragraphs,
        markdown,
    );
    if !paged && found.notes.is_empty() {
        return None;
    }
    let blank_separated = lines::blank_separated(source, &lines, &pages.furniture);
    let hyphenated = rewrite::hyphenated_words(source);
    let mut body: Vec<bool> = (0..lines.len())
        .map(|i| !pages.furniture[i] && !found.in_note[i])
        .collect();
    let raised = raised_markers(source, &lines, &pages.page_of, &found.notes, &mut body);
    let body_order = flow::body_order(
        source,
        &lines,
        &body,
        &pages.page_of,
        &found.notes,
        &mut found.line_markers,
    );
    let cx = Context {
        source,
        lines: &lines,
        body_order: &body_order,
        page_of: &pages.page_of,
        markdown,
        blank_separated,
        hyphenated: &hyphenated,
    };
    let paragraphs = rewrite::paragraphs(&cx);
    // Endnotes cited as "[1]" (Gutenberg's texts and their HTML conversions).
    let brackets = found.notes.iter().any(|n| n.endnote) && source.contains("[1]");
    // The note finder has scanned many lines already; `[N]` brackets it did not look for.
    let mut scanned = found.line_markers;
    let mut candidates: Vec<(usize, markers::Candidate)> = Vec::new();
    for &(line, _) in paragraphs.iter().flatten() {
        // A title's raised marker ([`raised_markers`]) is read after it.
        for line in std::iter::once(line).chain(raised.get(&line).copied()) {
            let range = lines[line].range.clone();
            let list = match scanned[line].take() {
                Some(list) if !brackets => list,
                _ => markers::candidates(&source[range.clone()], range.start, brackets),
            };
            let page = pages.page_of[line];
            candidates.extend(list.into_iter().map(|c| (page, c)));
        }
    }
    let (bound, cited) = markers::assign(&candidates, &found.notes);

    let mut out = Emitter {
        writer: Writer::new(source, !markdown, small_caps::gaps(source)),
        source,
        bound: &bound,
        labels: HashMap::new(),
        raised: &raised,
    };
    let headings = if markdown {
        Vec::new()
    } else {
        headings(source, &lines, &paragraphs)
    };
    let mut flushed = 0;
    let mut next_heading = 0;
    let mut p = 0;
    while p < paragraphs.len() {
        let paragraph = &paragraphs[p];
        let first_line = paragraph[0].0;
        while flushed < found.notes.len() && found.notes[flushed].line < first_line {
            out.note(flushed, &found.notes[flushed], &hyphenated);
            flushed += 1;
        }
        let heading = headings[next_heading..]
            .first()
            .filter(|h| h.paragraph == p);
        let Some(heading) = heading else {
            out.paragraph(paragraph, &lines, markdown, true);
            p += 1;
            continue;
        };
        next_heading += 1;
        let hashes = "#".repeat(usize::from(heading.level));
        out.writer
            .synthetic(&format!("{hashes} "), lines[first_line].range.start);
        if heading.title_below {
            // "PART I." over "THE CONFERENCE": one heading.
            out.paragraph(paragraph, &lines, markdown, false);
            let title = &paragraphs[p + 1];
            out.writer.synthetic(" ", lines[title[0].0].range.start);
            out.paragraph(title, &lines, markdown, true);
            p += 2;
        } else {
            out.paragraph(paragraph, &lines, markdown, true);
            p += 1;
        }
    }
    while flushed < found.notes.len() {
        out.note(flushed, &found.notes[flushed], &hyphenated);
        flushed += 1;
    }
    let mut warnings = Vec::new();
    if !markdown && let Some((broken, two_down)) = columns::interleaved(source, &lines) {
        warnings.push(format!(
            "{COLUMNS_READ_ACROSS}, a line of each in turn \
             ({two_down} of {broken} words broken at a line's end go on two lines down): \
             paragraphs and notes may be mixed; open the PDF itself, or convert it with pdftotext"
        ));
    }
    for (index, note) in found.notes.iter().enumerate() {
        if !cited[index] {
            warnings.push(format!(
                "note {} (page {}) has no marker in the text",
                note.label.printed(),
                page_name(&pages, note.page)
            ));
        }
    }
    for bound in &bound {
        for (label, note) in bound.labels.iter().zip(&bound.notes) {
            if note.is_none() {
                warnings.push(format!("marker {} has no note", label.printed()));
            }
        }
    }
    let Emitter { writer, labels, .. } = out;
    let page_list = pages
        .pages
        .iter()
        .filter(|page| {
            // A form feed at the very end opens no page.
            page.lines
                .clone()
                .any(|i| !lines::is_blank(lines[i].text(source)))
        })
        .filter_map(|page| {
            // In reading order a page's first line need not start it.
            let lines = lines.get(page.lines.clone())?;
            let start = lines.iter().map(|l| l.range.start).min()?;
            let end = lines.iter().map(|l| l.range.end).max()?;
            Some(RecoveredPage {
                number: page.number.clone(),
                span: start..end,
            })
        })
        .collect();
    Some(Recovered {
        text: writer.text,
        map: writer.map,
        pages: if paged { page_list } else { Vec::new() },
        labels,
        warnings,
    })
}

/// Note symbols alone on their line over a title ("∗", then "The Middle
/// West"): the title's marker, which a converter cutting lines by height
/// (pdfplumber) set apart because it stands above the title's type. Each is
/// taken out of the body and written after its title; returns title line →
/// marker line. A symbol no note carries is left alone (a section break).
fn raised_markers(
    source: &str,
    lines: &[lines::Line],
    page_of: &[usize],
    notes: &[footnotes::NoteBody],
    body: &mut [bool],
) -> HashMap<usize, usize> {
    let mut raised = HashMap::new();
    for mark in 0..lines.len().saturating_sub(1) {
        let text = lines[mark].text(source).trim();
        if !body[mark] || text.is_empty() || syntax::symbol_run(text) != text.len() {
            continue;
        }
        let label = syntax::symbol_label(text);
        let title = mark + 1;
        if notes.iter().any(|n| n.label == label)
            && body[title]
            && page_of[title] == page_of[mark]
            && rewrite::title_like(lines[title].text(source))
        {
            body[mark] = false;
            raised.insert(title, mark);
        }
    }
    raised
}

/// What a heading line announces, which gives its level: a part (`PART I.`,
/// `BOOK II`) over chapters (`CHAPTER IV. The Treaty.`) over sections
/// numbered with a roman numeral alone (`IV`); other headings stand where
/// chapters do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Division {
    Part,
    Chapter,
    Numeral,
    Title,
}

/// A division's label and number at the start of a line ("CHAPTER IV.",
/// "Part 2"), and the title after it, if any.
fn division_label(text: &str) -> Option<(Division, &str)> {
    let mut words = text.split_whitespace();
    let word = words.next()?;
    let kind = if word.eq_ignore_ascii_case("part") || word.eq_ignore_ascii_case("book") {
        Division::Part
    } else if word.eq_ignore_ascii_case("chapter") {
        Division::Chapter
    } else {
        return None;
    };
    let number = words.next()?.trim_end_matches(['.', ':']);
    let roman = !number.is_empty() && number.chars().all(|c| "IVXLCivxlc".contains(c));
    let arabic =
        !number.is_empty() && number.len() <= 3 && number.bytes().all(|b| b.is_ascii_digit());
    if !(roman || arabic) {
        return None;
    }
    let after_number = text.find(number)? + number.len();
    let title = text[after_number..].trim_start_matches(['.', ':']).trim();
    Some((kind, title))
}

fn division(text: &str) -> Division {
    let text = text.trim();
    if let Some((kind, _)) = division_label(text) {
        return kind;
    }
    let numeral = text.trim_end_matches('.');
    if !numeral.is_empty() && numeral.len() <= 6 && numeral.chars().all(|c| "IVXLC".contains(c)) {
        return Division::Numeral;
    }
    Division::Title
}

struct Heading {
    paragraph: usize,
    level: u8,
    /// The heading is a division's label alone, and the title line below
    /// it belongs to it.
    title_below: bool,
}

/// The headings of a plain text, in order, with their levels.
fn headings(
    source: &str,
    lines: &[lines::Line],
    paragraphs: &[Vec<(usize, Join)>],
) -> Vec<Heading> {
    let text = |p: usize| lines[paragraphs[p][0].0].text(source).trim();
    let one_line = |p: usize| paragraphs.get(p).is_some_and(|para| para.len() == 1);
    let mut found: Vec<(usize, Division, bool)> = Vec::new();
    let mut p = 0;
    while p < paragraphs.len() {
        let labelled = one_line(p)
            .then(|| division_label(text(p)))
            .flatten()
            .filter(|(kind, _)| *kind != Division::Numeral);
        if let Some((kind, title)) = labelled {
            // "CHAPTER I. The Council." is a heading whatever its case.
            let title_below = title.is_empty()
                && one_line(p + 1)
                && rewrite::title_like(text(p + 1))
                && division_label(text(p + 1)).is_none();
            found.push((p, kind, title_below));
            p += if title_below { 2 } else { 1 };
            continue;
        }
        if is_heading(source, lines, paragraphs, p) {
            found.push((p, division(text(p)), false));
        }
        p += 1;
    }
    let has_part = found.iter().any(|h| h.1 == Division::Part);
    let has_chapter = found.iter().any(|h| h.1 == Division::Chapter);
    found
        .into_iter()
        .map(|(paragraph, kind, title_below)| {
            let level = match kind {
                Division::Part => 1,
                Division::Chapter | Division::Title => 1 + u8::from(has_part),
                Division::Numeral => 1 + u8::from(has_part) + u8::from(has_chapter),
            };
            Heading {
                paragraph,
                level,
                title_below,
            }
        })
        .collect()
}

/// Whether a paragraph of plain text is a heading: one line cased like a
/// title, after a finished paragraph and before running text. The line under
/// the paper's title with no small words is its author, not a heading.
fn is_heading(
    source: &str,
    lines: &[lines::Line],
    paragraphs: &[Vec<(usize, Join)>],
    index: usize,
) -> bool {
    let text = |line: usize| lines[line].text(source).trim();
    let joined;
    let heading = match paragraphs[index].as_slice() {
        [(line, _)] if rewrite::title_like(text(*line)) => text(*line),
        [(first, _), (second, join)] => {
            match rewrite::two_line_title(text(*first), *join, text(*second)) {
                Some(title) => {
                    joined = title;
                    &joined
                }
                None => return false,
            }
        }
        _ => return false,
    };
    let after_finished = index == 0
        || paragraphs[index - 1]
            .last()
            .is_some_and(|&(l, _)| rewrite::ends_sentence(text(l)) || rewrite::title_like(text(l)));
    let before_text = paragraphs
        .get(index + 1)
        .is_some_and(|next| next.len() > 1 || !rewrite::title_like(text(next[0].0)));
    let names_only = index == 1
        && !heading
            .split_whitespace()
            .any(|w| w.starts_with(char::is_lowercase));
    after_finished && before_text && !names_only
}

/// One quick pass over the text for any sign of converter output, so that a
/// paper without any (most Markdown) costs next to nothing: a form feed, a
/// page anchor, a `[Footnote`, a blockquoted note, a notes heading, two bare
/// numbers, or a short line that ends in a number repeated with a rising one.
fn quick_look(source: &str) -> bool {
    let bytes = source.as_bytes();
    if memchr::memchr(b'\x0C', bytes).is_some()
        || memchr::memmem::find(bytes, b"<span id=\"page-").is_some()
        || memchr::memmem::find(bytes, b"[Footnote ").is_some()
        || memchr::memmem::find(bytes, b"\nFootnote ").is_some()
        || bytes.starts_with(b"Footnote ")
    {
        return true;
    }
    let mut bare_numbers = 0;
    // Paragraphs opening as numbered notes ("12 See …"), rising.
    let mut note_paragraphs = footnotes::NoteParagraphs::default();
    // Letters of a numbered short line (hashed) → (times seen, last number).
    let mut numbered: HashMap<u64, (u32, u32)> = HashMap::new();
    for line in source.split('\n') {
        let text = line.trim();
        if note_paragraphs.line(line) {
            return true;
        }
        if text.is_empty() || text.len() > 100 {
            continue;
        }
        if text.len() <= 12
            && text.bytes().any(|b| b.is_ascii_digit())
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b' ' || b == b'-')
        {
            bare_numbers += 1;
            if bare_numbers >= 2 {
                return true;
            }
            continue;
        }
        if (text.starts_with("> ") && text[2..].starts_with(|c: char| c.is_ascii_digit()))
            || syntax::is_notes_heading(text)
        {
            return true;
        }
        let digits_end = text.len() - text.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let digits_start = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let number = if digits_end > 0 {
            &text[text.len() - digits_end..]
        } else {
            &text[..digits_start]
        };
        let Ok(number) = number.parse::<u32>() else {
            continue;
        };
        let mut hash = crate::hash::Fnv::default();
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            std::hash::Hasher::write_u32(&mut hash, u32::from(c));
        }
        let entry = numbered
            .entry(std::hash::Hasher::finish(&hash))
            .or_insert((0, 0));
        if number > entry.1 {
            entry.0 += 1;
            if entry.0 >= 3 {
                return true;
            }
        }
        entry.1 = number;
    }
    false
}

fn page_name(pages: &furniture::Pages, page: usize) -> String {
    pages
        .pages
        .get(page)
        .and_then(|p| p.number.clone())
        .unwrap_or_else(|| (page + 1).to_string())
}

struct Emitter<'a> {
    writer: Writer<'a>,
    source: &'a str,
    bound: &'a [Bound],
    /// A line's marker set on a line of its own ([`raised_markers`]).
    raised: &'a HashMap<usize, usize>,
    labels: HashMap<String, (String, NoteKind)>,
}

fn kind_of(label: &Label) -> NoteKind {
    if label.is_symbol() {
        NoteKind::Symbol
    } else {
        NoteKind::Numbered
    }
}

impl Emitter<'_> {
    /// Copies `range` with the markers inside it written as note references.
    fn copy_with_markers(&mut self, range: Range<usize>) {
        let mut at = range.start;
        // Lines come in reading order, which may not be the source's (two
        // columns side by side): the markers of a range are found by search.
        let mut next = self.bound.partition_point(|b| b.range.start < range.start);
        while let Some(bound) = self.bound.get(next) {
            if bound.range.start >= range.end {
                break;
            }
            next += 1;
            if bound.range.start < at {
                continue;
            }
            self.writer.copy(at..bound.range.start);
            for (label, note) in bound.labels.iter().zip(&bound.notes) {
                match note {
                    Some(n) => {
                        let id = format!("g{n}");
                        self.labels
                            .insert(id.clone(), (label.printed(), kind_of(label)));
                        self.writer
                            .synthetic(&format!("[^{id}]"), bound.range.start);
                    }
                    // A marker whose note is not in the text: the Markdown
                    // passes keep it, with a note flagged missing.
                    None => self.writer.synthetic(
                        &format!("<sup>{}</sup>", label.printed()),
                        bound.range.start,
                    ),
                }
            }
            at = bound.range.end.min(range.end);
        }
        if at < range.end {
            self.writer.copy(at..range.end);
        }
    }

    /// Writes a paragraph; `end` closes it as a block (a heading's label
    /// goes on with its title instead).
    fn paragraph(
        &mut self,
        paragraph: &[(usize, Join)],
        lines: &[lines::Line],
        markdown: bool,
        end: bool,
    ) {
        for (k, &(line, join)) in paragraph.iter().enumerate() {
            let range = lines[line].range.clone();
            let text = &self.source[range.clone()];
            let mut start = range.start;
            let mut end = range.end;
            if !markdown || join != Join::Newline {
                start += text.len() - text.trim_start().len();
                end -= text.len() - text.trim_end().len();
            }
            if k == 0 && markdown {
                // A page's first line taken for a heading ("### of the common lands.").
                let trimmed = self.source[start..end].trim_start_matches('#');
                if trimmed.len() < end - start
                    && trimmed.starts_with(' ')
                    && trimmed.trim_start().starts_with(char::is_lowercase)
                {
                    start = end - trimmed.trim_start().len();
                }
            }
            if k > 0 {
                match join {
                    Join::Newline => self.writer.synthetic("\n", start),
                    Join::Space => self.writer.synthetic(" ", start),
                    Join::DropHyphen | Join::KeepHyphen => {}
                }
            }
            let drop_hyphen = paragraph
                .get(k + 1)
                .is_some_and(|&(_, next)| next == Join::DropHyphen);
            if drop_hyphen && end > start {
                end -= 1;
            }
            self.copy_with_markers(start..end);
            if let Some(&mark) = self.raised.get(&line) {
                let range = lines[mark].range.clone();
                let text = &self.source[range.clone()];
                let start = range.start + (text.len() - text.trim_start().len());
                self.copy_with_markers(start..start + text.trim().len());
            }
        }
        if end {
            self.writer
                .synthetic("\n\n", lines[paragraph[paragraph.len() - 1].0].range.end);
        }
    }

    fn copy_note_piece(&mut self, index: usize, range: Range<usize>) {
        if index == 0 {
            self.writer.copy_block_start(range);
        } else {
            self.writer.copy(range);
        }
    }

    fn note(
        &mut self,
        index: usize,
        note: &footnotes::NoteBody,
        hyphenated: &std::collections::HashSet<String>,
    ) {
        let id = format!("g{index}");
        self.labels
            .insert(id.clone(), (note.label.printed(), kind_of(&note.label)));
        let at = note.pieces.first().map_or(0, |r| r.start);
        self.writer.synthetic(&format!("[^{id}]: "), at);
        let pieces: Vec<Range<usize>> = note
            .pieces
            .iter()
            .filter(|r| !self.source[(*r).clone()].trim().is_empty())
            .cloned()
            .collect();
        for (k, piece) in pieces.iter().enumerate() {
            let mut end = piece.end;
            if let Some(next) = pieces.get(k + 1) {
                let join = rewrite::join_of(
                    &self.source[piece.clone()],
                    &self.source[next.clone()],
                    hyphenated,
                );
                if join == Join::DropHyphen {
                    end -= 1;
                }
                self.copy_note_piece(k, piece.start..end);
                if matches!(join, Join::Space | Join::Newline) {
                    self.writer.synthetic(" ", piece.end);
                }
            } else {
                self.copy_note_piece(k, piece.start..end);
            }
        }
        self.writer
            .synthetic("\n\n", note.pieces.last().map_or(at, |r| r.end));
    }
}
