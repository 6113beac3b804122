//! A passage quoted with its citation, ready to paste into what one writes:
//! Markdown for pandoc (`> passage [@strakes2015beyond, p. 12]`), a Chicago
//! note (`Jason E. Strakes, “Beyond Eurasian Mediation,” 2015, 12.`) or an
//! author-date reference (`(Strakes 2015, 12)`).

use crate::document::Location;

use super::fields::Fields;

/// How a quoted passage cites the paper (`quote` in `config.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuoteStyle {
    /// Markdown for pandoc: a block quote with a `[@key, p. 12]` citation.
    #[default]
    Pandoc,
    /// The passage in quotation marks over a full Chicago note.
    Chicago,
    /// The passage in quotation marks with `(Author Year, page)`.
    AuthorDate,
}

impl QuoteStyle {
    /// The style named in `config.toml`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "pandoc" => Some(Self::Pandoc),
            "chicago" => Some(Self::Chicago),
            "author-date" => Some(Self::AuthorDate),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Pandoc => "pandoc",
            Self::Chicago => "chicago",
            Self::AuthorDate => "author-date",
        }
    }

    pub const NAMES: &'static str = "pandoc, chicago or author-date";
}

/// The paper a passage is quoted from, as its metadata describes it.
#[derive(Debug, Clone, Copy)]
pub struct QuotedWork<'a> {
    pub authors: &'a [String],
    pub title: Option<&'a str>,
    pub year: Option<u16>,
}

impl QuotedWork<'_> {
    /// The key its BibTeX entry would have: "strakes2015beyond".
    pub fn key(&self) -> String {
        let fields = Fields {
            authors: self.authors.to_vec(),
            title: self.title.map(str::to_owned),
            year: self.year.map(|y| y.to_string()),
            ..Fields::default()
        };
        let key = super::resolve::id_of(&fields);
        if key.is_empty() {
            "paper".to_owned()
        } else {
            key
        }
    }

    /// "Strakes", "Fuller and Strakes", "Fuller et al.".
    fn surnames(&self) -> String {
        let surname = |name: &str| super::fields::surname(name).to_owned();
        match self.authors {
            [] => self
                .title
                .map_or_else(|| "Anonymous".to_owned(), short_title),
            [one] => surname(one),
            [one, two] => format!("{} and {}", surname(one), surname(two)),
            [one, ..] => format!("{} et al.", surname(one)),
        }
    }

    /// "Jason E. Strakes", "Elizabeth Fuller and Jason E. Strakes".
    fn full_names(&self) -> String {
        match self.authors {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }
}

/// A title's main part, before its subtitle.
fn short_title(title: &str) -> String {
    title
        .split_once(": ")
        .map_or(title, |(main, _)| main)
        .to_owned()
}

/// The passage on one line, its spaces as one.
fn one_line(passage: &str) -> String {
    passage.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `passage`, quoted from `work` at `location`, in `style`.
pub fn quote(
    passage: &str,
    work: &QuotedWork<'_>,
    location: &Location,
    style: QuoteStyle,
) -> String {
    let passage = one_line(passage);
    // A page is cited by its number; a paragraph by its section and number.
    let locator = match location {
        Location::Page(page) => page.clone(),
        other => other.to_string(),
    };
    let year = work
        .year
        .map_or_else(|| "n.d.".to_owned(), |y| y.to_string());
    match style {
        QuoteStyle::Pandoc => {
            let locator = match location {
                Location::Page(page) => format!("p. {page}"),
                other => other.to_string(),
            };
            format!("> {passage} [@{}, {locator}]\n", work.key())
        }
        QuoteStyle::AuthorDate => {
            format!("“{passage}” ({} {year}, {locator})\n", work.surnames())
        }
        QuoteStyle::Chicago => {
            let mut note = work.full_names();
            if let Some(title) = work.title {
                if !note.is_empty() {
                    note.push_str(", ");
                }
                note.push_str(&format!("“{},”", short_title(title)));
            }
            if !note.is_empty() {
                note.push(' ');
            }
            note.push_str(&format!("{year}, {locator}."));
            format!("“{passage}”\n\n{note}\n")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strakes() -> Vec<String> {
        vec!["Jason E. Strakes".to_owned()]
    }

    #[test]
    fn a_passage_is_quoted_in_each_style() {
        let authors = strakes();
        let work = QuotedWork {
            authors: &authors,
            title: Some("Beyond Eurasian Mediation: The Nagorno-Karabakh Conflict"),
            year: Some(2015),
        };
        let page = Location::Page("12".to_owned());
        let passage = "Azerbaijan  has\nsought partners.";
        let all: Vec<String> = [
            QuoteStyle::Pandoc,
            QuoteStyle::Chicago,
            QuoteStyle::AuthorDate,
        ]
        .into_iter()
        .map(|style| quote(passage, &work, &page, style))
        .collect();
        insta::assert_snapshot!(all.join("\n---\n"));
        let paragraph = Location::Paragraph {
            section: Some(3),
            paragraph: 12,
        };
        assert_eq!(
            quote("Text.", &work, &paragraph, QuoteStyle::AuthorDate),
            "“Text.” (Strakes 2015, §3 ¶12)\n"
        );
    }

    #[test]
    fn several_authors_and_none_are_cited_as_readers_expect() {
        let two = vec!["Elizabeth Fuller".to_owned(), "Jason E. Strakes".to_owned()];
        let work = QuotedWork {
            authors: &two,
            title: None,
            year: None,
        };
        let at = Location::Page("3".to_owned());
        assert_eq!(
            quote("x", &work, &at, QuoteStyle::AuthorDate),
            "“x” (Fuller and Strakes n.d., 3)\n"
        );
        let nobody = QuotedWork {
            authors: &[],
            title: Some("Annual Report: 2014"),
            year: Some(2014),
        };
        assert_eq!(
            quote("x", &nobody, &at, QuoteStyle::AuthorDate),
            "“x” (Annual Report 2014, 3)\n"
        );
        assert!(quote("x", &nobody, &at, QuoteStyle::Pandoc).contains("[@"));
    }
}
