//! Structure a conversion flattened into plain paragraphs: bare heading lines
//! ("Introduction", "3.1. Russia"), figure and table captions, source lines,
//! block quotes, and the heading of a printed table of contents.

use super::inline::join;
use super::units::{next_live, numbering_depth};
use super::{Matter, Role, TextKind, Unit};
use crate::document::model::RichText;

/// Words that stand alone on a line as a section heading.
const SECTION_WORDS: &[&str] = &[
    "introduction",
    "conclusion",
    "conclusions",
    "concluding remarks",
    "background",
    "summary",
    "discussion",
    "methodology",
    "methods",
    "results",
    "references",
    "bibliography",
    "acknowledgements",
    "acknowledgments",
    "appendix",
    "notes",
    "abstract",
    "preface",
    "foreword",
    "epilogue",
];

/// Case-insensitive prefix test on ASCII prefixes, without copying the text.
pub(crate) fn starts_with_any(text: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| {
        text.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    })
}

pub(crate) fn is_section_word(text: &str) -> bool {
    let text = text.trim().trim_end_matches(':').to_lowercase();
    SECTION_WORDS.contains(&text.as_str())
}

/// "CHAPTER VI.", "Chapter 3", "BOOK II", "Part IV": a division of a book.
pub(crate) fn is_chapter_line(text: &str) -> bool {
    let mut words = text.trim().trim_end_matches(['.', ':']).split_whitespace();
    let (Some(word), Some(number), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    let division = ["chapter", "book", "part", "section"].contains(&word.to_lowercase().as_str())
        && word.starts_with(|c: char| c.is_uppercase());
    let numeral = number.chars().all(|c| c.is_ascii_digit())
        || (number.len() <= 7 && number.chars().all(|c| "IVXLCivxlc".contains(c)));
    division && numeral
}

/// An all-capitals title line ("THE MIDDLE WEST") under a chapter line.
fn is_capitals_title(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=12).contains(&words)
        && text.chars().any(char::is_alphabetic)
        && !text.chars().any(char::is_lowercase)
        && !text.ends_with([',', ';'])
}

pub(crate) fn is_contents_title(text: &str) -> bool {
    matches!(
        text.trim().trim_end_matches(':').to_lowercase().as_str(),
        "contents" | "table of contents"
    )
}

pub(crate) fn recognise(units: &mut [Unit]) {
    for i in 1..units.len() {
        // The title under a chapter line is part of the chapter's heading.
        if is_chapter_line(units[i - 1].text())
            && units[i - 1].lines == 1
            && units[i].role == Role::Text(TextKind::Paragraph)
            && units[i].lines == 1
            && is_capitals_title(units[i].text())
        {
            units[i].role = Role::Heading {
                markdown_level: None,
                numbering: None,
                level: 2,
            };
        }
    }
    for unit in units.iter_mut() {
        if let Some(role) = bare_heading(unit) {
            if let Role::Text(TextKind::ListItem {
                number: Some(n), ..
            }) = unit.role
            {
                // "1. Background" was read as an ordered list: give the heading its number back.
                let mut numbered = RichText {
                    text: format!("{n}."),
                    ..RichText::default()
                };
                join(&mut numbered, std::mem::take(&mut unit.content));
                unit.content = numbered;
            }
            unit.role = role;
        } else if is_caption(unit, Float::Figure) {
            unit.role = Role::Figure(None);
        }
    }
    attach_captions(units);
}

fn bare_heading(unit: &Unit) -> Option<Role> {
    let numbered_item = match unit.role {
        Role::Text(TextKind::Paragraph) => false,
        Role::Text(TextKind::ListItem {
            number: Some(_),
            lone: true,
            ..
        }) => true,
        _ => return None,
    };
    let text = unit.text();
    if unit.lines != 1 || text.len() > 120 || !unit.content.markers.is_empty() {
        return None;
    }
    let words = text.split_whitespace().count();
    if words == 0 || words > 14 {
        return None;
    }
    let heading = |numbering| Role::Heading {
        markdown_level: None,
        numbering,
        level: 1,
    };
    if is_chapter_line(text) {
        return Some(heading(None));
    }
    if text.ends_with(['.', ',', ';']) {
        return None;
    }
    let capitalised = |s: &str| {
        s.chars()
            .find(|c| !matches!(c, '"' | '“' | '‘' | '\''))
            .is_some_and(char::is_uppercase)
    };
    if numbered_item {
        return capitalised(text).then(|| heading(Some(1)));
    }
    if let Some(depth) = numbering_depth(text) {
        let rest = text
            .split_once(char::is_whitespace)
            .map_or("", |(_, rest)| rest);
        return capitalised(rest).then(|| heading(Some(depth)));
    }
    if is_section_word(text) {
        return Some(heading(None));
    }
    let caption = starts_with_any(text, &["figure", "fig.", "table", "source", "chart"]);
    (unit.all_strong && words <= 12 && !caption && capitalised(text)).then(|| heading(None))
}

/// What a caption labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Float {
    Table,
    Figure,
}

/// A caption's opening: what it labels, and whether its number is set off
/// by a colon or a point ("Table 2: …"), which a sentence that starts the
/// same way ("Table 3 shows …") never is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Caption {
    pub kind: Float,
    pub punctuated: bool,
}

/// The float a caption opens by naming: "Table 2: …", "Figure 3. …",
/// "Fig. 2 …", "TABLE IV": the word, then a number (digits, a roman
/// numeral, or a short label like "A1") that ends the line or is followed
/// by a space, a colon or a point.
pub(crate) fn caption_of(text: &str) -> Option<Caption> {
    let (kind, rest) = [
        ("table", Float::Table),
        ("figure", Float::Figure),
        ("fig.", Float::Figure),
    ]
    .into_iter()
    .find_map(|(word, kind)| starts_with_any(text, &[word]).then(|| (kind, &text[word.len()..])))?;
    let rest = rest.trim_start();
    let number_end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    let number = &rest[..number_end];
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let roman = number.chars().all(|c| "IVXLivxl".contains(c))
        && (number.chars().all(char::is_uppercase) || number.chars().all(char::is_lowercase));
    // "12", "IV", "iv", "A1" (an appendix's table)
    let numbered = !number.is_empty()
        && number.len() <= 6
        && (digits(number)
            || roman
            || number.char_indices().nth(1).is_some_and(|(at, _)| {
                number.starts_with(char::is_alphabetic) && digits(&number[at..])
            }));
    let after = rest[number_end..].chars().next();
    let punctuated = after.is_none_or(|c| c == ':' || c == '.');
    (numbered && (punctuated || after.is_some_and(char::is_whitespace)))
        .then_some(Caption { kind, punctuated })
}

/// "Figure 1 …", "Table 2: …": a short caption paragraph of that `kind`.
fn is_caption(unit: &Unit, kind: Float) -> bool {
    matches!(unit.role, Role::Text(TextKind::Paragraph))
        && unit.lines <= 2
        && unit.text().len() <= 300
        && caption_of(unit.text()).is_some_and(|caption| caption.kind == kind)
}

/// The last unit before `from` that was not removed.
fn previous_live(units: &[Unit], from: usize) -> Option<usize> {
    (0..from).rev().find(|&j| units[j].role != Role::Removed)
}

/// Whether unit `j` is a table still without its caption.
fn uncaptioned_table(units: &[Unit], j: Option<usize>) -> bool {
    j.is_some_and(|j| matches!(units[j].role, Role::Table(_)) && units[j].text().is_empty())
}

/// Whether the paper sets its table captions below the tables: where a
/// caption stands by one table only, the side it stands on, counted over
/// the paper (above, as most styles do, when it does not say).
fn captions_below(units: &[Unit]) -> bool {
    let (mut above, mut below) = (0, 0);
    for i in 0..units.len() {
        if units[i].role == Role::Removed || !is_caption(&units[i], Float::Table) {
            continue;
        }
        let before = uncaptioned_table(units, previous_live(units, i));
        let after = uncaptioned_table(units, next_live(units, i));
        match (before, after) {
            (true, false) => below += 1,
            (false, true) => above += 1,
            _ => {}
        }
    }
    below > above
}

/// Table captions join their table (above or below it, as the paper sets
/// them), "Source:" lines join the figure or table above, and the "Table of
/// Contents" heading joins the contents it titles.
fn attach_captions(units: &mut [Unit]) {
    let below = captions_below(units);
    for i in 0..units.len() {
        if units[i].role != Role::Removed && is_caption(&units[i], Float::Table) {
            let before = previous_live(units, i).filter(|&j| uncaptioned_table(units, Some(j)));
            let after = next_live(units, i).filter(|&j| uncaptioned_table(units, Some(j)));
            let table = if below {
                before.or(after)
            } else {
                after.or(before)
            };
            match table {
                Some(table) => move_into(units, i, table, false),
                // A table whose rows are not in the text reads as a figure without its image.
                None => units[i].role = Role::Figure(None),
            }
            continue;
        }
        let Some(next) = next_live(units, i) else {
            continue;
        };
        let is_heading = matches!(units[i].role, Role::Heading { .. });
        if is_heading
            && is_contents_title(units[i].text())
            && matches!(units[next].role, Role::Toc(_))
        {
            move_into(units, i, next, false);
            continue;
        }
        let holds_caption = matches!(units[i].role, Role::Figure(_) | Role::Table(_));
        if holds_caption
            && matches!(units[next].role, Role::Text(TextKind::Paragraph))
            && starts_with_any(
                units[next].text(),
                &["source:", "sources:", "note:", "notes:"],
            )
        {
            move_into(units, next, i, true);
        }
    }
}

/// Moves `from`'s text into `into` (before it, or after it on a new line).
fn move_into(units: &mut [Unit], from: usize, into: usize, after: bool) {
    let moved = std::mem::take(&mut units[from].content);
    let moved_source = std::mem::take(&mut units[from].spans);
    units[from].role = Role::Removed;
    let target = &mut units[into];
    if after {
        target.content.text.push('\n');
        let shift = target.content.text.len();
        target.content.text.push_str(&moved.text);
        target
            .content
            .spans
            .extend(moved.spans.into_iter().map(|mut span| {
                span.range = span.range.start + shift..span.range.end + shift;
                span
            }));
        target
            .content
            .markers
            .extend(moved.markers.into_iter().map(|mut m| {
                m.offset += shift;
                m
            }));
        target.spans.extend(moved_source);
    } else {
        let mut content = moved;
        join(&mut content, std::mem::take(&mut target.content));
        target.content = content;
        let mut source = moved_source;
        source.append(&mut target.spans);
        target.spans = source;
    }
}

/// A paragraph in quotation marks after a line ending with a colon is a block quote.
pub(crate) fn recognise_quotes(units: &mut [Unit]) {
    let mut previous_ends_with_colon = false;
    for unit in units.iter_mut() {
        match unit.role {
            Role::Note { .. } | Role::Rule | Role::Removed => continue,
            Role::Text(TextKind::Paragraph) if unit.matter == Matter::Body => {
                let text = unit.text().trim();
                let quoted = text.starts_with(['“', '"']) && text.ends_with(['”', '"']);
                if previous_ends_with_colon && quoted {
                    unit.role = Role::Text(TextKind::Quote);
                }
            }
            _ => {}
        }
        previous_ends_with_colon = unit.text().trim_end().ends_with(':');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caption_opens_with_its_word_and_number() {
        let punctuated = |kind| {
            Some(Caption {
                kind,
                punctuated: true,
            })
        };
        assert_eq!(caption_of("Table 2: Votes"), punctuated(Float::Table));
        assert_eq!(caption_of("Figure 3. A map"), punctuated(Float::Figure));
        assert_eq!(caption_of("Fig. 12: Routes"), punctuated(Float::Figure));
        assert_eq!(caption_of("TABLE IV"), punctuated(Float::Table));
        assert_eq!(
            caption_of("Table 1 Azerbaijani Status Quo Evaluations"),
            Some(Caption {
                kind: Float::Table,
                punctuated: false
            })
        );
        assert_eq!(caption_of("Tableau de la France"), None);
        assert_eq!(caption_of("Figures of speech 3."), None);
        assert_eq!(caption_of("Table talk"), None);
        assert_eq!(caption_of("Figure it out"), None);
        assert_eq!(caption_of("Table A1: Sources"), punctuated(Float::Table));
    }
}
