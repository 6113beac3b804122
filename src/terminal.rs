//! The reader in a real terminal: events in, frames out, and the terminal
//! always restored (on quit, on a panic, on SIGTERM or SIGHUP), with the
//! reading position saved.

use std::io::Write;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Context;
use base64::Engine;
use crossterm::event::{
    self, Event, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use crossterm::execute;

use crate::app::positions::Positions;
use crate::app::update::Mouse;
use crate::app::{App, Effect, Key, KeyCode};

/// Positions as of the last event, for the panic hook to save.
static LAST_POSITIONS: Mutex<Option<Positions>> = Mutex::new(None);

fn remember_positions(app: &mut App) {
    app.save_position_in_memory();
    if let Ok(mut last) = LAST_POSITIONS.try_lock() {
        *last = Some(app.positions().clone());
    }
}

/// The key a terminal event stands for, if gloss knows it. Shift is part of
/// the character ("G"), so it is not recorded for characters.
fn key_of(event: KeyEvent) -> Option<Key> {
    use crossterm::event::KeyCode as Terminal;
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let code = match event.code {
        // Terminals send ctrl-i as tab; the keymap's "ctrl-i" means that key.
        Terminal::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        Terminal::Char(c) => KeyCode::Char(c),
        Terminal::Enter => KeyCode::Enter,
        Terminal::Esc => KeyCode::Esc,
        Terminal::Tab => KeyCode::Tab,
        Terminal::BackTab => KeyCode::BackTab,
        Terminal::Backspace => KeyCode::Backspace,
        Terminal::Delete => KeyCode::Delete,
        Terminal::Up => KeyCode::Up,
        Terminal::Down => KeyCode::Down,
        Terminal::Left => KeyCode::Left,
        Terminal::Right => KeyCode::Right,
        Terminal::Home => KeyCode::Home,
        Terminal::End => KeyCode::End,
        Terminal::PageUp => KeyCode::PageUp,
        Terminal::PageDown => KeyCode::PageDown,
        Terminal::F(n) => KeyCode::F(n),
        _ => return None,
    };
    Some(Key {
        code,
        ctrl,
        alt: event.modifiers.contains(KeyModifiers::ALT),
    })
}

fn restore_terminal() {
    let mut stdout = std::io::stdout();
    let _ = execute!(
        stdout,
        crossterm::event::DisableMouseCapture,
        crossterm::event::DisableBracketedPaste,
        crossterm::event::PopKeyboardEnhancementFlags
    );
    ratatui::restore();
}

/// Gives the terminal back (for `$EDITOR`): raw mode off, main screen, no mouse.
fn suspend() {
    let mut stdout = std::io::stdout();
    let _ = execute!(
        stdout,
        crossterm::event::DisableMouseCapture,
        crossterm::event::DisableBracketedPaste,
        crossterm::terminal::LeaveAlternateScreen
    );
    let _ = crossterm::terminal::disable_raw_mode();
}

/// Takes the terminal again after [`suspend`].
fn resume() {
    let _ = crossterm::terminal::enable_raw_mode();
    let mut stdout = std::io::stdout();
    let _ = execute!(
        stdout,
        crossterm::terminal::EnterAlternateScreen,
        crossterm::event::EnableMouseCapture,
        crossterm::event::EnableBracketedPaste
    );
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        if let Ok(last) = LAST_POSITIONS.try_lock()
            && let Some(positions) = last.as_ref()
        {
            let _ = positions.save();
        }
        previous(info);
    }));
}

/// How long the event loop has to stop by itself after a signal.
const STOP_GRACE: Duration = Duration::from_millis(750);

/// On SIGTERM, SIGHUP or SIGINT, asks the event loop to stop; if it has not
/// stopped after [`STOP_GRACE`], saves the last known positions, restores the
/// terminal and exits. The loop cannot always stop by itself: once the
/// terminal is gone, crossterm's `poll` spins on end-of-file and never returns.
fn watch_signals(stop: Arc<AtomicBool>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])
        .context("installing the signal handlers")?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            stop.store(true, Ordering::Relaxed);
            // A PDF being converted is not left running without gloss.
            crate::pdf::stop_all();
            std::thread::sleep(STOP_GRACE);
            if let Ok(last) = LAST_POSITIONS.lock()
                && let Some(positions) = last.as_ref()
            {
                let _ = positions.save();
            }
            restore_terminal();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// Runs the reader until the user quits or a signal asks it to stop.
pub fn run(mut app: App) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "the reader needs a terminal for its input and output; `gloss read --plain` reads a paper as plain lines, and `gloss dump` and `gloss render` print text"
        );
    }
    // no-color.org: set and not empty.
    app.set_no_color(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()));
    let stop = Arc::new(AtomicBool::new(false));
    watch_signals(Arc::clone(&stop))?;
    remember_positions(&mut app);
    let mut terminal = ratatui::try_init().context("setting up the terminal")?;
    install_panic_hook();
    let mut stdout = std::io::stdout();
    // A paste comes as one event, not as thousands of keys each searching.
    let _ = execute!(
        stdout,
        crossterm::event::EnableMouseCapture,
        crossterm::event::EnableBracketedPaste
    );
    let size = terminal.size().context("reading the terminal size")?;
    app.resize(size.width, size.height);
    // The first screen before the terminal is asked about its keyboard: the
    // answer is a round trip (and a terminal that never answers costs 2 s).
    terminal
        .draw(|frame| crate::ui::draw(frame, &app))
        .context("drawing the screen")?;
    // Terminals that can tell ctrl-i from tab say so; others send tab for both.
    if crossterm::terminal::supports_keyboard_enhancement().unwrap_or(false) {
        let _ = execute!(
            stdout,
            crossterm::event::PushKeyboardEnhancementFlags(
                crossterm::event::KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES
            )
        );
    }
    let result = event_loop(&mut terminal, &mut app, &stop);
    // A PDF still converting is not left running after gloss.
    crate::pdf::stop_all();
    app.save_position_in_memory();
    let saved = app.positions().save();
    restore_terminal();
    // Said once the terminal is back, where the user can read it.
    if let Err(error) = saved {
        let file = app
            .positions()
            .file()
            .map(|f| crate::text::clean_line(&f.display().to_string()))
            .unwrap_or_default();
        eprintln!("gloss: your place could not be saved in '{file}': {error}");
    }
    result?;
    match app.failure() {
        Some(failure) => Err(anyhow::anyhow!("{}", crate::text::clean_line(failure))),
        None => Ok(()),
    }
}

/// How long an idle reader sleeps between looks at nothing: input wakes it
/// at once, so this only bounds how long a lost wake-up could go unnoticed.
const IDLE_WAIT: Duration = Duration::from_secs(3600);

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    // Drawn when something changed: a key, the mouse, a resize, a paste,
    // or news from work in the background. Idle, gloss writes nothing and
    // sleeps until input comes (a signal ends it from its own thread). The
    // first screen is drawn before the loop (see `run`).
    let mut changed = false;
    loop {
        changed |= app.poll_indexing();
        changed |= app.poll_opening();
        changed |= app.poll_findings();
        changed |= app.poll_searching();
        if changed {
            terminal
                .draw(|frame| crate::ui::draw(frame, app))
                .context("drawing the screen")?;
            changed = false;
        }
        if app.should_quit() || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        // While work goes on in the background, look in on it often.
        let wait = if app.is_busy() {
            Duration::from_millis(40)
        } else {
            IDLE_WAIT
        };
        if !event::poll(wait).context("waiting for input")? {
            continue;
        }
        changed = true;
        match event::read().context("reading input")? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                // Keys gloss binds nothing to (insert, media keys…) are not passed on.
                let Some(key) = key_of(key) else {
                    continue;
                };
                let effects = app.handle_key(key);
                if perform(app, effects) {
                    // Something else drew on the terminal: draw everything again.
                    terminal.clear().context("clearing the screen")?;
                }
                remember_positions(app);
            }
            Event::Mouse(mouse) => {
                let input = match mouse.kind {
                    MouseEventKind::ScrollDown => Some(Mouse::Wheel {
                        down: true,
                        x: mouse.column,
                        y: mouse.row,
                    }),
                    MouseEventKind::ScrollUp => Some(Mouse::Wheel {
                        down: false,
                        x: mouse.column,
                        y: mouse.row,
                    }),
                    MouseEventKind::Down(MouseButton::Left) => Some(Mouse::Click {
                        x: mouse.column,
                        y: mouse.row,
                    }),
                    _ => None,
                };
                if let Some(input) = input {
                    app.handle_mouse(input);
                    remember_positions(app);
                }
            }
            Event::Resize(width, height) => app.resize(width, height),
            Event::Paste(text) => {
                app.paste(&text);
                remember_positions(app);
            }
            _ => {}
        }
    }
}

/// Leaves the screen to `$EDITOR` (or `vi`) on a temporary file holding
/// `text`, and returns what the file holds afterwards.
fn edit_externally(text: &str) -> anyhow::Result<String> {
    // A new file of a name nobody can guess, readable by the user alone
    // (the note may be private), removed however this ends.
    let mut temporary = tempfile::Builder::new()
        .prefix("gloss-note-")
        .suffix(".md")
        .tempfile()
        .context("making a temporary file for the note")?;
    temporary
        .write_all(text.as_bytes())
        .and_then(|()| temporary.flush())
        .context("writing the note to a temporary file")?;
    let file = temporary.path().to_path_buf();
    suspend();
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_owned());
    // $EDITOR may carry arguments ("code -w"): run it through the shell.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&file)
        .status();
    resume();
    let status = status.with_context(|| format!("starting '{editor}'"))?;
    // Read by its path: editors often write a new file in its place.
    let edited = crate::files::read_limited_text(&file, crate::files::limits::NOTES)
        .context("reading the edited note");
    drop(temporary);
    if !status.success() {
        anyhow::bail!("'{editor}' exited with {status}; the note is unchanged");
    }
    edited
}

/// Does what `update` asked of the outside world; `true` if the screen was
/// left to another program and must be drawn again in full.
fn perform(app: &mut App, effects: Vec<Effect>) -> bool {
    let mut left_screen = false;
    for effect in effects {
        match effect {
            Effect::OpenUrl(url) => {
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    app.say("only http and https addresses are opened".to_owned());
                } else if let Err(error) = open::that_detached(&url) {
                    app.say(format!("could not open the browser: {error}"));
                }
            }
            Effect::EditNote { target, text } => {
                left_screen = true;
                match edit_externally(&text) {
                    Ok(text) => app.finish_external_edit(&target, &text),
                    Err(error) => app.say(format!("could not edit the note in $EDITOR: {error:#}")),
                }
            }
            Effect::Copy(text) => {
                // OSC 52 asks the terminal to put the text on the clipboard.
                let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
                let mut stdout = std::io::stdout();
                let _ = write!(stdout, "\x1b]52;c;{encoded}\x07");
                let _ = stdout.flush();
            }
        }
    }
    left_screen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(code: crossterm::event::KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn terminal_keys_become_the_readers_keys() {
        use crossterm::event::KeyCode as Terminal;
        assert_eq!(
            key_of(event(Terminal::Char('G'), KeyModifiers::SHIFT)),
            Some(Key::char('G'))
        );
        // Some terminals report ctrl-p as ctrl-P.
        let ctrl_p = key_of(event(Terminal::Char('P'), KeyModifiers::CONTROL));
        assert_eq!(ctrl_p.map(|k| k.to_string()), Some("ctrl-p".to_owned()));
        assert_eq!(
            key_of(event(Terminal::PageDown, KeyModifiers::NONE)).map(|k| k.to_string()),
            Some("pagedown".to_owned())
        );
        assert_eq!(key_of(event(Terminal::Insert, KeyModifiers::NONE)), None);
    }
}
