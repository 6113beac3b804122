//! The footnote pane: the notes of the current page, like the foot of a
//! printed page; or, for an actor, its mentions with a line of context each.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::app::reader::{Bottom, Focus, Reader, footnote_label, footnote_text};
use crate::app::search::HitPlace;
use crate::document::NoteStatus;

pub fn draw(frame: &mut Frame<'_>, area: Rect, reader: &Reader) {
    let focused = reader.focus() == Focus::Footnotes;
    match reader.bottom() {
        Bottom::Mentions => {
            mentions(frame, area, reader, focused);
            return;
        }
        Bottom::Citations { source, selected } => {
            super::sources::citations(frame, area, reader, source, selected, focused);
            return;
        }
        Bottom::Footnotes => {}
    }
    let notes = reader.page_footnotes();
    let title = match notes.len() {
        0 => "No notes on this page".to_owned(),
        1 => "1 note on this page".to_owned(),
        n => format!("{n} notes on this page"),
    };
    let block = super::pane(&title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width.saturating_sub(2)).max(10);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut selected_line = 0;
    for &note in &notes {
        if reader.footnotes().selected() == Some(note) {
            selected_line = lines.len();
        }
        lines.extend(note_lines(reader, note, width, focused, " "));
    }
    if notes.is_empty() {
        let next: Vec<&str> = reader
            .next_footnotes(3)
            .into_iter()
            .filter_map(|n| reader.document().footnotes.get(n))
            .map(footnote_label)
            .collect();
        let ahead = match next.as_slice() {
            [] => String::new(),
            labels => format!(" · next: {}", labels.join(", ")),
        };
        lines.push(Line::styled(
            format!(" no footnote markers on this page{ahead}"),
            Style::new().fg(Color::DarkGray),
        ));
    }
    let height = usize::from(inner.height);
    // The selected note starts at the top of the pane when it would not fit otherwise.
    let scroll = if lines.len() > height && selected_line + 3 > height {
        selected_line
    } else {
        0
    };
    // Never past the last note's end: the pane stays full, the selected
    // note still in it.
    let scroll = scroll.min(lines.len().saturating_sub(height));
    let visible: Vec<Line<'static>> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

/// A note's lines `width` columns wide after `pad`: its label, its text
/// (search hits marked), and what each short form in it stands for.
pub(super) fn note_lines(
    reader: &Reader,
    note: usize,
    width: usize,
    focused: bool,
    pad: &'static str,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let footnote = &reader.document().footnotes[note];
    let label = footnote_label(footnote).to_owned();
    let (gutter, rows) = reader.footnote_text_rows(note, width);
    let text = footnote_text(footnote);
    let text_style = match footnote.status {
        NoteStatus::Ok => Style::new(),
        NoteStatus::Empty => Style::new()
            .fg(Color::DarkGray)
            .add_modifier(Modifier::ITALIC),
        NoteStatus::Missing => Style::new().fg(Color::Red).add_modifier(Modifier::ITALIC),
    };
    let is_selected = reader.footnotes().selected() == Some(note);
    let label_style = if is_selected && focused {
        Style::new()
            .fg(Color::Black)
            .bg(Color::Magenta)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD)
    };
    let text_style = if is_selected {
        text_style.add_modifier(Modifier::BOLD)
    } else {
        text_style
    };
    // Search hits in the note are marked where they are.
    let mut marks: Vec<(std::ops::Range<usize>, Style)> = match &reader.current_search() {
        Some(search) if footnote.status == NoteStatus::Ok => search
            .hits_in(&HitPlace::Footnote(note))
            .map(|(range, current)| (range.clone(), super::hit_style(current)))
            .collect(),
        _ => Vec::new(),
    };
    // Text a margin note is on is underlined here as in the text.
    if marks.is_empty() {
        marks.extend(
            reader
                .margin()
                .on_footnote(note)
                .filter_map(|placed| placed.placement)
                .map(|p| {
                    (
                        p.start..p.end,
                        text_style
                            .add_modifier(Modifier::UNDERLINED)
                            .underline_color(Color::Yellow),
                    )
                }),
        );
    }
    for (i, range) in rows.into_iter().enumerate() {
        let piece = text.get(range.clone()).unwrap_or("").to_owned();
        let lead = if i == 0 {
            Span::styled(format!("{label} "), label_style)
        } else {
            Span::raw(" ".repeat(gutter))
        };
        let mut spans = vec![Span::raw(pad), lead];
        super::marked_spans(&piece, &range, &marks, text_style, &mut spans);
        lines.push(Line::from(spans));
    }
    // What a short form ("Ibid.", "loc. cit.", a short title) stands for.
    for citation in reader.short_forms(note) {
        let (text, style) = match citation
            .source
            .and_then(|s| reader.bibliography().sources.get(s))
        {
            Some(source) => (
                format!("→ {}", source.label(width.saturating_sub(gutter + 2))),
                Style::new().fg(Color::Blue),
            ),
            None => (
                "→ no earlier citation found for this short form".to_owned(),
                Style::new().fg(Color::Red).add_modifier(Modifier::ITALIC),
            ),
        };
        lines.push(Line::from(vec![
            Span::raw(format!("{pad}{}", " ".repeat(gutter))),
            Span::styled(text, style),
        ]));
    }
    lines
}

fn mentions(frame: &mut Frame<'_>, area: Rect, reader: &Reader, focused: bool) {
    let Some(actor) = reader
        .actor_list()
        .active()
        .and_then(|a| reader.actors().actors.get(a))
    else {
        return;
    };
    let block = super::pane(&format!("Mentions: {}", actor.summary()), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width.saturating_sub(11)).max(20);
    let height = usize::from(inner.height).max(1);
    let scroll = reader
        .actor_list()
        .mention()
        .saturating_sub(height / 2)
        .min(actor.mentions.len().saturating_sub(height));
    let lines: Vec<Line<'static>> = actor
        .mentions
        .iter()
        .enumerate()
        .skip(scroll)
        .take(height)
        .map(|(i, mention)| {
            let text = reader.document().blocks[mention.block].text();
            let location = reader.document().location_of(crate::document::Position {
                block: mention.block,
                offset: mention.range.start,
            });
            let (before, hit, after) = context(text, &mention.range, width);
            let selected = i == reader.actor_list().mention();
            let base = if selected {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            Line::from(vec![
                Span::styled(
                    format!(" {:<9}", location.to_string()),
                    Style::new().fg(Color::DarkGray),
                ),
                Span::styled(before, base),
                Span::styled(hit, base.fg(Color::Green).add_modifier(Modifier::BOLD)),
                Span::styled(after, base),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The text around `range` that fits `width` columns, in three parts.
fn context(text: &str, range: &std::ops::Range<usize>, width: usize) -> (String, String, String) {
    let hit = text.get(range.clone()).unwrap_or("").to_owned();
    let room = width.saturating_sub(hit.width()) / 2;
    let before: String = {
        let head = text.get(..range.start).unwrap_or("");
        let mut taken: Vec<char> = Vec::new();
        let mut used = 0;
        for c in head.chars().rev() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w > room {
                break;
            }
            used += w;
            taken.push(c);
        }
        let mut before: String = taken.iter().rev().collect();
        if before.len() < head.len() && !before.is_empty() {
            let first = before.chars().next().map_or(0, char::len_utf8);
            before.replace_range(..first, "…");
        }
        before
    };
    let after: String = {
        let tail = text.get(range.end..).unwrap_or("");
        let mut used = 0;
        let mut after: String = tail
            .chars()
            .take_while(|c| {
                used += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                used <= room
            })
            .collect();
        if after.len() < tail.len() && after.pop().is_some() {
            after.push('…');
        }
        after
    };
    (before, hit, after)
}
