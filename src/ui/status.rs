//! The status line: where the reader is, and how to get help.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::app::{Action, App, Focus, Overlay, Screen};

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
    if let Overlay::Search(query) = &app.overlay {
        let line = Line::from(vec![
            Span::styled(
                " /",
                Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            ),
            Span::raw(query.clone()),
            Span::styled("▏", Style::new().fg(Color::Yellow)),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let mode = app.mode();
    let visual = app.reader.as_ref().is_some_and(|r| r.visual.is_some());
    let (badge, color) = match (&app.screen, app.reader.as_ref().map(|r| r.focus)) {
        (Screen::Library, _) => ("LIBRARY", Color::Blue),
        _ if matches!(app.overlay, Overlay::Editor(_)) => ("WRITE", Color::Yellow),
        _ if visual => ("VISUAL", Color::Cyan),
        (_, Some(Focus::Margin)) => ("MARGIN", Color::Yellow),
        (_, Some(Focus::Footnotes)) => ("NOTES", Color::Magenta),
        (_, Some(Focus::Actors | Focus::Mentions)) => ("ACTORS", Color::Green),
        _ => ("READ", Color::Cyan),
    };
    let mut left = vec![Span::styled(
        format!(" {badge} "),
        Style::new()
            .fg(Color::Black)
            .bg(color)
            .add_modifier(Modifier::BOLD),
    )];
    let middle = match (&app.message, &app.reader, &app.screen) {
        (Some(message), _, _) => message.clone(),
        (None, Some(reader), Screen::Reader) => {
            let paper = app
                .papers
                .get(reader.paper)
                .map(|p| p.short_name())
                .unwrap_or_default();
            let section = reader
                .current_section()
                .map(|s| format!(" · {}", reader.document.sections[s].title))
                .unwrap_or_default();
            let (page, pages) = reader.page();
            let original = reader
                .original_page()
                .map(|p| format!(" · p. {p}"))
                .unwrap_or_default();
            format!(
                "{paper}{section} · page {page}/{pages}{original} · {}%",
                reader.percent()
            )
        }
        _ => format!("{} papers", app.papers.len()),
    };
    let hint_key = |action| app.keymap.key_for(mode, action).map(|k| k.to_string());
    let mut hints = Vec::new();
    if let Some(key) = hint_key(Action::Help) {
        hints.push(format!("{key} help"));
    }
    if app.screen == Screen::Reader
        && let Some(key) = hint_key(Action::OpenPalette)
    {
        hints.push(format!("{key} jump"));
    }
    let right = format!("{} ", hints.join("  "));
    let used = badge.len() + 2 + right.width() + 2;
    let room = usize::from(area.width).saturating_sub(used);
    let mut middle: String = middle.chars().collect();
    while middle.width() > room {
        middle.pop();
    }
    left.push(Span::raw(format!(" {middle}")));
    let gap = usize::from(area.width)
        .saturating_sub(badge.len() + 2 + 1 + middle.width() + right.width());
    left.push(Span::raw(" ".repeat(gap)));
    left.push(Span::styled(right, Style::new().fg(Color::DarkGray)));
    frame.render_widget(Paragraph::new(Line::from(left)), area);
}
