//! The jump palette overlay: the query, and the best matches with their
//! matched characters highlighted.

use ratatui::Frame;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::app::palette::Palette;

pub fn draw(frame: &mut Frame<'_>, palette: &Palette) {
    let inner = super::overlay(frame, "Jump to");
    let width = usize::from(inner.width);
    let mut lines = super::query_header(
        &palette.query,
        &match palette.matches.len() {
            1 => "1 match".to_owned(),
            n => format!("{n} matches"),
        },
        width,
    );
    if let Some(notice) = &palette.notice {
        lines.push(Line::styled(
            format!(" {notice}"),
            Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::ITALIC),
        ));
    }
    let rows = usize::from(inner.height).saturating_sub(lines.len());
    // The kind column fits the widest kind ("figure", "actor", "§").
    let tag_width = palette
        .items
        .iter()
        .map(|item| item.tag.width())
        .max()
        .unwrap_or(0)
        + 1;
    let scroll = palette.selected.saturating_sub(rows.saturating_sub(1));
    for (i, found) in palette.matches.iter().enumerate().skip(scroll).take(rows) {
        let item = &palette.items[found.item];
        let selected = i == palette.selected;
        let base = if selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let pad = " ".repeat(tag_width - item.tag.width());
        let mut spans = vec![Span::styled(
            format!(" {}{pad}", item.tag),
            base.fg(Color::DarkGray),
        )];
        let mut used = 1 + tag_width;
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
