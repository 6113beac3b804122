//! A small multi-line text editor for writing margin notes in place.

use super::key::{Key, KeyCode};

/// What the note being written will be attached to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    /// A new note on bytes `start..end` of `block`.
    New {
        block: usize,
        start: usize,
        end: usize,
    },
    /// A new note on footnote `note` (index), its whole text.
    NewOnFootnote { note: usize },
    /// An existing note, by id.
    Existing(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    pub target: EditTarget,
    /// The text the note is on, shown above the editor.
    pub quote: String,
    pub lines: Vec<String>,
    /// Cursor: line, and byte offset in it.
    pub row: usize,
    pub column: usize,
    /// The text as it was when the editor opened (to know if anything was typed).
    original: String,
    /// Waiting for y/n: discard what was typed?
    pub confirming_discard: bool,
    /// The width the text is wrapped to on screen, for moving by rows.
    pub width: usize,
}

/// One row of the editor on screen: a piece of a line, soft-wrapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    /// Bytes of the line on this row (trailing spaces included).
    pub range: std::ops::Range<usize>,
}

/// How wide the editor's text is on a screen `screen_width` wide (the view
/// draws the box; moving by rows needs the same width).
pub fn text_width(screen_width: u16) -> usize {
    let box_width = (usize::from(screen_width) * 3 / 4).min(90);
    box_width.saturating_sub(4).max(10)
}

impl Editor {
    pub fn new(target: EditTarget, quote: String, text: &str) -> Self {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.lines().map(str::to_owned).collect()
        };
        let row = lines.len() - 1;
        let column = lines[row].len();
        Self {
            target,
            quote,
            lines,
            row,
            column,
            original: text.to_owned(),
            confirming_discard: false,
            width: 60,
        }
    }

    /// The text as rows `width` wide: each line wrapped at spaces (a word
    /// longer than a row is cut), so nothing runs past the box.
    pub fn rows(&self, width: usize) -> Vec<Row> {
        let mut rows = Vec::new();
        for (line, text) in self.lines.iter().enumerate() {
            let mut starts: Vec<usize> = crate::layout::wrap_ranges(text, width.max(2))
                .into_iter()
                .map(|r| r.start)
                .collect();
            if starts.first() != Some(&0) {
                starts.insert(0, 0);
            }
            starts.dedup();
            for (i, &start) in starts.iter().enumerate() {
                let end = starts.get(i + 1).copied().unwrap_or(text.len());
                rows.push(Row {
                    line,
                    range: start..end,
                });
            }
        }
        rows
    }

    /// The cursor on screen: its row among [`Editor::rows`] and its column.
    pub fn cursor_at(&self, width: usize) -> (usize, usize) {
        let rows = self.rows(width);
        let row = rows
            .iter()
            .rposition(|r| r.line == self.row && r.range.start <= self.column)
            .unwrap_or(0);
        let start = rows.get(row).map_or(0, |r| r.range.start);
        let before = self.lines[self.row].get(start..self.column).unwrap_or("");
        let column = unicode_width::UnicodeWidthStr::width(before);
        (row, column.min(width.saturating_sub(1)))
    }

    /// Moves the cursor `step` rows up or down on screen, keeping its column.
    fn move_rows(&mut self, step: isize) {
        let width = self.width;
        let rows = self.rows(width);
        let (row, column) = self.cursor_at(width);
        let Some(target) = row
            .checked_add_signed(step)
            .and_then(|r| rows.get(r).cloned())
        else {
            return;
        };
        let text = &self.lines[target.line];
        let mut offset = target.range.start;
        let mut used = 0;
        // The last row of a line may hold the end; others end before their last space.
        let last_in_line = rows
            .get(row.saturating_add_signed(step) + 1)
            .is_none_or(|next| next.line != target.line);
        let end = if last_in_line {
            target.range.end
        } else {
            text[..target.range.end]
                .char_indices()
                .next_back()
                .map_or(target.range.start, |(i, _)| i.max(target.range.start))
        };
        for (i, c) in text[target.range.start..end].char_indices() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w > column {
                break;
            }
            used += w;
            offset = target.range.start + i + c.len_utf8();
        }
        self.row = target.line;
        self.column = offset.min(end);
    }

    pub fn text(&self) -> String {
        self.lines.join("\n").trim_end().to_owned()
    }

    pub fn changed(&self) -> bool {
        self.text() != self.original.trim_end()
    }

    pub fn insert(&mut self, c: char) {
        self.lines[self.row].insert(self.column, c);
        self.column += c.len_utf8();
    }

    pub fn newline(&mut self) {
        let rest = self.lines[self.row].split_off(self.column);
        self.lines.insert(self.row + 1, rest);
        self.row += 1;
        self.column = 0;
    }

    pub fn backspace(&mut self) {
        if self.column > 0 {
            let previous = self.lines[self.row][..self.column]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8);
            self.column -= previous;
            self.lines[self.row].remove(self.column);
        } else if self.row > 0 {
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.column = self.lines[self.row].len();
            self.lines[self.row].push_str(&line);
        }
    }

    pub fn delete(&mut self) {
        if self.column < self.lines[self.row].len() {
            self.lines[self.row].remove(self.column);
        } else if self.row + 1 < self.lines.len() {
            let next = self.lines.remove(self.row + 1);
            self.lines[self.row].push_str(&next);
        }
    }

    /// Moves the cursor for arrow, home and end keys; `false` for other keys.
    pub fn move_cursor(&mut self, key: Key) -> bool {
        match key.code {
            KeyCode::Left => {
                if self.column > 0 {
                    self.column -= self.lines[self.row][..self.column]
                        .chars()
                        .next_back()
                        .map_or(0, char::len_utf8);
                } else if self.row > 0 {
                    self.row -= 1;
                    self.column = self.lines[self.row].len();
                }
            }
            KeyCode::Right => {
                if let Some(c) = self.lines[self.row][self.column..].chars().next() {
                    self.column += c.len_utf8();
                } else if self.row + 1 < self.lines.len() {
                    self.row += 1;
                    self.column = 0;
                }
            }
            KeyCode::Up => self.move_rows(-1),
            KeyCode::Down => self.move_rows(1),
            KeyCode::Home => self.column = 0,
            KeyCode::End => self.column = self.lines[self.row].len(),
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    #[test]
    fn long_text_wraps_to_the_box_and_the_cursor_stays_in_it() {
        let text =
            "This note runs on well past the width of the box it is written in, and on again.";
        let mut editor = Editor::new(EditTarget::Existing("x".into()), String::new(), text);
        let rows = editor.rows(30);
        assert!(rows.len() >= 3, "{rows:?}");
        for row in &rows {
            let piece = &editor.lines[row.line][row.range.clone()];
            assert!(piece.trim_end().chars().count() <= 30, "{piece:?}");
        }
        // Nothing is lost: the rows cover the line.
        let joined: String = rows
            .iter()
            .map(|r| &editor.lines[r.line][r.range.clone()])
            .collect();
        assert_eq!(joined, text);
        let (row, column) = editor.cursor_at(30);
        assert_eq!(row, rows.len() - 1);
        assert!(column < 30);
        // Up and down move by rows on screen, keeping the column.
        editor.width = 30;
        editor.move_cursor(key(KeyCode::Up));
        assert_eq!(editor.cursor_at(30).0, rows.len() - 2);
        assert_eq!(editor.row, 0, "still the same line");
        editor.move_cursor(key(KeyCode::Home));
        assert_eq!(editor.cursor_at(30), (0, 0));
        editor.move_cursor(key(KeyCode::Down));
        assert_eq!(editor.cursor_at(30), (1, 0));
    }

    #[test]
    fn typing_lines_and_editing() {
        let mut editor = Editor::new(EditTarget::Existing("x".into()), String::new(), "");
        assert!(!editor.changed());
        for c in "Why?".chars() {
            editor.insert(c);
        }
        editor.newline();
        for c in "#questión".chars() {
            editor.insert(c);
        }
        editor.backspace();
        editor.backspace();
        assert_eq!(editor.text(), "Why?\n#questi");
        editor.move_cursor(Key {
            code: KeyCode::Home,
            ctrl: false,
            alt: false,
        });
        editor.backspace();
        assert_eq!(editor.text(), "Why?#questi");
        assert!(editor.changed());
    }
}
