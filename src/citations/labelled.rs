//! References labelled by hand, in AnyStyle's XML (`<dataset>` of
//! `<sequence>`s, each a run of `<author>`, `<title>`, `<date>`… segments):
//! what the citation model is trained on and measured against.

use quick_xml::Reader;
use quick_xml::events::Event;

/// One labelled reference: its segments in order, each a label and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelledReference {
    pub segments: Vec<(String, String)>,
}

impl LabelledReference {
    /// The reference as one would read it: its segments joined by spaces.
    pub fn text(&self) -> String {
        let parts: Vec<&str> = self
            .segments
            .iter()
            .map(|(_, text)| text.as_str())
            .collect();
        parts.join(" ")
    }

    /// The text of the first segment with `label`.
    pub fn first(&self, label: &str) -> Option<&str> {
        self.segments
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, text)| text.as_str())
    }

    /// Whether the date comes straight after the authors ("Smith, J. (1999).
    /// Title…"): an author–date reference, not a note-style one.
    pub fn is_author_date(&self) -> bool {
        self.segments
            .windows(2)
            .any(|pair| pair[0].0 == "author" && pair[1].0 == "date")
    }
}

/// Whether the reference at `index` is held out: never trained on, kept to
/// measure (every fifth, so each part of the file is represented).
pub fn is_held_out(index: usize) -> bool {
    index % 5 == 4
}

/// An error reading a labelled file.
#[derive(Debug, thiserror::Error)]
#[error("the labelled references cannot be read: {0}")]
pub struct LabelledError(String);

/// Reads every `<sequence>` of an AnyStyle dataset.
pub fn read(xml: &str) -> Result<Vec<LabelledReference>, LabelledError> {
    let mut reader = Reader::from_str(xml);
    let mut references = Vec::new();
    let mut current: Option<LabelledReference> = None;
    let mut segment: Option<(String, String)> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| LabelledError(e.to_string()))?;
        match event {
            Event::Start(element) => {
                let name = element.name().as_ref().to_owned();
                match name.as_str() {
                    "dataset" => {}
                    "sequence" => {
                        current = Some(LabelledReference {
                            segments: Vec::new(),
                        })
                    }
                    _ => segment = Some((name, String::new())),
                }
            }
            Event::Text(text) => {
                if let Some((_, content)) = segment.as_mut() {
                    content.push_str(&text.xml10_content());
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => crate::text::xml_entity(reference.as_ref()),
                };
                if let (Some(c), Some((_, content))) = (resolved, segment.as_mut()) {
                    content.push(c);
                }
            }
            Event::End(element) => match element.name().as_ref() {
                "sequence" => references.extend(current.take()),
                "dataset" => {}
                _ => {
                    if let (Some((label, text)), Some(reference)) =
                        (segment.take(), current.as_mut())
                    {
                        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                        if !text.is_empty() {
                            reference.segments.push((label, text));
                        }
                    }
                }
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(references)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_segments_and_entities() {
        let xml = "<?xml version=\"1.0\"?>\n<dataset>\n  <sequence>\n    <author>Romero, C., &amp; Dweck, C.</author>\n    <date>(2011).</date>\n    <title>Brainology.</title>\n  </sequence>\n</dataset>\n";
        let references = read(xml).unwrap();
        assert_eq!(references.len(), 1);
        assert_eq!(
            references[0].text(),
            "Romero, C., & Dweck, C. (2011). Brainology."
        );
        assert!(references[0].is_author_date());
        assert_eq!(references[0].first("title"), Some("Brainology."));
    }
}
