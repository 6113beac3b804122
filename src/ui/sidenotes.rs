//! Sidenotes: on a wide screen, each of the page's notes set beside the line
//! of its marker, as in Tufte's books, instead of at the foot of the screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::reader::{Focus, Reader};

pub fn draw(frame: &mut Frame<'_>, area: Rect, reader: &Reader) {
    let height = usize::from(area.height);
    let width = usize::from(area.width);
    let focused = reader.focus() == Focus::Footnotes;
    let mut rows: Vec<Line<'static>> = vec![Line::raw(""); height];
    let (notes, _) = reader.sidenotes(reader.height(), width);
    for sidenote in notes {
        let lines = super::footnotes::note_lines(reader, sidenote.note, width, focused, "");
        for (row, line) in (sidenote.row..height).zip(lines) {
            rows[row] = line;
        }
    }
    frame.render_widget(Paragraph::new(rows), area);
}
