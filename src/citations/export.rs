//! `gloss sources`: a paper's sources as CSL-JSON (what Zotero and pandoc
//! import), BibTeX (written with the `biblatex` crate) or a Markdown list.

use biblatex::{Chunk, Entry, EntryType, Spanned};
use serde::Serialize;

use super::fields::{is_person, surname};
use super::{Bibliography, Kind, Source};
use crate::document::Document;

/// The CSL item type of a kind of source.
fn csl_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Book => "book",
        Kind::Chapter => "chapter",
        Kind::Article => "article-journal",
        Kind::News => "article-newspaper",
        Kind::Report => "report",
        Kind::Document | Kind::Other => "document",
        Kind::Interview => "interview",
        Kind::WebPage => "webpage",
        Kind::Thesis => "thesis",
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum CslName {
    Person { family: String, given: String },
    Literal { literal: String },
}

#[derive(Serialize)]
struct CslDate {
    #[serde(rename = "date-parts")]
    date_parts: Vec<Vec<u16>>,
}

#[derive(Serialize)]
struct CslItem<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<CslName>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    editor: Vec<CslName>,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(rename = "publisher-place", skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<CslDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    volume: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issue: Option<&'a str>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// "Jacek Kugler" → family "Kugler", given "Jacek"; an organisation stays whole.
fn csl_name(name: &str) -> CslName {
    let family = surname(name);
    if !is_person(name) || family == name {
        return CslName::Literal {
            literal: name.to_owned(),
        };
    }
    let given = name
        .rsplit_once(family)
        .map_or("", |(given, _)| given)
        .trim()
        .trim_end_matches(',')
        .to_owned();
    CslName::Person {
        family: family.to_owned(),
        given,
    }
}

fn names(list: &[String]) -> Vec<CslName> {
    list.iter()
        .filter(|n| n.as_str() != "et al.")
        .map(|n| csl_name(n))
        .collect()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Year, month and day of a source, as far as it gives them.
fn date_parts(source: &Source) -> Option<Vec<u16>> {
    let year: u16 = source.fields.year.as_deref()?.parse().ok()?;
    let mut parts = vec![year];
    if let Some(date) = &source.fields.date {
        let lower = date.to_lowercase();
        let month = lower
            .split(|c: char| !c.is_alphabetic())
            .find_map(|w| MONTHS.iter().position(|m| w.len() >= 3 && w.starts_with(m)));
        if let Some(month) = month {
            parts.push(u16::try_from(month + 1).unwrap_or(1));
            let day = date
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|d| d.parse::<u16>().ok())
                .find(|d| (1..=31).contains(d) && d.to_string().len() <= 2);
            if let Some(day) = day {
                parts.push(day);
            }
        }
    }
    Some(parts)
}

/// The sources as a CSL-JSON array.
pub fn to_csl_json(bibliography: &Bibliography) -> String {
    let items: Vec<CslItem<'_>> = bibliography
        .sources
        .iter()
        .map(|s| CslItem {
            id: &s.id,
            kind: csl_type(s.kind),
            title: s.fields.title.as_deref(),
            author: names(&s.fields.authors),
            editor: names(&s.fields.editors),
            container: s.fields.container.as_deref(),
            publisher: s.fields.publisher.as_deref(),
            place: s.fields.place.as_deref(),
            issued: date_parts(s).map(|parts| CslDate {
                date_parts: vec![parts],
            }),
            volume: s.fields.volume.as_deref(),
            issue: s.fields.issue.as_deref(),
            url: s.fields.url.as_deref(),
        })
        .collect();
    // Plain data with string keys always serialises.
    serde_json::to_string_pretty(&items).unwrap_or_default()
}

fn bibtex_type(kind: Kind) -> EntryType {
    match kind {
        Kind::Book => EntryType::Book,
        Kind::Chapter => EntryType::InCollection,
        Kind::Article | Kind::News => EntryType::Article,
        Kind::Report => EntryType::TechReport,
        Kind::Thesis => EntryType::MastersThesis,
        Kind::WebPage => EntryType::Online,
        Kind::Document | Kind::Interview | Kind::Other => EntryType::Misc,
    }
}

/// A value as BibTeX writes it: its special characters (`{ } \\ ~ % & $ # _
/// ^`) escaped by the writer, so that it reads back as written.
fn bibtex_value(text: &str) -> Vec<Spanned<Chunk>> {
    vec![Spanned::zero(Chunk::Normal(text.to_owned()))]
}

/// A URL as BibTeX keeps it: verbatim (`~`, `%`, `_`, `#` stay as they are),
/// with the braces and backslash it cannot hold percent-encoded, which
/// leaves the address the same.
fn bibtex_url(url: &str) -> Vec<Spanned<Chunk>> {
    let mut encoded = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '{' => encoded.push_str("%7B"),
            '}' => encoded.push_str("%7D"),
            '\\' => encoded.push_str("%5C"),
            c => encoded.push(c),
        }
    }
    vec![Spanned::zero(Chunk::Verbatim(encoded))]
}

/// The sources as BibTeX.
pub fn to_bibtex(bibliography: &Bibliography) -> String {
    let mut out = biblatex::Bibliography::new();
    for source in &bibliography.sources {
        let mut entry = Entry::new(source.id.clone(), bibtex_type(source.kind));
        let f = &source.fields;
        let people = |list: &[String]| {
            list.iter()
                .map(|n| {
                    if n == "et al." {
                        "others".to_owned()
                    } else {
                        n.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(" and ")
        };
        if !f.authors.is_empty() {
            entry.set("author", bibtex_value(&people(&f.authors)));
        }
        if !f.editors.is_empty() {
            entry.set("editor", bibtex_value(&people(&f.editors)));
        }
        let container_field = match source.kind {
            Kind::Chapter => "booktitle",
            Kind::Article | Kind::News => "journal",
            _ => "howpublished",
        };
        for (key, value) in [
            ("title", &f.title),
            (container_field, &f.container),
            ("publisher", &f.publisher),
            ("address", &f.place),
            ("year", &f.year),
            ("volume", &f.volume),
            ("number", &f.issue),
        ] {
            if let Some(value) = value {
                entry.set(key, bibtex_value(value));
            }
        }
        if let Some(url) = &f.url {
            entry.set("url", bibtex_url(url));
        }
        out.insert(entry);
    }
    // The writer escapes a tilde or caret as `\~`, `\^`: accent commands in
    // BibTeX, which would put the accent on the next letter. Written as the
    // characters' own commands they read back as themselves. (URLs, written
    // verbatim, hold neither escape.)
    out.to_bibtex_string()
        .replace("\\~", "\\textasciitilde{}")
        .replace("\\^", "\\textasciicircum{}")
}

/// The sources as a Markdown list, sorted by author, each with the notes citing it.
pub fn to_markdown(bibliography: &Bibliography, document: &Document) -> String {
    let title = document
        .metadata
        .title
        .clone()
        .unwrap_or_else(|| "this paper".to_owned());
    let mut out = format!("# Sources of {title}\n\n");
    if bibliography.sources.is_empty() {
        out.push_str("No sources found in the notes.\n");
        return out;
    }
    let mut order: Vec<&Source> = bibliography.sources.iter().collect();
    order.sort_by_cached_key(|s| s.sort_key());
    for source in order {
        let f = &source.fields;
        let mut entry = String::new();
        if !f.authors.is_empty() {
            entry.push_str(&f.authors.join(", "));
            entry.push_str(". ");
        }
        if let Some(title) = &f.title {
            entry.push_str(&format!("“{title}.” "));
        }
        if let Some(container) = &f.container {
            let lead = if source.kind == Kind::Chapter {
                "In "
            } else {
                ""
            };
            entry.push_str(&format!("{lead}*{container}*"));
            if !f.editors.is_empty() {
                entry.push_str(&format!(", edited by {}", f.editors.join(", ")));
            }
            entry.push_str(". ");
        }
        let published: Vec<&str> = [&f.place, &f.publisher, &f.date, &f.year]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if !published.is_empty() {
            // A full date already holds its year.
            let mut parts = published.clone();
            if let (Some(date), Some(year)) = (&f.date, &f.year)
                && date.contains(year.as_str())
            {
                parts.retain(|p| *p != year.as_str());
            }
            entry.push_str(&parts.join(", "));
            entry.push_str(". ");
        }
        if let Some(url) = &f.url {
            entry.push_str(&format!("<{url}>. "));
        }
        let notes: Vec<String> = source
            .cited_in
            .iter()
            .map(|c| {
                let label = document
                    .footnotes
                    .get(c.note)
                    .map_or("?", |n| n.label.as_str());
                match &c.pages {
                    Some(pages) => format!("{label} (p. {pages})"),
                    None => label.to_owned(),
                }
            })
            .collect();
        let cited = if notes.len() == 1 { "note" } else { "notes" };
        out.push_str(&format!(
            "- {}*Cited in {cited} {}.*\n",
            entry,
            notes.join(", ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_into_family_and_given() {
        let json = serde_json::to_string(&csl_name("A. W. Singham")).unwrap();
        assert_eq!(json, r#"{"family":"Singham","given":"A. W."}"#);
        let json = serde_json::to_string(&csl_name("United Nations General Assembly")).unwrap();
        assert_eq!(json, r#"{"literal":"United Nations General Assembly"}"#);
    }
}
