//! Overlays for margin notes: the editor, the list of all notes, and the
//! yes-or-no question before deleting.

use ratatui::Frame;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::app::editor::{EditTarget, Editor};
use crate::layout::wrap_plain;

pub fn editor(frame: &mut Frame<'_>, editor: &Editor) {
    let screen = frame.area();
    let area = super::centred(
        screen,
        (screen.width * 3 / 4).min(90),
        (screen.height * 2 / 3).max(10),
    );
    super::clear(frame, area);
    let title = match editor.target {
        EditTarget::New { .. } => "New margin note",
        EditTarget::NewOnFootnote { .. } => "New margin note on the footnote",
        EditTarget::Existing(_) => "Edit margin note",
    };
    let block = super::pane(title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = crate::app::editor::text_width(screen.width);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let quote: String = editor.quote.chars().take(240).collect();
    let ellipsis = if quote.len() < editor.quote.len() {
        "…"
    } else {
        ""
    };
    for part in wrap_plain(&format!("“{quote}{ellipsis}”"), width)
        .into_iter()
        .take(3)
    {
        lines.push(Line::styled(
            format!(" {part}"),
            Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
        ));
    }
    lines.push(Line::styled(
        format!(" {}", "─".repeat(width)),
        Style::new().fg(Color::DarkGray),
    ));
    // The text soft-wrapped to the box, scrolled so the cursor is in view.
    let height = usize::from(inner.height);
    let room = height.saturating_sub(lines.len() + 1).max(1);
    let rows = editor.rows(width);
    let (cursor_row, _) = editor.cursor_at(width);
    let scroll = cursor_row.saturating_sub(room - 1);
    for (index, row) in rows.iter().enumerate().skip(scroll).take(room) {
        let text = &editor.lines[row.line];
        let piece = text.get(row.range.clone()).unwrap_or("");
        let on_cursor = index == cursor_row;
        if !on_cursor {
            lines.push(Line::raw(format!(" {piece}")));
            continue;
        }
        let split = editor.column.clamp(row.range.start, row.range.end) - row.range.start;
        let (before, after) = piece.split_at(split.min(piece.len()));
        let mut rest = after.chars();
        let under = rest.next().map_or(" ".to_owned(), |c| c.to_string());
        lines.push(Line::from(vec![
            Span::raw(format!(" {before}")),
            Span::styled(under, Style::new().add_modifier(Modifier::REVERSED)),
            Span::raw(rest.as_str().to_owned()),
        ]));
    }
    let footer = if editor.confirming_discard {
        " discard what you wrote? y / n"
    } else {
        " ctrl-s save · esc cancel · #tag to tag"
    };
    while lines.len() + 1 < height {
        lines.push(Line::raw(""));
    }
    lines.truncate(height.saturating_sub(1));
    lines.push(Line::styled(footer, Style::new().fg(Color::Cyan)));
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn list(frame: &mut Frame<'_>, app: &App, query: &str, selected: usize) {
    let inner = super::overlay(frame, "Margin notes");
    let width = usize::from(inner.width);
    let notes = app.listed_margin_notes(query);
    let count = if notes.len() == 1 {
        "1 note".to_owned()
    } else {
        format!("{} notes", notes.len())
    };
    let mut lines = super::query_header(query, &format!("{count} · #tag filters"), width);
    let rows = usize::from(inner.height).saturating_sub(2);
    for (i, note) in notes
        .iter()
        .enumerate()
        .skip(selected.saturating_sub(rows.saturating_sub(1)))
        .take(rows)
    {
        let base = if i == selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let status = if note.placed { "✎" } else { "orphan" };
        // Where the note is, on the right: it stays when the text is cut.
        let location = super::ellipsize(&note.location, width / 3);
        let text = super::ellipsize(
            &format!(
                " {status} {} — “{}”",
                note.text.replace('\n', " "),
                note.quote
            ),
            width.saturating_sub(location.width() + 2),
        );
        let gap = width.saturating_sub(text.width() + location.width() + 1);
        lines.push(Line::from(vec![
            Span::styled(text, base),
            Span::styled(" ".repeat(gap), base),
            Span::styled(format!("{location} "), base.fg(Color::DarkGray)),
        ]));
    }
    if notes.is_empty() {
        lines.push(Line::styled(" no notes", Style::new().fg(Color::DarkGray)));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

pub fn confirm(frame: &mut Frame<'_>, question: &str) {
    let screen = frame.area();
    let area = super::centred(screen, (question.width() as u16 + 6).min(screen.width), 3);
    super::clear(frame, area);
    let block = super::pane("Confirm", true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(format!(" {question}")), inner);
}
