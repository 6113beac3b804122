//! The citation model's weights as tables, read once from the CRFsuite file:
//! for each attribute the weight it gives each label, and for each pair of
//! labels the weight of one following the other. Tagging a citation then
//! costs a hash lookup per feature and a Viterbi pass over a few labels,
//! with nothing decoded from the file on the way (the `crfs` tagger reads
//! every weight from the file's bytes again for every word).

use std::collections::HashMap;

use super::sequence::{FeatureSink, Label};

/// Where CRFsuite's header keeps the counts and the features' offset.
const NUM_FEATURES_AT: usize = 16;
const NUM_LABELS_AT: usize = 20;
const NUM_ATTRS_AT: usize = 24;
const FEATURES_AT: usize = 28;
/// A chunk's own header (its name, size and count) before its records.
const CHUNK_HEADER: usize = 12;
/// A feature record: type, source, target (u32 each), weight (f64).
const FEATURE_SIZE: usize = 20;
/// Feature types: an attribute's weight for a label, a label's for the next.
const STATE: u32 = 0;
const TRANSITION: u32 = 1;

pub(crate) struct Crf {
    /// The label of each label id.
    labels: Vec<Label>,
    attrs: HashMap<Box<str>, u32, foldhash::fast::RandomState>,
    /// `state[attr * labels + label]`.
    state: Vec<f64>,
    /// `transition[from * labels + to]`.
    transition: Vec<f64>,
}

impl Crf {
    /// Reads a CRFsuite model, or `None` when its bytes are not one.
    pub(crate) fn read(bytes: &[u8]) -> Option<Self> {
        let model = crfs::Model::new(bytes).ok()?;
        let u32_at = |at: usize| -> Option<u32> {
            Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
        };
        // Back pointers are bytes: a citation model has a few dozen labels.
        let num_labels = usize::try_from(u32_at(NUM_LABELS_AT)?)
            .ok()
            .filter(|&n| n <= 256)?;
        let num_attrs = u32_at(NUM_ATTRS_AT)?;
        let num_features = usize::try_from(u32_at(NUM_FEATURES_AT)?).ok()?;
        let features_at = usize::try_from(u32_at(FEATURES_AT)?).ok()? + CHUNK_HEADER;
        let labels = (0..u32::try_from(num_labels).ok()?)
            .map(|id| Label::from_name(model.to_label(id)?))
            .collect::<Option<Vec<_>>>()?;
        let mut attrs = HashMap::with_capacity_and_hasher(
            usize::try_from(num_attrs).ok()?,
            foldhash::fast::RandomState::default(),
        );
        for id in 0..num_attrs {
            attrs.insert(model.to_attr(id)?.into(), id);
        }
        let mut state = vec![0.0; attrs.len() * num_labels];
        let mut transition = vec![0.0; num_labels * num_labels];
        for feature in 0..num_features {
            let at = features_at + feature * FEATURE_SIZE;
            let (kind, source, target) = (u32_at(at)?, u32_at(at + 4)?, u32_at(at + 8)?);
            let weight = f64::from_le_bytes(bytes.get(at + 12..at + 20)?.try_into().ok()?);
            let (source, target) = (source as usize, target as usize);
            if target >= num_labels {
                return None;
            }
            let cell = match kind {
                STATE => state.get_mut(source * num_labels + target)?,
                TRANSITION => transition.get_mut(source * num_labels + target)?,
                _ => return None,
            };
            *cell = weight;
        }
        Some(Self {
            labels,
            attrs,
            state,
            transition,
        })
    }

    /// A sequence to score, word by word.
    pub(crate) fn sequence(&self, words: usize) -> Sequence<'_> {
        Sequence {
            crf: self,
            scores: Vec::with_capacity(words * self.labels.len()),
        }
    }
}

/// The state scores of a sequence's words, as their features arrive.
pub(crate) struct Sequence<'a> {
    crf: &'a Crf,
    /// `scores[word * labels + label]`.
    scores: Vec<f64>,
}

impl FeatureSink for Sequence<'_> {
    /// Starts the next word.
    fn next_word(&mut self) {
        let width = self.crf.labels.len();
        self.scores.resize(self.scores.len() + width, 0.0);
    }

    /// Adds a feature of the current word; one the model never saw weighs nothing.
    fn feature(&mut self, name: &str) {
        let Some(&id) = self.crf.attrs.get(name) else {
            return;
        };
        let width = self.crf.labels.len();
        let weights = &self.crf.state[id as usize * width..][..width];
        let start = self.scores.len() - width;
        for (score, weight) in self.scores[start..].iter_mut().zip(weights) {
            *score += weight;
        }
    }
}

impl Sequence<'_> {
    /// The likeliest labels of the words (Viterbi); on equal scores the
    /// first label wins, as in CRFsuite.
    pub(crate) fn labels(self) -> Vec<Label> {
        let width = self.crf.labels.len();
        let words = self.scores.len() / width;
        if words == 0 {
            return Vec::new();
        }
        let mut best = self.scores[..width].to_vec();
        let mut back = vec![0u8; words * width];
        let mut next = vec![0.0; width];
        for word in 1..words {
            for (to, slot) in next.iter_mut().enumerate() {
                let mut max = f64::MIN;
                let mut from_max = 0;
                for (from, score) in best.iter().enumerate() {
                    let score = score + self.crf.transition[from * width + to];
                    if max < score {
                        max = score;
                        from_max = from;
                    }
                }
                back[word * width + to] = from_max as u8;
                *slot = max + self.scores[word * width + to];
            }
            std::mem::swap(&mut best, &mut next);
        }
        let mut at = 0;
        let mut max = f64::MIN;
        for (label, &score) in best.iter().enumerate() {
            if max < score {
                max = score;
                at = label;
            }
        }
        let mut path = vec![0; words];
        for word in (0..words).rev() {
            path[word] = at;
            at = usize::from(back[word * width + at]);
        }
        path.into_iter().map(|id| self.crf.labels[id]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::labelled;
    use super::super::sequence::{Label, emit_features, features, words};
    use super::Crf;

    const MODEL: &[u8] = include_bytes!("citations.crfsuite");

    /// The tables label every word as CRFsuite's own tagger does, on every
    /// labelled reference (1,514, trained on or not).
    #[test]
    fn the_tables_tag_as_crfsuite_does() {
        let crf = Crf::read(MODEL).unwrap();
        let model = crfs::Model::new(MODEL).unwrap();
        let tagger = model.tagger().unwrap();
        let xml = include_str!("../../data/citations/anystyle-core.xml");
        let references = labelled::read(xml).unwrap();
        assert!(references.len() > 1000);
        let mut words_tagged = 0;
        for reference in &references {
            let text = reference.text();
            let words = words(&text);
            let expected: Vec<Label> = tagger
                .tag(&features(&text, &words))
                .unwrap()
                .into_iter()
                .map(|name| Label::from_name(name).unwrap())
                .collect();
            let mut sequence = crf.sequence(words.len());
            emit_features(&text, &words, &mut sequence);
            assert_eq!(sequence.labels(), expected, "{text}");
            words_tagged += words.len();
        }
        assert!(words_tagged > 20_000, "{words_tagged}");
    }

    #[test]
    fn bytes_that_are_not_a_model_are_refused() {
        assert!(Crf::read(b"").is_none());
        assert!(Crf::read(&MODEL[..MODEL.len() / 2]).is_none());
        let mut wrong = MODEL.to_vec();
        wrong[..4].copy_from_slice(b"nope");
        assert!(Crf::read(&wrong).is_none());
    }
}
