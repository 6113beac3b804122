//! The body's blocks in the order the paper's note markers give. A converter
//! reading two columns may print a page's blocks out of order (poppler puts
//! the right column first when its top stands higher), so the sentence a
//! column cuts goes on in a block printed before it. The markers of the
//! page's notes rise through the page as it is read: blocks whose markers
//! fall are put back in the order that makes them rise. Where markers give
//! no order, the sentences do: a block that goes on in lowercase after a
//! finished sentence belongs after the page's one block a column cut.

use std::collections::BTreeMap;

use super::footnotes::NoteBody;
use super::lines::{Line, is_blank};
use super::markers::{self, Candidate};
use super::rewrite::{ends_sentence, title_like};
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
    let pages = Pages {
        source,
        lines,
        by_page,
    };
    let text = |i: usize| lines[i].text(source);
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
        let page_start = order.len();
        pages.by_markers(
            page,
            page_lines,
            &mut highest_before,
            line_markers,
            &mut order,
        );
        // The next page may go on with a name in capitals: only the
        // paper's end is sure to open nothing.
        let last_page = end == body_lines.len();
        mend_cut_sentence(&mut order[page_start..], last_page, &text);
    }
    order
}

/// The text and each page's note labels, to read a page's markers by.
struct Pages<'a> {
    source: &'a str,
    lines: &'a [Line],
    /// The labels of each page's footnotes, pages in order.
    by_page: BTreeMap<usize, Vec<u32>>,
}

impl Pages<'_> {
    /// One page's body lines onto `order`, its blocks in the order of the
    /// page's note markers where notes are numbered on through the pages.
    /// `highest_before` is the last label of the pages before, and moves on.
    fn by_markers(
        &self,
        page: usize,
        page_lines: &[usize],
        highest_before: &mut u32,
        line_markers: &mut [Option<Vec<Candidate>>],
        order: &mut Vec<usize>,
    ) {
        let labels = self.by_page.get(&page).map_or(&[][..], Vec::as_slice);
        let highest = labels.iter().copied().max();
        let lowest_after = self
            .by_page
            .range(page + 1..)
            .next()
            .and_then(|(_, l)| l.iter().copied().min());
        // Notes numbered on through the pages: a page where a chapter ends
        // and the next numbers afresh, or every page does, holds two series
        // and gives no order to read by. The page's markers are the numbers
        // between the pages' notes before and after it, its own notes'
        // among them (one may have been lost).
        let numbered_on = labels.iter().all(|&n| n > *highest_before)
            && lowest_after.is_none_or(|after| highest.is_none_or(|h| after > h));
        let before = *highest_before;
        // The series the page ends in goes on (a chapter numbering afresh).
        *highest_before = labels.last().copied().unwrap_or(before);
        let after = match lowest_after.or(highest.map(|h| h + 1)) {
            Some(after) if numbered_on && after > before + 2 => after,
            _ => {
                order.extend_from_slice(page_lines);
                return;
            }
        };
        let (source, lines) = (self.source, self.lines);
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
        reorder_page(page_lines, &mut marker_of, order);
    }
}

/// Whether a block's last line leaves nothing to go on: a finished sentence
/// or a title.
fn finished(text: &str) -> bool {
    ends_sentence(text) || title_like(text)
}

fn opens_lowercase(text: &str) -> bool {
    text.trim_start()
        .trim_start_matches('>')
        .trim_start()
        .starts_with(char::is_lowercase)
}

/// A page's lines in reading order but for one block a converter printed
/// early: the right column's top, printed before the left column that
/// stood lower under a title, goes on in lowercase after a finished
/// sentence while a block further down breaks off mid-sentence before a
/// fresh one (or the paper's end). The early block is moved to follow the
/// cut one. Each must be the page's only one of its kind, the early one
/// printed first: an introduction cut before a quotation and picked up
/// after it in lowercase is printed in order, and is left so.
fn mend_cut_sentence<'s>(page: &mut [usize], last_page: bool, text: &impl Fn(usize) -> &'s str) {
    let blocks: Vec<&[usize]> = page.chunk_by(|a, b| b == &(a + 1)).collect();
    if blocks.len() < 3 {
        return;
    }
    let block_finished = |k: usize| blocks[k].last().is_some_and(|&i| finished(text(i)));
    let block_opens_lowercase = |k: usize| opens_lowercase(text(blocks[k][0]));
    // Blocks without words (a stray mark a converter set apart, "." of an
    // ellipsis) neither finish nor cut a sentence.
    let worded: Vec<bool> = blocks
        .iter()
        .map(|block| {
            block
                .iter()
                .any(|&i| text(i).chars().any(char::is_alphanumeric))
        })
        .collect();
    // A page's first block going on in lowercase continues the page before,
    // however that seems to end (a stray mark of a note may stand last).
    let early: Vec<usize> = (1..blocks.len())
        .filter(|&k| {
            block_opens_lowercase(k)
                && (0..k)
                    .rev()
                    .find(|&j| worded[j])
                    .is_some_and(block_finished)
        })
        .collect();
    let cut: Vec<usize> = (0..blocks.len())
        .filter(|&k| {
            let fresh_after = match (k + 1..blocks.len()).find(|&j| worded[j]) {
                Some(next) => !block_opens_lowercase(next),
                None => last_page,
            };
            worded[k] && !block_finished(k) && fresh_after
        })
        .collect();
    let (&[early], &[cut]) = (early.as_slice(), cut.as_slice()) else {
        return;
    };
    if early >= cut {
        return;
    }
    // The lines from the early block to the cut one's end, the early block
    // moved last.
    let offset = |k: usize| blocks[..k].iter().map(|b| b.len()).sum::<usize>();
    let (from, to, moved) = (offset(early), offset(cut + 1), blocks[early].len());
    page[from..to].rotate_left(moved);
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
