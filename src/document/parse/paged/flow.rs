//! The body's blocks in the order the paper's note markers give. A converter
//! reading two columns may print a page's blocks out of order (poppler puts
//! the right column first when its top stands higher), so the sentence a
//! column cuts goes on in a block printed before it. The markers of the
//! page's notes rise through the page as it is read: blocks whose markers
//! fall are put back in the order that makes them rise.

use std::collections::BTreeMap;

use super::footnotes::NoteBody;
use super::lines::{Line, is_blank};
use super::markers::{self, Candidate};
use super::syntax::Label;

/// The body's lines (`body`) in reading order: as they stand, but for the
/// blocks of a page whose note markers run backwards.
pub(crate) fn body_order(
    source: &str,
    lines: &[Line],
    body: &[bool],
    page_of: &[usize],
    notes: &[NoteBody],
    line_markers: &mut [Option<Vec<Candidate>>],
) -> Vec<usize> {
    let body_lines: Vec<usize> = (0..lines.len())
        .filter(|&i| body[i] && !is_blank(lines[i].text(source)))
        .collect();
    // The labels of each page's footnotes, pages in order.
    let mut by_page: BTreeMap<usize, Vec<u32>> = BTreeMap::new();
    for note in notes.iter().filter(|n| !n.endnote) {
        by_page
            .entry(note.page)
            .or_default()
            .push(note.label.ordinal());
    }
    let mut order = Vec::with_capacity(body_lines.len());
    let mut highest_before = 0;
    let mut start = 0;
    while start < body_lines.len() {
        let page = page_of[body_lines[start]];
        let end = start
            + body_lines[start..]
                .iter()
                .take_while(|&&i| page_of[i] == page)
                .count();
        let page_lines = &body_lines[start..end];
        start = end;
        let labels = by_page.get(&page).map_or(&[][..], Vec::as_slice);
        let highest = labels.iter().copied().max();
        let lowest_after = by_page
            .range(page + 1..)
            .next()
            .and_then(|(_, l)| l.iter().copied().min());
        // Notes numbered on through the pages: a page where a chapter ends
        // and the next numbers afresh, or every page does, holds two series
        // and gives no order to read by. The page's markers are the numbers
        // between the pages' notes before and after it, its own notes'
        // among them (one may have been lost).
        let numbered_on = labels.iter().all(|&n| n > highest_before)
            && lowest_after.is_none_or(|after| highest.is_none_or(|h| after > h));
        let before = highest_before;
        // The series the page ends in goes on (a chapter numbering afresh).
        highest_before = labels.last().copied().unwrap_or(highest_before);
        let Some(after) = lowest_after.or(highest.map(|h| h + 1)) else {
            order.extend_from_slice(page_lines);
            continue;
        };
        if !numbered_on || after <= before + 2 {
            order.extend_from_slice(page_lines);
            continue;
        }
        let mut marker_of = |line: usize| -> Vec<u32> {
            let range = lines[line].range.clone();
            line_markers[line]
                .get_or_insert_with(|| {
                    markers::candidates(&source[range.clone()], range.start, false)
                })
                .iter()
                .flat_map(|c| c.labels.iter().map(Label::ordinal))
                .filter(|&n| n > before && n < after)
                .collect()
        };
        reorder_page(page_lines, &mut marker_of, &mut order);
    }
    order
}

/// Blocks of a page (runs of body lines with nothing between them) and the
/// blocks without markers that follow each.
struct Group {
    lines: Vec<usize>,
    /// The page's note markers in the group's lines, in order.
    markers: Vec<u32>,
}

/// Whether the markers of `groups` rise in the order given.
fn rise(groups: &[&Group]) -> bool {
    let mut markers = groups.iter().flat_map(|g| g.markers.iter());
    let Some(mut last) = markers.next() else {
        return true;
    };
    markers.all(|m| {
        let rising = m > last;
        last = m;
        rising
    })
}

/// One page's body lines, its blocks put in the order of their markers
/// where they fall as printed and rise once reordered, onto `order`.
fn reorder_page(
    page_lines: &[usize],
    marker_of: &mut impl FnMut(usize) -> Vec<u32>,
    order: &mut Vec<usize>,
) {
    // A block without markers goes with the block before it; blocks before
    // the first marker stay first.
    let mut groups: Vec<Group> = Vec::new();
    for block in page_lines.chunk_by(|a, b| b == &(a + 1)) {
        let markers: Vec<u32> = block.iter().flat_map(|&i| marker_of(i)).collect();
        match groups.last_mut() {
            Some(group) if markers.is_empty() => group.lines.extend_from_slice(block),
            _ => groups.push(Group {
                lines: block.to_vec(),
                markers,
            }),
        }
    }
    let mut reading: Vec<&Group> = groups.iter().collect();
    if !rise(&reading) {
        reading.sort_by_key(|g| g.markers.first().copied());
        if !rise(&reading) {
            reading = groups.iter().collect();
        }
    }
    order.extend(reading.iter().flat_map(|g| g.lines.iter().copied()));
}
