//! Pages and their furniture: form feeds, bare page-number lines and running
//! heads (a short line repeated page after page, often with the page number
//! glued on or padded to the margin). Furniture is removed from the reading
//! text and kept as evidence of where pages begin.

use std::collections::HashMap;
use std::ops::Range;

use super::lines::{Line, is_blank};

#[derive(Debug, Clone)]
pub(crate) struct PageSpan {
    /// The page number as printed, where the page shows one.
    pub number: Option<String>,
    /// Lines of the page (furniture included).
    pub lines: Range<usize>,
}

#[derive(Debug, Default)]
pub(crate) struct Pages {
    pub furniture: Vec<bool>,
    pub pages: Vec<PageSpan>,
    /// Page index of every line.
    pub page_of: Vec<usize>,
}

pub(crate) fn find(source: &str, lines: &[Line]) -> Pages {
    let has_form_feeds = lines.iter().any(|l| l.page_break);
    let near_break = near_page_break(source, lines);
    // The index of each line's page, counting form feeds (all 0 without them).
    let page_of_line = pages_by_form_feed(lines);
    let mut furniture = vec![false; lines.len()];
    // Page numbers as printed, by line (few: a map, not a vector of every line).
    let mut printed: HashMap<usize, String> = HashMap::new();
    for (index, number) in
        page_number_chain(source, lines, has_form_feeds, &near_break, &page_of_line)
    {
        furniture[index] = true;
        printed.insert(index, number);
    }
    let numbered: Vec<usize> = (0..lines.len()).filter(|&i| furniture[i]).collect();
    let heads = running_heads(
        source,
        lines,
        has_form_feeds,
        &near_break,
        &numbered,
        &page_of_line,
    );
    for line in printed_twice(has_form_feeds, &page_of_line, &heads, &numbered) {
        furniture[line] = false;
        printed.remove(&line);
    }
    for (index, number) in heads {
        furniture[index] = true;
        if let Some(number) = number {
            printed.insert(index, number);
        }
    }
    let pages = if has_form_feeds {
        pages_at_breaks(lines, &printed)
    } else {
        pages_at_furniture(source, lines, &furniture, &printed)
    };
    let mut page_of = vec![0; lines.len()];
    for (index, page) in pages.iter().enumerate() {
        for line in page.lines.clone() {
            page_of[line] = index;
        }
    }
    Pages {
        furniture,
        pages,
        page_of,
    }
}

/// For each line, whether it is among the first or last three lines with
/// text of a page delimited by form feeds.
fn near_page_break(source: &str, lines: &[Line]) -> Vec<bool> {
    let mut near = vec![false; lines.len()];
    if !lines.iter().any(|l| l.page_break) {
        return near;
    }
    let starts: Vec<usize> = std::iter::once(0)
        .chain((1..lines.len()).filter(|&i| lines[i].page_break))
        .chain(std::iter::once(lines.len()))
        .collect();
    for pair in starts.windows(2) {
        let text_lines: Vec<usize> = (pair[0]..pair[1])
            .filter(|&i| !is_blank(lines[i].text(source)))
            .collect();
        for &i in text_lines
            .iter()
            .take(3)
            .chain(text_lines.iter().rev().take(3))
        {
            near[i] = true;
        }
    }
    near
}

/// The value of a page-number line: `12`, `- 12 -`, `Page 12`, `xiv`.
fn page_number(text: &str) -> Option<u32> {
    let text = text.trim();
    if text.len() > 12 {
        return None;
    }
    let text = text
        .strip_prefix("Page ")
        .or_else(|| text.strip_prefix("page "))
        .unwrap_or(text);
    let text = text.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    if (1..=4).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    roman(text)
}

fn roman(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 7 {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    if lower != text && text.to_ascii_uppercase() != text {
        return None;
    }
    let value = |c: u8| match c {
        b'i' => Some(1),
        b'v' => Some(5),
        b'x' => Some(10),
        b'l' => Some(50),
        b'c' => Some(100),
        _ => None,
    };
    let digits: Option<Vec<u32>> = lower.bytes().map(value).collect();
    let digits = digits?;
    let mut total = 0;
    for (i, &d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|&next| next > d) {
            total -= d as i64;
        } else {
            total += d as i64;
        }
    }
    u32::try_from(total).ok().filter(|&v| v > 0)
}

/// Bare page-number lines whose values rise page by page (a missing page
/// number or two is allowed): the longest such chain, if it is long enough
/// to be pages rather than numbers in the text.
fn page_number_chain(
    source: &str,
    lines: &[Line],
    has_form_feeds: bool,
    near_break: &[bool],
    page_of: &[usize],
) -> Vec<(usize, String)> {
    // With form feeds a chain takes one number a page.
    let candidates: Vec<(usize, u32)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| page_number(line.text(source)).map(|v| (i, v)))
        .collect();
    let is_arabic: Vec<bool> = candidates
        .iter()
        .map(|&(i, _)| lines[i].text(source).bytes().any(|b| b.is_ascii_digit()))
        .collect();
    // Best rising chain, looking back a bounded number of candidates; a
    // number at a page's edge counts for more than one inside it. Between
    // chains of equal weight, the one whose numbers the body goes on after
    // wins ([`body_follows`]).
    const LOOK_BACK: usize = 64;
    // Each candidate's weight, read once: the chain below asks for it once
    // for every candidate it looks back over.
    let weights: Vec<(usize, usize)> = candidates
        .iter()
        .map(|&(line, _)| {
            let edge = if near_break[line] || sentence_goes_on(source, lines, line) {
                3
            } else {
                2
            };
            (edge, body_follows(source, lines, line))
        })
        .collect();
    let weight = |j: usize| weights[j];
    let add = |a: (usize, usize), b: (usize, usize)| (a.0 + b.0, a.1 + b.1);
    let mut score = weights.clone();
    let mut length = vec![1usize; candidates.len()];
    let mut previous = vec![None; candidates.len()];
    for j in 0..candidates.len() {
        for i in j.saturating_sub(LOOK_BACK)..j {
            let (vi, vj) = (candidates[i].1, candidates[j].1);
            let (li, lj) = (candidates[i].0, candidates[j].0);
            let pages_apart = !has_form_feeds || page_of[lj] > page_of[li];
            // Pages are numbered in one style at a time: a roman numeral
            // among arabic page numbers is a heading ("II"), not a page.
            let same_style = is_arabic[i] == is_arabic[j];
            if vj > vi
                && vj <= vi + 3
                && pages_apart
                && same_style
                && add(score[i], weight(j)) > score[j]
            {
                score[j] = add(score[i], weight(j));
                length[j] = length[i] + 1;
                previous[j] = Some(i);
            }
        }
    }
    let Some(best) = (0..candidates.len()).max_by_key(|&j| (score[j], std::cmp::Reverse(j))) else {
        return Vec::new();
    };
    // One number at the very edge of a page is enough where form feeds say
    // where pages are; without them, it takes a run.
    let at_edges = {
        let mut at = Some(best);
        let mut all = true;
        while let Some(j) = at {
            all &= near_break[candidates[j].0];
            at = previous[j];
        }
        all
    };
    let needed = match (has_form_feeds, at_edges) {
        (true, true) => 1,
        (true, false) => 2,
        (false, _) => 3,
    };
    if length[best] < needed {
        return Vec::new();
    }
    let mut chain = Vec::new();
    let mut at = Some(best);
    while let Some(j) = at {
        let (line, _) = candidates[j];
        chain.push((line, lines[line].text(source).trim().to_owned()));
        at = previous[j];
    }
    chain.reverse();
    chain
}

/// How strongly the text after a number line reads as the body going on
/// rather than a note: two columns read in turn can put the page number
/// between them, next to a note's label of the same value on its own line
/// ("2", the note, "2", "carried one mile…"). The body goes on in lowercase
/// or runs long; a note is a few lines. Zero for a number at a page's end.
fn body_follows(source: &str, lines: &[Line], number: usize) -> usize {
    let mut after = (number + 1..lines.len())
        .take_while(|&i| !lines[i].page_break)
        .skip_while(|&i| is_blank(lines[i].text(source)));
    let Some(first) = after.next() else {
        return 0;
    };
    let lowercase = lines[first]
        .text(source)
        .trim_start()
        .starts_with(|c: char| c.is_lowercase());
    let run = 1 + after
        .take_while(|&i| !is_blank(lines[i].text(source)))
        .take(7)
        .count();
    if lowercase { run + 8 } else { run }
}

/// Whether a sentence cut before a number line goes on after it in
/// lowercase ("…“government of", "5", "the people, by the people…"): the
/// number stands between two pieces of the body, as only furniture does.
fn sentence_goes_on(source: &str, lines: &[Line], number: usize) -> bool {
    let before = (0..number)
        .rev()
        .take_while(|&i| !lines[i + 1].page_break)
        .map(|i| lines[i].text(source))
        .find(|text| !is_blank(text));
    let after = (number + 1..lines.len())
        .take_while(|&i| !lines[i].page_break)
        .map(|i| lines[i].text(source))
        .find(|text| !is_blank(text));
    match (before, after) {
        (Some(before), Some(after)) => {
            !super::rewrite::ends_sentence(before)
                && after.trim_start().starts_with(|c: char| c.is_lowercase())
        }
        _ => false,
    }
}

/// Bare numbers (`numbered`) on a page whose running head prints its number.
/// A page prints its number once, so these are text, such as a note's label
/// on a line of its own: one note a page rises like page numbers do.
/// Without form feeds, a page runs from one numbered head to the next.
fn printed_twice(
    has_form_feeds: bool,
    by_form_feed: &[usize],
    heads: &[(usize, Option<String>)],
    numbered: &[usize],
) -> Vec<usize> {
    let numbered_heads: Vec<usize> = heads
        .iter()
        .filter(|(_, n)| n.is_some())
        .map(|&(i, _)| i)
        .collect();
    let page_of = |line: usize| {
        if has_form_feeds {
            by_form_feed[line]
        } else {
            numbered_heads.partition_point(|&h| h <= line)
        }
    };
    let pages: std::collections::HashSet<usize> =
        numbered_heads.iter().map(|&h| page_of(h)).collect();
    numbered
        .iter()
        .copied()
        .filter(|&line| pages.contains(&page_of(line)))
        .collect()
}

/// The index of each line's page, counting form feeds.
fn pages_by_form_feed(lines: &[Line]) -> Vec<usize> {
    let mut page = 0;
    lines
        .iter()
        .map(|l| {
            page += usize::from(l.page_break);
            page
        })
        .collect()
}

/// A running head split into its words and its page number, if any.
fn head_parts(text: &str) -> Option<(String, Option<String>)> {
    let trimmed = text.trim();
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    // pdftotext -layout pads the page number to the margin: count the words.
    let length: usize = words.iter().map(|w| w.chars().count() + 1).sum();
    if length > 100 || trimmed.ends_with(['.', ',', ';']) {
        return None;
    }
    let (first, last) = (words.first()?, words.last()?);
    let is_number = |w: &str| w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit());
    let number = if words.len() > 1 && is_number(last) {
        Some((*last).to_owned())
    } else if words.len() > 1 && is_number(first) {
        Some((*first).to_owned())
    } else {
        // "FRONTIER2": a number glued to the last word, after capitals.
        let digits = trimmed.len() - trimmed.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let before = trimmed[..trimmed.len() - digits].chars().last();
        (digits > 0 && digits <= 4 && before.is_some_and(|c| c.is_uppercase()))
            .then(|| trimmed[trimmed.len() - digits..].to_owned())
    };
    // Letters as printed: a running head "THE OLD WEST" is not the title "The Old West".
    let key: String = trimmed.chars().filter(|c| c.is_alphabetic()).collect();
    let lower = key.to_lowercase();
    let note_like = ["ibid", "idem", "see", "cf", "opcit", "loccit", "id"]
        .iter()
        .any(|p| lower.starts_with(p) && lower.len() < p.len() + 12);
    if key.chars().count() < 4 || note_like {
        return None;
    }
    Some((key, number))
}

/// Lines repeated page after page: with a page number that rises, each next
/// to a form feed, or most next to a page-number line (`numbered`, sorted).
fn running_heads(
    source: &str,
    lines: &[Line],
    has_form_feeds: bool,
    near_break: &[bool],
    numbered: &[usize],
    page_of: &[usize],
) -> Vec<(usize, Option<String>)> {
    let beside_number = |line: usize| {
        let at = numbered.partition_point(|&n| n + 4 < line);
        numbered.get(at).is_some_and(|&n| n <= line + 4)
    };
    let mut by_key: HashMap<String, Vec<(usize, Option<String>)>> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        let text = line.text(source).trim();
        // Without form feeds a running head carries its page number or
        // stands beside a page-number line: most lines need no closer look.
        let candidate = if has_form_feeds {
            near_break[i]
        } else {
            text.ends_with(|c: char| c.is_ascii_digit())
                || text.starts_with(|c: char| c.is_ascii_digit())
                || beside_number(i)
        };
        if !candidate || text.is_empty() || text.len() > 400 {
            continue;
        }
        if let Some((key, number)) = head_parts(text) {
            by_key.entry(key).or_default().push((i, number));
        }
    }
    // With form feeds a running head stands once a page.
    let mut heads = Vec::new();
    for (_, occurrences) in by_key {
        // Two on one page are repeated text (a note cited again), not a head.
        if has_form_feeds
            && occurrences
                .windows(2)
                .any(|w| page_of[w[0].0] == page_of[w[1].0])
        {
            continue;
        }
        // Twice is enough for a line that heads each of its pages, with form feeds.
        let heads_each_page = has_form_feeds
            && occurrences
                .iter()
                .all(|&(i, _)| first_on_page(source, lines, i));
        if occurrences.len() < 3 && !(occurrences.len() == 2 && heads_each_page) {
            continue;
        }
        let numbers: Vec<u32> = occurrences
            .iter()
            .filter_map(|(_, n)| n.as_ref().and_then(|n| n.parse().ok()))
            .collect();
        let rising =
            numbers.len() * 2 >= occurrences.len() && numbers.windows(2).all(|w| w[1] > w[0]);
        // With form feeds, a head's page numbers keep step with the pages
        // ("162 Massachusetts Archives…" on pages 8, 12 and 19 is a note's line).
        let numbered_pages: Vec<(usize, u32)> = occurrences
            .iter()
            .filter_map(|(i, n)| Some((*i, n.as_ref()?.parse().ok()?)))
            .collect();
        let out_of_step = has_form_feeds
            && numbered_pages.windows(2).any(|w| {
                let pages = page_of[w[1].0] - page_of[w[0].0];
                w[1].1.checked_sub(w[0].1) != Some(u32::try_from(pages).unwrap_or(u32::MAX))
            });
        if out_of_step {
            continue;
        }
        let beside = occurrences
            .iter()
            .filter(|(i, _)| beside_number(*i))
            .count();
        if rising || has_form_feeds || beside * 3 >= occurrences.len() * 2 {
            heads.extend(occurrences);
        }
    }
    heads.sort_unstable_by_key(|(i, _)| *i);
    heads
}

/// Whether line `i` is the first line with text on its page.
fn first_on_page(source: &str, lines: &[Line], i: usize) -> bool {
    let mut j = i;
    loop {
        if lines[j].page_break {
            return true;
        }
        if j == 0 {
            return true;
        }
        j -= 1;
        if !is_blank(lines[j].text(source)) {
            return false;
        }
    }
}

fn pages_at_breaks(lines: &[Line], printed: &HashMap<usize, String>) -> Vec<PageSpan> {
    let mut pages: Vec<PageSpan> = Vec::new();
    let mut start = 0;
    for i in 1..=lines.len() {
        if i == lines.len() || lines[i].page_break {
            pages.push(PageSpan {
                number: (start..i).find_map(|j| printed.get(&j).cloned()),
                lines: start..i,
            });
            start = i;
        }
    }
    pages
}

/// Without form feeds, each group of furniture lines is a page boundary; the
/// number it prints belongs to the page below it when furniture heads the
/// pages (the text starts after it), else to the page above.
fn pages_at_furniture(
    source: &str,
    lines: &[Line],
    furniture: &[bool],
    printed: &HashMap<usize, String>,
) -> Vec<PageSpan> {
    let first_text = lines
        .iter()
        .position(|l| !is_blank(l.text(source)))
        .unwrap_or(0);
    let heads_pages = furniture.get(first_text).copied().unwrap_or(false);
    let mut pages = Vec::new();
    let mut start = 0;
    let mut number = None;
    let mut i = 0;
    while i < lines.len() {
        if !furniture[i] {
            i += 1;
            continue;
        }
        // The group: furniture lines with only blank lines between them.
        let mut end = i + 1;
        let mut group_number = printed.get(&i).cloned();
        loop {
            let next = (end..lines.len()).find(|&j| !is_blank(lines[j].text(source)));
            match next {
                Some(j) if furniture[j] => {
                    group_number = group_number.or_else(|| printed.get(&j).cloned());
                    end = j + 1;
                }
                _ => break,
            }
        }
        if heads_pages {
            if i > start {
                pages.push(PageSpan {
                    number: number.take(),
                    lines: start..i,
                });
            }
            start = i;
            number = group_number;
        } else {
            pages.push(PageSpan {
                number: group_number,
                lines: start..end,
            });
            start = end;
        }
        i = end;
    }
    if start < lines.len() {
        pages.push(PageSpan {
            number,
            lines: start..lines.len(),
        });
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::super::lines::split;
    use super::*;

    #[test]
    fn page_numbers_and_heads_are_furniture() {
        let mut text = String::new();
        for page in 1..=4 {
            text.push_str(&format!("THE OLD WEST {page}\nBody line of page {page}.\n"));
        }
        let lines = split(&text);
        let pages = find(&text, &lines);
        assert_eq!(pages.pages.len(), 4);
        assert_eq!(pages.pages[2].number.as_deref(), Some("3"));
        assert!(pages.furniture[0] && !pages.furniture[1]);
    }

    #[test]
    fn bare_numbers_before_form_feeds_are_page_numbers() {
        let text = "Text.\n\n1\n\x0CMore text, 1990 and\n1776\nend.\n\n2\n\x0CLast.\n";
        let lines = split(text);
        let pages = find(text, &lines);
        assert_eq!(pages.pages.len(), 3);
        assert_eq!(pages.pages[1].number.as_deref(), Some("2"));
        let kept: Vec<&str> = lines
            .iter()
            .zip(&pages.furniture)
            .filter(|(_, f)| !**f)
            .map(|(l, _)| l.text(text))
            .collect();
        assert!(kept.contains(&"1776"));
    }

    #[test]
    fn a_note_label_on_its_own_line_is_not_a_page_number_where_the_head_has_it() {
        // One note a page, its label on a line of its own (pdftotext -raw),
        // rises page by page like a page number; the running head prints the
        // page's number, so the label is text.
        // With form feeds (pdftotext) and without (pypdf joins pages with a newline).
        for page_break in ["\x0C", ""] {
            let mut text = String::new();
            let body = [
                "Coal was mined",
                "Railroads grew",
                "Labour combined",
                "Lands closed",
            ];
            for (page, words) in (1..).zip(body) {
                text.push_str(&format!(
                    "{page_break}SOCIAL FORCES IN AMERICAN HISTORY {page}\n{words} in the decade.{page}\n{page}\nAn address of {words}.\n"
                ));
            }
            let lines = split(&text);
            let pages = find(&text, &lines);
            let furniture: Vec<&str> = lines
                .iter()
                .zip(&pages.furniture)
                .filter(|(_, f)| **f)
                .map(|(l, _)| l.text(&text).trim_start_matches('\x0C'))
                .collect();
            assert_eq!(furniture.len(), 4, "{page_break:?}: {furniture:?}");
            assert!(furniture.iter().all(|l| l.starts_with("SOCIAL")));
            assert_eq!(pages.pages[1].number.as_deref(), Some("2"));
        }
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(page_number("xiv"), Some(14));
        assert_eq!(page_number("- 7 -"), Some(7));
        assert_eq!(page_number("Mix"), None);
    }
}
