//! The reader without a terminal: feed keys, get the screen as text. The
//! basis of `gloss render`, snapshot tests and render benchmarks.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use crate::app::{App, Key};

/// Parses a list of keys in the keymap's notation, separated by spaces.
pub fn parse_keys(keys: &str) -> Result<Vec<Key>, String> {
    keys.split_whitespace()
        .map(|token| {
            Key::parse(token).ok_or_else(|| {
                format!(
                    "'{}' is not a key (try \"q\", \"ctrl-p\", \"space\", \"enter\")",
                    crate::text::clean_line(token)
                )
            })
        })
        .collect()
}

/// The largest side of a rendered screen, in cells.
pub const MAX_SIDE: u32 = 1000;

/// Parses "120x40".
pub fn parse_size(size: &str) -> Result<(u16, u16), String> {
    let (width, height) = size
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("'{size}' is not a size: write it like 120x40"))?;
    let parse = |n: &str| n.trim().parse::<u32>().ok();
    match (parse(width), parse(height)) {
        (Some(w), Some(h)) if (1..=MAX_SIDE).contains(&w) && (1..=MAX_SIDE).contains(&h) => {
            Ok((w as u16, h as u16))
        }
        (Some(_), Some(_)) => Err(format!(
            "'{size}' is too large or empty: each side is 1 to {MAX_SIDE} cells"
        )),
        _ => Err(format!("'{size}' is not a size: write it like 120x40")),
    }
}

/// Draws `app` on a test backend of its size.
pub fn draw(app: &App) -> Buffer {
    let backend = {
        let (width, height) = app.size();
        TestBackend::new(width, height)
    };
    let mut terminal = match Terminal::new(backend) {
        Ok(terminal) => terminal,
        Err(never) => match never {},
    };
    let drawn = terminal.draw(|frame| crate::ui::draw(frame, app));
    if let Err(never) = drawn {
        match never {}
    }
    terminal.backend().buffer().clone()
}

/// The screen as text: one line per row, trailing spaces trimmed.
pub fn screen_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < area.width {
            // A wide character covers the cells after it.
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            x += (unicode_width::UnicodeWidthStr::width(symbol) as u16).max(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Feeds `keys` to `app` (ignoring what they ask of the outside world) and
/// returns the final screen as text.
pub fn run_keys(app: &mut App, keys: &[Key]) -> String {
    for &key in keys {
        app.handle_key(key);
        if app.should_quit() {
            break;
        }
    }
    screen_text(&draw(app))
}
