//! Help built from the live keymap, and the problems overlay.

use ratatui::Frame;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Mode};

pub fn draw(frame: &mut Frame<'_>, app: &App, scroll: usize) {
    // The keys of what is under the help: the pane the reader was using.
    let mode = app.mode_without_overlay();
    let screen = frame.area();
    let area = super::centred(
        screen,
        (screen.width * 4 / 5).min(96),
        screen.height.saturating_sub(4),
    );
    super::clear(frame, area);
    let block = super::pane(&format!("Keys · {}", mode.name()), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = Vec::new();
    let description_width = usize::from(inner.width).saturating_sub(24).max(20);
    for (action, keys) in app.keymap.bindings(mode) {
        let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
        let description = crate::layout::wrap_plain(action.description(), description_width);
        for (i, part) in description.into_iter().enumerate() {
            let lead = if i == 0 {
                format!(" {:<22} ", keys.join(" "))
            } else {
                " ".repeat(24)
            };
            lines.push(Line::from(vec![
                Span::styled(
                    lead,
                    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                ),
                Span::raw(part),
            ]));
        }
    }
    if matches!(mode, Mode::Reader | Mode::Footnotes) {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            " Type a note's number, then follow, to go to that note.",
            Style::new().fg(Color::DarkGray),
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " Keys come from keymap.toml; yours go in $XDG_CONFIG_HOME/gloss/keymap.toml.",
        Style::new().fg(Color::DarkGray),
    ));
    let scroll = scroll.min(lines.len().saturating_sub(1));
    let visible: Vec<Line<'_>> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(visible).wrap(Wrap { trim: false }), inner);
}

pub fn problems(frame: &mut Frame<'_>, problems: &[String]) {
    let screen = frame.area();
    let area = super::centred(
        screen,
        (screen.width * 4 / 5).min(96),
        (problems.len() as u16 * 2 + 4).min(screen.height),
    );
    super::clear(frame, area);
    let block = super::pane("Please note", true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines: Vec<Line<'_>> = problems
        .iter()
        .map(|p| Line::raw(format!("• {p}")))
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Press any key to go on.",
        Style::new().fg(Color::DarkGray),
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
