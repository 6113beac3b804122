//! Units into the finished [`Document`]: blocks, the section tree, footnotes
//! with their status, and every marker bound to its note.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::{Matter, Role, TextKind, Unit, matter};
use crate::document::model::{
    Block, BlockKind, Document, Footnote, NoteKind, NoteStatus, RichText, Section,
};

pub(crate) fn document(units: Vec<Unit>) -> Document {
    let metadata = matter::metadata(&units);
    let mut blocks = Vec::with_capacity(units.len());
    let mut sections: Vec<Section> = Vec::new();
    let mut footnotes = Vec::new();
    // Reading position (unit index) of each note, and the block each unit became.
    let mut note_units = Vec::new();
    let mut block_of_unit = vec![None; units.len()];
    let mut unmarked_anchors = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (index, unit) in units.into_iter().enumerate() {
        let kind = match unit.role {
            Role::Removed | Role::Rule => continue,
            Role::Note {
                label,
                kind,
                anchor,
            } => {
                let status = if unit.content.text.is_empty() {
                    NoteStatus::Empty
                } else {
                    NoteStatus::Ok
                };
                if let Some(anchor) = anchor {
                    unmarked_anchors.push((footnotes.len(), anchor));
                }
                note_units.push(index);
                footnotes.push(Footnote {
                    label,
                    kind,
                    content: without_markers(unit.content),
                    status,
                    cited_in: Vec::new(),
                    home_block: None,
                    spans: unit.spans,
                });
                continue;
            }
            _ if unit.matter == Matter::Front => match unit.role {
                Role::Toc(entries) => BlockKind::Toc(entries),
                _ => BlockKind::FrontMatter,
            },
            _ if unit.matter == Matter::Back => BlockKind::BackMatter,
            Role::Heading { level, .. } => {
                // The open sections, levels rising: the parent is the last
                // one above this level (a stack, not a scan of every heading).
                while open
                    .last()
                    .is_some_and(|&s: &usize| sections[s].level >= level)
                {
                    open.pop();
                }
                let parent = open.last().copied();
                open.push(sections.len());
                sections.push(Section {
                    level,
                    title: unit.content.text.clone(),
                    block: blocks.len(),
                    parent,
                });
                BlockKind::Heading {
                    level,
                    section: sections.len() - 1,
                }
            }
            Role::Text(TextKind::Paragraph) => BlockKind::Paragraph,
            Role::Text(TextKind::Quote) => BlockKind::Quote,
            Role::Text(TextKind::ListItem { number, .. }) => BlockKind::ListItem { number },
            Role::Table(table) => BlockKind::Table(table),
            Role::Figure(image) => BlockKind::Figure { image },
            Role::Toc(entries) => BlockKind::Toc(entries),
        };
        block_of_unit[index] = Some(blocks.len());
        let mut content = unit.content;
        keep_line_breaks(&kind, &mut content.text, &unit.hard_breaks);
        blocks.push(Block {
            kind,
            content,
            spans: unit.spans,
        });
    }
    for (note, anchor) in unmarked_anchors {
        footnotes[note].home_block = block_of_unit[anchor];
    }
    let block_units: Vec<usize> = block_of_unit
        .iter()
        .enumerate()
        .filter_map(|(unit, block)| block.map(|_| unit))
        .collect();
    bind_citations(&mut blocks, &mut footnotes, &note_units, &block_units);
    let mut document = Document {
        metadata,
        blocks,
        footnotes,
        sections,
        ..Document::default()
    };
    order_footnotes(&mut document, &note_units, &block_units);
    // Room was made for every unit as a block; a paper keeps only what it holds.
    document.blocks.shrink_to_fit();
    document.footnotes.shrink_to_fit();
    document
}

/// FNV-1a: labels are a few bytes long, where SipHash's set-up dominates.
type LabelMap<V> = HashMap<String, V, BuildHasherDefault<crate::hash::Fnv>>;

/// Markers inside a note are cross-references, kept as text by the unit pass.
fn without_markers(mut content: RichText) -> RichText {
    content.markers.clear();
    content
}

/// Binds each marker to the note with its label that follows it most closely
/// (numbering may restart, so a label can name several notes), or else the last
/// one before it. A numbered or labelled marker with no note gets a note
/// flagged missing; a symbol with no note was not a marker after all.
fn bind_citations(
    blocks: &mut [Block],
    footnotes: &mut Vec<Footnote>,
    note_units: &[usize],
    block_units: &[usize],
) {
    let mut by_label: LabelMap<Vec<usize>> = LabelMap::default();
    for (note, footnote) in footnotes.iter().enumerate() {
        if footnote.kind != NoteKind::Unmarked {
            by_label
                .entry(footnote.label.clone())
                .or_default()
                .push(note);
        }
    }
    let mut missing: LabelMap<usize> = LabelMap::default();
    for (block_index, block) in blocks.iter_mut().enumerate() {
        let position = block_units[block_index];
        block.content.markers.retain_mut(|marker| {
            let note = by_label.get(&marker.label).and_then(|candidates| {
                // Candidates are in reading order: the first after the marker, else the last.
                let after = candidates.partition_point(|&n| note_units[n] <= position);
                candidates.get(after).or(candidates.last()).copied()
            });
            let note = match note {
                Some(note) => note,
                None if marker.label.starts_with(|c: char| c.is_alphanumeric()) => {
                    *missing.entry(marker.label.clone()).or_insert_with(|| {
                        footnotes.push(Footnote {
                            label: marker.label.clone(),
                            kind: NoteKind::Numbered,
                            content: RichText::default(),
                            status: NoteStatus::Missing,
                            cited_in: Vec::new(),
                            home_block: None,
                            spans: Vec::new(),
                        });
                        footnotes.len() - 1
                    })
                }
                None => return false,
            };
            marker.note = note;
            let cited_in = &mut footnotes[note].cited_in;
            if cited_in.last() != Some(&block_index) {
                cited_in.push(block_index);
            }
            true
        });
    }
    for footnote in footnotes.iter_mut() {
        if footnote.home_block.is_none() {
            footnote.home_block = footnote.cited_in.first().copied();
        }
    }
}

/// Orders notes as a reader meets them: by the first marker citing each (or
/// the block an unmarked note sits beside), else by where its text stands.
fn order_footnotes(document: &mut Document, note_units: &[usize], block_units: &[usize]) {
    let count = document.footnotes.len();
    let mut key: Vec<(usize, usize, usize)> = (0..count)
        .map(|n| (note_units.get(n).copied().unwrap_or(usize::MAX), 2, n))
        .collect();
    let mut seen = vec![false; count];
    for (block_index, block) in document.blocks.iter().enumerate() {
        for (i, marker) in block.content.markers.iter().enumerate() {
            if !std::mem::replace(&mut seen[marker.note], true) {
                key[marker.note] = (block_units[block_index], 0, i);
            }
        }
    }
    for (n, footnote) in document.footnotes.iter().enumerate() {
        if let (false, Some(block)) = (seen[n], footnote.home_block) {
            key[n] = (block_units[block], 1, n);
        }
    }
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by_key(|&n| key[n]);
    let mut new_index = vec![0; count];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut old_notes: Vec<Option<Footnote>> = std::mem::take(&mut document.footnotes)
        .into_iter()
        .map(Some)
        .collect();
    document.footnotes = order
        .iter()
        .filter_map(|&old| old_notes[old].take())
        .collect();
    for block in &mut document.blocks {
        for marker in &mut block.content.markers {
            marker.note = new_index[marker.note];
        }
    }
}

/// The longest line, in bytes, of a block whose hard line breaks are kept
/// outside the front matter: an address, a verse, a list of names. Longer
/// lines are prose a converter ended with two spaces.
const SHORT_LINE: usize = 60;

/// Turns the spaces that were hard line breaks into line breaks where the
/// lines mean something: the front matter (a title, an author block), and
/// blocks of short lines. The text keeps its length, so no offset moves.
fn keep_line_breaks(kind: &BlockKind, text: &mut String, breaks: &[usize]) {
    if breaks.is_empty() {
        return;
    }
    let short_lines = {
        let mut start = 0;
        breaks
            .iter()
            .chain(std::iter::once(&text.len()))
            .all(|&end| {
                let short = end.saturating_sub(start) <= SHORT_LINE;
                start = end + 1;
                short
            })
    };
    let keep = match kind {
        BlockKind::FrontMatter => true,
        BlockKind::Paragraph | BlockKind::Quote | BlockKind::ListItem { .. } => short_lines,
        _ => false,
    };
    if !keep {
        return;
    }
    for &at in breaks {
        if text.as_bytes().get(at) == Some(&b' ') {
            text.replace_range(at..at + 1, "\n");
        }
    }
}
