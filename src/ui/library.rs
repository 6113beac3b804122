//! The library: the papers, by author, year and title, with reading progress.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::app::App;

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let area = Rect::new(area.x, area.y, area.width, area.height.saturating_sub(1));
    let block = super::pane("gloss · library", true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    // Only the papers on screen are drawn (a library may hold thousands),
    // with the selected one kept in view; each takes two rows.
    let per_screen = (height.saturating_sub(1) / 2).max(1);
    let first = app
        .library_selected
        .saturating_sub(per_screen / 2)
        .min(app.papers.len().saturating_sub(per_screen));
    let mut lines = vec![Line::raw("")];
    for (i, paper) in app.papers.iter().enumerate().skip(first) {
        if lines.len() >= height {
            break;
        }
        let selected = i == app.library_selected;
        let base = if selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let author = match paper.year {
            Some(year) => format!("{} ({year})", paper.author_line()),
            None => paper.author_line(),
        };
        let progress = match (&paper.problem, app.progress(i)) {
            (Some(_), _) => "cannot open".to_owned(),
            (None, Some(p)) => format!("{p:>3}% read"),
            (None, None) => "new".to_owned(),
        };
        // Two columns of margin on each side, as on the left.
        let author = super::ellipsize(&author, 22);
        let room = width.saturating_sub(2 + 22 + 1 + 2 + progress.width() + 2);
        let title = super::ellipsize(&paper.title, room);
        let gap = width.saturating_sub(2 + 22 + 1 + title.width() + progress.width() + 2);
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {author:<22} "),
                base.add_modifier(Modifier::BOLD),
            ),
            Span::styled(title, base),
            Span::styled(" ".repeat(gap), base),
            Span::styled(format!("{progress}  "), base.fg(Color::DarkGray)),
        ]));
        // The file, so that two conversions of one paper can be told apart.
        lines.push(Line::styled(
            format!(
                "  {:<22} {}",
                "",
                super::ellipsize(&paper.source.file_name(), width.saturating_sub(27))
            ),
            Style::new().fg(Color::DarkGray),
        ));
        if let Some(problem) = &paper.problem {
            lines.push(Line::styled(
                format!("    {problem}"),
                Style::new().fg(Color::Red),
            ));
        }
    }
    if app.papers.is_empty() {
        lines.push(Line::styled(
            "  no papers to show",
            Style::new().fg(Color::DarkGray),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The search across papers: the query, then each hit's paper, section and
/// the words around it.
pub fn find(frame: &mut Frame<'_>, find: &crate::app::find::Find) {
    let inner = super::overlay(frame, "Search every paper");
    let width = usize::from(inner.width);
    let summary = match (&find.problem, find.hits.len()) {
        (Some(problem), _) => problem.clone(),
        (None, 1) => "1 hit".to_owned(),
        (None, n) => format!("{n} hits, best first"),
    };
    let mut lines = super::query_header(&find.query, &summary, width);
    let rows = usize::from(inner.height).saturating_sub(lines.len()) / 2;
    let first = find.selected.saturating_sub(rows.saturating_sub(1));
    for (i, hit) in find.hits.iter().enumerate().skip(first).take(rows) {
        let base = if i == find.selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let file = hit
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let place = match hit.kind.as_str() {
            "note" => format!("note {}", hit.place),
            "margin" => "your margin note".to_owned(),
            _ => hit.section.clone(),
        };
        let head = super::ellipsize(&format!(" {file} · {place} — {}", hit.title), width);
        let gap = width.saturating_sub(head.width());
        lines.push(Line::from(vec![
            Span::styled(head, base.add_modifier(Modifier::BOLD)),
            Span::styled(" ".repeat(gap), base),
        ]));
        // The snippet, its matched words (in brackets) highlighted.
        let mut spans = vec![Span::raw("   ")];
        let snippet = super::ellipsize(&hit.snippet, width.saturating_sub(3));
        for (n, part) in snippet.split(['[', ']']).enumerate() {
            let style = if n % 2 == 1 {
                super::hit_style(false)
            } else {
                Style::new().fg(Color::DarkGray)
            };
            spans.push(Span::styled(part.to_owned(), style));
        }
        lines.push(Line::from(spans));
    }
    if find.hits.is_empty() && find.problem.is_none() && !find.query.trim().is_empty() {
        lines.push(Line::styled(
            " no paper has these words",
            Style::new().fg(Color::DarkGray),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
