//! Body paragraphs cut by a page break, joined again.
//!
//! A body paragraph that does not end a sentence continues in the next body
//! paragraph, past any notes and page separators in between ("…President
//! Heydar" + "Aliyev in the early 1990s…"). A heading, table, figure or list
//! in between stops the search: those are never joined.
//!
//! When the next paragraph starts with a capital, is itself followed by a
//! note, and the paragraph after it starts in lower case, the capitalised one
//! sits in the page foot: it is an unmarked note (Fuller's "Paper prepared for
//! the Istituto Affari Internazionali…") and the lower-case one is the
//! continuation.

use super::inline::join;
use super::units::next_live;
use super::{Role, Unit};
use crate::document::model::NoteKind;

/// The next unit after `from` that is not a note, a separator or removed.
fn next_reading_unit(units: &[Unit], from: usize) -> Option<usize> {
    (from + 1..units.len()).find(|&j| {
        !matches!(
            units[j].role,
            Role::Note { .. } | Role::Rule | Role::Removed
        )
    })
}

fn ends_with_marker(unit: &Unit) -> bool {
    unit.content
        .markers
        .last()
        .is_some_and(|m| m.offset == unit.content.text.len())
}

pub(crate) fn stitch(units: &mut [Unit]) {
    for i in 0..units.len() {
        if !units[i].is_body_paragraph() {
            continue;
        }
        // Where the search for the next piece starts: after the last piece
        // joined, so that what was joined is not walked again.
        let mut from = i;
        while !units[i].ends_sentence() || ends_with_ellipsis_before_lowercase(units, i, from) {
            let Some(mut candidate) = next_reading_unit(units, from) else {
                break;
            };
            if is_float(&units[candidate]) {
                // A table or figure set at the top of the next page: the cut
                // sentence goes on after it, if anything says so.
                let Some(after) = next_after_floats(units, candidate) else {
                    break;
                };
                let cut_mid_word = units[i]
                    .text()
                    .trim_end()
                    .ends_with(|c: char| c.is_alphanumeric());
                if !(units[after].is_body_paragraph()
                    && (units[after].starts_lowercase() || cut_mid_word))
                {
                    break;
                }
                candidate = after;
            }
            if !units[candidate].is_body_paragraph() {
                break;
            }
            let target = if units[candidate].starts_lowercase() {
                candidate
            } else if let Some(after) = continuation_after_page_foot(units, candidate) {
                units[candidate].role = Role::Note {
                    label: String::new(),
                    kind: NoteKind::Unmarked,
                    anchor: Some(i),
                };
                after
            } else if ends_with_marker(&units[i]) {
                // "…mediation in¹⁴⁸" then a new capitalised paragraph: the text
                // was lost in conversion, not cut by a page.
                break;
            } else {
                candidate
            };
            let tail = std::mem::take(&mut units[target].content);
            let tail_source = std::mem::take(&mut units[target].spans);
            units[target].role = Role::Removed;
            join(&mut units[i].content, tail);
            units[i].spans.extend(tail_source);
            from = target;
        }
    }
}

/// "… [s] sent1,2 [s] ..." then, past a page's notes, "hti title …": an
/// ellipsis that the sentence goes on after.
fn ends_with_ellipsis_before_lowercase(units: &[Unit], i: usize, from: usize) -> bool {
    let text = units[i].text().trim_end();
    (text.ends_with("...") || text.ends_with('…'))
        && next_reading_unit(units, from)
            .is_some_and(|j| units[j].is_body_paragraph() && units[j].starts_lowercase())
}

/// A table, a figure, or the caption a converter left beside one.
fn is_float(unit: &Unit) -> bool {
    matches!(unit.role, Role::Table(_) | Role::Figure(_))
        || super::structure::caption_of(unit.text())
            .is_some_and(|caption| caption.punctuated || unit.text().len() <= 300)
}

/// The first reading unit after the run of floats starting at `from`.
fn next_after_floats(units: &[Unit], from: usize) -> Option<usize> {
    let mut at = from;
    while is_float(&units[at]) {
        at = next_reading_unit(units, at)?;
    }
    Some(at)
}

/// If `candidate` is a capitalised paragraph sitting among a page's notes,
/// the lower-case paragraph after those notes.
fn continuation_after_page_foot(units: &[Unit], candidate: usize) -> Option<usize> {
    let followed_by_note = next_live(units, candidate).is_some_and(|j| units[j].is_note());
    if !followed_by_note {
        return None;
    }
    let after = next_reading_unit(units, candidate)?;
    (units[after].is_body_paragraph() && units[after].starts_lowercase()).then_some(after)
}
