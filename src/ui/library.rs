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
