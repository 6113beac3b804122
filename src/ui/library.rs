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
    let shelf = app.shelf();
    let mut title = format!("gloss · library · {}", app.library().sort().name());
    if !app.library().filter().is_empty() {
        title.push_str(&format!(
            " · “{}”: {} of {}",
            app.library().filter(),
            shelf.len(),
            app.library().papers().len()
        ));
    }
    let block = super::pane(&title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The selected paper's abstract below the list, where there is room.
    let detail_height = if inner.height >= 18 { 6 } else { 0 };
    let list = Rect::new(inner.x, inner.y, inner.width, inner.height - detail_height);
    if detail_height > 0 {
        detail(
            frame,
            Rect::new(inner.x, list.y + list.height, inner.width, detail_height),
            app,
        );
    }
    let width = usize::from(list.width);
    let height = usize::from(list.height);
    // Only the papers on screen are drawn (a library may hold thousands),
    // with the selected one kept in view; each takes two rows.
    let per_screen = (height.saturating_sub(1) / 2).max(1);
    let row = shelf
        .iter()
        .position(|&i| i == app.library().selected())
        .unwrap_or(0);
    let first = row
        .saturating_sub(per_screen / 2)
        .min(shelf.len().saturating_sub(per_screen));
    let mut lines = vec![Line::raw("")];
    for &i in shelf.iter().skip(first) {
        let paper = &app.library().papers()[i];
        if lines.len() >= height {
            break;
        }
        let selected = i == app.library().selected();
        let base = if selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let author = match paper.listing.year {
            Some(year) => format!("{} ({year})", paper.author_line()),
            None => paper.author_line(),
        };
        let mut progress = match (&paper.listing.problem, app.progress(i)) {
            (Some(_), _) => "cannot open".to_owned(),
            (None, Some(p)) => format!("{p:>3}% read"),
            (None, None) => "new".to_owned(),
        };
        if paper.listing.margin_notes > 0 {
            progress = format!("✎{} {progress}", paper.listing.margin_notes);
        }
        // Two columns of margin on each side, as on the left.
        let author = super::ellipsize(&author, 22);
        let room = width.saturating_sub(2 + 22 + 1 + 2 + progress.width() + 2);
        let title = super::ellipsize(&paper.listing.title, room);
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
                super::ellipsize(&paper.origin.file_name(), width.saturating_sub(27))
            ),
            Style::new().fg(Color::DarkGray),
        ));
        if let Some(problem) = &paper.listing.problem {
            lines.push(Line::styled(
                format!("    {problem}"),
                Style::new().fg(Color::Red),
            ));
        }
    }
    if shelf.is_empty() {
        let empty = if app.library().papers().is_empty() {
            "  no papers to show"
        } else {
            "  no paper matches the filter (f to change it)"
        };
        lines.push(Line::styled(empty, Style::new().fg(Color::DarkGray)));
    }
    frame.render_widget(Paragraph::new(lines), list);
}

/// The selected paper's abstract and keywords, under a rule.
fn detail(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let width = usize::from(area.width);
    let mut lines = vec![Line::styled(
        "─".repeat(width),
        Style::new().fg(Color::DarkGray),
    )];
    if let Some(paper) = app.library().papers().get(app.library().selected()) {
        let text = paper.listing.abstract_text.as_deref().unwrap_or(
            if paper.listing.keywords.is_empty() {
                "(no abstract in the text)"
            } else {
                ""
            },
        );
        let room = usize::from(area.height).saturating_sub(2).max(1);
        let mut wrapped = crate::layout::wrap_plain(text, width.saturating_sub(4));
        if wrapped.len() > room {
            wrapped.truncate(room);
            if let Some(last) = wrapped.last_mut() {
                last.push('…');
            }
        }
        lines.extend(wrapped.into_iter().map(|l| {
            Line::styled(
                format!("  {l}"),
                Style::new().add_modifier(Modifier::ITALIC),
            )
        }));
        if !paper.listing.keywords.is_empty() {
            lines.push(Line::styled(
                super::ellipsize(
                    &format!("  Keywords: {}", paper.listing.keywords.join(", ")),
                    width,
                ),
                Style::new().fg(Color::DarkGray),
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The search across papers: the query, then each hit's paper, section and
/// the words around it.
/// The search across papers; `searching` while the hits of the query as
/// typed are still to come (those shown are the query's before).
pub fn find(frame: &mut Frame<'_>, find: &crate::app::find::Find, searching: bool) {
    let inner = super::overlay(frame, "Search every paper");
    let width = usize::from(inner.width);
    let summary = match (&find.problem, find.hits.len()) {
        _ if searching => "searching…".to_owned(),
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
    if find.hits.is_empty() && find.problem.is_none() && !find.query.trim().is_empty() && !searching
    {
        lines.push(Line::styled(
            " no paper has these words",
            Style::new().fg(Color::DarkGray),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// "1 paper", "3 papers".
fn count(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}

/// Actors or sources across the library: the names, most widespread first,
/// with how often and in how many papers; then, for the chosen one, its papers.
pub fn across(frame: &mut Frame<'_>, view: &crate::app::across::AcrossView) {
    let what = match view.what {
        crate::index::Across::Actors => "Actors across the library",
        crate::index::Across::Sources => "Sources across the library",
    };
    let inner = super::overlay(frame, what);
    let width = usize::from(inner.width);
    let rows = usize::from(inner.height).saturating_sub(2);
    let selected_style = Style::new().add_modifier(Modifier::REVERSED);
    let line = |left: String, right: String, selected: bool| {
        let style = if selected {
            selected_style
        } else {
            Style::new()
        };
        let left = super::ellipsize(&left, width.saturating_sub(right.width() + 2));
        let gap = width.saturating_sub(left.width() + right.width() + 1);
        Line::from(vec![
            Span::styled(left, style),
            Span::styled(" ".repeat(gap), style),
            Span::styled(format!("{right} "), style.fg(Color::DarkGray)),
        ])
    };
    let mut lines;
    match view.chosen {
        None => {
            let shown = view.shown();
            let kind = match view.what {
                crate::index::Across::Actors => "actor",
                crate::index::Across::Sources => "source",
            };
            lines = super::query_header(&view.query, &count(shown.len(), kind), width);
            let first = view.selected.saturating_sub(rows.saturating_sub(1));
            for (row, &i) in shown.iter().enumerate().skip(first).take(rows) {
                let name = &view.names[i];
                let papers = count(name.papers.len(), "paper");
                lines.push(line(
                    format!(" {}", name.name),
                    format!(
                        "{} · {}× · {papers}",
                        name.kind.replace('_', " "),
                        name.count
                    ),
                    row == view.selected,
                ));
            }
        }
        Some(chosen) => {
            let name = &view.names[chosen];
            lines = vec![
                Line::styled(
                    format!(
                        " {} · {}× in {}",
                        name.name,
                        name.count,
                        count(name.papers.len(), "paper")
                    ),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Line::styled("─".repeat(width), Style::new().fg(Color::DarkGray)),
            ];
            let first = view.paper_selected.saturating_sub(rows.saturating_sub(1));
            for (row, (path, count)) in name.papers.iter().enumerate().skip(first).take(rows) {
                let file = path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                lines.push(line(
                    format!(" {file}"),
                    format!("{count}×"),
                    row == view.paper_selected,
                ));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
