//! `v`: selecting a span of a paragraph to write a margin note on. The
//! selection starts where the reader is looking (the current search hit, or
//! the first sentence of the first paragraph that starts on the page); one
//! end moves by word, sentence or line, and `o` swaps which end moves, as in vim.

use super::Reader;
use super::search::HitPlace;
use crate::document::Position;

/// A span selected to write a note on: bytes of one block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub block: usize,
    pub start: usize,
    pub end: usize,
    /// Whether the start is the end that moves (after `o`).
    pub moving_start: bool,
}

/// How far a selection's end moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    Word,
    Sentence,
    Line,
}

/// Where words start and end in `text`.
fn word_bounds(text: &str) -> (Vec<usize>, Vec<usize>) {
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if !space && !in_word {
            starts.push(i);
        }
        if space && in_word {
            ends.push(i);
        }
        in_word = !space;
    }
    if in_word {
        ends.push(text.len());
    }
    (starts, ends)
}

/// Where sentences start and end in `text`: a sentence ends after ".", "!"
/// or "?" (and any closing quote or bracket) followed by a space.
fn sentence_bounds(text: &str) -> (Vec<usize>, Vec<usize>) {
    let mut starts = vec![0];
    let mut ends = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if matches!(bytes[i], b'.' | b'!' | b'?') {
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')') {
                end += 1;
            }
            // Closing curly quotes are three bytes.
            while text[end..].starts_with(['”', '’']) {
                end += '”'.len_utf8();
            }
            if end == bytes.len() || bytes[end] == b' ' {
                ends.push(end);
                let next = end + text[end..].len() - text[end..].trim_start().len();
                if next < bytes.len() {
                    starts.push(next);
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if ends.last() != Some(&text.len()) {
        ends.push(text.len());
    }
    (starts, ends)
}

/// The next (or previous) bound after (or before) `at`.
fn step(bounds: &[usize], at: usize, forward: bool) -> Option<usize> {
    if forward {
        bounds.iter().copied().find(|&b| b > at)
    } else {
        bounds.iter().rev().copied().find(|&b| b < at)
    }
}

impl Reader {
    /// Starts selecting: the current search hit if it is in the text on
    /// the page, else the first sentence of the paragraph at the cursor.
    pub fn start_visual(&mut self) {
        let visible = self.visible_blocks();
        let hit = self
            .search
            .as_ref()
            .and_then(|s| s.hits.get(s.current))
            .and_then(|hit| match hit.place {
                HitPlace::Text(block) if visible.contains(&block) => {
                    Some((block, hit.range.clone()))
                }
                _ => None,
            });
        let (block, start, end) = match hit {
            Some((block, range)) => (block, range.start, range.end),
            None => {
                let block = self.cursor_block();
                let text = self.document.blocks.get(block).map_or("", |b| b.text());
                let (_, ends) = sentence_bounds(text);
                (block, 0, ends.first().copied().unwrap_or(text.len()))
            }
        };
        self.margin.set_visual(Some(Selection {
            block,
            start,
            end,
            moving_start: false,
        }));
    }

    /// Moves the selection's moving end by a `unit`, forward or back. The
    /// selection never becomes empty and stays in its paragraph.
    pub fn move_visual(&mut self, motion: Motion, forward: bool) {
        let Some(mut selection) = self.margin.visual() else {
            return;
        };
        let Some(block) = self.document.blocks.get(selection.block) else {
            return;
        };
        let text = block.text();
        let at = if selection.moving_start {
            selection.start
        } else {
            selection.end
        };
        let moved = match motion {
            Motion::Word | Motion::Sentence => {
                let (starts, ends) = if motion == Motion::Word {
                    word_bounds(text)
                } else {
                    sentence_bounds(text)
                };
                let bounds = if selection.moving_start { starts } else { ends };
                step(&bounds, at, forward)
            }
            Motion::Line => {
                let offset = if selection.moving_start {
                    at
                } else {
                    at.saturating_sub(1)
                };
                let layout = self.layout();
                let line = layout.line_of(Position {
                    block: selection.block,
                    offset,
                });
                let target = line.checked_add_signed(if forward { 1 } else { -1 });
                let lines = layout.lines_of(selection.block);
                target
                    .filter(|t| lines.contains(t) && !layout.lines[*t].is_blank())
                    .map(|t| {
                        let range = &layout.lines[t].range;
                        if selection.moving_start {
                            range.start
                        } else {
                            range.end
                        }
                    })
            }
        };
        let Some(moved) = moved else {
            return;
        };
        if selection.moving_start {
            selection.start = moved;
        } else {
            selection.end = moved;
        }
        if selection.start < selection.end {
            self.margin.set_visual(Some(selection));
        }
    }

    /// `o`: the other end moves from now on.
    pub fn swap_visual_ends(&mut self) {
        if let Some(selection) = self.margin.visual_mut() {
            selection.moving_start = !selection.moving_start;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_sentences_are_found() {
        let text = "One two. Three “four.” Five?  Six";
        let (starts, ends) = word_bounds(text);
        assert_eq!(&text[starts[1]..ends[1]], "two.");
        let (starts, ends) = sentence_bounds(text);
        let sentences: Vec<&str> = starts
            .iter()
            .zip(&ends)
            .map(|(&s, &e)| &text[s..e])
            .collect();
        assert_eq!(sentences, ["One two.", "Three “four.”", "Five?", "Six"]);
    }

    fn strakes_at_introduction() -> crate::app::App {
        let mut app = crate::app::testing::open_built_in(1, (120, 40));
        for key in "ctrl-p i n t r o d u c t i o n enter".split(' ') {
            app.handle_key(crate::app::Key::parse(key).unwrap());
        }
        app
    }

    #[test]
    fn a_selection_starts_on_a_sentence_and_both_ends_move() {
        let mut app = strakes_at_introduction();
        let reader = app.reader.as_mut().unwrap();
        reader.start_visual();
        let first = reader.margin().visual().unwrap();
        let text = reader.document().blocks[first.block].text().to_owned();
        assert_eq!(first.start, 0);
        assert!(text[..first.end].ends_with('.'), "{:?}", &text[..first.end]);
        reader.move_visual(Motion::Sentence, true);
        let two = reader.margin().visual().unwrap();
        assert!(two.end > first.end && text[..two.end].ends_with('.'));
        reader.move_visual(Motion::Word, false);
        assert!(reader.margin().visual().unwrap().end < two.end);
        // o: now the start moves, into the middle of the paragraph.
        reader.swap_visual_ends();
        reader.move_visual(Motion::Sentence, true);
        let mid = reader.margin().visual().unwrap();
        assert!(mid.start > 0 && mid.start < mid.end, "{mid:?}");
        reader.move_visual(Motion::Word, true);
        assert!(reader.margin().visual().unwrap().start > mid.start);
        // It never becomes empty.
        for _ in 0..500 {
            reader.move_visual(Motion::Word, true);
        }
        let last = reader.margin().visual().unwrap();
        assert!(last.start < last.end);
    }

    #[test]
    fn a_selection_starts_on_the_current_search_hit() {
        let mut app = strakes_at_introduction();
        let reader = app.reader.as_mut().unwrap();
        reader.search_for("Minsk Group");
        let hit =
            reader.current_search().unwrap().hits[reader.current_search().unwrap().current].clone();
        reader.start_visual();
        let selection = reader.margin().visual().unwrap();
        assert_eq!(selection.start..selection.end, hit.range);
    }
}
