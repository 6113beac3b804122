//! Margin notes on disk: one JSON file per paper under
//! `$XDG_DATA_HOME/gloss/notes/`, named after the paper's file name and
//! fingerprint, with a schema version.
//!
//! Every change is saved at once and atomically (a temporary file in the same
//! folder, fsynced, renamed over the old one, the folder fsynced), so a crash
//! at any instant leaves the old file or the new one, whole. While saving, the
//! file is locked and what another gloss wrote meanwhile is merged in. A file
//! that cannot be read is moved aside, never overwritten.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::files::now_millis;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::anchor::Anchor;
use crate::text::clean_line;

/// The version of the file format this gloss writes and reads.
pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarginNote {
    pub id: String,
    pub text: String,
    pub anchor: Anchor,
    /// Milliseconds since 1970.
    pub created: u64,
    pub modified: u64,
    /// Deleted notes stay as tombstones so that a merge does not bring them back.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
}

impl MarginNote {
    /// The note's tags: its words that start with `#` ("#question").
    pub fn tags(&self) -> Vec<String> {
        tags_of(&self.text)
    }
}

pub fn tags_of(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = text
        .split_whitespace()
        .filter_map(|word| word.strip_prefix('#'))
        .map(|tag| tag.trim_end_matches(|c: char| !c.is_alphanumeric()))
        .filter(|tag| {
            !tag.is_empty()
                && tag
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        })
        .map(str::to_lowercase)
        .collect();
    tags.dedup();
    tags
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarginNotesFile {
    pub schema: u32,
    /// The paper's file name, for people reading the file.
    pub paper: String,
    pub fingerprint: String,
    pub notes: Vec<MarginNote>,
}

#[derive(Debug, Error)]
pub enum StoreError {
    // The cause is in the message only, so that a chain prints it once.
    #[error("could not save the notes in '{path}': {cause}")]
    Io { path: String, cause: std::io::Error },
}

fn new_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "{nanos:x}-{:x}-{:x}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The folder notes files live in.
pub fn margin_notes_dir() -> Option<PathBuf> {
    crate::files::Folder::Data
        .path()
        .map(|dir| dir.join("notes"))
}

/// A file-name-safe version of a paper's file name.
/// Whether a notes file is named by the fingerprint of earlier versions.
fn is_legacy_named(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".json"))
        .and_then(|n| n.rsplit('.').next())
        .is_some_and(crate::hash::is_legacy_fingerprint)
}

/// `name` as a file name's first part: its first 160 bytes (with the place,
/// the fingerprint and `.json`, under the 255 most file systems allow), every
/// character but letters, digits, `-`, `_` and `.` made `_`.
fn safe_name(name: &str) -> String {
    const LONGEST: usize = 160;
    let mut end = name.len().min(LONGEST);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    name[..end]
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[derive(Debug, Clone)]
pub struct MarginNoteStore {
    /// Where the notes are saved; `None` keeps them in memory (headless renders).
    pub path: Option<PathBuf>,
    pub file: MarginNotesFile,
    /// The last note deleted, for undo.
    last_deleted: Option<String>,
}

/// Why an existing notes file could not be used, having been moved aside.
fn move_aside(path: &Path, reason: &str) -> String {
    match crate::files::set_aside(path, "the notes file", reason) {
        (true, said) => said,
        (false, said) => format!("{said}; notes will not be saved this session"),
    }
}

/// Reads a notes file: `Ok(None)` if there is none, `Err(reason)` if it cannot be used.
fn read_file(path: &Path) -> Result<Option<MarginNotesFile>, String> {
    let text = match crate::files::read_limited_text(path, crate::files::limits::NOTES) {
        Ok(text) => text,
        Err(error) if error.is_not_found() => return Ok(None),
        Err(error) => return Err(error.to_string()),
    };
    #[derive(Deserialize)]
    struct Version {
        schema: u32,
    }
    let version: Version =
        serde_json::from_str(&text).map_err(|e| format!("not a notes file: {e}"))?;
    if version.schema > SCHEMA {
        return Err(format!(
            "it was written by a newer gloss (schema {}; this one reads {SCHEMA})",
            version.schema
        ));
    }
    let file: MarginNotesFile =
        serde_json::from_str(&text).map_err(|e| format!("not a notes file: {e}"))?;
    Ok(Some(file.cleaned()))
}

impl MarginNotesFile {
    /// The file with control characters removed from everything shown on screen.
    pub fn cleaned(mut self) -> Self {
        use crate::text::{clean_line, clean_text};
        for note in &mut self.notes {
            note.text = clean_text(&note.text);
            note.anchor.quote = clean_line(&note.anchor.quote);
            note.anchor.prefix = clean_line(&note.anchor.prefix);
            note.anchor.suffix = clean_line(&note.anchor.suffix);
        }
        self
    }
}

impl MarginNoteStore {
    pub fn in_memory(paper: &str, fingerprint: &str) -> Self {
        Self {
            path: None,
            file: MarginNotesFile {
                schema: SCHEMA,
                paper: paper.to_owned(),
                fingerprint: fingerprint.to_owned(),
                notes: Vec::new(),
            },
            last_deleted: None,
        }
    }

    /// The file for a paper: `<file name>.<place>.<fingerprint>.json` in
    /// `dir`, where `place` stands for the paper's full path: two papers of one
    /// file name in two folders have two files.
    pub fn path_for(dir: &Path, paper: &str, place: &str, fingerprint: &str) -> PathBuf {
        dir.join(format!("{}.{place}.{fingerprint}.json", safe_name(paper)))
    }

    /// Opens the notes of `paper` at `place` (see [`Self::path_for`]). Notes
    /// are carried over from another file only where the evidence says it is
    /// the same paper: the same bytes under another name or in another folder
    /// (a renamed or moved copy), or the same place with other bytes (the
    /// paper edited), to be re-anchored. Returns a sentence about any file
    /// moved aside.
    ///
    /// `legacy` gives the paper's fingerprint as earlier versions of gloss
    /// wrote it (see [`crate::hash::legacy_fingerprint_hex`]); it is asked
    /// only while a file so named is in `dir`. A file carried over from that
    /// naming is saved under the new name at once and then removed.
    pub fn open(
        dir: &Path,
        paper: &str,
        place: &str,
        fingerprint: &str,
        legacy: impl FnOnce() -> Option<String>,
    ) -> (Self, Option<String>) {
        let path = Self::path_for(dir, paper, place, fingerprint);
        let mut store = Self::in_memory(paper, fingerprint);
        store.path = Some(path.clone());
        let Some(source) = Self::existing(dir, paper, place, fingerprint, legacy) else {
            return (store, None);
        };
        match read_file(&source) {
            Ok(Some(file)) => {
                store.file.notes = file.notes;
                if source != path && is_legacy_named(&source) && store.save().is_ok() {
                    // Every note is in the new file now; a failed removal
                    // leaves a copy that is never read again.
                    let _ = std::fs::remove_file(&source);
                }
                (store, None)
            }
            Ok(None) => (store, None),
            Err(reason) => (store, Some(move_aside(&source, &reason))),
        }
    }

    /// The file holding the notes of `paper` at `place` (see [`Self::open`]):
    /// its own, or one it carries notes over from.
    pub fn existing(
        dir: &Path,
        paper: &str,
        place: &str,
        fingerprint: &str,
        legacy: impl FnOnce() -> Option<String>,
    ) -> Option<PathBuf> {
        let path = Self::path_for(dir, paper, place, fingerprint);
        if path.exists() {
            return Some(path);
        }
        Self::same_bytes(dir, fingerprint)
            .or_else(|| {
                Self::newest(dir, |name| is_legacy_named(Path::new(name)))?;
                Self::same_bytes(dir, &legacy()?)
            })
            .or_else(|| Self::same_place(dir, paper, place))
    }

    /// The newest notes file of a paper with these very bytes, wherever it
    /// was (files of earlier versions of gloss, keyed by name alone, too).
    fn same_bytes(dir: &Path, fingerprint: &str) -> Option<PathBuf> {
        let suffix = format!(".{fingerprint}.json");
        Self::newest(dir, |name| name.ends_with(&suffix))
    }

    /// The newest notes file of an earlier version of the paper at `place`.
    fn same_place(dir: &Path, paper: &str, place: &str) -> Option<PathBuf> {
        let prefix = format!("{}.{place}.", safe_name(paper));
        Self::newest(dir, |name| {
            name.starts_with(&prefix) && name.ends_with(".json")
        })
    }

    fn newest(dir: &Path, wanted: impl Fn(&str) -> bool) -> Option<PathBuf> {
        std::fs::read_dir(dir)
            .ok()?
            .filter_map(Result::ok)
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                wanted(&name) && !name.contains(".unreadable-") && !name.ends_with(".lock")
            })
            .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())
            .map(|e| e.path())
    }

    /// The notes that are not deleted.
    pub fn notes(&self) -> impl Iterator<Item = &MarginNote> {
        self.file.notes.iter().filter(|n| !n.deleted)
    }

    pub fn get(&self, id: &str) -> Option<&MarginNote> {
        self.notes().find(|n| n.id == id)
    }

    /// Adds a note and saves; returns its id.
    pub fn add(&mut self, anchor: Anchor, text: &str) -> Result<String, StoreError> {
        let text = &crate::text::clean_text(text);
        let now = now_millis();
        let id = new_id();
        self.file.notes.push(MarginNote {
            id: id.clone(),
            text: text.to_owned(),
            anchor,
            created: now,
            modified: now,
            deleted: false,
        });
        self.save()?;
        Ok(id)
    }

    pub fn edit(&mut self, id: &str, text: &str) -> Result<(), StoreError> {
        if let Some(note) = self.file.notes.iter_mut().find(|n| n.id == id) {
            note.text = crate::text::clean_text(text);
            note.modified = now_millis().max(note.modified + 1);
        }
        self.save()
    }

    /// Re-anchors a note (after the text changed) and saves.
    /// Re-anchors many notes with one save (a changed paper's notes on open).
    pub fn set_anchors(&mut self, anchors: Vec<(String, Anchor)>) -> Result<(), StoreError> {
        let now = now_millis();
        for (id, anchor) in anchors {
            if let Some(note) = self.file.notes.iter_mut().find(|n| n.id == id) {
                note.anchor = anchor;
                note.modified = now.max(note.modified + 1);
            }
        }
        self.save()
    }

    pub fn delete(&mut self, id: &str) -> Result<(), StoreError> {
        if let Some(note) = self
            .file
            .notes
            .iter_mut()
            .find(|n| n.id == id && !n.deleted)
        {
            note.deleted = true;
            note.modified = now_millis().max(note.modified + 1);
            self.last_deleted = Some(id.to_owned());
        }
        self.save()
    }

    /// Brings back the last deleted note; its id, if there was one.
    pub fn undo_delete(&mut self) -> Result<Option<String>, StoreError> {
        let Some(id) = self.last_deleted.take() else {
            return Ok(None);
        };
        if let Some(note) = self.file.notes.iter_mut().find(|n| n.id == id) {
            note.deleted = false;
            note.modified = now_millis().max(note.modified + 1);
        }
        self.save()?;
        Ok(Some(id))
    }

    /// Merges notes from elsewhere (another process, an import): for each id,
    /// the version changed last wins.
    pub fn merge(&mut self, other: Vec<MarginNote>) {
        let mut by_id: BTreeMap<String, MarginNote> = self
            .file
            .notes
            .drain(..)
            .map(|n| (n.id.clone(), n))
            .collect();
        for note in other {
            match by_id.get(&note.id) {
                Some(mine) if mine.modified >= note.modified => {}
                _ => {
                    by_id.insert(note.id.clone(), note);
                }
            }
        }
        let mut notes: Vec<MarginNote> = by_id.into_values().collect();
        notes.sort_by(|a, b| {
            (a.anchor.block, a.anchor.start, a.created).cmp(&(
                b.anchor.block,
                b.anchor.start,
                b.created,
            ))
        });
        self.file.notes = notes;
    }

    /// Saves atomically under a lock, merging what is on disk first.
    pub fn save(&mut self) -> Result<(), StoreError> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        let error = |cause| StoreError::Io {
            path: clean_line(&path.display().to_string()),
            cause,
        };
        let dir = path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        std::fs::create_dir_all(&dir).map_err(error)?;
        let lock = File::create(path.with_extension("lock")).map_err(error)?;
        lock.lock().map_err(error)?;
        match read_file(&path) {
            Ok(Some(theirs)) => self.merge(theirs.notes),
            Ok(None) => {}
            // Whatever is there now is not ours to overwrite: keep it aside.
            Err(reason) => {
                let _ = move_aside(&path, &reason);
            }
        }
        let json = serde_json::to_string_pretty(&self.file)
            .map_err(|e| error(std::io::Error::other(e)))?;
        crate::files::write_atomically(&path, json.as_bytes()).map_err(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_text;

    fn anchor() -> Anchor {
        let doc = parse_text("T\n\nIntroduction\n\nSome text to note.\n");
        Anchor::new(&doc, 2, 0, 4).unwrap()
    }

    #[test]
    fn notes_are_saved_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, problem) =
            MarginNoteStore::open(dir.path(), "paper.md", "here", "abc", || None);
        assert!(problem.is_none());
        let id = store.add(anchor(), "A question #question #Why").unwrap();
        let (again, _) = MarginNoteStore::open(dir.path(), "paper.md", "here", "abc", || None);
        let note = again.get(&id).unwrap();
        assert_eq!(note.text, "A question #question #Why");
        assert_eq!(note.tags(), ["question", "why"]);
        assert_eq!(again.file.schema, SCHEMA);
    }

    #[test]
    fn control_characters_never_come_back_from_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = MarginNoteStore::path_for(dir.path(), "p", "here", "f");
        let (mut store, _) = MarginNoteStore::open(dir.path(), "p", "here", "f", || None);
        store.add(anchor(), "safe").unwrap();
        let hostile = std::fs::read_to_string(&path)
            .unwrap()
            .replace("safe", "a\\u001b[2Jb\\u0007");
        std::fs::write(&path, hostile).unwrap();
        let (again, _) = MarginNoteStore::open(dir.path(), "p", "here", "f", || None);
        assert_eq!(again.notes().next().unwrap().text, "ab");
    }

    #[test]
    fn delete_and_undo() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = MarginNoteStore::open(dir.path(), "p", "here", "f", || None);
        let id = store.add(anchor(), "x").unwrap();
        store.delete(&id).unwrap();
        assert!(store.get(&id).is_none());
        let (on_disk, _) = MarginNoteStore::open(dir.path(), "p", "here", "f", || None);
        assert!(on_disk.get(&id).is_none());
        assert_eq!(store.undo_delete().unwrap(), Some(id.clone()));
        assert!(store.get(&id).is_some());
    }

    #[test]
    fn two_stores_on_one_file_keep_each_others_notes() {
        let dir = tempfile::tempdir().unwrap();
        let (mut first, _) = MarginNoteStore::open(dir.path(), "p", "here", "f", || None);
        let (mut second, _) = MarginNoteStore::open(dir.path(), "p", "here", "f", || None);
        let a = first.add(anchor(), "from the first").unwrap();
        let b = second.add(anchor(), "from the second").unwrap();
        first.delete(&a).unwrap();
        second.edit(&b, "edited").unwrap();
        let (merged, _) = MarginNoteStore::open(dir.path(), "p", "here", "f", || None);
        assert!(
            merged.get(&a).is_none(),
            "a deletion is not undone by the other store"
        );
        assert_eq!(merged.get(&b).unwrap().text, "edited");
    }

    #[test]
    fn unreadable_files_are_moved_aside_not_overwritten() {
        for bad in [
            "{not json",
            "{\"schema\": 99, \"paper\": \"p\", \"fingerprint\": \"f\", \"notes\": []}",
        ] {
            let dir = tempfile::tempdir().unwrap();
            let path = MarginNoteStore::path_for(dir.path(), "p", "here", "f");
            std::fs::write(&path, bad).unwrap();
            let (mut store, problem) = MarginNoteStore::open(dir.path(), "p", "here", "f", || None);
            let problem = problem.unwrap();
            assert!(
                problem.contains(&path.display().to_string()) && problem.contains("unreadable-"),
                "{problem}"
            );
            let aside: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().contains("unreadable-"))
                .collect();
            assert_eq!(aside.len(), 1);
            assert_eq!(std::fs::read_to_string(aside[0].path()).unwrap(), bad);
            store.add(anchor(), "new").unwrap();
            assert_eq!(std::fs::read_to_string(aside[0].path()).unwrap(), bad);
        }
    }

    #[test]
    fn papers_of_one_name_in_two_folders_keep_their_own_notes() {
        let dir = tempfile::tempdir().unwrap();
        let (mut a, _) =
            MarginNoteStore::open(dir.path(), "paper.txt", "folder-a", "aaaa", || None);
        a.add(anchor(), "private to A").unwrap();
        // Another paper (other bytes) of the same name elsewhere: nothing of A's.
        let (b, _) = MarginNoteStore::open(dir.path(), "paper.txt", "folder-b", "bbbb", || None);
        assert_eq!(b.notes().count(), 0);
        // Names that only a file-name-safe spelling would make equal.
        let (c, _) = MarginNoteStore::open(dir.path(), "a b.md", "place-1", "cccc", || None);
        let (mut d, _) = MarginNoteStore::open(dir.path(), "a_b.md", "place-2", "dddd", || None);
        d.add(anchor(), "d's").unwrap();
        assert_eq!(c.notes().count(), 0);
        // A renamed copy (the same bytes under another name and place) keeps them.
        let (copy, _) =
            MarginNoteStore::open(dir.path(), "renamed.txt", "folder-c", "aaaa", || None);
        assert_eq!(copy.notes().count(), 1);
    }

    #[test]
    fn notes_of_an_earlier_version_are_carried_over() {
        let dir = tempfile::tempdir().unwrap();
        let (mut old, _) = MarginNoteStore::open(dir.path(), "paper.md", "here", "old", || None);
        let id = old.add(anchor(), "kept").unwrap();
        let (new, _) = MarginNoteStore::open(dir.path(), "paper.md", "here", "new", || None);
        assert!(new.get(&id).is_some());
        assert_eq!(
            new.path.unwrap(),
            MarginNoteStore::path_for(dir.path(), "paper.md", "here", "new")
        );
    }

    #[test]
    fn notes_filed_under_the_old_fingerprint_move_to_the_new_name() {
        let dir = tempfile::tempdir().unwrap();
        let legacy = crate::hash::legacy_fingerprint_hex(b"the paper's bytes");
        let new = crate::hash::Fingerprint::of(b"the paper's bytes").to_string();
        // Written by an earlier gloss for the same bytes under another name
        // and in another folder: found by those bytes alone.
        let (mut old, _) = MarginNoteStore::open(dir.path(), "old.md", "there", &legacy, || None);
        let id = old.add(anchor(), "kept").unwrap();
        let old_path = old.path.clone().unwrap();
        let mut asked = 0;
        let (store, problem) = MarginNoteStore::open(dir.path(), "new.md", "here", &new, || {
            asked += 1;
            Some(legacy.clone())
        });
        assert_eq!(problem, None);
        assert_eq!(asked, 1);
        assert!(store.get(&id).is_some());
        let new_path = MarginNoteStore::path_for(dir.path(), "new.md", "here", &new);
        assert_eq!(store.path.as_ref(), Some(&new_path));
        assert!(new_path.exists(), "saved under the new name at once");
        assert!(
            !old_path.exists(),
            "the old file is gone once its notes are saved"
        );
        // With no file of the old naming left, the old fingerprint is not asked for.
        let (_, _) = MarginNoteStore::open(dir.path(), "other.md", "here", "ffff", || {
            panic!("no legacy file is left to look for")
        });
    }

    #[test]
    fn a_long_file_name_still_makes_a_notes_file() {
        let dir = tempfile::tempdir().unwrap();
        let name = format!("{}.pdf", "é".repeat(200));
        let fingerprint = crate::hash::Fingerprint::of(b"x").to_string();
        let (mut store, _) =
            MarginNoteStore::open(dir.path(), &name, "here", &fingerprint, || None);
        store.add(anchor(), "kept").unwrap();
        let (again, _) = MarginNoteStore::open(dir.path(), &name, "here", &fingerprint, || None);
        assert_eq!(again.notes().count(), 1);
    }
}
