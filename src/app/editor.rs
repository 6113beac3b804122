//! A small multi-line text editor for writing margin notes in place.

use super::keymap::Key;
use crossterm::event::KeyCode;

/// What the note being written will be attached to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    /// A new note on bytes `start..end` of `block`.
    New {
        block: usize,
        start: usize,
        end: usize,
    },
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
        }
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

    fn clamp_column(&mut self) {
        let line = &self.lines[self.row];
        self.column = self.column.min(line.len());
        while !line.is_char_boundary(self.column) {
            self.column -= 1;
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
            KeyCode::Up if self.row > 0 => {
                self.row -= 1;
                self.clamp_column();
            }
            KeyCode::Down if self.row + 1 < self.lines.len() => {
                self.row += 1;
                self.clamp_column();
            }
            KeyCode::Home => self.column = 0,
            KeyCode::End => self.column = self.lines[self.row].len(),
            KeyCode::Up | KeyCode::Down => {}
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
