//! Where the reader was in each paper, remembered across runs in
//! `$XDG_STATE_HOME/gloss/positions.json`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::document::Position;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub block: usize,
    pub offset: usize,
    /// How far through the paper, for the library list.
    pub percent: u8,
    /// When the paper was last read (milliseconds since the epoch), to sort
    /// the library by; absent in files written before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_at: Option<u64>,
}

impl Saved {
    pub fn position(self) -> Position {
        Position {
            block: self.block,
            offset: self.offset,
        }
    }
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

    /// The positions saved in `file`. A file that cannot be parsed (a syntax
    /// error, bytes that are not UTF-8) is moved aside, kept and reported, and
    /// positions start afresh; one that cannot be read or moved is never
    /// written over: positions are then kept in memory for the session.
    pub fn load(file: PathBuf) -> (Self, Option<String>) {
        let shown = |path: &Path| crate::text::clean_line(&path.display().to_string());
        let reason = match crate::files::read_limited(&file, crate::files::limits::POSITIONS) {
            Err(error) if error.is_not_found() => {
                return (Self::at(file, BTreeMap::new()), None);
            }
            Err(error) => {
                let problem = format!(
                    "your reading positions in '{}' cannot be read ({error}); they are left as they are, and places are not saved this session",
                    shown(&file)
                );
                return (Self::in_memory(), Some(problem));
            }
            Ok(bytes) => match serde_json::from_slice(&bytes) {
                Ok(saved) => return (Self::at(file, saved), None),
                Err(error) => error.to_string(),
            },
        };
        match crate::files::set_aside(&file, "your reading positions in", &reason) {
            (true, said) => (
                Self::at(file, BTreeMap::new()),
                Some(format!("{said}, and places start afresh")),
            ),
            (false, said) => (
                Self::in_memory(),
                Some(format!("{said}; places are not saved this session")),
            ),
        }
    }

    fn at(file: PathBuf, saved: BTreeMap<String, Saved>) -> Self {
        Self {
            file: Some(file),
            saved,
        }
    }

    /// The file positions are saved in, if any.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// The default file under `$XDG_STATE_HOME/gloss/`.
    pub fn default_file() -> Option<PathBuf> {
        crate::files::Folder::State
            .path()
            .map(|dir| dir.join("positions.json"))
    }

    pub fn get(&self, key: &str) -> Option<Saved> {
        self.saved.get(key).copied()
    }

    pub fn set(&mut self, key: &str, saved: Saved) {
        self.saved.insert(key.to_owned(), saved);
    }

    /// A paper moved from `from` to `to`: its place goes with it.
    pub fn rename(&mut self, from: &str, to: &str) {
        if let Some(saved) = self.saved.remove(from) {
            self.saved.entry(to.to_owned()).or_insert(saved);
        }
    }

    /// Writes the positions atomically: a temporary file in the same folder,
    /// renamed over the old one.
    pub fn save(&self) -> std::io::Result<()> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        let json = serde_json::to_string_pretty(&self.saved).map_err(std::io::Error::other)?;
        crate::files::write_atomically(file, json.as_bytes())
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
                read_at: None,
            },
        );
        positions.save().unwrap();
        let (again, _) = Positions::load(file.clone());
        assert_eq!(
            again.get("paper"),
            Some(Saved {
                block: 3,
                offset: 10,
                percent: 40,
                read_at: None,
            })
        );
        std::fs::write(&file, "{not json").unwrap();
        let (empty, problem) = Positions::load(file.clone());
        assert!(empty.get("paper").is_none());
        let problem = problem.unwrap();
        assert!(
            problem.contains("positions.json") && problem.contains("unreadable-"),
            "{problem}"
        );
    }

    #[test]
    fn unreadable_files_are_kept_aside_and_others_survive() {
        for bad in [b"{not json".as_slice(), b"\xff\xfe\x00garbage".as_slice()] {
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("positions.json");
            std::fs::write(&file, bad).unwrap();
            let (mut positions, problem) = Positions::load(file.clone());
            assert!(problem.is_some());
            positions.set(
                "other",
                Saved {
                    block: 1,
                    offset: 0,
                    percent: 5,
                    read_at: None,
                },
            );
            positions.save().unwrap();
            let kept: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.to_string_lossy().contains("unreadable-"))
                .collect();
            assert_eq!(kept.len(), 1);
            assert_eq!(std::fs::read(&kept[0]).unwrap(), bad);
        }
        // A good file keeps every paper's place through a session.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("positions.json");
        std::fs::write(&file, r#"{"a": {"block": 2, "offset": 3, "percent": 9}, "b": {"block": 4, "offset": 0, "percent": 50}}"#).unwrap();
        let (mut positions, problem) = Positions::load(file.clone());
        assert!(problem.is_none());
        positions.set(
            "a",
            Saved {
                block: 5,
                offset: 0,
                percent: 20,
                read_at: None,
            },
        );
        positions.save().unwrap();
        let (again, _) = Positions::load(file);
        assert_eq!(again.get("b").map(|s| s.block), Some(4));
        assert_eq!(again.get("a").map(|s| s.block), Some(5));
    }
}
