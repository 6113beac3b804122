//! Front matter (title, authors, abstract, keywords, the printed contents)
//! and back matter (publisher pages after the paper's end).

use super::structure::{is_chapter_line, is_contents_title, is_section_word, starts_with_any};

/// "CHAPTER X THE SONATA IN ENGLAND": a chapter of a book, not a paper's title.
fn opens_with_division(text: &str) -> bool {
    let head: Vec<&str> = text.split_whitespace().take(2).collect();
    is_chapter_line(&head.join(" "))
}
use super::{Matter, Role, TextKind, Unit};
use crate::document::model::Metadata;

fn is_front_label(text: &str) -> bool {
    let lower = text.trim().trim_end_matches(':').to_lowercase();
    matches!(lower.as_str(), "abstract" | "keywords" | "key words") || is_contents_title(text)
}

/// The first unit, when it reads like a title.
fn title_index(units: &[Unit]) -> Option<usize> {
    let first = units
        .iter()
        .position(|u| !matches!(u.role, Role::Rule | Role::Removed | Role::Note { .. }))?;
    let unit = &units[first];
    let text = unit.text();
    let plausible = matches!(
        unit.role,
        Role::Text(TextKind::Paragraph) | Role::Heading { .. }
    ) && !text.is_empty()
        && text.len() <= 300
        && !is_section_word(text)
        && !is_front_label(text)
        && !opens_with_division(text);
    plausible.then_some(first)
}

pub(crate) fn mark(units: &mut [Unit]) {
    let title = title_index(units);
    // An author line a converter set as a heading ("## Frederick Jackson Turner").
    if let Some(t) = title
        && let Some(next) = units.get_mut(t + 1)
        && matches!(next.role, Role::Heading { .. })
        && names(next.text()).is_some()
        && next.text().contains(char::is_lowercase)
    {
        next.role = Role::Text(TextKind::Paragraph);
    }
    // A printed table of contents is front matter, and so is all before it.
    let toc = units.iter().position(|u| matches!(u.role, Role::Toc(_)));
    let search_from = title.map_or(0, |t| t + 1).max(toc.map_or(0, |t| t + 1));
    let body_start = (search_from..units.len()).find(|&i| {
        matches!(units[i].role, Role::Heading { .. })
            && !is_front_label(units[i].text())
            && units[i].content.text != title.map_or("", |t| units[t].text())
    });
    // Without a heading, the body starts at the first paragraph of running
    // text that is not an abstract (a paper's first section may have no heading).
    let first_body_paragraph = (search_from..units.len()).find(|&i| {
        matches!(units[i].role, Role::Text(TextKind::Paragraph))
            && units[i].text().len() >= 200
            && units[i].ends_sentence()
            && !is_front_label(units[i].text())
            && !starts_with_any(units[i].text(), &["abstract", "keywords", "summary"])
            && !(i > 0 && is_front_label(units[i - 1].text()))
    });
    let body_start = match (body_start, first_body_paragraph) {
        (Some(heading), Some(paragraph)) => Some(heading.min(paragraph)),
        (heading, paragraph) => heading.or(paragraph),
    };
    let front_end = match (body_start, title) {
        (Some(start), _) => start,
        // No headings: the title and the short lines under it.
        (None, Some(t)) => {
            let mut end = t + 1;
            while end < units.len()
                && end <= t + 4
                && units[end].text().len() < 150
                && !units[end].ends_sentence()
                && matches!(units[end].role, Role::Text(_))
            {
                end += 1;
            }
            end
        }
        (None, None) => 0,
    };
    for unit in &mut units[..front_end] {
        if !unit.is_note() {
            unit.matter = Matter::Front;
        }
    }
    let back_start = (front_end..units.len()).find(|&i| is_end_date(&units[i]));
    if let Some(back_start) = back_start {
        for unit in &mut units[back_start..] {
            if !unit.is_note() {
                unit.matter = Matter::Back;
            }
        }
    }
}

/// "Updated: 8 April 2013": the line that closes a working paper.
fn is_end_date(unit: &Unit) -> bool {
    let text = unit.text();
    matches!(unit.role, Role::Text(_))
        && text.len() < 80
        && starts_with_any(
            text,
            &[
                "updated:",
                "last updated",
                "updated ",
                "date of publication",
            ],
        )
        && text.chars().any(|c| c.is_ascii_digit())
}

/// A line of person names: "Elizabeth Fuller", "Jason E. Strakes", "A and B".
fn names(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    let line = line
        .strip_prefix("by ")
        .or_else(|| line.strip_prefix("By "))
        .unwrap_or(line);
    let line = line.trim_end_matches(['*', '†', ',']).trim();
    if line.is_empty() || line.len() > 120 || line.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let people: Vec<String> = line
        .split([',', '&', ';'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    let is_name = |person: &String| {
        let words: Vec<&str> = person.split_whitespace().collect();
        (2..=5).contains(&words.len())
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    || crate::document::names::is_particle(w)
            })
            && !is_section_word(person)
    };
    (!people.is_empty() && people.iter().all(is_name)).then_some(people)
}

/// Names set apart by affiliation marks rather than commas, as preprints
/// print them ("Harrison Lee¹ Samrat Phatale¹ … Kellie Lu²"), up to the
/// first part that names no one (the affiliation itself).
fn names_by_marks(unit: &Unit) -> Option<Vec<String>> {
    let text = unit.text();
    let markers = &unit.content.markers;
    if markers.is_empty() || text.len() > 2_000 {
        return None;
    }
    let mut people = Vec::new();
    let mut from = 0;
    for end in markers
        .iter()
        .map(|m| m.offset.min(text.len()))
        .chain([text.len()])
    {
        let Some(part) = text.get(from..end) else {
            break;
        };
        from = end;
        let part = part.trim().trim_start_matches([',', ';']).trim();
        let part = part.strip_prefix("and ").unwrap_or(part);
        if part.is_empty() {
            continue;
        }
        match names(part) {
            Some(found) => people.extend(found),
            None => break,
        }
    }
    (!people.is_empty()).then_some(people)
}

fn keywords(text: &str) -> Option<Vec<String>> {
    let lower = text.to_lowercase();
    let rest = ["keywords:", "key words:", "keywords —", "keywords."]
        .iter()
        .find_map(|p| lower.starts_with(p).then(|| &text[p.len()..]))?;
    let separator = ['/', ';', ','].into_iter().find(|s| rest.contains(*s));
    let words = match separator {
        Some(s) => rest
            .split(s)
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect(),
        None => vec![rest.trim().to_owned()],
    };
    Some(words)
}

pub(crate) fn metadata(units: &[Unit]) -> Metadata {
    let mut metadata = Metadata::default();
    let title = title_index(units);
    if let Some(t) = title {
        metadata.title = Some(units[t].text().to_owned());
    }
    let front: Vec<&Unit> = units
        .iter()
        .enumerate()
        .filter(|(i, u)| u.matter == Matter::Front && Some(*i) != title && !u.is_note())
        .map(|(_, u)| u)
        .collect();
    for (i, unit) in front.iter().enumerate() {
        let text = unit.text();
        if let Some(people) = names(unit.first_line()).or_else(|| names_by_marks(unit)) {
            for person in people {
                if !metadata.authors.contains(&person) {
                    metadata.authors.push(person);
                }
            }
        }
        if let Some(words) = keywords(text) {
            metadata.keywords = words;
        }
        let lower = text.to_lowercase();
        if lower.trim() == "abstract" {
            if let Some(next) = front.get(i + 1) {
                metadata.abstract_text = Some(next.text().to_owned());
            }
        } else if let Some(rest) = ["abstract:", "abstract.", "abstract —"]
            .iter()
            .find_map(|p| lower.starts_with(p).then(|| &text[p.len()..]))
        {
            metadata.abstract_text = Some(rest.trim().to_owned());
        }
    }
    metadata
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_author_lines() {
        assert_eq!(
            names("Elizabeth Fuller"),
            Some(vec!["Elizabeth Fuller".into()])
        );
        assert_eq!(
            names("by Elizabeth Fuller*"),
            Some(vec!["Elizabeth Fuller".into()])
        );
        assert_eq!(
            names("Ann Smith and Jason E. Strakes"),
            Some(vec!["Ann Smith".into(), "Jason E. Strakes".into()])
        );
        assert_eq!(names("Table of Contents"), None);
        assert_eq!(names("Updated: 8 April 2013"), None);
        assert_eq!(names("Introduction"), None);
    }

    #[test]
    fn splits_keywords_on_their_separator() {
        assert_eq!(
            keywords("Keywords: Azerbaijan / Foreign policy / Oil"),
            Some(vec![
                "Azerbaijan".into(),
                "Foreign policy".into(),
                "Oil".into()
            ])
        );
        assert_eq!(
            keywords("Key words: a; b"),
            Some(vec!["a".into(), "b".into()])
        );
        assert_eq!(keywords("Nothing here"), None);
    }
}
