//! Where a margin note belongs, recorded several ways at once (as the
//! Hypothesis annotator does), so that it can be found again after the text
//! changes: the block and offsets, the quoted text with 32 characters of
//! context each side, and a fingerprint of the source file.

use serde::{Deserialize, Serialize};

use crate::document::Document;

/// Characters of context kept before and after the quote.
pub const CONTEXT_CHARS: usize = 32;
/// How alike a changed passage must be to its quote to carry the note.
const MIN_SIMILARITY: f64 = 0.6;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Block index and byte offsets in its text.
    pub block: usize,
    pub start: usize,
    pub end: usize,
    /// The text the note is on, and what came just before and after it.
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
    /// Fingerprint of the source file the offsets refer to (hex).
    pub fingerprint: String,
    /// The label of the footnote the note is on, when it is on a footnote:
    /// the offsets and quote are then its text's, and `block` the block
    /// citing it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footnote: Option<String>,
}

/// Where an anchor lands in a document now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// The block it is in, or, for a note on a footnote, the block citing it.
    pub block: usize,
    pub start: usize,
    pub end: usize,
    /// The footnote (index) whose text `start..end` are in.
    pub footnote: Option<usize>,
}

impl Placement {
    /// Where it is in the text: its start, or, for a note on a footnote,
    /// the start of the block citing the footnote.
    pub fn position(&self) -> crate::document::Position {
        crate::document::Position {
            block: self.block,
            offset: if self.footnote.is_some() {
                0
            } else {
                self.start
            },
        }
    }

    /// The bytes of its block's text it is on (none for a note on a footnote).
    pub fn in_text(&self) -> Option<std::ops::Range<usize>> {
        self.footnote.is_none().then_some(self.start..self.end)
    }
}

/// The block a footnote belongs with: the first citing it, or the one it
/// stands beside.
fn citing_block(document: &Document, note: usize) -> usize {
    document.footnotes.get(note).map_or(0, |f| {
        f.cited_in.first().copied().or(f.home_block).unwrap_or(0)
    })
}

pub fn fingerprint_hex(document: &Document) -> String {
    document.fingerprint.to_string()
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl Anchor {
    /// An anchor on bytes `start..end` of `block`.
    pub fn new(document: &Document, block: usize, start: usize, end: usize) -> Option<Self> {
        let text = document.blocks.get(block)?.text();
        Some(Self::on_text(document, text, block, start, end, None))
    }

    /// An anchor on bytes `start..end` of footnote `note`'s text.
    pub fn on_footnote(document: &Document, note: usize, start: usize, end: usize) -> Option<Self> {
        let footnote = document.footnotes.get(note)?;
        let label = Some(footnote.label.clone());
        let block = citing_block(document, note);
        Some(Self::on_text(
            document,
            footnote.text(),
            block,
            start,
            end,
            label,
        ))
    }

    /// An anchor on bytes `start..end` of `text`, with its context.
    fn on_text(
        document: &Document,
        text: &str,
        block: usize,
        start: usize,
        end: usize,
        footnote: Option<String>,
    ) -> Self {
        let start = floor_boundary(text, start);
        let end = floor_boundary(text, end.max(start));
        let prefix: String = {
            let before: Vec<char> = text[..start].chars().rev().take(CONTEXT_CHARS).collect();
            before.into_iter().rev().collect()
        };
        Self {
            block,
            start,
            end,
            quote: text[start..end].to_owned(),
            prefix,
            suffix: text[end..].chars().take(CONTEXT_CHARS).collect(),
            fingerprint: fingerprint_hex(document),
            footnote,
        }
    }

    /// A note on a footnote, found again: the footnote of the same label
    /// holding the quote, else any footnote holding it (the notes were
    /// renumbered).
    fn place_in_footnotes(&self, document: &Document) -> Option<Placement> {
        let label = self.footnote.as_deref()?;
        let holds = |i: usize| {
            let text = document.footnotes[i].text();
            if text.get(self.start..self.end) == Some(self.quote.as_str()) {
                return Some(self.start);
            }
            text.find(self.quote.as_str())
        };
        let by_label = (0..document.footnotes.len())
            .filter(|&i| document.footnotes[i].label == label)
            .find_map(|i| holds(i).map(|start| (i, start)));
        let (note, start) = by_label
            .or_else(|| (0..document.footnotes.len()).find_map(|i| holds(i).map(|s| (i, s))))?;
        Some(Placement {
            block: citing_block(document, note),
            start,
            end: start + self.quote.len(),
            footnote: Some(note),
        })
    }

    /// Finds the anchor in `document`: by position when the quote is still
    /// there, else by the quote and its context (closest to the old position),
    /// else by the most similar passage; `None` makes the note an orphan.
    pub fn place(&self, document: &Document) -> Option<Placement> {
        self.place_with(document, &mut None)
    }

    /// [`Self::place`] with the paper's bigram index kept in `index` (built
    /// the first time a note needs the fuzzy search), for placing many notes.
    pub fn place_with(
        &self,
        document: &Document,
        index: &mut Option<TextIndex>,
    ) -> Option<Placement> {
        if self.footnote.is_some() {
            return self.place_in_footnotes(document);
        }
        if let Some(text) = document.blocks.get(self.block).map(|b| b.text())
            && text.get(self.start..self.end) == Some(self.quote.as_str())
        {
            return Some(Placement {
                block: self.block,
                start: self.start,
                end: self.end,
                footnote: None,
            });
        }
        if self.quote.is_empty() {
            return None;
        }
        self.place_exactly(document)
            .or_else(|| self.place_between_context(document))
            .or_else(|| {
                let index = index.get_or_insert_with(|| TextIndex::new(document));
                self.place_fuzzily(document, index)
            })
    }

    /// Every exact occurrence of the quote, best context first, then nearest.
    fn place_exactly(&self, document: &Document) -> Option<Placement> {
        let mut best: Option<(usize, usize, Placement)> = None;
        for (b, block) in document.blocks.iter().enumerate() {
            for (start, _) in block.text().match_indices(self.quote.as_str()) {
                let end = start + self.quote.len();
                let text = block.text();
                let context = usize::from(text[..start].ends_with(self.prefix.as_str()))
                    + usize::from(text[end..].starts_with(self.suffix.as_str()));
                let distance =
                    placement_distance(b.abs_diff(self.block), start.abs_diff(self.start));
                let candidate = (
                    2 - context,
                    distance,
                    Placement {
                        block: b,
                        start,
                        end,
                        footnote: None,
                    },
                );
                if best
                    .as_ref()
                    .is_none_or(|(c, d, _)| (candidate.0, candidate.1) < (*c, *d))
                {
                    best = Some(candidate);
                }
            }
        }
        best.map(|(_, _, placement)| placement)
    }

    /// The quote changed but its context did not: the span between them.
    fn place_between_context(&self, document: &Document) -> Option<Placement> {
        if self.prefix.chars().count() < 8 || self.suffix.chars().count() < 8 {
            return None;
        }
        let mut best: Option<(usize, Placement)> = None;
        for (b, block) in document.blocks.iter().enumerate() {
            let text = block.text();
            for (p, _) in text.match_indices(self.prefix.as_str()) {
                let start = p + self.prefix.len();
                let Some(s) = text[start..].find(self.suffix.as_str()).map(|s| s + start) else {
                    continue;
                };
                let changed = &text[start..s];
                if similarity(changed, &self.quote) < MIN_SIMILARITY {
                    continue;
                }
                let distance =
                    placement_distance(b.abs_diff(self.block), start.abs_diff(self.start));
                if best.as_ref().is_none_or(|(d, _)| distance < *d) {
                    best = Some((
                        distance,
                        Placement {
                            block: b,
                            start,
                            end: s,
                            footnote: None,
                        },
                    ));
                }
            }
        }
        best.map(|(_, placement)| placement)
    }

    /// The passage most like the quote: a whole paragraph when the note was
    /// on one, else the best window of the most similar paragraph.
    fn place_fuzzily(&self, document: &Document, index: &TextIndex) -> Option<Placement> {
        let whole_block = self.prefix.is_empty() && self.suffix.is_empty();
        let quote_grams = bigrams(&self.quote);
        // The bigrams a paragraph shares with the quote bound how alike any
        // passage of it can be: most paragraphs are passed over here, and
        // only the few most promising are searched passage by passage, which
        // keeps the cost bounded however long the paper and the quote (a
        // paper of near-identical paragraphs made every one a candidate).
        const MOST_SEARCHED: usize = 8;
        let mut candidates: Vec<(f64, usize)> = document
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(b, _)| {
                let grams = index.grams.get(b).map_or(&[][..], Vec::as_slice);
                let shared = shared_count(grams, &quote_grams);
                let bound = if whole_block {
                    2.0 * shared as f64 / (grams.len() + quote_grams.len()).max(1) as f64
                } else {
                    shared as f64 / quote_grams.len().max(1) as f64
                };
                (bound >= MIN_SIMILARITY || quote_grams.is_empty()).then_some((bound, b))
            })
            .collect();
        candidates.sort_by(|x, y| {
            y.0.total_cmp(&x.0)
                .then_with(|| x.1.abs_diff(self.block).cmp(&y.1.abs_diff(self.block)))
        });
        candidates.truncate(MOST_SEARCHED);
        let mut best: Option<(f64, usize, Placement)> = None;
        for (_, b) in candidates {
            let text = document.blocks[b].text();
            let (score, start, end) = if whole_block {
                (similarity(text, &self.quote), 0, text.len())
            } else {
                best_window(text, &self.quote)
            };
            if score < MIN_SIMILARITY {
                continue;
            }
            let distance = b.abs_diff(self.block);
            let better = best.as_ref().is_none_or(|(s, d, _)| {
                score > *s + 0.02 || ((score - s).abs() <= 0.02 && distance < *d)
            });
            if better {
                best = Some((
                    score,
                    distance,
                    Placement {
                        block: b,
                        start,
                        end,
                        footnote: None,
                    },
                ));
            }
        }
        best.map(|(_, _, placement)| placement)
    }
}

/// Character bigrams of `text`, lower-cased, without spaces.
fn bigrams(text: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let mut pairs: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    pairs.sort_unstable();
    pairs
}

/// The sorted character bigrams of every block of a paper, made once for
/// all the notes that need the fuzzy search.
#[derive(Debug, Clone)]
pub struct TextIndex {
    grams: Vec<Vec<(char, char)>>,
}

impl TextIndex {
    pub fn new(document: &Document) -> Self {
        Self {
            grams: document.blocks.iter().map(|b| bigrams(b.text())).collect(),
        }
    }
}

/// How many bigrams two sorted lists share (with multiplicity).
fn shared_count(x: &[(char, char)], y: &[(char, char)]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// Dice's coefficient over character bigrams: 1 for equal texts, 0 for unrelated ones.
pub fn similarity(a: &str, b: &str) -> f64 {
    similarity_to(a, b, &bigrams(b))
}

/// [`similarity`] with `b`'s bigrams made already.
fn similarity_to(a: &str, b: &str, b_grams: &[(char, char)]) -> f64 {
    let x = bigrams(a);
    if x.is_empty() || b_grams.is_empty() {
        return if a.trim() == b.trim() { 1.0 } else { 0.0 };
    }
    2.0 * shared_count(&x, b_grams) as f64 / (x.len() + b_grams.len()) as f64
}

/// The window of `text`, starting and ending at word boundaries, most like `quote`.
fn best_window(text: &str, quote: &str) -> (f64, usize, usize) {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices(' ').map(|(i, _)| i + 1))
        .filter(|&i| i < text.len())
        .collect();
    // At most this many windows a paragraph, fewer the longer the quote
    // (each window costs its length): a long paragraph is sampled at evenly
    // spaced word starts rather than tried at every one.
    const MAX_STARTS: usize = 64;
    const MAX_BYTES_COMPARED: usize = 64_000;
    let most = (MAX_BYTES_COMPARED / quote.len().max(1)).clamp(8, MAX_STARTS);
    let stride = starts.len().div_ceil(most).max(1);
    let quote_grams = bigrams(quote);
    let mut best = (0.0, 0, 0);
    for &start in starts.iter().step_by(stride) {
        for length in [quote.len() * 9 / 10, quote.len(), quote.len() * 11 / 10] {
            let end = floor_boundary(text, start + length.max(1));
            if end <= start {
                continue;
            }
            // End at a word boundary too.
            let end = text[end..]
                .find(' ')
                .map_or(text.len(), |i| end + i)
                .min(text.len());
            let score = similarity_to(&text[start..end], quote, &quote_grams);
            if score > best.0 {
                best = (score, start, end);
            }
        }
    }
    best
}

/// How far a candidate place is from the recorded one: blocks first, then
/// characters. The recorded numbers come from a file and may be anything, so
/// the arithmetic saturates instead of overflowing.
fn placement_distance(blocks: usize, characters: usize) -> usize {
    blocks.saturating_mul(100_000).saturating_add(characters)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_text;

    const PAPER: &str = "Title\n\nIntroduction\n\nThe OSCE Minsk Group has mediated since 1992 without a settlement. Azerbaijan joined the Non-Aligned Movement in 2011 to find another platform.\n\nA second paragraph about Iran and its offers to mediate the conflict.\n";

    fn anchor_on(doc: &Document, quote: &str) -> Anchor {
        let block = doc
            .blocks
            .iter()
            .position(|b| b.text().contains(quote))
            .unwrap();
        let start = doc.blocks[block].text().find(quote).unwrap();
        Anchor::new(doc, block, start, start + quote.len()).unwrap()
    }

    #[test]
    fn huge_numbers_from_a_file_do_not_overflow() {
        let doc = parse_text(PAPER);
        let mut anchor = anchor_on(&doc, "joined the Non-Aligned Movement");
        anchor.block = usize::MAX / 2;
        anchor.start = usize::MAX;
        anchor.end = usize::MAX;
        let placed = anchor.place(&doc).unwrap();
        assert_eq!(
            &doc.blocks[placed.block].text()[placed.start..placed.end],
            "joined the Non-Aligned Movement"
        );
    }

    #[test]
    fn unchanged_text_places_by_position() {
        let doc = parse_text(PAPER);
        let anchor = anchor_on(&doc, "joined the Non-Aligned Movement");
        assert_eq!(anchor.prefix.chars().count(), CONTEXT_CHARS);
        let placed = anchor.place(&doc).unwrap();
        assert_eq!(
            &doc.blocks[placed.block].text()[placed.start..placed.end],
            "joined the Non-Aligned Movement"
        );
    }

    #[test]
    fn words_inserted_before_the_span() {
        let doc = parse_text(PAPER);
        let anchor = anchor_on(&doc, "joined the Non-Aligned Movement");
        let edited = parse_text(&PAPER.replace(
            "The OSCE Minsk Group",
            "As is well known, the OSCE Minsk Group",
        ));
        let placed = anchor.place(&edited).unwrap();
        assert_eq!(
            &edited.blocks[placed.block].text()[placed.start..placed.end],
            "joined the Non-Aligned Movement"
        );
    }

    #[test]
    fn the_span_itself_slightly_changed() {
        let doc = parse_text(PAPER);
        let anchor = anchor_on(&doc, "joined the Non-Aligned Movement in 2011");
        let edited = parse_text(&PAPER.replace(
            "joined the Non-Aligned Movement in 2011",
            "joined the Non Aligned Movement in May 2011",
        ));
        let placed = anchor.place(&edited).unwrap();
        assert_eq!(
            &edited.blocks[placed.block].text()[placed.start..placed.end],
            "joined the Non Aligned Movement in May 2011"
        );
    }

    #[test]
    fn a_whole_paragraph_found_after_edits_and_lost_when_deleted() {
        let doc = parse_text(PAPER);
        let block = doc
            .blocks
            .iter()
            .position(|b| b.text().starts_with("A second"))
            .unwrap();
        let anchor = Anchor::new(&doc, block, 0, doc.blocks[block].text().len()).unwrap();
        let moved = parse_text(
            &PAPER
                .replace(
                    "Introduction\n\n",
                    "Introduction\n\nA new first paragraph.\n\n",
                )
                .replace("offers to", "repeated offers to"),
        );
        let placed = anchor.place(&moved).unwrap();
        assert!(
            moved.blocks[placed.block]
                .text()
                .starts_with("A second paragraph")
        );
        let deleted = parse_text(&PAPER.replace(
            "A second paragraph about Iran and its offers to mediate the conflict.\n",
            "",
        ));
        assert_eq!(anchor.place(&deleted), None);
    }

    #[test]
    fn similarity_is_a_proportion() {
        assert!((similarity("night", "night") - 1.0).abs() < 1e-9);
        assert!(similarity("Non-Aligned Movement", "Non Aligned Movement") > 0.8);
        assert!(similarity("Iran", "Turkey") < 0.2);
    }
}
