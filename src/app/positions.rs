//! Where the reader was in each paper, remembered across runs in
//! `$XDG_STATE_HOME/gloss/positions.json`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::layout::Position;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub block: usize,
    pub offset: usize,
    /// How far through the paper, for the library list.
    pub percent: u8,
}

impl Saved {
    pub fn position(self) -> Position {
        Position {
            block: self.block,
            offset: self.offset,
        }
    }
}

/// The XDG base directory `variable` names, else `fallback` under the home folder.
pub fn xdg_dir(variable: &str, fallback: &str) -> Option<PathBuf> {
    std::env::var_os(variable)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(fallback)))
}

#[derive(Debug, Clone, Default)]
pub struct Positions {
    /// Where to save; `None` keeps positions in memory only (headless renders, tests).
    file: Option<PathBuf>,
    saved: BTreeMap<String, Saved>,
}

impl Positions {
    pub fn in_memory() -> Self {
        Self::default()
    }

    /// The positions saved in `file`. A file that cannot be read is left
    /// alone (not overwritten until positions change) and reported.
    pub fn load(file: PathBuf) -> (Self, Option<String>) {
        let problem;
        let saved = match std::fs::read_to_string(&file) {
            Ok(text) => match serde_json::from_str(&text) {
                Ok(saved) => {
                    problem = None;
                    saved
                }
                Err(error) => {
                    problem = Some(format!(
                        "reading positions in '{}' could not be read ({error}); starting from the top",
                        crate::source::clean_line(&file.display().to_string())
                    ));
                    BTreeMap::new()
                }
            },
            Err(_) => {
                problem = None;
                BTreeMap::new()
            }
        };
        (
            Self {
                file: Some(file),
                saved,
            },
            problem,
        )
    }

    /// The default file under `$XDG_STATE_HOME/gloss/`.
    pub fn default_file() -> Option<PathBuf> {
        xdg_dir("XDG_STATE_HOME", ".local/state")
            .map(|dir| dir.join("gloss").join("positions.json"))
    }

    pub fn get(&self, key: &str) -> Option<Saved> {
        self.saved.get(key).copied()
    }

    pub fn set(&mut self, key: &str, saved: Saved) {
        self.saved.insert(key.to_owned(), saved);
    }

    /// Writes the positions atomically: a temporary file in the same folder,
    /// renamed over the old one.
    pub fn save(&self) -> std::io::Result<()> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        let dir = file.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let json = serde_json::to_string_pretty(&self.saved).map_err(std::io::Error::other)?;
        let temporary = dir.join(format!(".positions.{}.tmp", std::process::id()));
        {
            let mut out = std::fs::File::create(&temporary)?;
            out.write_all(json.as_bytes())?;
            out.sync_all()?;
        }
        std::fs::rename(&temporary, file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_round_trip_and_corrupt_files_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("gloss").join("positions.json");
        let (mut positions, problem) = Positions::load(file.clone());
        assert!(problem.is_none());
        positions.set(
            "paper",
            Saved {
                block: 3,
                offset: 10,
                percent: 40,
            },
        );
        positions.save().unwrap();
        let (again, _) = Positions::load(file.clone());
        assert_eq!(
            again.get("paper"),
            Some(Saved {
                block: 3,
                offset: 10,
                percent: 40
            })
        );
        std::fs::write(&file, "{not json").unwrap();
        let (empty, problem) = Positions::load(file);
        assert!(empty.get("paper").is_none());
        assert!(problem.unwrap().contains("positions.json"));
    }
}
