//! The margin: each note beside the first line of the text it is on, as many
//! of its lines as fit before the next note.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::reader::{Focus, Reader};
use crate::app::search::HitPlace;
use crate::layout::wrap_plain;

/// The screen row (from the top of the text) of each note on the page.
pub fn footnote_rows(reader: &Reader) -> Vec<(String, usize)> {
    let top = reader.top();
    reader
        .page_margin_notes()
        .into_iter()
        .filter_map(|placed| {
            let p = placed.placement?;
            let line = reader.layout().line_of(p.position());
            Some((placed.id.clone(), line.saturating_sub(top)))
        })
        .collect()
}

/// A note's lines, each wrapped to `width`, with their byte ranges: the
/// note's own line breaks are kept.
pub fn wrap_lines(text: &str, width: usize) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        for (part, range) in super::wrap_with_ranges(line, width) {
            out.push((part, start + range.start..start + range.end));
        }
        start += line.len() + 1;
    }
    out
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, reader: &Reader, rows: &[(String, usize)]) {
    let focused = reader.focus() == Focus::Margin;
    let count = reader.margin().store().notes().count();
    let title = match count {
        0 => "Margin".to_owned(),
        1 => "Margin · 1 note".to_owned(),
        n => format!("Margin · {n} notes"),
    };
    let block = super::pane(&title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    let width = usize::from(inner.width).saturating_sub(2).max(4);
    let mut lines: Vec<Line<'static>> = vec![Line::raw(""); height];
    if rows.is_empty() {
        let hint = if count == 0 {
            "m writes a note on the first paragraph on this page; v on a span"
        } else {
            "no notes on this page"
        };
        for (i, part) in wrap_plain(hint, width).into_iter().enumerate().take(height) {
            lines[i] = Line::styled(part, Style::new().fg(Color::DarkGray));
        }
    }
    let mut next_free = 0;
    for (i, (id, anchor_row)) in rows.iter().enumerate() {
        let start = (*anchor_row).max(next_free);
        if start >= height {
            break;
        }
        let limit = rows
            .get(i + 1)
            .map_or(height, |(_, r)| (*r).max(start + 1))
            .min(height);
        let Some(note) = reader.margin().get(id) else {
            continue;
        };
        let selected = reader.margin().selected() == Some(id.as_str());
        let style = match (selected, focused) {
            (true, true) => Style::new().fg(Color::Black).bg(Color::Yellow),
            (true, false) => Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            _ => Style::new().fg(Color::Yellow),
        };
        let mut wrapped = wrap_lines(&note.text, width);
        let room = limit - start;
        if wrapped.len() > room {
            wrapped.truncate(room);
            if let Some((last, _)) = wrapped.last_mut() {
                last.push('…');
            }
        }
        let marks: Vec<(std::ops::Range<usize>, Style)> = reader
            .current_search()
            .as_ref()
            .map(|search| {
                search
                    .hits_in(&HitPlace::Margin(id.clone()))
                    .map(|(range, current)| (range.clone(), super::hit_style(current)))
                    .collect()
            })
            .unwrap_or_default();
        for (j, (part, range)) in wrapped.into_iter().enumerate() {
            let lead = if j == 0 { "✎ " } else { "  " };
            let mut spans = vec![Span::styled(lead, Style::new().fg(Color::Yellow))];
            super::marked_spans(&part, &range, &marks, style, &mut spans);
            lines[start + j] = Line::from(spans);
        }
        next_free = limit.min(start + room);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_note_keeps_its_line_breaks_in_the_margin() {
        let lines = super::wrap_lines("Why not Turkey?\n#question", 20);
        let texts: Vec<&str> = lines.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["Why not Turkey?", "#question"]);
        assert_eq!(lines[1].1, 16..25);
    }
}
