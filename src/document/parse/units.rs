//! Raw blocks into units: note paragraphs split into their notes, tab-separated
//! tables and printed tables of contents recognised from their source lines.

use std::ops::Range;

use super::events::{RawBlock, RawKind, fragment_text};
use super::inline::Built;
use super::{Matter, Role, TextKind, Unit};
use crate::document::model::{NoteKind, RichText, Table, TocEntry};

/// The first unit after `from` that was not removed.
pub(crate) fn next_live(units: &[Unit], from: usize) -> Option<usize> {
    (from + 1..units.len()).find(|&j| units[j].role != Role::Removed)
}

/// The units of `text`, made from its Markdown blocks a batch at a time as
/// they are read (all the raw blocks of a 50 MB paper at once took 100 MB).
pub(crate) fn of_text(text: &str) -> Vec<Unit> {
    let mut units = Vec::new();
    let events = pulldown_cmark::Parser::new_ext(text, super::events::options()).into_offset_iter();
    super::events::walk(events, text, 1024, |batch| {
        from_raw(batch, text, &mut units)
    });
    units
}

fn from_raw(raw: Vec<RawBlock>, text: &str, units: &mut Vec<Unit>) {
    units.reserve(raw.len());
    for block in raw {
        let source = &text[block.range.clone()];
        match block.kind {
            RawKind::Rule => units.push(unit(Role::Rule, RichText::default(), block.range, 1)),
            RawKind::Heading(level) => {
                let content = block.built.content;
                let numbering = numbering_depth(&content.text);
                units.push(unit(
                    Role::Heading {
                        markdown_level: Some(level),
                        numbering,
                        level,
                    },
                    content,
                    block.range,
                    1,
                ));
            }
            RawKind::PipeTable(rows) => {
                let table = table_from_rows(
                    rows.into_iter()
                        .map(|row| row.into_iter().map(|c| c.trim().to_owned()).collect())
                        .collect(),
                );
                units.push(unit(
                    Role::Table(table),
                    RichText::default(),
                    block.range,
                    1,
                ));
            }
            RawKind::NoteDefinition(label) => units.push(unit(
                Role::Note {
                    label,
                    kind: NoteKind::Labelled,
                    anchor: None,
                },
                without_markers(block.built.content),
                block.range,
                1,
            )),
            RawKind::Paragraph | RawKind::Quote | RawKind::Code | RawKind::ListItem { .. } => {
                text_block(block, source, units);
            }
        }
    }
}

fn unit(role: Role, content: RichText, range: Range<usize>, lines: usize) -> Unit {
    let all_strong = is_all_strong(&content);
    Unit {
        role,
        first_line_end: content.text.len(),
        content,
        spans: vec![range],
        lines,
        all_strong,
        matter: Matter::Body,
        hard_breaks: Vec::new(),
    }
}

fn is_all_strong(content: &RichText) -> bool {
    if content.text.trim().is_empty() {
        return false;
    }
    let mut covered = 0;
    for span in content.spans.iter().filter(|s| s.style.strong) {
        if !content.text[covered..span.range.start].trim().is_empty() {
            return false;
        }
        covered = span.range.end;
    }
    content.text[covered..].trim().is_empty()
}

fn without_markers(mut content: RichText) -> RichText {
    content.markers.clear();
    content
}

fn text_block(block: RawBlock, source: &str, units: &mut Vec<Unit>) {
    let range = block.range.clone();
    let lines = block.built.lines();
    if block.built.starts_with_marker {
        split_notes(block.built, range, source, units);
        return;
    }
    let kind = match block.kind {
        RawKind::Quote => TextKind::Quote,
        RawKind::ListItem {
            number,
            bullet,
            lone,
        } => TextKind::ListItem {
            number,
            bullet,
            lone,
        },
        _ => TextKind::Paragraph,
    };
    let is_list = matches!(kind, TextKind::ListItem { .. });
    if !is_list && let Some(entries) = toc_entries(source) {
        units.push(unit(Role::Toc(entries), RichText::default(), range, lines));
        return;
    }
    if !is_list && let Some((caption, table)) = tab_table(source) {
        let content = RichText {
            text: caption,
            ..RichText::default()
        };
        units.push(unit(Role::Table(table), content, range, lines));
        return;
    }
    let first_line_end = block.built.first_line_end();
    let hard_breaks = block.built.hard_breaks;
    let mut content = block.built.content;
    let role = if let Some(image) = block.image {
        Role::Figure(Some(image))
    } else {
        Role::Text(kind)
    };
    if block.kind == RawKind::Code {
        content.spans.clear();
    }
    let mut u = unit(role, content, range, lines);
    u.first_line_end = first_line_end;
    u.hard_breaks = hard_breaks;
    units.push(u);
}

/// A paragraph that starts with a marker holds one note, or several on
/// consecutive lines (`<sup>39</sup>` then `<sup>40</sup> Robert Legvold…`).
fn split_notes(built: Built, range: Range<usize>, source: &str, units: &mut Vec<Unit>) {
    let notes = built.split_notes();
    let ranges = note_line_ranges(source, range.start, notes.len());
    for (i, (label, kind, text)) in notes.into_iter().enumerate() {
        let note_range = ranges
            .as_ref()
            .map_or_else(|| range.clone(), |r| r[i].clone());
        units.push(unit(
            Role::Note {
                label,
                kind,
                anchor: None,
            },
            text,
            note_range,
            1,
        ));
    }
}

/// Source ranges of each note in a multi-note paragraph, found by the lines
/// that start with a marker; `None` if the lines do not match the notes.
fn note_line_ranges(source: &str, offset: usize, count: usize) -> Option<Vec<Range<usize>>> {
    if count == 1 {
        let end = offset + source.trim_end().len();
        return Some(vec![Range { start: offset, end }]);
    }
    let mut starts = Vec::new();
    let mut position = 0;
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let starts_note = trimmed.starts_with("<sup>")
            || trimmed.starts_with("<SUP>")
            || trimmed
                .chars()
                .next()
                .is_some_and(|c| super::inline::superscript_digit(c).is_some());
        if starts_note {
            starts.push(position + line.len() - trimmed.len());
        }
        position += line.len();
    }
    if starts.len() != count {
        return None;
    }
    let end = source.trim_end().len();
    Some(
        starts
            .iter()
            .enumerate()
            .map(|(i, &start)| {
                let stop = starts.get(i + 1).copied().unwrap_or(end);
                offset + start..offset + source[..stop].trim_end().len().max(start)
            })
            .collect(),
    )
}

/// Depth of a heading's printed number: "3.1. Russia" is 2, "Introduction" none.
pub(crate) fn numbering_depth(title: &str) -> Option<u8> {
    let number: &str = title.split_whitespace().next()?;
    let number = number.trim_end_matches('.');
    if number.is_empty() {
        return None;
    }
    let parts: Vec<&str> = number.split('.').collect();
    let numeric = |p: &&str| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit());
    let roman = |p: &&str| !p.is_empty() && p.chars().all(|c| "IVXLC".contains(c)) && p.len() <= 5;
    if parts.iter().all(numeric) || (parts.len() == 1 && roman(&parts[0]) && title.contains(". ")) {
        u8::try_from(parts.len()).ok()
    } else {
        None
    }
}

/// Strips HTML tags and Markdown bold from a TOC line; reports whether it was bold.
fn strip_toc_markup(line: &str) -> (String, bool) {
    let bold = line.contains("<b>") || line.contains("<B>") || line.contains("**");
    let mut out = String::with_capacity(line.len());
    let mut in_tag = false;
    for c in line.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            _ => out.push(c),
        }
    }
    (out.replace("**", ""), bold)
}

/// A printed table-of-contents line: a title, dot leaders or a tab, a page number.
fn toc_line(line: &str) -> Option<(String, Option<u32>, bool)> {
    let (plain, bold) = strip_toc_markup(line);
    let trimmed = plain.trim_end();
    let digits = trimmed.len() - trimmed.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 4 {
        return None;
    }
    let (before, page) = trimmed.split_at(trimmed.len() - digits);
    let leader = before.trim_end_matches([' ', '\t']);
    let has_leader = leader.ends_with("..") || before.ends_with('\t') || leader.ends_with('…');
    if !has_leader {
        return None;
    }
    let title = leader.trim_end_matches(['.', '…', ' ', '\t']);
    if title.is_empty() {
        return None;
    }
    Some((fragment_text(title), page.parse().ok(), bold))
}

fn toc_entries(source: &str) -> Option<Vec<TocEntry>> {
    // Cheap test first: every contents line has a tab or dot leaders.
    let bytes = source.as_bytes();
    if memchr::memchr(b'\n', bytes.trim_ascii_end()).is_none()
        || (memchr::memchr(b'\t', bytes).is_none()
            && memchr::memmem::find(bytes, b"..").is_none()
            && memchr::memmem::find(bytes, "…".as_bytes()).is_none())
    {
        return None;
    }
    let lines: Vec<&str> = source.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() < 2 {
        return None;
    }
    let parsed: Vec<_> = lines.iter().filter_map(|line| toc_line(line)).collect();
    if parsed.len() * 4 < lines.len() * 3 {
        return None;
    }
    let some_bold = parsed.iter().any(|(_, _, bold)| *bold);
    let all_bold = parsed.iter().all(|(_, _, bold)| *bold);
    Some(
        parsed
            .into_iter()
            .map(|(title, page, bold)| {
                let level = if some_bold && !all_bold && !bold {
                    2
                } else {
                    numbering_depth(&title).unwrap_or(1)
                };
                TocEntry { title, page, level }
            })
            .collect(),
    )
}

/// A run of tab-separated lines is a table; lines before it are its caption.
fn tab_table(source: &str) -> Option<(String, Table)> {
    memchr::memchr(b'\t', source.as_bytes())?;
    let lines: Vec<&str> = source.trim_end().lines().collect();
    let first_row = lines.iter().position(|line| line.contains('\t'))?;
    let rows: Vec<&str> = lines[first_row..].to_vec();
    if rows.len() < 2 || rows.iter().any(|row| !row.contains('\t')) {
        return None;
    }
    let caption = fragment_text(&lines[..first_row].join(" "));
    let cells = rows
        .iter()
        .map(|row| {
            row.split('\t')
                .map(|cell| fragment_text(cell.trim()))
                .collect()
        })
        .collect();
    Some((caption, table_from_rows(cells)))
}

/// Pads rows to one width and counts header rows: the first row, plus the
/// rows after it whose first cell is empty (a header on two lines).
fn table_from_rows(mut rows: Vec<Vec<String>>) -> Table {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut rows {
        row.resize(width, String::new());
    }
    let header_rows = if rows.is_empty() {
        0
    } else {
        1 + rows[1..]
            .iter()
            .take_while(|row| row.first().is_some_and(String::is_empty))
            .count()
    };
    Table { rows, header_rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering() {
        assert_eq!(numbering_depth("3.1. Russia"), Some(2));
        assert_eq!(numbering_depth("1. Background"), Some(1));
        assert_eq!(numbering_depth("Introduction"), None);
        assert_eq!(numbering_depth("2011 was a year"), None);
    }

    #[test]
    fn toc_lines() {
        let (title, page, bold) = toc_line("<b>Introduction</b> .....\t<b>3</b>").unwrap();
        assert_eq!(
            (title.as_str(), page, bold),
            ("Introduction", Some(3), true)
        );
        let (title, page, bold) =
            toc_line("NAM and Azerbaijan’s Extraregional Diplomacy.....\t27").unwrap();
        assert_eq!(
            (title.as_str(), page, bold),
            (
                "NAM and Azerbaijan’s Extraregional Diplomacy",
                Some(27),
                false
            )
        );
        assert!(toc_line("In 1997 the troika was formed 12").is_none());
    }

    #[test]
    fn tab_tables_with_two_line_header() {
        let (caption, table) = tab_table(
            "Year\tName\tScore\t\tNote\n\t\tHigh\tLow\t\n1995\tA <sup>th</sup>\tx\t\ty\n",
        )
        .unwrap();
        assert_eq!(caption, "");
        assert_eq!(table.header_rows, 2);
        assert_eq!(table.rows.len(), 3);
        assert!(table.rows.iter().all(|row| row.len() == 5));
        assert_eq!(table.rows[2][1], "A th");
    }
}
