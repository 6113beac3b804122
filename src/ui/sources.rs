//! The sources a paper cites: the list (`S`), and one source's citations in
//! the bottom pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::app::reader::Reader;

/// The list of sources, filtered by `query`, with the `selected` row.
pub fn list(frame: &mut Frame<'_>, app: &App, query: &str, selected: usize) {
    let Some(reader) = app.reader() else {
        return;
    };
    let inner = super::overlay(frame, "Sources");
    let width = usize::from(inner.width);
    let listed = reader.listed_sources(query);
    let count = match listed.len() {
        1 => "1 source".to_owned(),
        n => format!("{n} sources"),
    };
    let mut lines = super::query_header(
        query,
        &format!("{count} · author, title, year, outlet"),
        width,
    );
    let rows = usize::from(inner.height).saturating_sub(lines.len());
    let scroll = selected.saturating_sub(rows.saturating_sub(1));
    for (i, &index) in listed.iter().enumerate().skip(scroll).take(rows) {
        let source = &reader.bibliography().sources[index];
        let base = if i == selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let cited = match source.cited_in.len() {
            1 => "cited once".to_owned(),
            n => format!("cited {n}×"),
        };
        let year = source.fields.year.clone().unwrap_or_default();
        let right = format!(
            "{year:>4}  {:<17} {cited:>10} ",
            source.kind.name().replace('_', " ")
        );
        let room = width.saturating_sub(right.width() + 2);
        let label = super::ellipsize(&source.label(200), room);
        let gap = width.saturating_sub(1 + label.width() + right.width());
        lines.push(Line::from(vec![
            Span::styled(format!(" {label}"), base),
            Span::styled(" ".repeat(gap), base),
            Span::styled(right, base.fg(Color::DarkGray)),
        ]));
    }
    if listed.is_empty() {
        lines.push(Line::styled(
            " no source matches",
            Style::new().fg(Color::DarkGray),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Every place `source` is cited: the note, its pages, and the citation as
/// the note writes it; the selected one is where `enter` goes.
pub fn citations(
    frame: &mut Frame<'_>,
    area: Rect,
    reader: &Reader,
    source: usize,
    selected: usize,
    focused: bool,
) {
    let Some(work) = reader.bibliography().sources.get(source) else {
        return;
    };
    let places = reader.source_places(source);
    let title = format!(
        "Cited {}: {}",
        match places.len() {
            1 => "once".to_owned(),
            n => format!("{n} times"),
        },
        work.label(usize::from(area.width).saturating_sub(20))
    );
    let block = super::pane(&title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height).max(1);
    let scroll = selected
        .saturating_sub(height / 2)
        .min(places.len().saturating_sub(height));
    let lines: Vec<Line<'static>> = places
        .iter()
        .enumerate()
        .skip(scroll)
        .take(height)
        .map(|(i, place)| {
            let note = &reader.document().footnotes[place.note];
            let text = reader
                .bibliography()
                .citations(place.note)
                .iter()
                .find(|c| c.source == Some(source))
                .and_then(|c| note.text().get(c.range.clone()))
                .unwrap_or(note.text());
            let pages = place
                .pages
                .as_deref()
                .map(|p| format!("p. {p}"))
                .unwrap_or_default();
            let lead = format!(" {:>4}  {:<12} ", note.label, super::ellipsize(&pages, 12));
            let base = if i == selected {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            let room = width.saturating_sub(lead.width());
            Line::from(vec![
                Span::styled(lead, base.fg(Color::Magenta)),
                Span::styled(super::ellipsize(text, room), base),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
