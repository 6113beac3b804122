//! What a paper cites: each note split into its citations, each citation
//! read into fields, short forms ("Ibid.", "loc. cit.", "Spotswood,
//! “Letters,” i, p. 40") resolved to the full citation they stand for, and
//! the same work cited in several notes kept as one source.

mod crf;
pub mod export;
pub mod fields;
pub mod labelled;
pub mod quote;
mod resolve;
pub mod segments;
pub mod sequence;
mod split;

use std::ops::Range;

pub use fields::Fields;

use crate::document::{Document, NoteStatus};

/// What kind of work a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Book,
    Chapter,
    Article,
    News,
    Report,
    /// An official document: a treaty, a resolution, a communiqué.
    Document,
    Interview,
    WebPage,
    Thesis,
    Other,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Book => "book",
            Kind::Chapter => "chapter",
            Kind::Article => "article",
            Kind::News => "news",
            Kind::Report => "report",
            Kind::Document => "official_document",
            Kind::Interview => "interview",
            Kind::WebPage => "web_page",
            Kind::Thesis => "thesis",
            Kind::Other => "other",
        }
    }
}

/// How a citation refers to its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The citation in full (the first time, or again).
    Full,
    /// An author and short title, or an author alone, standing for an earlier full citation.
    Short,
    Ibid,
    OpCit,
    LocCit,
    /// "supra note 12".
    Supra,
}

impl Form {
    pub fn name(self) -> &'static str {
        match self {
            Form::Full => "full",
            Form::Short => "short",
            Form::Ibid => "ibid",
            Form::OpCit => "op_cit",
            Form::LocCit => "loc_cit",
            Form::Supra => "supra",
        }
    }
}

/// One citation in a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The source cited (index into [`Bibliography::sources`]); `None` for a
    /// short form that points at nothing gloss can find (flagged, not guessed).
    pub source: Option<usize>,
    pub pages: Option<String>,
    pub form: Form,
    /// The citation's bytes in the note's text.
    pub range: Range<usize>,
}

/// A place a source is cited: the note (index into the footnotes) and pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    pub note: usize,
    pub pages: Option<String>,
}

/// A work the paper cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// A stable key: surname, year and first title word ("kugler1993political").
    pub id: String,
    pub kind: Kind,
    pub fields: Fields,
    pub cited_in: Vec<Cited>,
}

impl Source {
    /// "Dehdashti, “Nagorno-Karabakh: A Case Study of OSCE…”": how the
    /// reader names the source in a line.
    pub fn label(&self, width: usize) -> String {
        let author = self.lead_name().map(|a| {
            if fields::is_person(a) {
                fields::surname(a).to_owned()
            } else {
                a.clone()
            }
        });
        let title = self
            .fields
            .title
            .clone()
            .or_else(|| self.fields.container.clone());
        let text = match (author, title) {
            (Some(author), Some(title)) => format!("{author}, “{title}”"),
            (Some(author), None) => author,
            (None, Some(title)) => format!("“{title}”"),
            (None, None) => "(an untitled source)".to_owned(),
        };
        shorten(&text, width)
    }

    /// The name a source goes by: its first author, or for an edited
    /// volume its first editor.
    fn lead_name(&self) -> Option<&String> {
        self.fields
            .authors
            .first()
            .or_else(|| self.fields.editors.first())
    }

    /// Whether the source names a work a reader would look for across
    /// papers: an author, or a title of more than one word. A lone word
    /// ("Archives", "Laws") is what a note mentioned, not a work.
    pub fn names_a_work(&self) -> bool {
        self.lead_name().is_some()
            || self
                .fields
                .title
                .as_deref()
                .or(self.fields.container.as_deref())
                .is_some_and(|title| title.split_whitespace().nth(1).is_some())
    }

    /// The first author's surname, for sorting ("" when there is none).
    pub fn sort_key(&self) -> String {
        let author = self.lead_name().map(|a| {
            if fields::is_person(a) {
                fields::surname(a).to_lowercase()
            } else {
                a.to_lowercase()
            }
        });
        let title = self
            .fields
            .title
            .as_deref()
            .or(self.fields.container.as_deref())
            .unwrap_or_default()
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        format!("{}\u{0}{title}", author.unwrap_or_else(|| title.clone()))
    }

    /// All the text a search for the source may match: authors, editors,
    /// title, container, publisher, year.
    pub fn search_text(&self) -> String {
        let f = &self.fields;
        let mut parts: Vec<&str> = f.authors.iter().map(String::as_str).collect();
        parts.extend(f.editors.iter().map(String::as_str));
        parts.extend(
            [&f.title, &f.container, &f.publisher, &f.year]
                .into_iter()
                .flatten()
                .map(String::as_str),
        );
        parts.join(" ")
    }
}

fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Every source of a paper, and the citations of each note.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bibliography {
    pub sources: Vec<Source>,
    /// For each footnote, its citations in order (empty: commentary only, or an empty note).
    pub notes: Vec<Vec<Citation>>,
}

impl Bibliography {
    /// Reads the citations of every note of `document`.
    pub fn of(document: &Document) -> Self {
        let mut resolver = resolve::Resolver::default();
        let mut notes = Vec::with_capacity(document.footnotes.len());
        for (index, note) in document.footnotes.iter().enumerate() {
            if note.status != NoteStatus::Ok {
                notes.push(Vec::new());
                continue;
            }
            let text = note.text();
            let italics: Vec<Range<usize>> = note
                .content
                .spans
                .iter()
                .filter(|s| s.style.emphasis)
                .map(|s| s.range.clone())
                .collect();
            let italic = |range: Range<usize>| {
                italics
                    .iter()
                    .any(|i| i.start < range.end && range.start < i.end)
            };
            let mut citations = Vec::new();
            // The names of the citation before in this note, and where it ended.
            let mut before: Option<(Vec<String>, usize)> = None;
            for piece in split::pieces(text, &italic) {
                if !piece.citation {
                    continue;
                }
                let title = italics
                    .iter()
                    .find(|i| piece.range.start <= i.start && i.end <= piece.range.end)
                    .and_then(|i| text.get(i.clone()));
                let mut parsed = fields::parse(&text[piece.range.clone()], title);
                // "Mearsheimer, “Back to the Future…”, and “The False
                // Promise…”": a work joined by "and" without names is the
                // same author's.
                if let Some((authors, end)) = &before
                    && parsed.fields.authors.is_empty()
                    && parsed.fields.editors.is_empty()
                    && parsed.form == Form::Full
                    && text[piece.range.clone()].starts_with(['“', '"'])
                    && text.get(*end..piece.range.start).is_some_and(|gap| {
                        let gap =
                            gap.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';'));
                        matches!(gap, "and" | "and also" | "also")
                    })
                {
                    parsed.fields.authors = authors.clone();
                }
                before = (!parsed.fields.authors.is_empty())
                    .then(|| (parsed.fields.authors.clone(), piece.range.end));
                let label = &note.label;
                citations.push(resolver.resolve(parsed, index, label, piece.range));
            }
            notes.push(citations);
        }
        Self {
            sources: resolver.finish(),
            notes,
        }
    }

    /// Whether a note with text cites nothing: it is commentary.
    pub fn is_commentary(&self, note: usize) -> bool {
        self.notes.get(note).is_some_and(Vec::is_empty)
    }

    /// The citations of a note.
    pub fn citations(&self, note: usize) -> &[Citation] {
        self.notes.get(note).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bibliography(notes: &[&str]) -> (Document, Bibliography) {
        let mut text = String::from("Title\n\nIntroduction\n\n");
        for i in 1..=notes.len() {
            text.push_str(&format!("Claim {i}.<sup>{i}</sup>\n\n"));
        }
        for (i, note) in notes.iter().enumerate() {
            text.push_str(&format!("<sup>{}</sup> {note}\n\n", i + 1));
        }
        let document = crate::parse_text(&text);
        let bibliography = Bibliography::of(&document);
        (document, bibliography)
    }

    fn source_of(b: &Bibliography, note: usize, nth: usize) -> Option<usize> {
        b.notes[note].get(nth).and_then(|c| c.source)
    }

    #[test]
    fn ibid_takes_the_previous_citation_with_its_own_pages() {
        let (_, b) = bibliography(&[
            "Rexane Dedashti, “Nagorno-Karabakh: A Case Study of OSCE Conflict Settlement”, in Michael Bothe Eds. The OSCE, 1997, p. 467.",
            "Ibid, pp. 470-471.",
            "Ibid.",
            "Id. at 5.",
        ]);
        let first = source_of(&b, 0, 0).unwrap();
        for note in 1..4 {
            assert_eq!(source_of(&b, note, 0), Some(first));
            assert_eq!(b.notes[note][0].form, Form::Ibid);
        }
        assert_eq!(b.notes[1][0].pages.as_deref(), Some("470-471"));
        assert_eq!(b.sources[first].cited_in.len(), 4);
    }

    #[test]
    fn an_ibid_with_nothing_before_is_flagged_not_guessed() {
        let (_, b) = bibliography(&["Ibid., p. 4.", "Smith, loc. cit."]);
        assert_eq!(b.notes[0][0].source, None);
        assert_eq!(b.notes[0][0].form, Form::Ibid);
        assert_eq!(b.notes[1][0].source, None, "no Smith cited before");
    }

    #[test]
    fn loc_cit_op_cit_and_supra_find_the_earlier_work() {
        let (_, b) = bibliography(&[
            "Becker, in Amer. Hist. Review, vi, p. 261.",
            "Hening, “Va. Statutes at Large” (N. Y., 1823), ii, p. 326.",
            "Becker, loc. cit. For maps of grants, see O’Callaghan, “Doc. Hist. of N. Y.” (Albany, 1850), i, p. 421.",
            "Hening, op. cit., p. 12.",
            "Loc. cit., pp. 57, 66.",
            "See Hening, supra note 2, at 330.",
        ]);
        let becker = source_of(&b, 0, 0).unwrap();
        let hening = source_of(&b, 1, 0).unwrap();
        assert_eq!(source_of(&b, 2, 0), Some(becker));
        assert_eq!(b.notes[2][0].form, Form::LocCit);
        assert_eq!(b.notes[2].len(), 2, "{:?}", b.notes[2]);
        assert_eq!(source_of(&b, 3, 0), Some(hening));
        assert_eq!(b.notes[3][0].form, Form::OpCit);
        assert_eq!(
            source_of(&b, 4, 0),
            source_of(&b, 3, 0),
            "a bare loc. cit.: the last work"
        );
        assert_eq!(source_of(&b, 5, 0), Some(hening));
        assert_eq!(b.notes[5][0].form, Form::Supra);
    }

    #[test]
    fn short_forms_find_the_full_citation() {
        let (_, b) = bibliography(&[
            "Spotswood, “Letters” (Richmond, 1882), i, p. 167.",
            "Parkman, “Frontenac” (Boston, 1898), p. 390; compare his description in “Half Century of Conflict” (Boston, 1898), i, p. 55.",
            "Spotswood, “Letters,” i, p. 40.",
            "“Half Century of Conflict,” ii, pp. 214-234.",
            "Bassett, “Writings of William Byrd” (N. Y., 1901), p. xxi.",
            "Bassett, “Writings of Byrd,” p. xii.",
            "Bassett, p. x.",
        ]);
        assert_eq!(source_of(&b, 2, 0), source_of(&b, 0, 0));
        assert_eq!(b.notes[2][0].form, Form::Short);
        assert_eq!(source_of(&b, 3, 0), source_of(&b, 1, 1));
        assert_eq!(source_of(&b, 5, 0), source_of(&b, 4, 0));
        assert_eq!(source_of(&b, 6, 0), source_of(&b, 4, 0), "an author alone");
    }

    #[test]
    fn one_work_despite_spelling_and_pages_and_two_works_by_one_author() {
        let (_, b) = bibliography(&[
            "Rexane Dedashti, “Nagorno-Karabakh: A Case Study of OSCE Conflict Settlement”, 1997, p. 467.",
            "Rexane Dehdashti, “Nagorno-Karabakh: a case study of OSCE conflict settlement,” 1997, pp. 470.",
            "Rexane Dehdashti-Rasmussen, “The Conflict over Nagorno-Karabakh: Causes, the Status of Negotiations, and Prospects”, 2007, p. 195.",
            "Interview with former UN Ambassador Agshin Mehdiyev, 18 December, 2014.",
            "Interview with Agshin Mehdiyev, 18 December, 2014.",
        ]);
        assert_eq!(source_of(&b, 0, 0), source_of(&b, 1, 0));
        assert_ne!(source_of(&b, 0, 0), source_of(&b, 2, 0));
        assert_eq!(source_of(&b, 3, 0), source_of(&b, 4, 0));
        assert_eq!(
            b.sources[source_of(&b, 3, 0).unwrap()].kind,
            Kind::Interview
        );
    }

    #[test]
    fn commentary_notes_cite_nothing() {
        let (_, b) = bibliography(&[
            "These include Argentina, Armenia, Bosnia-Herzegovina, Brazil, Costa Rica, Croatia, and Uruguay.",
            "For an intensive analysis of this approach, see Jason E. Strakes, \"Situating the Balanced Foreign Policy\", Journal of Balkan and Near Eastern Studies, 15:1, pp. 37-67.",
        ]);
        assert!(b.is_commentary(0));
        assert_eq!(b.notes[1].len(), 1);
        let source = &b.sources[b.notes[1][0].source.unwrap()];
        assert_eq!(source.fields.authors, ["Jason E. Strakes"]);
        assert_eq!(source.kind, Kind::Article);
        assert!(source.id.starts_with("strakes"), "{}", source.id);
    }
}
