//! Help built from the live keymap: the keys that work where the reader is,
//! what the marks on screen mean, and the last message in full. Also the
//! problems overlay.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{Action, App, Mode};
use crate::layout::wrap_plain;

/// What each mark gloss draws means, for the reader's help.
const MARKS: [(&str, &str); 10] = [
    (
        "¹²",
        "a footnote marker: enter on a selected one opens its note",
    ),
    (
        "✎",
        "a margin note begins on this line (beside the text, or in the margin)",
    ),
    ("underline", "text a margin note is written on"),
    ("•", "in the actor list: mentioned on this page"),
    (
        "highlight",
        "search hits (the current one stronger), or the active actor's mentions",
    ),
    (
        "S O P G",
        "in the actor list: a state, an organisation, a person, a group",
    ),
    (
        "‹ ›",
        "a table wider than the text goes on to the left or right: h and l scroll it",
    ),
    (
        "→",
        "under a note: what a short form (Ibid., a short title) stands for",
    ),
    (
        "page 12/54",
        "in the status line: the screen's page of the paper, cut for this screen",
    ),
    (
        "p. 13, §3 ¶2",
        "in the status line: where the top line is in the paper, the page of the original or the section and paragraph (gloss --at opens there)",
    ),
];

fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

fn heading(text: &str) -> Line<'static> {
    Line::styled(
        format!(" {text}"),
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    )
}

/// Rows of a two-column table: a lead 24 columns wide, then wrapped text.
fn rows(lead: &str, text: &str, width: usize, lead_style: Style) -> Vec<Line<'static>> {
    wrap_plain(text, width.saturating_sub(24).max(20))
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let lead = if i == 0 {
                format!(" {lead:<22} ")
            } else {
                " ".repeat(24)
            };
            Line::from(vec![Span::styled(lead, lead_style), Span::raw(part)])
        })
        .collect()
}

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
    let width = usize::from(inner.width);
    let key_style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
    let mut lines = Vec::new();
    if let Some(message) = app.messages().last() {
        lines.push(heading("Last message"));
        for part in wrap_plain(message, width.saturating_sub(2)) {
            lines.push(Line::raw(format!(" {part}")));
        }
        lines.push(Line::raw(""));
    }
    for (action, keys) in app.keymap().bindings(mode) {
        let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
        lines.extend(rows(
            &keys.join(" "),
            action.description(),
            width,
            key_style,
        ));
    }
    if matches!(mode, Mode::Reader | Mode::Footnotes) {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            " Type a note's number, then follow, to go to that note.",
            dim(),
        ));
    }
    if matches!(
        mode,
        Mode::Reader | Mode::Footnotes | Mode::Actors | Mode::Margin
    ) {
        lines.push(Line::raw(""));
        lines.push(heading("Marks"));
        for (mark, meaning) in MARKS {
            lines.extend(rows(mark, meaning, width, Style::new().fg(Color::Magenta)));
        }
    }
    if !app.user_files().is_empty() {
        lines.push(Line::raw(""));
        lines.push(heading("Your files"));
        for (what, path) in app.user_files() {
            let path = crate::text::clean_line(&path.display().to_string());
            lines.extend(rows(what, &path, width, dim()));
        }
    }
    // The footer stays in view, wrapped to the box; the keys scroll above it.
    let mut footer = Vec::new();
    let close = app
        .keymap()
        .key_for(Mode::Help, Action::Back)
        .map_or_else(String::new, |k| format!("{k} closes · "));
    let yours = app
        .user_files()
        .iter()
        .find(|(what, _)| *what == crate::app::user_files::KEYMAP)
        .map_or_else(
            || "$XDG_CONFIG_HOME/gloss/keymap.toml".to_owned(),
            |(_, path)| crate::text::clean_line(&path.display().to_string()),
        );
    let footer_text =
        format!("{close}j k scroll · keys come from keymap.toml; yours go in {yours}");
    for part in wrap_plain(&footer_text, width.saturating_sub(2)) {
        footer.push(Line::styled(format!(" {part}"), dim()));
    }
    let footer_height = (footer.len() as u16).min(inner.height.saturating_sub(1));
    let body = Rect::new(inner.x, inner.y, inner.width, inner.height - footer_height);
    let room = usize::from(body.height);
    let scroll = scroll.min(lines.len().saturating_sub(room));
    let visible: Vec<Line<'_>> = lines.into_iter().skip(scroll).take(room).collect();
    frame.render_widget(Paragraph::new(visible), body);
    frame.render_widget(
        Paragraph::new(footer),
        Rect::new(inner.x, body.y + body.height, inner.width, footer_height),
    );
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
    lines.push(Line::styled("Press any key to go on.", dim()));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
