//! Views: each pane borrows the state and draws it. Nothing here changes state.

mod actors;
mod footnotes;
mod help;
mod library;
mod margin;
mod margin_notes;
mod palette;
mod sidenotes;
mod sources;
mod status;
mod text;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::app::state::Area;
use crate::app::{App, Overlay, Screen};

/// Draws the whole screen for `app`.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let geometry = app.geometry();
    if geometry.too_small {
        too_small(frame, app);
        return;
    }
    match (app.screen(), app.reader()) {
        (Screen::Reader, Some(reader)) => {
            if let Some(area) = geometry.sidebar {
                actors::draw(frame, rect(area), app, reader);
            }
            // Where each margin note sits, for the text's gutter and the margin.
            let footnote_rows = margin::footnote_rows(reader);
            let areas = (rect(geometry.text_pane), rect(geometry.text));
            text::draw(frame, areas, app, reader, &footnote_rows);
            if let Some(area) = geometry.margin {
                margin::draw(frame, rect(area), reader, &footnote_rows);
            }
            match geometry.sidenotes {
                Some(area) => sidenotes::draw(frame, rect(area), reader),
                None => footnotes::draw(frame, rect(geometry.bottom), reader),
            }
        }
        _ => library::draw(frame, frame.area(), app),
    }
    status::draw(frame, rect(geometry.status), app);
    match app.overlay() {
        Overlay::None | Overlay::Search(_) | Overlay::LibraryFilter => {}
        Overlay::Help { scroll } => help::draw(frame, app, *scroll),
        Overlay::Palette(palette) => palette::draw(frame, palette),
        Overlay::Problems(problems) => help::problems(frame, problems),
        Overlay::Editor(editor) => margin_notes::editor(frame, editor),
        Overlay::MarginNotesList { query, selected } => {
            margin_notes::list(frame, app, query, *selected)
        }
        Overlay::Sources { query, selected } => sources::list(frame, app, query, *selected),
        Overlay::Find(find) => library::find(frame, find, app.is_searching()),
        Overlay::Across(view) => library::across(frame, view),
        Overlay::Confirm(_) => margin_notes::confirm(frame, "Delete this margin note? y / n"),
    }
    if app.no_color() {
        monochrome(frame.buffer_mut());
    }
}

/// The screen without colour, for `NO_COLOR`: every colour goes, and what a
/// colour marked (a selection, a hit, the badge) is shown in reverse video
/// instead; bold, italic and underline stay. no-color.org asks for no
/// colour, not for no emphasis.
fn monochrome(buffer: &mut ratatui::buffer::Buffer) {
    for cell in &mut buffer.content {
        if cell.bg != Color::Reset {
            cell.modifier.insert(Modifier::REVERSED);
        }
        cell.fg = Color::Reset;
        cell.bg = Color::Reset;
        cell.underline_color = Color::Reset;
    }
}

pub(crate) fn rect(area: Area) -> Rect {
    Rect::new(area.x, area.y, area.width, area.height)
}

/// A bordered pane; the focused one stands out.
pub(crate) fn pane(title: &str, focused: bool) -> Block<'static> {
    let style = if focused {
        Style::new().fg(Color::Cyan)
    } else {
        Style::new().fg(Color::DarkGray)
    };
    let title_style = if focused {
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
    } else {
        Style::new()
    };
    Block::new()
        .borders(Borders::ALL)
        .border_style(style)
        .title(Line::styled(format!(" {title} "), title_style))
}

/// A centred rectangle `percent_x`% wide and `percent_y`% high of `area`.
pub(crate) fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// The top of a filtering overlay: "> query▏  summary", then a rule.
pub(crate) fn query_header(query: &str, summary: &str, width: usize) -> Vec<Line<'static>> {
    use ratatui::text::Span;
    vec![
        Line::from(vec![
            Span::styled(
                "> ",
                Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            ),
            Span::raw(query.to_owned()),
            Span::styled("▏", Style::new().fg(Color::Cyan)),
            Span::styled(format!("  {summary}"), Style::new().fg(Color::DarkGray)),
        ]),
        Line::styled("─".repeat(width), Style::new().fg(Color::DarkGray)),
    ]
}

/// A centred overlay box titled `title`; returns the area inside its border.
pub(crate) fn overlay(frame: &mut Frame<'_>, title: &str) -> Rect {
    let screen = frame.area();
    let area = centred(
        screen,
        (screen.width * 4 / 5).min(100),
        (screen.height * 3 / 4).max(8),
    );
    clear(frame, area);
    let block = pane(title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// A search hit: the current one stands out (also without colour).
pub(crate) fn hit_style(current: bool) -> Style {
    if current {
        Style::new()
            .fg(Color::Black)
            .bg(Color::LightRed)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    } else {
        Style::new().fg(Color::Black).bg(Color::Yellow)
    }
}

/// Pushes `text` (bytes `source` of some text) as spans styled `style`, cut
/// where the `marks` (ranges of that text, with their style) begin and end.
pub(crate) fn marked_spans(
    text: &str,
    source: &std::ops::Range<usize>,
    marks: &[(std::ops::Range<usize>, Style)],
    style: Style,
    out: &mut Vec<ratatui::text::Span<'static>>,
) {
    let relevant: Vec<&(std::ops::Range<usize>, Style)> = marks
        .iter()
        .filter(|(range, _)| range.start < source.end && range.end > source.start)
        .collect();
    let mut cuts = vec![0, text.len()];
    for (range, _) in &relevant {
        cuts.push(range.start.saturating_sub(source.start).min(text.len()));
        cuts.push(range.end.saturating_sub(source.start).min(text.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let Some(piece) = text.get(start..end) else {
            continue;
        };
        let at = source.start + start;
        let patch = relevant
            .iter()
            .rev()
            .find(|(range, _)| range.start <= at && at < range.end)
            .map_or(style, |(_, mark)| style.patch(*mark));
        out.push(ratatui::text::Span::styled(piece.to_owned(), patch));
    }
}

/// Wraps `text` to `width`, with each line's byte range in `text` (for marks).
pub(crate) fn wrap_with_ranges(text: &str, width: usize) -> Vec<(String, std::ops::Range<usize>)> {
    crate::layout::wrap_ranges(text, width)
        .into_iter()
        .map(|range| (text.get(range.clone()).unwrap_or("").to_owned(), range))
        .collect()
}

/// `text` in at most `width` columns, ending in "…" where it was cut.
pub(crate) fn ellipsize(text: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

pub(crate) fn clear(frame: &mut Frame<'_>, area: Rect) {
    frame.render_widget(Clear, area);
}

fn too_small(frame: &mut Frame<'_>, app: &App) {
    let text = format!(
        "terminal too small: {}×{} (gloss needs {}×{})",
        app.size().0,
        app.size().1,
        crate::app::state::MIN_WIDTH,
        crate::app::state::MIN_HEIGHT
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), frame.area());
}
