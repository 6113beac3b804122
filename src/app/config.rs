//! The user's settings, from `config.toml` beside the keymap. Every setting
//! has a default; a file that cannot be read or a value out of range is
//! reported and the default kept.

use std::path::Path;

use serde::Deserialize;

use crate::citations::quote::QuoteStyle;
use crate::text::clean_line;

/// The text column's default width in characters: a comfortable measure
/// is 60 to 80 (Bringhurst; most e-readers cap the column near this).
pub const DEFAULT_MEASURE: u16 = 76;
/// The narrowest and widest measure a user can set.
pub const MEASURES: std::ops::RangeInclusive<u16> = 30..=400;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// The widest the text column grows, in characters.
    pub measure: u16,
    /// How `y` cites a quoted passage.
    pub quote: QuoteStyle,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            measure: DEFAULT_MEASURE,
            quote: QuoteStyle::default(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    measure: Option<i64>,
    quote: Option<String>,
}

impl Config {
    /// The settings in `path` (the defaults if there is no file), and what
    /// was wrong with it.
    pub fn load(path: &Path) -> (Self, Vec<String>) {
        let text = match crate::files::read_limited_text(path, crate::files::limits::SETTINGS) {
            Ok(text) => text,
            Err(error) if error.is_not_found() => {
                return (Self::default(), Vec::new());
            }
            Err(error) => {
                let problem = format!("could not read '{}': {error}", path.display());
                return (Self::default(), vec![clean_line(&problem)]);
            }
        };
        Self::parse(&text, &path.display().to_string())
    }

    fn parse(text: &str, name: &str) -> (Self, Vec<String>) {
        let mut config = Self::default();
        let file: File = match toml::from_str(text) {
            Ok(file) => file,
            Err(error) => {
                let problem = format!("'{name}' is not a valid settings file: {}", error.message());
                return (config, vec![clean_line(&problem)]);
            }
        };
        let mut problems = Vec::new();
        if let Some(measure) = file.measure {
            match u16::try_from(measure).ok().filter(|m| MEASURES.contains(m)) {
                Some(measure) => config.measure = measure,
                None => problems.push(clean_line(&format!(
                    "'{name}': measure = {measure} is not a width from {} to {} characters; using {DEFAULT_MEASURE}",
                    MEASURES.start(),
                    MEASURES.end()
                ))),
            }
        }
        if let Some(quote) = file.quote {
            match QuoteStyle::from_name(&quote) {
                Some(style) => config.quote = style,
                None => problems.push(clean_line(&format!(
                    "'{name}': quote = \"{quote}\" is not a style gloss knows ({}); using {}",
                    QuoteStyle::NAMES,
                    QuoteStyle::default().name()
                ))),
            }
        }
        (config, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_read_and_bad_ones_reported_with_the_default_kept() {
        assert_eq!(Config::parse("", "c").0, Config::default());
        assert_eq!(
            Config::parse("measure = 66", "c"),
            (
                Config {
                    measure: 66,
                    ..Config::default()
                },
                Vec::new()
            )
        );
        assert_eq!(
            Config::parse("quote = \"chicago\"", "c").0.quote,
            QuoteStyle::Chicago
        );
        for bad in [
            "measure = 5",
            "measure = -1",
            "measure = 99999999999",
            "measure = \"wide\"",
            "colour = 1",
            "measure =",
            "quote = \"mla\"",
        ] {
            let (config, problems) = Config::parse(bad, "c");
            assert_eq!(config, Config::default(), "{bad}");
            assert_eq!(problems.len(), 1, "{bad}");
        }
        let (_, problems) = Config::parse("measure = 5\u{1b}[31m", "c");
        assert!(!problems[0].contains('\u{1b}'));
    }

    #[test]
    fn a_missing_file_is_the_defaults_without_a_word() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            Config::load(&dir.path().join("config.toml")),
            (Config::default(), Vec::new())
        );
    }
}
