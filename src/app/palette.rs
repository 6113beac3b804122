//! The jump palette: everything in the open paper one can jump to, matched
//! fuzzily against what the reader types.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::actors::ActorIndex;
use crate::document::{BlockKind, Document, NoteKind, NoteStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Section(usize),
    /// A table or figure, by block.
    Block(usize),
    /// A margin note, by its index in the reader's placed notes.
    MarginNote(usize),
    Footnote(usize),
    Actor(usize),
    /// A source the notes cite (index into the bibliography's sources).
    Source(usize),
}

#[derive(Debug, Clone)]
pub struct Item {
    pub target: Target,
    /// What the palette shows, and what the query is matched against.
    pub label: String,
    /// A short tag shown before the label: "§", "note", "actor".
    pub tag: &'static str,
    /// Added to the match score: sections first, then actors, then notes.
    bonus: i64,
    /// For notes: the label a numeric query matches exactly.
    exact: Option<String>,
    /// For notes: the works it cites (indices into the bibliography's sources).
    works: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Match {
    pub item: usize,
    pub score: i64,
    /// Byte offsets of matched characters in the label, to highlight.
    pub indices: Vec<usize>,
}

/// How many matches the palette keeps (more would not fit on a screen).
const MAX_MATCHES: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct Palette {
    pub query: String,
    pub items: Vec<Item>,
    pub matches: Vec<Match>,
    pub selected: usize,
    /// Said before the matches: a note number that is not in the paper,
    /// or the place enter goes to.
    pub notice: Option<String>,
    /// A place the query names (`p. 12`, `§3 ¶2`, `note:57`): enter goes
    /// there rather than to a match.
    pub place: Option<super::places::Place>,
}

impl Palette {
    pub fn new(document: &Document, actors: &ActorIndex) -> Self {
        Self::with_margin_notes(document, actors, &[])
    }

    /// The palette over the paper and its margin notes (text, and the text they are on).
    pub fn with_margin_notes(
        document: &Document,
        actors: &ActorIndex,
        margin_notes: &[(String, String)],
    ) -> Self {
        let mut items = Vec::new();
        for (i, (text, quote)) in margin_notes.iter().enumerate() {
            let quote: String = quote.chars().take(60).collect();
            items.push(Item {
                target: Target::MarginNote(i),
                label: format!("{} — “{quote}”", text.replace('\n', " ")),
                tag: "✎",
                bonus: 20,
                exact: None,
                works: Vec::new(),
            });
        }
        for (i, section) in document.sections.iter().enumerate() {
            let indent = "  ".repeat(usize::from(section.level.saturating_sub(1)));
            items.push(Item {
                target: Target::Section(i),
                label: format!("{indent}{}", section.title),
                tag: "§",
                bonus: 30,
                exact: None,
                works: Vec::new(),
            });
        }
        for (i, block) in document.blocks.iter().enumerate() {
            let tag = match block.kind {
                BlockKind::Table(_) => "table",
                BlockKind::Figure { .. } => "figure",
                _ => continue,
            };
            let caption = block.text().lines().next().unwrap_or("").to_owned();
            items.push(Item {
                target: Target::Block(i),
                label: if caption.is_empty() {
                    format!("({tag} without a caption)")
                } else {
                    caption
                },
                tag,
                bonus: 25,
                exact: None,
                works: Vec::new(),
            });
        }
        for (i, actor) in actors.actors.iter().enumerate() {
            items.push(Item {
                target: Target::Actor(i),
                label: format!(
                    "{} ({}, {})",
                    actor.name,
                    actor.kind.name(),
                    actor.mentions.len()
                ),
                tag: "actor",
                bonus: 15,
                exact: None,
                works: Vec::new(),
            });
        }
        for (i, note) in document.footnotes.iter().enumerate() {
            let text = match note.status {
                NoteStatus::Ok => note.text().to_owned(),
                NoteStatus::Empty => "(empty note)".to_owned(),
                NoteStatus::Missing => "(note text missing from the source)".to_owned(),
            };
            let label = match note.kind {
                NoteKind::Unmarked => format!("(unmarked) {text}"),
                _ => format!("{} {text}", note.label),
            };
            items.push(Item {
                target: Target::Footnote(i),
                label,
                tag: "note",
                bonus: 0,
                exact: Some(note.label.clone()),
                works: Vec::new(),
            });
        }
        let mut palette = Self {
            items,
            ..Self::default()
        };
        palette.refresh();
        palette
    }

    /// The palette with the paper's sources too: found by author, title,
    /// year or outlet.
    pub fn with_sources(mut self, bibliography: &crate::citations::Bibliography) -> Self {
        for item in &mut self.items {
            if let Target::Footnote(note) = item.target {
                for citation in bibliography.citations(note) {
                    if let Some(work) = citation.source
                        && !item.works.contains(&work)
                    {
                        item.works.push(work);
                    }
                }
            }
        }
        for (i, source) in bibliography.sources.iter().enumerate() {
            let year = source
                .fields
                .year
                .as_deref()
                .map(|y| format!(" ({y})"))
                .unwrap_or_default();
            let outlet = source
                .fields
                .container
                .as_deref()
                .or(source.fields.publisher.as_deref())
                .map(|c| format!(" · {c}"))
                .unwrap_or_default();
            let authors = if source.fields.authors.len() > 1 {
                format!(" · {}", source.fields.authors.join(", "))
            } else {
                String::new()
            };
            self.items.push(Item {
                target: Target::Source(i),
                label: format!("{}{year}{outlet}{authors}", source.label(80)),
                tag: "source",
                bonus: 10,
                exact: None,
                works: Vec::new(),
            });
        }
        self.refresh();
        self
    }

    /// Re-matches the items against the query, best first.
    pub fn refresh(&mut self) {
        let query = self.query.trim();
        self.selected = 0;
        self.place = super::places::Place::parse(query);
        self.notice = match &self.place {
            Some(place) => Some(format!("enter goes to {place}")),
            None => self.missing_note(query),
        };
        if query.is_empty() {
            self.matches = (0..self.items.len().min(MAX_MATCHES))
                .map(|item| Match {
                    item,
                    score: 0,
                    indices: Vec::new(),
                })
                .collect();
            return;
        }
        if let Some(matches) = self.note_and_its_works(query) {
            self.matches = matches;
            return;
        }
        let matcher = SkimMatcherV2::default().smart_case();
        let mut matches: Vec<Match> = self
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let (score, indices) = matcher.fuzzy_indices(&item.label, query)?;
                // "57" means note 57 before any note that merely contains a 5 and a 7.
                let exact = item.exact.as_deref() == Some(query);
                let score = score + item.bonus + if exact { 10_000 } else { 0 };
                Some(Match {
                    item: i,
                    score,
                    indices: char_indices_to_bytes(&item.label, &indices),
                })
            })
            .collect();
        matches.sort_by(|a, b| b.score.cmp(&a.score).then(a.item.cmp(&b.item)));
        matches.truncate(MAX_MATCHES);
        self.matches = matches;
    }

    /// "57": note 57, then the works it cites and the other notes citing
    /// them, in reading order; `None` unless the query is a note's number.
    fn note_and_its_works(&self, query: &str) -> Option<Vec<Match>> {
        if !query.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let note = self
            .items
            .iter()
            .position(|item| item.exact.as_deref() == Some(query))?;
        let works = &self.items[note].works;
        let whole = |item: usize| Match {
            item,
            score: 0,
            indices: Vec::new(),
        };
        let mut matches = vec![whole(note)];
        matches.extend(
            (0..self.items.len())
                .filter(
                    |&i| matches!(self.items[i].target, Target::Source(s) if works.contains(&s)),
                )
                .map(whole),
        );
        matches.extend(
            (0..self.items.len())
                .filter(|&i| i != note && self.items[i].works.iter().any(|w| works.contains(w)))
                .map(whole),
        );
        matches.truncate(MAX_MATCHES);
        Some(matches)
    }

    /// "there is no note 57…" when the query is a number no note carries.
    fn missing_note(&self, query: &str) -> Option<String> {
        if query.is_empty() || !query.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let numbers: Vec<u64> = self
            .items
            .iter()
            .filter_map(|item| item.exact.as_deref())
            .filter_map(|label| label.parse().ok())
            .collect();
        if self.items.iter().any(|i| i.exact.as_deref() == Some(query)) {
            return None;
        }
        Some(match numbers.iter().max() {
            Some(last) => format!(
                "there is no note {query}: the notes run to {last}; below, what else matches"
            ),
            None => format!("there is no note {query}: this paper has no numbered notes"),
        })
    }

    pub fn selected_target(&self) -> Option<Target> {
        self.matches
            .get(self.selected)
            .map(|m| self.items[m.item].target)
    }

    pub fn type_char(&mut self, c: char) {
        self.query.push(c);
        self.refresh();
    }

    /// Types `text` at once: the list is filtered once.
    pub fn type_str(&mut self, text: &str) {
        self.query.push_str(text);
        self.refresh();
    }

    pub fn delete_back(&mut self) {
        self.query.pop();
        self.refresh();
    }

    pub fn clear(&mut self) {
        self.query.clear();
        self.refresh();
    }

    pub fn select_next(&mut self) {
        if !self.matches.is_empty() {
            self.selected = (self.selected + 1) % self.matches.len();
        }
    }

    pub fn select_previous(&mut self) {
        if !self.matches.is_empty() {
            self.selected = (self.selected + self.matches.len() - 1) % self.matches.len();
        }
    }
}

/// fuzzy-matcher reports character positions; spans need byte offsets.
fn char_indices_to_bytes(text: &str, indices: &[usize]) -> Vec<usize> {
    text.char_indices()
        .enumerate()
        .filter(|(i, _)| indices.contains(i))
        .map(|(_, (byte, _))| byte)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::Gazetteer;

    fn palette(text: &str) -> Palette {
        let document = crate::parse_text(text);
        let actors = ActorIndex::build(&document, &Gazetteer::shipped());
        Palette::new(&document, &actors)
    }

    #[test]
    fn sections_rank_before_actors_of_the_same_name() {
        let mut p = palette("T\n\nIntroduction\n\nIran and Russia.\n\n3.2. Iran\n\nIran again.\n");
        p.query = "iran".into();
        p.refresh();
        assert_eq!(p.items[p.matches[0].item].label.trim(), "3.2. Iran");
    }

    #[test]
    fn a_note_number_finds_that_note_first() {
        let mut p = palette(
            "T\n\nIntroduction\n\nA<sup>5</sup> B<sup>7</sup> C<sup>57</sup>.\n\n<sup>5</sup> Five 7.\n\n<sup>7</sup> Seven 5 7.\n\n<sup>57</sup> Hopmann, Minsk Group.\n",
        );
        p.query = "57".into();
        p.refresh();
        assert_eq!(p.selected_target(), Some(Target::Footnote(2)));
        assert_eq!(p.notice, None);
        p.query = "58".into();
        p.refresh();
        assert_eq!(
            p.notice.as_deref(),
            Some("there is no note 58: the notes run to 57; below, what else matches")
        );
        p.query = "Hopmann Minsk".into();
        p.refresh();
        assert_eq!(p.selected_target(), Some(Target::Footnote(2)));
        assert!(!p.matches[0].indices.is_empty());
    }
}
