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
        // A line of the right column alone (the columns' lines need not
        // share a row): far from the margin, and running on for a while.
        let first = text.len() - text.trim_start().len();
        if first >= 20 && (length - first) * 2 >= first {
            if starts.len() <= first {
                starts.resize(first + 1, 0);
            }
            starts[first] += 1;
            continue;
        }
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
    // The right column's lines start within a few characters of each other
    // (indents, the notes' smaller type): counted in a window.
    let around = |p: usize| -> usize {
        starts[p.saturating_sub(2)..(p + 3).min(starts.len())]
            .iter()
            .sum()
    };
    let (start, count) = (0..starts.len())
        .map(|p| (p, around(p)))
        .max_by_key(|&(p, c)| (c, starts[p], std::cmp::Reverse(p)))?;
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

/// How far from the page's column start a line's right column may start:
/// pdftotext places text by its position on the page, so a column's lines
/// set in the notes' smaller type, or indented, start a few characters off.
fn slack(right: usize) -> usize {
    (right / 8).max(4)
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
    let slack = slack(right);
    let near = |position: usize| position.abs_diff(right) <= slack;
    // Where text starts after a gap of two spaces or more, by character.
    let mut gap_ends = Vec::new();
    let (mut spaces, mut seen_text, mut first, mut chars) = (0, false, None, 0);
    for (position, c) in text.chars().enumerate() {
        chars = position + 1;
        if c == ' ' {
            spaces += 1;
            continue;
        }
        if seen_text && spaces >= 2 {
            gap_ends.push(position);
        }
        first.get_or_insert(position);
        seen_text = true;
        spaces = 0;
    }
    let first = first.unwrap_or(0);
    let last = text.trim_end().chars().count();
    // A right column's line keeps its indent from the column start: a
    // paragraph's first line is indented.
    let from = |start: usize| byte_at(text, start.min(right));
    if first > right || near(first) && first * 2 > right {
        return Piece::Right(at(from(first), text.len()));
    }
    // The gap closest to the column start, if near enough: the gutter.
    let gutter = gap_ends
        .iter()
        .copied()
        .filter(|&p| near(p))
        .min_by_key(|&p| p.abs_diff(right));
    match gutter {
        Some(column) => {
            let left = text[..byte_at(text, column)].trim_end().len();
            // Not before the gap: the left column's text stays its own.
            let start = from(column).max(left + 1);
            Piece::Both(at(0, left), at(start, text.len()))
        }
        None if last <= right + slack => Piece::Left(line.clone()),
        None => {
            // Text far to the right past a wide gap at the column start (a
            // running head's page number) is the right column's.
            let gutter = byte_at(text, right.saturating_sub(2));
            let column = byte_at(text, right);
            if chars > right && text[gutter..column].chars().all(|c| c == ' ') {
                let left = text[..gutter].trim_end().len();
                Piece::Both(at(0, left), at(column, text.len()))
            } else {
                Piece::Across(line.clone())
            }
        }
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

/// How many words a line's end breaks with a hyphen, and how many of them
/// go on two lines down instead of on the next line, where that is common
/// enough to mean that two columns were read across, a line of each in
/// turn (pdfplumber, where the columns' baselines differ; where they match
/// it sets both on one line). Text read in order goes on at once (98–100%
/// of broken words in converter output); interleaved columns send 10–20%
/// two lines down. The text alone cannot tell the columns apart again.
pub(crate) fn interleaved(source: &str, lines: &[Line]) -> Option<(usize, usize)> {
    // At least this many broken words, for a share that means something.
    const LEAST: usize = 30;
    let texts: Vec<&str> = lines
        .iter()
        .map(|l| l.text(source).trim())
        .filter(|t| !t.is_empty())
        .collect();
    let opens_lowercase = |t: &str| t.starts_with(char::is_lowercase);
    let mut broken = 0;
    let mut two_down = 0;
    for (k, text) in texts.iter().enumerate() {
        let mut end = text.chars().rev();
        let cut = end.next() == Some('-') && end.next().is_some_and(char::is_lowercase);
        let (true, Some(next), Some(after)) = (cut, texts.get(k + 1), texts.get(k + 2)) else {
            continue;
        };
        broken += 1;
        if !opens_lowercase(next) && opens_lowercase(after) {
            two_down += 1;
        }
    }
    (broken >= LEAST && two_down * 20 >= broken).then_some((broken, two_down))
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
    fn columns_on_rows_of_their_own_and_notes_set_wider_are_read_apart() {
        // The columns' lines need not share a row, and the notes' smaller
        // type puts the gutter a few characters further right.
        let mut text = String::new();
        for i in 0..4 {
            text.push_str(&format!("left body line {i} of the first column\n"));
            text.push_str(&format!(
                "{}right body line {i} of the second\n",
                " ".repeat(40)
            ));
        }
        for i in 0..3 {
            text.push_str(&format!(
                "{i} a note of the left column, set smaller    {} a right note\n",
                i + 4
            ));
        }
        text.push('\x0C');
        let lines = split(&text);
        let ordered: Vec<String> = reading_order(&text, lines)
            .iter()
            .map(|l| l.text(&text).trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(ordered[3], "left body line 3 of the first column");
        assert_eq!(ordered[4], "0 a note of the left column, set smaller");
        assert_eq!(ordered[7], "right body line 0 of the second");
        assert_eq!(ordered[13], "6 a right note");
    }

    #[test]
    fn a_single_column_is_left_alone() {
        let text = "One column of text, set as\nmost papers are set,   with a gap.\n\x0C";
        let lines = split(text);
        let count = lines.len();
        assert_eq!(reading_order(text, lines).len(), count);
    }

    #[test]
    fn columns_read_a_line_of_each_in_turn_are_told_apart_from_text_in_order() {
        let left = "the settlement of the frontier went on over the moun-\ntains into the valleys of the west in the ten years after the war";
        let right = "The traders followed the Indian trails across the coun-\ntry and the farmers followed the traders along the rivers";
        let (left, right): (Vec<&str>, Vec<&str>) =
            (left.lines().collect(), right.lines().collect());
        let mut interleaved_text = String::new();
        let mut in_order = String::new();
        for _ in 0..20 {
            for k in 0..2 {
                interleaved_text.push_str(&format!("{}\n{}\n", left[k], right[k]));
            }
            in_order.push_str(&format!(
                "{}\n{}\n{}\n{}\n",
                left[0], left[1], right[0], right[1]
            ));
        }
        let found = interleaved(&interleaved_text, &split(&interleaved_text));
        assert_eq!(found, Some((40, 20)));
        assert_eq!(interleaved(&in_order, &split(&in_order)), None);
        // Too few broken words to judge by.
        let short: String = interleaved_text
            .lines()
            .take(40)
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(interleaved(&short, &split(&short)), None);
    }
}
