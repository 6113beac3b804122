//! The actor sidebar: who the paper is about, grouped by kind, most
//! mentioned first; those on the current page marked with a dot.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::app::reader::{Focus, Reader};

pub fn draw(frame: &mut Frame<'_>, area: Rect, _app: &App, reader: &Reader) {
    let focused = reader.focus() == Focus::Actors;
    let title = match reader.actor_list().filter() {
        Some(kind) => format!("Actors · {}", kind.plural().to_lowercase()),
        None => "Actors".to_owned(),
    };
    let block = super::pane(&title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let on_page = reader.actors().on_blocks(reader.visible_blocks());
    let width = usize::from(inner.width);
    let mut rows: Vec<Line<'static>> = Vec::new();
    let mut selected_row = 0;
    let mut last_kind = None;
    for (row, &index) in reader.visible_actors().iter().enumerate() {
        let actor = &reader.actors().actors[index];
        if reader.actor_list().is_grouped() && last_kind != Some(actor.kind) {
            rows.push(Line::styled(
                actor.kind.plural().to_owned(),
                Style::new()
                    .fg(Color::DarkGray)
                    .add_modifier(Modifier::BOLD),
            ));
            last_kind = Some(actor.kind);
        }
        let selected = row == reader.actor_list().row();
        if selected {
            selected_row = rows.len();
        }
        let mark = if on_page.contains(&index) { "•" } else { " " };
        // Ordered by salience, each row says its kind by a letter: state,
        // organisation, person, group.
        let tag = if reader.actor_list().is_grouped() {
            String::new()
        } else {
            let letter: String = actor.kind.name().chars().take(1).collect();
            format!("{} ", letter.to_uppercase())
        };
        let count = format!("{tag}{}", actor.mentions.len());
        let room = width.saturating_sub(count.width() + 3);
        let name = super::ellipsize(&actor.name, room);
        let gap = width.saturating_sub(2 + name.width() + count.width());
        let style = match (selected, focused) {
            (true, true) => Style::new().fg(Color::Black).bg(Color::Green),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            _ => Style::new(),
        };
        rows.push(Line::from(vec![
            Span::styled(format!("{mark} "), Style::new().fg(Color::Green)),
            Span::styled(format!("{name}{}{count}", " ".repeat(gap)), style),
        ]));
    }
    if rows.is_empty() {
        let empty = if reader.is_finding() {
            "finding actors…"
        } else {
            "no actors found"
        };
        rows.push(Line::styled(empty, Style::new().fg(Color::DarkGray)));
    }
    // The selected actor's counts, metonyms apart ("Russia 41, as Moscow 9").
    let summary: Vec<String> = reader
        .selected_actor()
        .map(|a| crate::layout::wrap_plain(&reader.actors().actors[a].summary(), width))
        .unwrap_or_default();
    let footer = if summary.is_empty() {
        0
    } else {
        summary.len() + 1
    };
    let height = usize::from(inner.height).saturating_sub(footer);
    let scroll = selected_row
        .saturating_sub(height / 2)
        .min(rows.len().saturating_sub(height));
    let mut visible: Vec<Line<'static>> = rows.into_iter().skip(scroll).take(height).collect();
    if !summary.is_empty() {
        while visible.len() < height {
            visible.push(Line::raw(""));
        }
        visible.push(Line::styled(
            "─".repeat(width),
            Style::new().fg(Color::DarkGray),
        ));
        visible.extend(
            summary
                .into_iter()
                .map(|line| Line::styled(line, Style::new().fg(Color::Green))),
        );
    }
    frame.render_widget(Paragraph::new(visible), inner);
}
