//! The jump palette overlay: the query, and the best matches with their
//! matched characters highlighted.

use ratatui::Frame;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::palette::Palette;

pub fn draw(frame: &mut Frame<'_>, palette: &Palette) {
    let inner = super::overlay(frame, "Jump to");
    let width = usize::from(inner.width);
    let mut lines = super::query_header(
        &palette.query,
        &format!("{} matches", palette.matches.len()),
        width,
    );
    let rows = usize::from(inner.height).saturating_sub(2);
    let scroll = palette.selected.saturating_sub(rows.saturating_sub(1));
    for (i, found) in palette.matches.iter().enumerate().skip(scroll).take(rows) {
        let item = &palette.items[found.item];
        let selected = i == palette.selected;
        let base = if selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let mut spans = vec![Span::styled(
            format!(" {:<6}", item.tag),
            base.fg(Color::DarkGray),
        )];
        let mut used = 7;
        for (byte, c) in item.label.char_indices() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w + 1 > width {
                spans.push(Span::styled("…", base));
                break;
            }
            used += w;
            let style = if found.indices.contains(&byte) {
                base.fg(Color::Yellow).add_modifier(Modifier::BOLD)
            } else {
                base
            };
            spans.push(Span::styled(c.to_string(), style));
        }
        if selected {
            spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), base));
        }
        lines.push(Line::from(spans));
    }
    if palette.matches.is_empty() {
        lines.push(Line::styled(
            " nothing matches",
            Style::new().fg(Color::DarkGray),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
