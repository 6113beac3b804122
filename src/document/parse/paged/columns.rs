//! Two columns printed side by side (`pdftotext -layout`): each line holds a
//! line of the left column, a gutter of spaces, and a line of the right
//! column. Such a page is read column by column: its lines are cut at the
//! gutter and put in reading order, the left column's lines (with the notes
//! at its foot) before the right's. A line that runs across the gutter (a
//! title, a note set the page's width) cuts the page into bands, each read
//! left then right. The pieces keep their ranges in the source.

use super::lines::{Line, is_blank};

/// Where the right column starts on a page, in characters, if the page is
/// set in two columns side by side.
fn right_column(source: &str, page: &[Line]) -> Option<usize> {
    // Lines with a gap of three spaces after text, by the position after it.
    let mut starts: Vec<usize> = Vec::new();
    let mut text_lines = 0;
    let mut widest = 0;
    for line in page {
        let text = line.text(source);
        if is_blank(text) {
            continue;
        }
        text_lines += 1;
        let length = text.chars().count();
        widest = widest.max(length);
        if !text.trim_start().contains("   ") {
            continue;
        }
        // Text after three spaces or more, with text before them filling
        // half the width before the gap (a column's line, not a table's
        // short cells), and as much after.
        let mut spaces = 0;
        let mut first_text = None;
        for (position, c) in text.chars().enumerate() {
            if c == ' ' {
                spaces += 1;
                continue;
            }
            if spaces >= 3
                && let Some(first) = first_text
            {
                let left = position - spaces - first;
                let right = length - position;
                if left * 2 >= position && right * 4 >= position {
                    if starts.len() <= position {
                        starts.resize(position + 1, 0);
                    }
                    starts[position] += 1;
                }
            }
            first_text.get_or_insert(position);
            spaces = 0;
        }
    }
    let (start, &count) = starts
        .iter()
        .enumerate()
        .max_by_key(|&(p, &c)| (c, std::cmp::Reverse(p)))?;
    let middle_third = start * 10 >= widest * 3 && start * 10 <= widest * 7;
    (count >= 5 && count * 10 >= text_lines * 3 && middle_third).then_some(start)
}

/// Byte offset of character `index` in `text` (its length past the end).
fn byte_at(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(b, _)| b)
}

/// How a line stands against the gutter before `right`.
enum Piece {
    Left(Line),
    Right(Line),
    Both(Line, Line),
    Across(Line),
    Blank(Line),
}

fn cut(source: &str, line: &Line, right: usize) -> Piece {
    let text = line.text(source);
    if is_blank(text) {
        return Piece::Blank(line.clone());
    }
    let at = |from: usize, to: usize| Line {
        range: line.range.start + from..line.range.start + to,
        page_break: false,
    };
    // The gutter: the two characters before the right column are spaces.
    let gutter = byte_at(text, right.saturating_sub(2));
    let column = byte_at(text, right);
    let left_text = &text[..gutter];
    let gap = text.get(gutter..column).unwrap_or("");
    if !gap.chars().all(|c| c == ' ') {
        return Piece::Across(line.clone());
    }
    let left_blank = left_text.trim().is_empty();
    let right_blank = text.get(column..).is_none_or(|r| r.trim().is_empty());
    match (left_blank, right_blank) {
        (true, true) => Piece::Blank(line.clone()),
        (false, true) => Piece::Left(line.clone()),
        (true, false) => Piece::Right(at(column, text.len())),
        (false, false) => Piece::Both(at(0, left_text.trim_end().len()), at(column, text.len())),
    }
}

/// The lines in reading order: pages set in two columns side by side are
/// read a column at a time; other pages are left as they are.
pub(crate) fn reading_order(source: &str, lines: Vec<Line>) -> Vec<Line> {
    // Side by side columns need form feeds and gutters: most texts have
    // neither, and cost one search.
    if !lines.iter().any(|l| l.page_break)
        || memchr::memmem::find(source.as_bytes(), b"    ").is_none()
    {
        return lines;
    }
    let mut out = Vec::with_capacity(lines.len() + lines.len() / 2);
    let mut start = 0;
    while start < lines.len() {
        let end = (start + 1..lines.len())
            .find(|&i| lines[i].page_break)
            .unwrap_or(lines.len());
        let page = &lines[start..end];
        match right_column(source, page) {
            Some(right) => read_page(source, page, right, &mut out),
            None => out.extend_from_slice(page),
        }
        start = end;
    }
    out
}

fn read_page(source: &str, page: &[Line], right: usize, out: &mut Vec<Line>) {
    let first = out.len();
    let (mut left_lines, mut right_lines): (Vec<Line>, Vec<Line>) = (Vec::new(), Vec::new());
    let flush = |left: &mut Vec<Line>, right: &mut Vec<Line>, out: &mut Vec<Line>| {
        out.append(left);
        out.append(right);
    };
    for line in page {
        match cut(source, line, right) {
            Piece::Left(l) => left_lines.push(l),
            Piece::Right(r) => right_lines.push(r),
            Piece::Both(l, r) => {
                left_lines.push(l);
                right_lines.push(r);
            }
            Piece::Blank(b) => {
                // A blank line parts paragraphs in both columns.
                left_lines.push(b.clone());
                right_lines.push(Line {
                    range: b.range.start..b.range.start,
                    page_break: false,
                });
            }
            Piece::Across(a) => {
                flush(&mut left_lines, &mut right_lines, out);
                out.push(a);
            }
        }
    }
    flush(&mut left_lines, &mut right_lines, out);
    for line in &mut out[first..] {
        line.page_break = false;
    }
    if let (Some(line), Some(original)) = (out.get_mut(first), page.first()) {
        line.page_break = original.page_break;
    }
}

#[cfg(test)]
mod tests {
    use super::super::lines::split;
    use super::*;

    #[test]
    fn side_by_side_columns_are_read_one_after_the_other() {
        let mut text =
            String::from("A Title Running Across The Whole Page Above Both Columns Here\n\n");
        for i in 0..6 {
            text.push_str(&format!(
                "left line {i} of the first column   right line {i} of the second\n"
            ));
        }
        text.push_str("1 A note at the left foot.        2 A note at the right foot.\n\x0C");
        let lines = split(&text);
        let ordered: Vec<&str> = reading_order(&text, lines)
            .iter()
            .map(|l| l.text(&text).trim())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(
            ordered[0],
            "A Title Running Across The Whole Page Above Both Columns Here"
        );
        assert_eq!(ordered[1], "left line 0 of the first column");
        assert_eq!(ordered[7], "1 A note at the left foot.");
        assert_eq!(ordered[8], "right line 0 of the second");
        assert_eq!(ordered[14], "2 A note at the right foot.");
    }

    #[test]
    fn a_single_column_is_left_alone() {
        let text = "One column of text, set as\nmost papers are set,   with a gap.\n\x0C";
        let lines = split(text);
        let count = lines.len();
        assert_eq!(reading_order(text, lines).len(), count);
    }
}
