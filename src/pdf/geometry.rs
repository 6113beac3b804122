//! A PDF's text in reading order, from the geometry poppler gives
//! (`pdftotext -bbox-layout`: every page, block, line and word with its box).
//!
//! Plain `pdftotext` prints a two-column page in whatever order its flows
//! come, interleaving a column's footnotes with the other column's text, and
//! splits letter-spaced small capitals into pieces ("T HE L ETTERS"). With
//! the boxes the order is known: blocks that span the page cut it into
//! bands, and within a band the left column is read before the right, each
//! top to bottom (so each column's notes follow its text, as at its foot).
//! Words set closer than a space belong together (a superscript marker, the
//! letters of small capitals). The result is text in the shape converters
//! give (a line a printed line, a blank line between blocks, a form feed
//! after each page), read by the same parser as any converter's text.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// A box on the page, in points from the top left.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Frame {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

impl Frame {
    fn height(&self) -> f32 {
        self.y1 - self.y0
    }
}

#[derive(Debug, Default)]
struct Word {
    frame: Frame,
    text: String,
}

#[derive(Debug, Default)]
struct Line {
    words: Vec<Word>,
}

#[derive(Debug, Default)]
struct Block {
    frame: Frame,
    lines: Vec<Line>,
}

#[derive(Debug, Default)]
struct Page {
    width: f32,
    blocks: Vec<Block>,
}

/// The version of the reading: raised whenever the same PDF would read
/// differently, so cached text from an older reading is not used.
pub(crate) const VERSION: u32 = 3;

/// Why the geometry could not be read.
#[derive(Debug, thiserror::Error)]
#[error("the converter's layout is not readable XHTML: {0}")]
pub struct GeometryError(String);

/// A line as it is written, with its type size: all that is kept of a page
/// once it is read (its words and boxes are not, so a 3,000-page PDF's
/// layout is never held whole).
#[derive(Debug)]
struct WrittenLine {
    text: String,
    size: f32,
}

/// A page's blocks in reading order, each its written lines.
type WrittenPage = Vec<Vec<WrittenLine>>;

/// The text of the pages described by `xhtml` (the output of `pdftotext
/// -bbox-layout`), in reading order.
#[cfg(test)]
pub fn reading_text(xhtml: &str) -> Result<String, GeometryError> {
    reading_text_from(xhtml.as_bytes())
}

/// [`reading_text`] of a layout read as it comes (from the converter's
/// pipe): each page is put in reading order and written as soon as it
/// ends; only where the notes' smaller type begins waits for the body's
/// size, known at the end.
pub fn reading_text_from(input: impl std::io::BufRead) -> Result<String, GeometryError> {
    // pdftotext writes UTF-8; a byte that is not reads as U+FFFD.
    let mut reader = Reader::from_reader(crate::text::LossyUtf8::new(input));
    let mut buffer = Vec::new();
    let mut page: Option<Page> = None;
    let mut pages: Vec<WrittenPage> = Vec::new();
    let mut sizes = Sizes::default();
    let mut in_word = false;
    loop {
        buffer.clear();
        let event = reader
            .read_event_into(&mut buffer)
            .map_err(|e| GeometryError(e.to_string()))?;
        match event {
            Event::Start(element) => match element.name().as_ref() {
                "page" => {
                    pages.extend(page.take().map(|p| finish(p, &mut sizes)));
                    page = Some(Page {
                        width: number(&element, "width"),
                        blocks: Vec::new(),
                    });
                }
                "block" => {
                    if let Some(page) = &mut page {
                        page.blocks.push(Block {
                            frame: frame(&element),
                            lines: Vec::new(),
                        });
                    }
                }
                "line" => {
                    if let Some(block) = page.as_mut().and_then(|p| p.blocks.last_mut()) {
                        block.lines.push(Line::default());
                    }
                }
                "word" => {
                    if let Some(line) = current_line(page.as_mut()) {
                        line.words.push(Word {
                            frame: frame(&element),
                            text: String::new(),
                        });
                        in_word = true;
                    }
                }
                _ => {}
            },
            Event::End(element) => match element.name().as_ref() {
                "word" => in_word = false,
                "page" => pages.extend(page.take().map(|p| finish(p, &mut sizes))),
                _ => {}
            },
            Event::Text(text) if in_word => {
                if let Some(word) = current_word(page.as_mut()) {
                    word.text.push_str(&text.xml10_content());
                }
            }
            Event::GeneralRef(reference) if in_word => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => crate::text::xml_entity(reference.as_ref()),
                };
                if let (Some(c), Some(word)) = (resolved, current_word(page.as_mut())) {
                    word.text.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    pages.extend(page.take().map(|p| finish(p, &mut sizes)));
    let body_size = sizes.body();
    let length: usize = pages
        .iter()
        .flatten()
        .flatten()
        .map(|l| l.text.len() + 1)
        .sum();
    let mut text = String::with_capacity(length + 2 * pages.len());
    for page in &pages {
        write_page(page, body_size, &mut text);
        text.push('\x0C');
    }
    Ok(text)
}

/// A page read whole: its labels joined to their lines, its lines made
/// rows, its blocks put in reading order and written; its type sizes
/// counted in `sizes`.
fn finish(mut page: Page, sizes: &mut Sizes) -> WrittenPage {
    join_labels_to_their_lines(&mut page);
    for block in &mut page.blocks {
        block.lines = visual_rows(std::mem::take(&mut block.lines));
    }
    reading_order(&page)
        .into_iter()
        .map(|block| {
            block
                .lines
                .iter()
                .map(|line| {
                    let size = size_of(line);
                    sizes.count(line, size);
                    let mut text = String::new();
                    write_line(line, &mut text);
                    WrittenLine { text, size }
                })
                .collect()
        })
        .collect()
}

/// A line's type size: its tallest word (a superscript is smaller).
fn size_of(line: &Line) -> f32 {
    line.words
        .iter()
        .map(|w| w.frame.height())
        .fold(0.0, f32::max)
}

/// The type sizes of the text, to a tenth of a point, each weighted by the
/// characters set in it.
#[derive(Debug, Default)]
struct Sizes(std::collections::HashMap<i32, usize>);

impl Sizes {
    fn count(&mut self, line: &Line, size: f32) {
        let characters: usize = line.words.iter().map(|w| w.text.chars().count()).sum();
        *self.0.entry((size * 10.0).round() as i32).or_default() += characters;
    }

    /// The body's type size: the size most of the text is set in.
    fn body(&self) -> f32 {
        self.0
            .iter()
            .max_by_key(|&(size, count)| (count, size))
            .map_or(0.0, |(&size, _)| size as f32 / 10.0)
    }
}

/// Whether a line is set smaller than the body, as notes are.
fn small(line: &WrittenLine, body_size: f32) -> bool {
    line.size < body_size * 0.92
}

fn number(element: &BytesStart<'_>, name: &str) -> f32 {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.value.parse().ok())
        .unwrap_or(0.0)
}

fn frame(element: &BytesStart<'_>) -> Frame {
    Frame {
        x0: number(element, "xMin"),
        y0: number(element, "yMin"),
        x1: number(element, "xMax"),
        y1: number(element, "yMax"),
    }
}

/// Whether two vertical extents share most of the smaller one's height.
fn same_row((top, foot): (f32, f32), (other_top, other_foot): (f32, f32)) -> bool {
    let overlap = foot.min(other_foot) - top.max(other_top);
    overlap * 2.0 >= (foot - top).min(other_foot - other_top)
}

/// poppler makes a block of its own of a note's label set in the margin
/// before the note's text (`3` beside "See Osgood, …"): such a label joins
/// the line that starts just after it in the same row.
fn join_labels_to_their_lines(page: &mut Page) {
    let narrow = |b: &Block| {
        b.lines.len() == 1
            && b.frame.x1 - b.frame.x0 < page.width * 0.03
            && b.lines[0].words.len() == 1
    };
    let mut k = 0;
    while k < page.blocks.len() {
        if !narrow(&page.blocks[k]) {
            k += 1;
            continue;
        }
        let label = &page.blocks[k];
        let row = extent(&label.lines[0]);
        let reach = (row.1 - row.0) * 2.0;
        // The line beside it starts just after it, in the same row.
        let beside = |line: &Line| {
            line.words
                .first()
                .is_some_and(|w| (w.frame.x0 - label.frame.x1).abs() <= reach)
                && same_row(row, extent(line))
        };
        let host = page.blocks.iter().enumerate().find_map(|(b, block)| {
            (b != k)
                .then(|| block.lines.iter().position(beside))
                .flatten()
                .map(|l| (b, l))
        });
        let Some((b, l)) = host else {
            k += 1;
            continue;
        };
        let words = std::mem::take(&mut page.blocks[k].lines[0].words);
        let line = &mut page.blocks[b].lines[l];
        line.words.splice(0..0, words);
        page.blocks.remove(k);
    }
}

/// A line's vertical extent: from its highest word's top to its lowest's foot.
fn extent(line: &Line) -> (f32, f32) {
    line.words
        .iter()
        .fold((f32::MAX, f32::MIN), |(top, foot), w| {
            (top.min(w.frame.y0), foot.max(w.frame.y1))
        })
}

/// The block's lines as printed rows: poppler sometimes gives a raised
/// label its own line, before or after the text it belongs to (`4` after
/// "See chapter ii, ante."). Lines that share most of their height are one
/// row, its words in order across the page.
fn visual_rows(mut lines: Vec<Line>) -> Vec<Line> {
    lines.retain(|l| !l.words.is_empty());
    lines.sort_by(|a, b| {
        let (a, b) = (extent(a), extent(b));
        (a.0 + a.1).total_cmp(&(b.0 + b.1))
    });
    let mut rows: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        let shares_row = rows
            .last()
            .is_some_and(|row| same_row(extent(row), extent(&line)));
        match rows.last_mut() {
            Some(row) if shares_row => {
                row.words.extend(line.words);
                row.words.sort_by(|a, b| a.frame.x0.total_cmp(&b.frame.x0));
            }
            _ => rows.push(line),
        }
    }
    rows
}

fn current_line(page: Option<&mut Page>) -> Option<&mut Line> {
    page?.blocks.last_mut()?.lines.last_mut()
}

fn current_word(page: Option<&mut Page>) -> Option<&mut Word> {
    current_line(page)?.words.last_mut()
}

/// Where a block stands across the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Left,
    Right,
    Spanning,
}

fn column_of(frame: &Frame, width: f32) -> Column {
    let middle = width / 2.0;
    let slack = width * 0.02;
    // Centred (a page number, a title): across the page, whatever its width.
    let centre = (frame.x0 + frame.x1) / 2.0;
    if (centre - middle).abs() < width * 0.05 {
        Column::Spanning
    } else if frame.x1 <= middle + slack {
        Column::Left
    } else if frame.x0 >= middle - slack {
        Column::Right
    } else {
        Column::Spanning
    }
}

/// The page's blocks in reading order.
fn reading_order(page: &Page) -> Vec<&Block> {
    let columns: Vec<Column> = page
        .blocks
        .iter()
        .map(|b| column_of(&b.frame, page.width))
        .collect();
    // Two columns: text blocks (a quarter of the page wide or more) on both sides.
    let wide = |b: &Block| b.frame.x1 - b.frame.x0 >= page.width * 0.25;
    let has = |side: Column| {
        page.blocks
            .iter()
            .zip(&columns)
            .any(|(b, &c)| c == side && wide(b))
    };
    let mut order: Vec<usize> = (0..page.blocks.len()).collect();
    if !(has(Column::Left) && has(Column::Right)) {
        order.sort_by(|&a, &b| page.blocks[a].frame.y0.total_cmp(&page.blocks[b].frame.y0));
        return order.into_iter().map(|i| &page.blocks[i]).collect();
    }
    // Spanning blocks cut the page into bands; a band is read left column
    // first, then right, and the spanning block below it after both.
    let mut spans: Vec<f32> = page
        .blocks
        .iter()
        .zip(&columns)
        .filter(|&(_, &c)| c == Column::Spanning)
        .map(|(b, _)| b.frame.y0)
        .collect();
    spans.sort_by(f32::total_cmp);
    let key = |i: usize| {
        let block = &page.blocks[i];
        let above = spans.partition_point(|&y| y < block.frame.y0);
        match columns[i] {
            Column::Spanning => (2 * above + 1, 0, block.frame.y0),
            Column::Left => (2 * above, 0, block.frame.y0),
            Column::Right => (2 * above, 1, block.frame.y0),
        }
    };
    order.sort_by(|&a, &b| {
        let (ka, kb) = (key(a), key(b));
        (ka.0, ka.1).cmp(&(kb.0, kb.1)).then(ka.2.total_cmp(&kb.2))
    });
    order.into_iter().map(|i| &page.blocks[i]).collect()
}

fn write_page(page: &WrittenPage, body_size: f32, out: &mut String) {
    let mut previous: Option<&Vec<WrittenLine>> = None;
    for block in page {
        // Blocks are set apart by a blank line, but for two blocks of the
        // notes' smaller type one after the other: a note the converter cut
        // in two, whose second half would read as body text.
        let note_goes_on = previous
            .and_then(|p| p.last())
            .zip(block.first())
            .is_some_and(|(last, first)| small(last, body_size) && small(first, body_size));
        if previous.is_some() && !note_goes_on {
            out.push('\n');
        }
        previous = Some(block);
        for line in block {
            out.push_str(&line.text);
            out.push('\n');
        }
    }
}

/// A line's words, with a space only where the gap is a space's width:
/// a superscript marker or the letters of small capitals set closer join
/// the word before them.
fn write_line(line: &Line, out: &mut String) {
    let mut previous: Option<&Word> = None;
    for word in &line.words {
        if let Some(before) = previous {
            let gap = word.frame.x0 - before.frame.x1;
            let size = word.frame.height().min(before.frame.height());
            if gap > size * 0.12 {
                out.push(' ');
            }
        }
        match previous {
            // "1820" and a raised "10" would read as one year: the marker is
            // written as the superscript it is.
            Some(before)
                if before.text.ends_with(|c: char| c.is_ascii_digit())
                    && raised_number(word, before) =>
            {
                out.extend(word.text.chars().filter_map(superscript_of));
            }
            // A raised label "1" before a note that opens "1901." stands apart.
            Some(before)
                if word.text.starts_with(|c: char| c.is_ascii_digit())
                    && raised_number(before, word)
                    && !out.ends_with(' ') =>
            {
                out.push(' ');
                out.push_str(&word.text);
            }
            _ => out.push_str(&word.text),
        }
        previous = Some(word);
    }
}

/// Whether `word` is a number set smaller and higher than `base`, the word
/// beside it: a superscript.
fn raised_number(word: &Word, base: &Word) -> bool {
    !word.text.is_empty()
        && word.text.chars().all(|c| c.is_ascii_digit())
        && word.frame.height() < base.frame.height() * 0.85
        && word.frame.y1 < base.frame.y1 - base.frame.height() * 0.15
}

fn superscript_of(digit: char) -> Option<char> {
    Some(match digit {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x0: f32, x1: f32, y0: f32, y1: f32, text: &str) -> String {
        format!(r#"<word xMin="{x0}" yMin="{y0}" xMax="{x1}" yMax="{y1}">{text}</word>"#)
    }

    fn block(x0: f32, x1: f32, y0: f32, lines: &[&str]) -> String {
        let mut xml = format!(
            r#"<block xMin="{x0}" yMin="{y0}" xMax="{x1}" yMax="{}">"#,
            y0 + 12.0 * lines.len() as f32
        );
        for (i, text) in lines.iter().enumerate() {
            let y = y0 + 12.0 * i as f32;
            xml.push_str("<line>");
            let mut x = x0;
            for w in text.split(' ') {
                let end = x + 5.0 * w.chars().count() as f32;
                xml.push_str(&word(x, end, y, y + 10.0, w));
                x = end + 3.0;
            }
            xml.push_str("</line>");
        }
        xml.push_str("</block>");
        xml
    }

    fn page(blocks: &[String]) -> String {
        format!(
            r#"<page width="600" height="800"><flow>{}</flow></page>"#,
            blocks.concat()
        )
    }

    #[test]
    fn two_columns_are_read_left_then_right_with_their_notes() {
        // The converter's flows come right column first.
        let xml = format!(
            "<doc>{}</doc>",
            page(&[
                block(50.0, 550.0, 40.0, &["A Title Across"]),
                block(320.0, 560.0, 100.0, &["right column text"]),
                block(40.0, 290.0, 100.0, &["left column text"]),
                block(40.0, 290.0, 700.0, &["1 A note of the left column."]),
                block(320.0, 560.0, 700.0, &["2 A note of the right column."]),
                block(280.0, 300.0, 760.0, &["7"]),
            ])
        );
        let text = reading_text(&xml).unwrap();
        let order: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            order,
            [
                "A Title Across",
                "left column text",
                "1 A note of the left column.",
                "right column text",
                "2 A note of the right column.",
                "7",
                "\x0C"
            ]
        );
    }

    #[test]
    fn a_raised_number_after_a_number_is_written_as_a_superscript() {
        let xml = format!(
            r#"<doc><page width="600" height="800"><block xMin="0" yMin="0" xMax="300" yMax="12"><line>{}{}{}</line></block></page></doc>"#,
            word(0.0, 20.0, 100.0, 110.0, "1820"),
            word(20.0, 28.0, 98.0, 105.0, "10"),
            word(31.0, 45.0, 100.0, 110.0, "the"),
        );
        assert_eq!(reading_text(&xml).unwrap(), "1820¹⁰ the\n\x0C");
    }

    #[test]
    fn a_raised_label_before_a_number_stands_apart() {
        let xml = format!(
            r#"<doc><page width="600" height="800"><block xMin="0" yMin="0" xMax="300" yMax="12"><line>{}{}</line></block></page></doc>"#,
            word(0.0, 4.0, 98.0, 105.0, "1"),
            word(4.2, 20.0, 100.0, 110.0, "1901."),
        );
        assert_eq!(reading_text(&xml).unwrap(), "1 1901.\n\x0C");
    }

    #[test]
    fn close_words_join_and_entities_are_decoded() {
        let xml = format!(
            r#"<doc><page width="600" height="800"><block xMin="0" yMin="0" xMax="300" yMax="12"><line>{}{}{}{}{}</line></block></page></doc>"#,
            word(0.0, 40.0, 0.0, 10.0, "History"),
            word(40.0, 44.0, -2.0, 5.0, "1"),
            word(50.0, 54.0, 0.0, 10.0, "T"),
            word(54.2, 80.0, 1.0, 10.0, "HE"),
            word(85.0, 120.0, 0.0, 10.0, "A&amp;B&#8217;s"),
        );
        assert_eq!(reading_text(&xml).unwrap(), "History1 THE A&B’s\n\x0C");
    }

    #[test]
    fn a_raised_label_on_a_line_of_its_own_joins_its_row() {
        // poppler's order: the note's text, then its label as another line.
        let xml = format!(
            r#"<doc><page width="600" height="800"><block xMin="0" yMin="0" xMax="300" yMax="30"><line>{}</line><line>{}</line><line>{}</line></block></page></doc>"#,
            word(10.0, 200.0, 0.0, 10.0, "See chapter ii, ante."),
            word(4.0, 8.0, 12.0, 18.0, "4"),
            word(10.0, 200.0, 13.0, 23.0, "Sheldon, Deerfield."),
        );
        assert_eq!(
            reading_text(&xml).unwrap(),
            "See chapter ii, ante.\n4 Sheldon, Deerfield.\n\x0C"
        );
    }

    #[test]
    fn a_label_set_in_the_margin_joins_its_note() {
        let xml = format!(
            r#"<doc><page width="600" height="800"><block xMin="85" yMin="674" xMax="89" yMax="681"><line>{}</line></block><block xMin="90" yMin="675" xMax="350" yMax="697"><line>{}</line><line>{}</line></block></page></doc>"#,
            word(85.0, 89.0, 674.0, 681.0, "3"),
            word(90.0, 350.0, 676.0, 685.0, "See Osgood, American Colonies."),
            word(90.0, 170.0, 688.0, 697.0, "See chapter ii, ante."),
        );
        assert_eq!(
            reading_text(&xml).unwrap(),
            "3 See Osgood, American Colonies.\nSee chapter ii, ante.\n\x0C"
        );
    }

    #[test]
    fn a_single_column_reads_top_to_bottom() {
        let xml = format!(
            "<doc>{}</doc>",
            page(&[
                block(40.0, 560.0, 700.0, &["1 The note."]),
                block(40.0, 560.0, 100.0, &["Body text.1"]),
            ])
        );
        assert_eq!(
            reading_text(&xml).unwrap(),
            "Body text.1\n\n1 The note.\n\x0C"
        );
    }

    #[test]
    fn malformed_layout_is_an_error_not_a_panic() {
        assert!(reading_text("<doc><page width=\"x\"><block></page>").is_err());
        let unknown_entity = r#"<doc><page width="600"><block><line><word>a&bogus;b</word></line></block></page></doc>"#;
        assert_eq!(reading_text(unknown_entity).unwrap(), "ab\n\x0C");
    }

    #[test]
    fn bytes_that_are_not_utf8_read_as_replacement_characters() {
        let layout = b"<doc><page width=\"600\"><block><line><word>a\xFFb</word></line></block></page></doc>";
        assert_eq!(reading_text_from(&layout[..]).unwrap(), "a\u{FFFD}b\n\x0C");
    }
}
