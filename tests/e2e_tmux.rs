//! End-to-end: the real binary in a real terminal (tmux), driven by keys.
//! Each test runs its own tmux server with temporary XDG folders.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Session {
    socket: String,
    /// The session's XDG folders (taken by `into_dir` to start again in them).
    dir: Option<tempfile::TempDir>,
}

const WAIT: Duration = Duration::from_secs(20);

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Session {
    /// Starts `gloss args` in a `width`×`height` terminal, in `cwd`.
    fn start(name: &str, args: &[&str], size: (u16, u16)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        Self::start_in(name, dir, args, size, &repo())
    }

    fn start_in(
        name: &str,
        dir: tempfile::TempDir,
        args: &[&str],
        size: (u16, u16),
        cwd: &Path,
    ) -> Self {
        Self::start_with_env(name, dir, args, size, cwd, &[])
    }

    /// Like `start_in`, with extra environment variables for gloss.
    fn start_with_env(
        name: &str,
        dir: tempfile::TempDir,
        args: &[&str],
        size: (u16, u16),
        cwd: &Path,
        env: &[(&str, &str)],
    ) -> Self {
        let socket = format!("gloss-e2e-{}-{name}", std::process::id());
        let config = dir.path().join("tmux.conf");
        // No status bar (the pane is the whole terminal); keep dead panes to inspect them.
        std::fs::write(
            &config,
            "set -g status off\nset -g remain-on-exit on\nset -g escape-time 0\n",
        )
        .unwrap();
        let xdg = |sub: &str| dir.path().join(sub).display().to_string();
        let mut command = vec![
            "env".to_owned(),
            format!("XDG_STATE_HOME={}", xdg("state")),
            format!("XDG_CONFIG_HOME={}", xdg("config")),
            format!("XDG_DATA_HOME={}", xdg("data")),
            format!("HOME={}", dir.path().display()),
            "TERM=xterm-256color".to_owned(),
        ];
        command.extend(env.iter().map(|(k, v)| format!("{k}={v}")));
        command.push(env!("CARGO_BIN_EXE_gloss").to_owned());
        command.extend(args.iter().map(|a| (*a).to_owned()));
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f"])
            .arg(&config)
            .args([
                "new-session",
                "-d",
                "-s",
                "main",
                "-x",
                &size.0.to_string(),
                "-y",
                &size.1.to_string(),
                "-c",
            ])
            .arg(cwd)
            .args(&command)
            .status()
            .expect("tmux runs");
        assert!(status.success());
        Self {
            socket,
            dir: Some(dir),
        }
    }

    fn tmux(&self, args: &[&str]) -> String {
        let output = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "main"];
        args.extend(keys);
        self.tmux(&args);
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "main"])
    }

    /// Waits until the screen satisfies `check`, returning it.
    fn wait_until(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if check(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < WAIT,
                "timed out waiting for {what}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_for(&self, needle: &str) -> String {
        self.wait_until(needle, |s| s.contains(needle))
    }

    /// Waits for a paper's first screen and then for its actors, found a
    /// moment after it: screens compared before and after a key are then
    /// changed by the key alone.
    fn wait_opened(&self, needle: &str) -> String {
        self.wait_until(needle, |s| {
            s.contains(needle) && !s.contains("finding actors")
        })
    }

    fn format(&self, variable: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", "main", variable])
            .trim()
            .to_owned()
    }

    fn wait_exit(&self) {
        let start = Instant::now();
        while self.format("#{pane_dead}") != "1" {
            assert!(
                start.elapsed() < WAIT,
                "gloss did not exit; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn state_file(&self) -> PathBuf {
        self.dir
            .as_ref()
            .map(|d| d.path().join("state/gloss/positions.json"))
            .unwrap_or_default()
    }

    /// Stops this tmux server, keeping the XDG folders for another session.
    fn into_dir(mut self) -> tempfile::TempDir {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
        self.dir
            .take()
            .expect("a session has its folders until into_dir")
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

/// The first line of the text pane (the row under its top border).
fn first_text_line(screen: &str) -> String {
    screen.lines().nth(1).unwrap_or("").to_owned()
}

const FULLER: &str = "texts/fuller-2013-azerbaijan-foreign-policy.txt";
const STRAKES: &str = "texts/strakes-2015-beyond-eurasian-mediation.md";

#[test]
fn read_follow_a_note_come_back_jump_and_quit() {
    if !common::tmux() {
        return;
    }
    let session = Session::start("read", &[FULLER], (120, 40));
    session.wait_opened("page 1/");
    session.send(&["Space", "Space"]);
    let page_three = session.wait_for("page 3/");
    // Follow note 12 by its number, then come back with ctrl-o.
    session.send(&["1", "2", "Enter"]);
    session.wait_until("note 12 followed", |s| {
        s.contains("12 Ruzanna Stepanian") && status_line(s).contains("NOTES")
    });
    session.send(&["C-o"]);
    let back = session.wait_for("page 3/");
    assert_eq!(first_text_line(&back), first_text_line(&page_three));
    // The palette: "iran" puts "3.2. Iran" at the top of the page.
    session.send(&["C-p"]);
    session.wait_for("Jump to");
    session.send(&["i", "r", "a", "n"]);
    session.wait_for("> iran");
    session.send(&["Enter"]);
    let iran = session.wait_until("3.2. Iran at the top", |s| {
        first_text_line(s).contains("│ 3.2. Iran")
    });
    assert!(iran.contains("Fuller 2013 · 3.2. Iran"));
    session.send(&["q"]);
    session.wait_exit();
    assert_eq!(
        session.format("#{alternate_on}"),
        "0",
        "the alternate screen was left"
    );
    let saved = std::fs::read_to_string(session.state_file()).unwrap();
    assert!(saved.contains("fuller-2013"));

    // Start again: the reading position is remembered.
    let dir = session.into_dir();
    let again = Session::start_in("read-again", dir, &[FULLER], (120, 40), &repo());
    again.wait_until("3.2. Iran at the top after a restart", |s| {
        first_text_line(s).contains("│ 3.2. Iran")
    });
    again.send(&["q"]);
    again.wait_exit();
}

#[test]
fn resize_repages_and_keeps_the_sentence() {
    if !common::tmux() {
        return;
    }
    let session = Session::start("resize", &[STRAKES], (120, 40));
    session.wait_opened("page 1/");
    session.send(&["Space", "Space", "Space"]);
    let before = session.wait_for("page 4/");
    let line = first_text_line(&before);
    // The row is sidebar │ text │ margin: the text is the second non-empty piece.
    let text = line
        .split('│')
        .filter(|piece| !piece.trim().is_empty())
        .nth(1)
        .unwrap_or("");
    let words: Vec<&str> = text.split_whitespace().take(3).collect();
    assert_eq!(words.len(), 3, "{before}");
    session.tmux(&["resize-window", "-t", "main", "-x", "80", "-y", "24"]);
    // The narrow layout: 24 rows, none wider than 80 columns, re-paged.
    let after = session.wait_until("the narrow layout", |s| {
        s.lines().count() <= 25
            && s.lines().all(|l| l.chars().count() <= 80)
            && status_line(s).contains("page ")
    });
    // Pages are cut again for the new size: the page shown holds the
    // sentence that was read at the top.
    let text: String = after
        .lines()
        .take_while(|l| !l.contains("Notes") && !l.starts_with(' '))
        .collect::<Vec<_>>()
        .join(" ");
    let phrase = words.join(" ");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(&phrase) || words.iter().all(|w| text.contains(w)),
        "'{phrase}' not on the page after resize:\n{after}"
    );
    session.send(&["q"]);
    session.wait_exit();
}

#[test]
fn sigterm_restores_the_terminal_and_saves_the_position() {
    if !common::tmux() {
        return;
    }
    let session = Session::start("sigterm", &[FULLER], (100, 30));
    session.wait_opened("page 1/");
    session.send(&["Space"]);
    session.wait_for("page 2/");
    assert_eq!(session.format("#{alternate_on}"), "1");
    let pid = session.format("#{pane_pid}");
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    session.wait_exit();
    assert_eq!(session.format("#{alternate_on}"), "0");
    assert!(session.state_file().exists());
}

#[test]
fn a_bad_keymap_is_reported_and_the_defaults_used() {
    if !common::tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config/gloss");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("keymap.toml"), "[reader]\n\"x\" = \"fly\"\n").unwrap();
    let session = Session::start_in("keymap", dir, &[FULLER], (120, 40), &repo());
    let screen = session.wait_for("unknown action 'fly'");
    assert!(
        screen.contains("line 2") && screen.contains("keymap.toml"),
        "{screen}"
    );
    session.send(&["Enter"]);
    session.wait_for("page 1/");
    session.send(&["q"]);
    session.wait_exit();
}

#[test]
fn the_library_opens_papers() {
    if !common::tmux() {
        return;
    }
    let session = Session::start("library", &[], (120, 40));
    session.wait_opened("E. Fuller (2013)");
    session.wait_for("J. E. Strakes (2015)");
    session.send(&["j", "Enter"]);
    session.wait_for("Strakes 2015");
    // `L` rather than a lone Escape: a terminal reads ESC followed closely by
    // another key as alt-key, so a test pressing esc then q would race.
    session.send(&["L"]);
    session.wait_for("2 papers");
    session.send(&["q"]);
    session.wait_exit();
}

/// The row of the text pane's `✎` gutter mark, and of the note in the margin.
fn footnote_rows(screen: &str, note: &str) -> (Option<usize>, Option<usize>) {
    let gutter = screen
        .lines()
        .position(|l| l.contains("││✎") || l.starts_with("│✎"));
    let margin = screen
        .lines()
        .position(|l| l.contains(&format!("✎ {note}")));
    (gutter, margin)
}

/// The note's `✎` in the gutter and the note in the margin are on the row
/// where the annotated paragraph ("In order to proceed…") starts.
fn assert_beside_its_paragraph(screen: &str) {
    let (gutter, margin) = footnote_rows(screen, "Realism");
    assert_eq!(
        gutter, margin,
        "the note is not beside its paragraph:\n{screen}"
    );
    let row = screen
        .lines()
        .nth(gutter.unwrap_or(usize::MAX))
        .unwrap_or("");
    assert!(row.contains("In order to proceed"), "{screen}");
}

#[test]
fn a_margin_note_stays_beside_its_paragraph_across_runs_and_sizes() {
    if !common::tmux() {
        return;
    }
    let session = Session::start("notes", &[STRAKES], (120, 40));
    session.wait_opened("page 1/");
    session.send(&["C-p"]);
    session.wait_for("Jump to");
    session.send(&["c", "o", "n", "c", "e", "p", "t", "u", "a", "l", "Enter"]);
    session.wait_until("the section at the top", |s| {
        first_text_line(s).contains("Conceptual and Theoretical")
    });
    session.send(&["j", "j", "m"]);
    session.wait_for("New margin note");
    session.send(&["-l", "Realism vs preponderance #question"]);
    session.send(&["C-s"]);
    session.wait_for("note saved, tagged #question");
    let screen = session.wait_for("✎ Realism");
    let (gutter, margin) = footnote_rows(&screen, "Realism");
    assert_eq!(
        gutter, margin,
        "the note is not beside its paragraph:\n{screen}"
    );
    assert_beside_its_paragraph(&screen);
    session.send(&["q"]);
    session.wait_exit();

    // Start again at two sizes: the note is still beside the same paragraph.
    let mut dir = session.into_dir();
    for (name, size) in [("notes-120", (120, 40)), ("notes-160", (160, 50))] {
        let again = Session::start_in(name, dir, &[STRAKES], size, &repo());
        assert_beside_its_paragraph(&again.wait_for("✎ Realism"));
        again.send(&["q"]);
        again.wait_exit();
        dir = again.into_dir();
    }

    // `gloss notes export` prints it, with its section.

    let export = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["notes", "export", STRAKES])
        .current_dir(repo())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .output()
        .unwrap();
    let markdown = String::from_utf8_lossy(&export.stdout);
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    assert!(
        markdown.contains("## Conceptual and Theoretical Foundations"),
        "{markdown}"
    );
    assert!(
        markdown.contains("Realism vs preponderance #question"),
        "{markdown}"
    );
    assert!(markdown.contains("> In order to proceed"), "{markdown}");
    assert!(markdown.contains("*Tags:* #question"), "{markdown}");
}

#[test]
fn a_note_edited_in_the_external_editor() {
    if !common::tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let editor = [("EDITOR", "sed -i s/draft/final/")];
    let session = Session::start_with_env("editor", dir, &[FULLER], (120, 40), &repo(), &editor);
    session.wait_for("page 1/");
    session.send(&["m"]);
    session.wait_for("New margin note");
    session.send(&["-l", "A draft note"]);
    session.send(&["C-s"]);
    session.wait_for("✎ A draft note");
    session.send(&["E"]);
    session.wait_until("the note saved beside its paragraph", |s| {
        s.contains("✎ A final note") && s.contains("note saved")
    });
    assert_eq!(
        session.format("#{alternate_on}"),
        "1",
        "back in the reader after the editor"
    );
    session.send(&["q"]);
    session.wait_exit();
}

/// Whether process `pid` has exited (gone, or a zombie nobody reaped).
fn exited(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        // The state follows the parenthesised command name.
        Ok(stat) => {
            stat.rsplit(')')
                .next()
                .and_then(|rest| rest.split_whitespace().next())
                == Some("Z")
        }
    }
}

#[test]
fn losing_the_terminal_ends_gloss_and_keeps_the_place() {
    if !common::tmux() {
        return;
    }
    let session = Session::start("hangup", &[FULLER], (100, 30));
    session.wait_opened("page 1/");
    session.send(&["Space"]);
    session.wait_for("page 2/");
    let pid = session.format("#{pane_pid}");
    let state = session.state_file();
    let dir = session.into_dir(); // kills the tmux server: the terminal is gone
    let start = Instant::now();
    while !exited(&pid) {
        assert!(
            start.elapsed() < WAIT,
            "gloss {pid} kept running without its terminal"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let saved = std::fs::read_to_string(&state).expect("the position was saved");
    assert!(saved.contains("fuller-2013"), "{saved}");
    drop(dir);
}

/// The last row: the status line.
fn status_line(screen: &str) -> String {
    screen.lines().last().unwrap_or("").to_owned()
}

#[test]
fn without_colour_the_selection_is_in_reverse_video() {
    if !common::tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let session = Session::start_with_env(
        "nocolor",
        dir,
        &[FULLER, STRAKES],
        (100, 30),
        &repo(),
        &[("NO_COLOR", "1")],
    );
    // The list comes from the index in the background: wait for the papers.
    session.wait_for("Beyond Eurasian");
    session.send(&["j"]);
    let start = Instant::now();
    loop {
        let screen = session.tmux(&["capture-pane", "-e", "-p", "-t", "main"]);
        let row = screen.lines().find(|l| l.contains("Beyond Eurasian"));
        // Reverse video on the selected row, and no colour anywhere.
        if let Some(row) = row
            && sgr_parameters(row).contains(&7)
        {
            let colours: Vec<u32> = sgr_parameters(&screen)
                .into_iter()
                .filter(|p| matches!(p, 30..=37 | 38 | 40..=47 | 48 | 90..=97 | 100..=107))
                .collect();
            assert!(colours.is_empty(), "colours {colours:?} in {screen:?}");
            break;
        }
        assert!(start.elapsed() < WAIT, "no reverse video: {screen:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Every parameter of every SGR sequence (`ESC [ … m`) in `text`.
fn sgr_parameters(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for piece in text.split("\u{1b}[").skip(1) {
        let Some(end) = piece.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            continue;
        };
        if piece[end..].starts_with('m') {
            out.extend(
                piece[..end]
                    .split(';')
                    .filter_map(|p| p.parse::<u32>().ok()),
            );
        }
    }
    out
}

#[test]
fn search_finds_a_word_in_the_footnotes() {
    if !common::tmux() {
        return;
    }
    let session = Session::start("search-notes", &[STRAKES], (120, 40));
    session.wait_opened("Strakes");
    session.send(&["/", "Hopmann", "Enter"]);
    let screen = session.wait_for("matches for 'Hopmann'");
    assert!(status_line(&screen).contains("(note 45)"), "{screen}");
    assert!(screen.contains("45 P. Terrence Hopmann"), "{screen}");
    session.send(&["n"]);
    let screen = session.wait_for("match 2 of 3");
    assert!(status_line(&screen).contains("(note "), "{screen}");
}

#[test]
fn the_note_editor_wraps_long_text_and_keeps_the_cursor_in_view() {
    if !common::tmux() {
        return;
    }
    let session = Session::start("editor-wrap", &[FULLER], (120, 40));
    session.wait_opened("Fuller");
    session.send(&["m"]);
    session.wait_for("New margin note");
    let words = "wrapping ".repeat(30);
    session.send(&["-l", words.trim_end()]);
    session.send(&["-l", " END"]);
    let screen = session.wait_for("END");
    let rows: Vec<Vec<char>> = screen
        .lines()
        .filter(|l| l.contains("wrapping"))
        .map(|l| l.chars().collect())
        .collect();
    assert!(rows.len() >= 3, "{screen}");
    // The editor's box, in columns; each row inside it holds whole words only.
    let title: Vec<char> = screen
        .lines()
        .find(|l| l.contains("New margin note"))
        .unwrap()
        .chars()
        .collect();
    let left = title.iter().position(|&c| c == '┌').unwrap();
    let right = left + title[left..].iter().position(|&c| c == '┐').unwrap();
    for row in rows {
        assert_eq!(row[right], '│', "{row:?}");
        let inside: String = row[left + 1..right].iter().collect();
        assert!(
            inside
                .split_whitespace()
                .all(|w| w == "wrapping" || w == "END"),
            "a word is cut: {inside:?}"
        );
    }
}

#[test]
fn at_80_by_24_tab_focuses_only_what_is_shown() {
    if !common::tmux() {
        return;
    }
    let session = Session::start("focus-80", &[FULLER], (80, 24));
    session.wait_opened("Fuller");
    session.send(&["Tab"]);
    let screen = session.wait_until("NOTES", |s| status_line(s).contains("NOTES"));
    assert!(!screen.contains("Margin"), "{screen}");
    session.send(&["Tab"]);
    session.wait_until("READ", |s| status_line(s).contains("READ"));
    session.send(&["Tab"]);
    let screen = session.wait_until("NOTES again", |s| status_line(s).contains("NOTES"));
    assert!(!status_line(&screen).contains("MARGIN"), "{screen}");
}

#[test]
fn the_wheel_over_the_notes_pane_leaves_the_text_where_it_is() {
    if !common::tmux() {
        return;
    }
    let session = Session::start("wheel", &[FULLER], (120, 40));
    session.wait_opened("Fuller");
    session.send(&["1", "2", "Enter", "g"]);
    let before = session.wait_for("NOTES");
    std::thread::sleep(Duration::from_millis(300));
    let styled = |s: &Session| s.tmux(&["capture-pane", "-e", "-p", "-t", "main"]);
    let styled_before = styled(&session);
    let top = first_text_line(&before);
    // An SGR wheel-down event over the notes pane (row 32, column 20): the
    // next note is selected, and the text stays.
    session.send(&["-l", "\u{1b}[<65;20;32M"]);
    let start = Instant::now();
    while styled(&session) == styled_before {
        assert!(
            start.elapsed() < WAIT,
            "the wheel did nothing over the notes"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(first_text_line(&session.screen()), top, "the text scrolled");
    // Over the text, the wheel scrolls the text.
    session.send(&["-l", "\u{1b}[<65;60;10M"]);
    session.wait_until("the text to scroll", |s| first_text_line(s) != top);
}

#[test]
fn jumping_back_returns_to_the_same_top_line() {
    if !common::tmux() {
        return;
    }
    let session = Session::start("jump-back", &[FULLER], (120, 40));
    session.wait_opened("Fuller");
    session.send(&["Space", "j", "j", "j", "j", "j"]);
    std::thread::sleep(Duration::from_millis(300));
    let before = first_text_line(&session.screen());
    session.send(&["]", "]", "]"]);
    session.wait_until("the jump", |s| first_text_line(s) != before);
    session.send(&["C-o"]);
    session.send(&["C-o"]);
    session.send(&["C-o"]);
    session.wait_until("the same top line", |s| first_text_line(s) == before);
}

#[test]
fn a_source_is_opened_its_citations_cycled_and_left_with_ctrl_o() {
    if !common::tmux() {
        return;
    }
    let session = Session::start("sources", &[STRAKES], (120, 40));
    session.wait_opened("Strakes");
    let start = first_text_line(&session.screen());
    session.send(&["S"]);
    session.wait_for("Sources");
    session.send(&["-l", "mehdiyev"]);
    session.wait_for("Mehdiyev");
    session.send(&["Enter"]);
    // The frame is drawn as a diff: wait for the whole of it, pane and status.
    let screen = session.wait_until("the source's citations", |s| {
        s.contains("Cited 4 times") && status_line(s).contains("SOURCE")
    });
    let first = first_text_line(&screen);
    session.send(&["j", "j", "j", "Enter"]);
    let last = session.wait_until("the last citation", |s| first_text_line(s) != first);
    assert!(last.contains("179"), "{last}");
    for _ in 0..3 {
        session.send(&["C-o"]);
    }
    session.wait_until("the start again", |s| first_text_line(s) == start);
}

/// A folder of `count` copies of Fuller's paper.
fn library_of(dir: &Path, count: usize) -> PathBuf {
    let library = dir.join("library");
    std::fs::create_dir_all(&library).unwrap();
    let text = std::fs::read(repo().join(FULLER)).unwrap();
    for i in 0..count {
        std::fs::write(library.join(format!("fuller-{i:04}.txt")), &text).unwrap();
    }
    library
}

#[test]
fn indexing_shows_progress_and_survives_kill_9() {
    if !common::tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let library = library_of(dir.path(), 300);
    let cache = dir.path().join("cache");
    let session = Session::start_with_env(
        "index-kill",
        dir,
        &[library.to_str().unwrap()],
        (100, 30),
        &repo(),
        &[("XDG_CACHE_HOME", cache.to_str().unwrap())],
    );
    // The library is on screen at once, and says how far indexing is.
    session.wait_until("indexing progress", |s| {
        status_line(s).contains("indexing") && status_line(s).contains("/300")
    });
    let pid = session.format("#{pane_pid}");
    Command::new("kill").args(["-9", &pid]).status().unwrap();
    session.wait_exit();
    // The index is whole: the next run opens it without a word and finishes it.
    let output = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args([
            "search",
            "Gabala",
            library.to_str().unwrap(),
            "--limit",
            "1000",
        ])
        .env("XDG_CACHE_HOME", &cache)
        .env("XDG_DATA_HOME", cache.join("data"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("rebuilt"), "{stderr}");
    let papers: std::collections::HashSet<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["paper"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(papers.len(), 300, "every paper indexed after the kill");
}

#[test]
#[cfg(unix)]
fn a_pdf_converting_answers_keys_and_esc_stops_the_converter() {
    if !common::tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (script, pid_file) = common::slow_converter(dir.path());
    let pdf = dir.path().join("paper.pdf");
    std::fs::write(&pdf, b"%PDF-1.5\n").unwrap();
    let env = [
        ("GLOSS_PDFTOTEXT", script.to_str().unwrap()),
        ("XDG_CACHE_HOME", dir.path().to_str().unwrap()),
    ];
    let pdf_arg = pdf.to_str().unwrap().to_owned();
    let session = Session::start_with_env(
        "pdfcancel",
        tempfile::tempdir().unwrap(),
        &[&pdf_arg],
        (100, 30),
        &repo(),
        &env,
    );
    session.wait_for("converting paper.pdf");
    let waited = Instant::now();
    while !pid_file.exists() && waited.elapsed() < WAIT {
        std::thread::sleep(Duration::from_millis(20));
    }
    let pid = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .to_owned();
    assert!(!exited(&pid), "the converter runs");
    session.send(&["Escape"]);
    session.wait_for("the conversion was cancelled");
    let waited = Instant::now();
    while !exited(&pid) && waited.elapsed() < WAIT {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(exited(&pid), "the converter was stopped");
    session.send(&["q"]);
    session.wait_exit();
}

#[test]
fn a_lone_pdf_without_pdftotext_ends_gloss_with_the_whole_sentence() {
    if !common::tmux() {
        return;
    }
    let pdf = repo().join("tests/corpus/pdf/turner-frontier_letter11.pdf");
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("no-tools");
    std::fs::create_dir_all(&empty).unwrap();
    let path = empty.display().to_string();
    let session = Session::start_with_env(
        "no-pdftotext",
        dir,
        &[pdf.to_str().unwrap()],
        (100, 30),
        &repo(),
        &[("PATH", path.as_str())],
    );
    // gloss ends (no empty library left on screen), the sentence whole
    // (read with the lines scrolled above the screen).
    session.wait_exit();
    let screen = session.tmux(&["capture-pane", "-p", "-S", "-100", "-t", "main"]);
    // Compared without spaces: the terminal wraps the sentence anywhere.
    let said: String = screen.split_whitespace().collect();
    for part in [
        "cannot open the PDF",
        "apt install poppler-utils",
        "dnf install poppler-utils",
        "pacman -S poppler",
        "brew install poppler",
    ] {
        let part: String = part.split_whitespace().collect();
        assert!(said.contains(&part), "the sentence whole:\n{screen}");
    }
}

#[test]
fn an_idle_reader_writes_nothing_to_the_terminal() {
    if !common::tmux() {
        return;
    }
    let session = Session::start("idle", &[FULLER], (120, 40));
    session.wait_opened("page 1/");
    session.send(&["Space"]);
    session.wait_for("page 2/");
    let out = session.dir.as_ref().unwrap().path().join("idle-output");
    let command = format!("cat >> '{}'", out.display());
    session.tmux(&["pipe-pane", "-t", "main", "-o", &command]);
    // A reader left alone (on a laptop's battery) draws nothing: an older
    // gloss redrew every quarter of a second.
    std::thread::sleep(Duration::from_millis(1500));
    session.tmux(&["pipe-pane", "-t", "main"]);
    let written = std::fs::metadata(&out).map_or(0, |m| m.len());
    assert_eq!(written, 0, "{written} bytes written while idle");
    // And a key is still drawn at once.
    session.send(&["Space"]);
    session.wait_for("page 3/");
}

#[test]
fn plain_mode_reads_a_page_a_command_at_a_time() {
    if !common::tmux() {
        return;
    }
    let session = Session::start("plain", &["read", "--plain", FULLER], (80, 24));
    session.wait_for("Page 1 of 13. Command (h for help):");
    session.send(&["n", "Enter"]);
    session.wait_for("Page 2 of 13. Command");
    session.send(&["f", " ", "1", "2", "Enter"]);
    session.wait_for("Cited on page");
    session.send(&["h", "Enter"]);
    // The help names the user's keymap where it would be, not a variable.
    let help = session.wait_for("your keys:");
    assert!(
        help.contains("config/gloss/keymap.toml (not made yet)"),
        "{help}"
    );
    session.send(&["/", "G", "a", "b", "a", "l", "a", "Enter"]);
    session.wait_for("g and a page number goes there.");
    session.send(&["q", "Enter"]);
    session.wait_exit();
    // Plain lines only: nothing drew a box or moved the cursor about.
    let screen = session.screen();
    assert!(!screen.contains('│') && !screen.contains('─'), "{screen}");
}

#[test]
fn gloss_plain_in_the_environment_reads_plainly() {
    if !common::tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let session = Session::start_with_env(
        "plain-env",
        dir,
        &[STRAKES],
        (100, 30),
        &repo(),
        &[("GLOSS_PLAIN", "1")],
    );
    session.wait_for("Page 1 of 22. Command (h for help):");
    session.send(&["g", " ", "2", "2", "Enter"]);
    session.wait_for("Page 22 of 22. Command");
    session.send(&["n", "Enter"]);
    session.wait_for("That was the last page");
    session.send(&["q", "Enter"]);
    session.wait_exit();
}
