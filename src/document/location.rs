//! A place in a paper that outlives the screen: what a scholar cites and
//! comes back to. Where the text shows the original's pages (converter
//! output, a PDF) it is the printed page, `p. 12`; where it does not
//! (Markdown, born-digital text) it is the section and the paragraph in it,
//! `§3 ¶12` (`¶4` before the first section, `§3` for the heading itself),
//! counted the same way on every screen.

use std::fmt;

use super::model::{BlockKind, Document, Position};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A page of the original, as printed on it (or counted).
    Page(String),
    /// Section `section` (1-based, in the order of the paper's headings;
    /// `None` before the first) and its `paragraph`-th block after the
    /// heading (0: the heading itself).
    Paragraph {
        section: Option<usize>,
        paragraph: usize,
    },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Page(page) => write!(f, "p. {page}"),
            Location::Paragraph {
                section: Some(section),
                paragraph: 0,
            } => write!(f, "§{section}"),
            Location::Paragraph {
                section: Some(section),
                paragraph,
            } => write!(f, "§{section} ¶{paragraph}"),
            Location::Paragraph {
                section: None,
                paragraph,
            } => write!(f, "¶{paragraph}"),
        }
    }
}

impl Location {
    /// Reads a location as a reader writes it: `p. 12`, `p.12`, `page 12`,
    /// `§3 ¶12`, `§3`, `¶12` (also `s3 ¶12`, and `section 3 paragraph 12`
    /// for keyboards without § and ¶). `None` when it is not one.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let lower = text.to_lowercase();
        for prefix in ["page ", "p. ", "p.", "pp. "] {
            if let Some(page) = lower.strip_prefix(prefix) {
                let page = page.trim();
                let printed = !page.is_empty()
                    && page.len() <= 12
                    && page.chars().all(|c| c.is_alphanumeric() || c == '-');
                return printed.then(|| Location::Page(text[text.len() - page.len()..].to_owned()));
            }
        }
        let lower = lower
            .replace("section", "§")
            .replace("paragraph", "¶")
            .replace(' ', "");
        let lower = lower.strip_prefix('s').map_or(lower.clone(), |rest| {
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                format!("§{rest}")
            } else {
                lower.clone()
            }
        });
        let number = |s: &str| -> Option<usize> {
            (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        if let Some(rest) = lower.strip_prefix('§') {
            let (section, paragraph) = match rest.split_once('¶') {
                Some((section, paragraph)) => (number(section)?, number(paragraph)?),
                None => (number(rest)?, 0),
            };
            return (section > 0).then_some(Location::Paragraph {
                section: Some(section),
                paragraph,
            });
        }
        let paragraph = number(lower.strip_prefix('¶')?)?;
        (paragraph > 0).then_some(Location::Paragraph {
            section: None,
            paragraph,
        })
    }
}

impl Document {
    /// Where `position` is, as a location that outlives the screen: the
    /// printed page where the paper shows its pages, else the section and
    /// paragraph.
    pub fn location_of(&self, position: Position) -> Location {
        if let Some(page) = self
            .source_offset(position.block, position.offset)
            .and_then(|offset| self.page_at(offset))
        {
            return Location::Page(page);
        }
        self.paragraph_location(position)
    }

    /// Where `position` is by section and paragraph (`§3 ¶12`), pages or not.
    pub fn paragraph_location(&self, position: Position) -> Location {
        let section = self.section_of(position.block);
        let from = section.map_or(0, |s| self.sections[s].block + 1);
        let paragraph = match self.blocks.get(position.block).map(|b| &b.kind) {
            Some(BlockKind::Heading { .. }) if section.is_some() => 0,
            _ => (from..=position.block.min(self.blocks.len().saturating_sub(1)))
                .filter(|&b| !matches!(self.blocks[b].kind, BlockKind::Heading { .. }))
                .count()
                .max(1),
        };
        Location::Paragraph {
            section: section.map(|s| s + 1),
            paragraph,
        }
    }

    /// Where `location` is in the paper: the start of the page's first
    /// block, or of the paragraph; `None` when the paper has no such place.
    pub fn position_of(&self, location: &Location) -> Option<Position> {
        match location {
            Location::Page(printed) => {
                let index = self.pages.iter().enumerate().position(|(i, page)| {
                    page.number.as_deref().map_or_else(
                        || (i + 1).to_string() == *printed,
                        |n| n.eq_ignore_ascii_case(printed),
                    )
                })?;
                let span = self.pages[index].span.clone();
                // The first text on the page that is located on it: a block
                // that starts on it, or one running over from the page before.
                self.blocks
                    .iter()
                    .flat_map(|b| b.spans.iter())
                    .filter(|r| r.start < span.end && span.start < r.end)
                    .filter_map(|r| self.position_at_source(r.start.max(span.start)))
                    .find(|&position| self.location_of(position) == *location)
            }
            Location::Paragraph { section, paragraph } => {
                let from = match section {
                    Some(s) => self.sections.get(s.checked_sub(1)?)?.block,
                    None => 0,
                };
                if *paragraph == 0 {
                    return section.map(|_| Position {
                        block: from,
                        offset: 0,
                    });
                }
                let start = if section.is_some() { from + 1 } else { 0 };
                let block = (start..self.blocks.len())
                    .filter(|&b| !matches!(self.blocks[b].kind, BlockKind::Heading { .. }))
                    .nth(paragraph - 1)?;
                // Past its section's end the paragraph is not in it.
                if section.is_some() && self.section_of(block) != section.map(|s| s - 1) {
                    return None;
                }
                Some(Position { block, offset: 0 })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_read_as_written() {
        let page = |p: &str| Some(Location::Page(p.to_owned()));
        assert_eq!(Location::parse("p. 12"), page("12"));
        assert_eq!(Location::parse("p.12"), page("12"));
        assert_eq!(Location::parse("page xiv"), page("xiv"));
        let at = |section, paragraph| Some(Location::Paragraph { section, paragraph });
        assert_eq!(Location::parse("§3 ¶12"), at(Some(3), 12));
        assert_eq!(Location::parse("§3¶12"), at(Some(3), 12));
        assert_eq!(Location::parse("§3"), at(Some(3), 0));
        assert_eq!(Location::parse("¶4"), at(None, 4));
        assert_eq!(Location::parse("s3 ¶12"), at(Some(3), 12));
        assert_eq!(Location::parse("section 3 paragraph 12"), at(Some(3), 12));
        assert_eq!(Location::parse("iran"), None);
        assert_eq!(Location::parse("§0"), None);
        for location in ["p. 12", "§3 ¶12", "§3", "¶4"] {
            assert_eq!(Location::parse(location).unwrap().to_string(), location);
        }
    }

    #[test]
    fn every_paragraph_of_a_paper_without_pages_has_a_location_that_leads_back_to_it() {
        for (_, text) in crate::papers::BUILT_IN {
            let document = crate::parse_text(text);
            for block in 0..document.blocks.len() {
                let position = Position { block, offset: 0 };
                let location = document.location_of(position);
                let back = document.position_of(&location);
                assert_eq!(back, Some(position), "{location} of block {block}");
                let again = Location::parse(&location.to_string());
                assert_eq!(again.as_ref(), Some(&location));
            }
        }
    }

    #[test]
    fn a_paper_with_pages_is_located_by_its_printed_pages() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/corpus/generated/pdftotext-raw_turner-ch3_footnotes-letter12.txt"
        );
        let document = crate::parse_file(std::path::Path::new(path)).unwrap();
        assert!(document.pages.len() > 5, "{} pages", document.pages.len());
        let mut pages_seen = 0;
        for (i, page) in document.pages.iter().enumerate() {
            let printed = page.number.clone().unwrap_or_else(|| (i + 1).to_string());
            let location = Location::Page(printed);
            let Some(position) = document.position_of(&location) else {
                continue;
            };
            pages_seen += 1;
            assert_eq!(document.location_of(position), location, "page {i}");
        }
        assert!(
            pages_seen * 10 >= document.pages.len() * 8,
            "{pages_seen} of {}",
            document.pages.len()
        );
    }
}
