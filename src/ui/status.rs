//! The status line: the pane in focus, what the reader is reading or the
//! last message, where they are, and how to get help. Where is the last thing
//! to give way: a narrow terminal shortens the section, then the message,
//! and drops the hints, but always shows the page and the percentage.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::ellipsize;
use crate::app::reader::Bottom;
use crate::app::{Action, App, Focus, Overlay, Screen};

/// How much of the paper's name and section a line keeps before the hints go.
const KEEP_CONTEXT: usize = 24;

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let prompt = match app.overlay() {
        Overlay::Search(query) => Some((" /", query.clone(), String::new())),
        Overlay::LibraryFilter => Some((
            " filter: ",
            app.library().filter().to_owned(),
            format!(
                "  {} of {} papers",
                app.shelf().len(),
                app.library().papers().len()
            ),
        )),
        _ => None,
    };
    if let Some((lead, text, after)) = prompt {
        let line = Line::from(vec![
            Span::styled(
                lead,
                Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            ),
            Span::raw(text),
            Span::styled("▏", Style::new().fg(Color::Yellow)),
            Span::styled(after, Style::new().fg(Color::DarkGray)),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let width = usize::from(area.width);
    let (badge, color) = badge(app);
    let badge = format!(" {badge} ");
    let mut position = position(app);
    if badge.width() + position.width() + 3 > width {
        position = position_short(app);
    }
    let hints = hints(app);
    // Badge, a space, the context, two spaces, the position, a space.
    let mut room = width.saturating_sub(badge.width() + 1 + position.width() + 3);
    let wanted = context_width(app);
    let show_hints = !hints.is_empty() && room >= hints.width() + 2 + wanted.min(KEEP_CONTEXT);
    if show_hints {
        room -= hints.width() + 2;
    }
    let context = context(app, room);
    let gap = room.saturating_sub(context.width());
    let mut spans = vec![
        Span::styled(
            badge,
            Style::new()
                .fg(Color::Black)
                .bg(color)
                .add_modifier(Modifier::BOLD),
        ),
        Span::raw(format!(" {context}{}  ", " ".repeat(gap))),
        Span::styled(position, Style::new().add_modifier(Modifier::BOLD)),
    ];
    if show_hints {
        spans.push(Span::styled(
            format!("  {hints}"),
            Style::new().fg(Color::DarkGray),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn badge(app: &App) -> (&'static str, Color) {
    let reader = app.reader();
    let visual = reader.is_some_and(|r| r.margin().visual().is_some());
    let mentions = reader.is_some_and(|r| r.bottom() == Bottom::Mentions);
    match (app.screen(), reader.map(|r| r.focus())) {
        (Screen::Library, _) => ("LIBRARY", Color::Blue),
        _ if matches!(app.overlay(), Overlay::Editor(_)) => ("WRITE", Color::Yellow),
        _ if visual => ("VISUAL", Color::Cyan),
        (_, Some(Focus::Margin)) => ("MARGIN", Color::Yellow),
        (_, Some(Focus::Footnotes)) if mentions => ("MENTIONS", Color::Green),
        (_, Some(Focus::Footnotes))
            if reader.is_some_and(|r| matches!(r.bottom(), Bottom::Citations { .. })) =>
        {
            ("SOURCE", Color::Blue)
        }
        (_, Some(Focus::Footnotes)) => ("NOTES", Color::Magenta),
        (_, Some(Focus::Actors)) => ("ACTORS", Color::Green),
        _ => ("READ", Color::Cyan),
    }
}

/// Where the reader is: "page 12/35 · p. 13 · 34%", or the library's count.
fn position(app: &App) -> String {
    match (app.reader(), app.screen()) {
        (Some(reader), Screen::Reader) if reader.is_preview() => {
            let (page, _) = reader.page();
            let reading = app.still_reading().unwrap_or_default();
            format!("page {page} · {reading}")
        }
        (Some(reader), Screen::Reader) => {
            let (page, pages) = reader.page();
            // A very large paper, laid out a window at a time, is not cut
            // into pages whole: its count is an estimate, and says so.
            let about = if reader.is_windowed() { "≈" } else { "" };
            format!(
                "page {page}/{about}{pages} · {} · {}%",
                reader.location(),
                reader.percent()
            )
        }
        _ => {
            let papers = match app.library().papers().len() {
                1 => "1 paper".to_owned(),
                n => format!("{n} papers"),
            };
            if let Some(converting) = app.converting_now() {
                return format!("{converting} · {papers}");
            }
            match app.indexing() {
                Some(indexing) => {
                    format!("indexing {}/{} · {papers}", indexing.done, indexing.total)
                }
                None => papers,
            }
        }
    }
}

/// The position for the narrowest terminals: "12/35 · 34%".
fn position_short(app: &App) -> String {
    match (app.reader(), app.screen()) {
        (Some(reader), Screen::Reader) if reader.is_preview() => {
            format!("{} · reading…", reader.page().0)
        }
        (Some(reader), Screen::Reader) => {
            let (page, pages) = reader.page();
            format!("{page}/{pages} · {}%", reader.percent())
        }
        _ => position(app),
    }
}

fn hints(app: &App) -> String {
    let mode = app.mode();
    let mut hints = Vec::new();
    // A table wider than the text on the page: say how to see the rest.
    let wide_table =
        app.screen() == Screen::Reader && app.reader().is_some_and(|r| r.table_overflow() > 0);
    if wide_table
        && let (Some(left), Some(right)) = (
            app.keymap().key_for(mode, Action::TableLeft),
            app.keymap().key_for(mode, Action::TableRight),
        )
    {
        hints.push(format!("{left} {right} table"));
    }
    for (action, what) in [(Action::Help, "help"), (Action::OpenPalette, "jump")] {
        if let Some(key) = app.keymap().key_for(mode, action) {
            hints.push(format!("{key} {what}"));
        }
    }
    hints.join("  ")
}

/// The paper and section being read, without a message.
fn paper_and_section(app: &App) -> Option<(String, Option<String>)> {
    let reader = app.reader().filter(|_| app.screen() == Screen::Reader)?;
    let paper = app
        .library()
        .papers()
        .get(reader.paper())
        .map(|p| p.short_name())
        .unwrap_or_default();
    let section = reader
        .current_section()
        .map(|s| reader.document().sections[s].title.clone());
    Some((paper, section))
}

fn context_width(app: &App) -> usize {
    match (app.message(), paper_and_section(app)) {
        (Some(message), _) => message.width(),
        (None, Some((paper, section))) => paper.width() + section.map_or(0, |s| s.width() + 3),
        (None, None) => 0,
    }
}

/// The message, or the paper and its section, in `room` columns: the
/// section shortens first, with "…".
fn context(app: &App, room: usize) -> String {
    match (app.message(), paper_and_section(app)) {
        (Some(message), _) => ellipsize(message, room),
        (None, Some((paper, Some(section)))) => {
            let paper = ellipsize(&paper, room);
            let left = room.saturating_sub(paper.width() + 3);
            if left >= 2 {
                format!("{paper} · {}", ellipsize(&section, left))
            } else {
                paper
            }
        }
        (None, Some((paper, None))) => ellipsize(&paper, room),
        (None, None) => String::new(),
    }
}
