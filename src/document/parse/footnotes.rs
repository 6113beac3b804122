//! Footnote text that a page break separated from its note.
//!
//! A converted page reads: body, (a `---` separator,) the page's notes, then
//! the next page's body. A paragraph among the notes that does not start with
//! a marker continues the note above it when
//! - it comes right after the separator (a note running over from the
//!   previous page), in documents whose separators do mark page feet;
//! - it starts with a URL or a `file:///` path;
//! - another note follows it (the tail of an unterminated note).
//!
//! The `*` author note, which Markdown reads as a one-item bullet list, is
//! recognised here too.

use super::inline::join;
use super::{Matter, Role, TextKind, Unit};
use crate::document::model::NoteKind;

/// A paragraph this long between two notes is body, not a note's tail.
const MAX_NOTE_TAIL: usize = 600;

pub(crate) fn attach(units: &mut [Unit]) {
    mark_symbol_notes(units);
    let separators_mark_page_feet = separators_mark_page_feet(units);
    let mut last_note: Option<usize> = None;
    let mut in_notes = false;
    let mut after_separator = false;
    for i in 0..units.len() {
        match &units[i].role {
            Role::Note { kind, .. } => {
                // `[^label]:` definitions are Markdown's own: their paragraphs are already theirs.
                in_notes = *kind != NoteKind::Labelled;
                last_note = Some(i);
                after_separator = false;
            }
            Role::Rule => {
                if separators_mark_page_feet {
                    in_notes = true;
                    after_separator = true;
                }
            }
            Role::Removed => {}
            Role::Text(_) if units[i].matter != Matter::Front => {
                if let Some(note) = last_note.filter(|_| in_notes)
                    && is_continuation(units, i, note, after_separator)
                {
                    let tail = std::mem::take(&mut units[i].content);
                    let tail_source = std::mem::take(&mut units[i].spans);
                    units[i].role = Role::Removed;
                    join(&mut units[note].content, tail);
                    units[note].spans.extend(tail_source);
                    after_separator = false;
                    continue;
                }
                in_notes = false;
                after_separator = false;
            }
            _ => {
                in_notes = false;
                after_separator = false;
            }
        }
    }
}

fn is_continuation(units: &[Unit], i: usize, note: usize, after_separator: bool) -> bool {
    let unit = &units[i];
    if after_separator || unit.starts_with_url() {
        return true;
    }
    let next_is_note = units[i + 1..]
        .iter()
        .find(|u| u.role != Role::Removed)
        .is_some_and(Unit::is_note);
    next_is_note && (unit.text().len() < MAX_NOTE_TAIL || !units[note].ends_sentence())
}

/// Whether most `---` lines are followed by notes: then they are page feet,
/// not thematic breaks, and text right after one continues a note.
fn separators_mark_page_feet(units: &[Unit]) -> bool {
    let mut separators = 0;
    let mut before_notes = 0;
    for (i, unit) in units.iter().enumerate() {
        if unit.role == Role::Rule {
            separators += 1;
            if units[i + 1..].iter().take(2).any(Unit::is_note) {
                before_notes += 1;
            }
        }
    }
    separators > 0 && before_notes * 2 >= separators
}

/// `* Elizabeth Fuller is the editor…` after a `Fuller*` in the text is a note.
fn mark_symbol_notes(units: &mut [Unit]) {
    let mut cited: Vec<String> = Vec::new();
    for unit in units.iter_mut() {
        let symbol = match unit.role {
            Role::Text(TextKind::ListItem {
                bullet: Some(b'*'),
                lone: true,
                ..
            }) => Some("*".to_owned()),
            Role::Text(TextKind::Paragraph) => ["† ", "‡ "]
                .into_iter()
                .find(|s| unit.text().starts_with(s))
                .map(|s| s.trim_end().to_owned()),
            _ => None,
        };
        if let Some(symbol) = symbol.filter(|s| cited.contains(s)) {
            if unit.text().starts_with(symbol.as_str()) {
                let rest = unit.content.text[symbol.len()..].trim_start().to_owned();
                let cut = unit.content.text.len() - rest.len();
                unit.content.text = rest;
                for span in &mut unit.content.spans {
                    span.range =
                        span.range.start.saturating_sub(cut)..span.range.end.saturating_sub(cut);
                }
                for marker in &mut unit.content.markers {
                    marker.offset = marker.offset.saturating_sub(cut);
                }
            }
            unit.role = Role::Note {
                label: symbol,
                kind: NoteKind::Symbol,
                anchor: None,
            };
            continue;
        }
        cited.extend(
            unit.content
                .markers
                .iter()
                .filter(|m| !m.label.starts_with(|c: char| c.is_ascii_digit()))
                .map(|m| m.label.clone()),
        );
    }
}
