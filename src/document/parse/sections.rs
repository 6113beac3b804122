//! Heading levels repaired: a printed table of contents says which headings
//! are sections and which subsections, whatever their `#` count; without one,
//! numbering ("3.1." is a subsection) and then Markdown levels decide.

use super::{Matter, Role, Unit};
use crate::document::model::TocEntry;

/// How far ahead in the contents a heading may match (headings missing from
/// the contents, or entries missing from the text, are skipped).
const TOC_LOOKAHEAD: usize = 4;
const MIN_SIMILARITY: f64 = 0.5;

fn words(title: &str) -> Vec<String> {
    title
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| w.replace('’', "'").to_lowercase())
        .collect()
}

/// Word overlap (Jaccard) between two titles, in 0..=1.
fn similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.contains(w)).count();
    let union = a.len() + b.len() - shared;
    shared as f64 / union as f64
}

pub(crate) fn repair_levels(units: &mut [Unit]) {
    let toc: Vec<(Vec<String>, u8)> = units
        .iter()
        .find_map(|u| match &u.role {
            Role::Toc(entries) => Some(entries.clone()),
            _ => None,
        })
        .unwrap_or_default()
        .iter()
        .map(|TocEntry { title, level, .. }| (words(title), *level))
        .collect();
    let min_markdown_level = units
        .iter()
        .filter(|u| u.matter == Matter::Body)
        .filter_map(|u| match u.role {
            Role::Heading {
                markdown_level: Some(level),
                ..
            } => Some(level),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let mut next_entry = 0;
    // Level given to the last heading of each Markdown level, for headings the contents lacks.
    let mut level_by_markdown = [0u8; 7];
    for unit in units.iter_mut().filter(|u| u.matter == Matter::Body) {
        if !matches!(unit.role, Role::Heading { .. }) {
            continue;
        }
        let title_words = words(unit.text());
        let Role::Heading {
            markdown_level,
            numbering,
            level,
        } = &mut unit.role
        else {
            continue;
        };
        let from_toc = (next_entry..toc.len().min(next_entry + TOC_LOOKAHEAD))
            .map(|k| (k, similarity(&title_words, &toc[k].0)))
            .filter(|(_, score)| *score >= MIN_SIMILARITY)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        *level = if let Some((k, _)) = from_toc {
            next_entry = k + 1;
            toc[k].1
        } else if let Some(depth) = numbering {
            *depth
        } else if let Some(md) = markdown_level {
            match level_by_markdown[usize::from((*md).min(6))] {
                0 => md.saturating_sub(min_markdown_level) + 1,
                known => known,
            }
        } else {
            1
        };
        if let Some(md) = markdown_level {
            level_by_markdown[usize::from((*md).min(6))] = *level;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_titles_match_despite_rewording() {
        let heading = words("Azerbaijan’s Participation in Other Asian-African Institutions");
        let entry = words("Azerbaijan’s Participation in Other Global South Institutions");
        assert!(similarity(&heading, &entry) >= MIN_SIMILARITY);
        let other = words("Conclusion and Policy Recommendations");
        assert!(similarity(&heading, &other) < MIN_SIMILARITY);
    }
}
