//! The library while the index catches up: papers listed from the index at
//! once, and brought up to date as the background indexer reports.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

use super::library::PaperEntry;
use super::state::App;
use crate::index::indexer::{self, Progress};
use crate::index::{Index, IndexError};
use crate::papers::PaperOrigin;

/// Indexing under way in the background.
#[derive(Debug)]
pub struct Indexing {
    receiver: Receiver<Progress>,
    stop: Arc<AtomicBool>,
    pub done: usize,
    pub total: usize,
}

impl Drop for Indexing {
    fn drop(&mut self) {
        // Quitting ends the indexer between two papers.
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The library's entries for `sources`: each file from the index if it
/// knows it (nothing is read), else by its name until it is indexed; the
/// built-in papers are read (they are two, and in the binary). The reader
/// itself starts from [`first_screen`]; tests list a library this way.
#[cfg(test)]
pub fn entries(sources: Vec<PaperOrigin>, index: &Index) -> Result<Vec<PaperEntry>, IndexError> {
    use std::collections::HashMap;
    use std::path::Path;
    let rows = index.listing()?;
    // Matched by the path as listed, which is how the indexer recorded it.
    let by_path: HashMap<&Path, &crate::index::PaperRow> =
        rows.iter().map(|r| (r.file.path.as_path(), r)).collect();
    Ok(sources
        .into_iter()
        .map(|source| match &source {
            PaperOrigin::BuiltIn(_) => PaperEntry::load(source),
            PaperOrigin::File(path) => {
                let row = by_path.get(path.as_path()).copied();
                PaperEntry::listed(source, row)
            }
        })
        .collect())
}

/// The library's first screenful, from the index alone (no folder is
/// listed): the papers it knows under `paths`, in the order the listing will
/// have. The whole library follows from the background.
pub fn first_screen(index: &Index, paths: &[PathBuf]) -> Result<Vec<PaperEntry>, IndexError> {
    const SCREENFUL: usize = 64;
    let prefixes: Vec<String> = paths
        .iter()
        .map(|p| {
            let shown = p.display().to_string();
            if p.is_dir() {
                format!("{}/", shown.trim_end_matches('/'))
            } else {
                shown
            }
        })
        .collect();
    Ok(index
        .first_page(&prefixes, SCREENFUL)?
        .into_iter()
        .map(|row| PaperEntry::from_row(PaperOrigin::File(row.file.path.clone()), &row))
        .collect())
}

impl App {
    /// Starts the library of `paths` (folders or files): listed and indexed
    /// in the background, the first screenful already drawn from the index.
    /// `index` is kept open for searches and views across papers; the
    /// background has its own connection to the file at `path`.
    pub fn start_library(
        &mut self,
        index: Index,
        path: PathBuf,
        paths: Vec<PathBuf>,
        working_dir: PathBuf,
    ) {
        self.index = Some(index);
        self.searcher = Some(super::searching::Searcher::spawn(path.clone()));
        self.index_path = Some(path.clone());
        let stop = Arc::new(AtomicBool::new(false));
        let receiver = indexer::spawn_library(
            path,
            paths,
            working_dir,
            self.margin_notes_dir.clone(),
            Arc::clone(&stop),
        );
        self.indexing = Some(Indexing {
            receiver,
            stop,
            done: 0,
            total: self.library.papers().len(),
        });
    }

    /// The whole library has been listed: it replaces the first screenful,
    /// keeping the selected paper and the open one where they are.
    fn take_library(&mut self, papers: Vec<(PaperOrigin, Option<Box<crate::index::PaperRow>>)>) {
        let open = self
            .reader
            .as_ref()
            .and_then(|r| self.library.papers().get(r.paper()))
            .map(|p| p.origin.path());
        self.library.replace(
            papers
                .into_iter()
                .map(|(source, row)| PaperEntry::listed(source, row.as_deref()))
                .collect(),
        );
        let open = open.and_then(|path| self.library.position_of(&path));
        if let (Some(index), Some(reader)) = (open, self.reader.as_mut()) {
            reader.set_paper(index);
        }
    }

    /// The index file was made again: this thread's connection and the
    /// searcher's still read the old one, moved aside.
    fn reopen_index(&mut self) {
        let Some(path) = &self.index_path else {
            return;
        };
        match crate::index::Index::open_quickly(path) {
            Ok((index, _)) => self.index = Some(index),
            Err(error) => self.message = Some(crate::text::clean_line(&error.to_string())),
        }
        self.searcher = Some(super::searching::Searcher::spawn(path.clone()));
    }

    /// Takes in what the indexer reported since the last call; `true` if
    /// anything changed on screen.
    pub fn poll_indexing(&mut self) -> bool {
        let mut changed = false;
        loop {
            let Some(indexing) = &mut self.indexing else {
                return changed;
            };
            let progress = match indexing.receiver.try_recv() {
                Ok(progress) => progress,
                Err(TryRecvError::Empty) => return changed,
                Err(TryRecvError::Disconnected) => {
                    self.indexing = None;
                    return true;
                }
            };
            changed = true;
            match progress {
                Progress::Library { papers, problems } => {
                    indexing.total = papers.len();
                    self.take_library(papers);
                    if let Some(problem) = problems.first() {
                        self.message = Some(crate::text::clean_line(problem));
                    }
                }
                Progress::Checked { done, total } => {
                    indexing.done = done;
                    indexing.total = total;
                }
                Progress::Indexed(row) => {
                    let found = self.library.paper_at_mut(&row.file.path);
                    if let Some(entry) = found {
                        let source = entry.origin.clone();
                        *entry = PaperEntry::from_row(source, &row);
                    }
                }
                Progress::Moved { from, to } => {
                    self.positions.rename(&from, &to);
                    let _ = self.positions.save();
                }
                Progress::Rebuilt(said) => {
                    self.message = Some(crate::text::clean_line(&said));
                    self.reopen_index();
                }
                Progress::Failed(problem) => {
                    self.message = Some(crate::text::clean_line(&problem));
                    self.indexing = None;
                }
                Progress::Finished => self.indexing = None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Keymap;
    use crate::app::positions::{Positions, Saved};
    use std::sync::atomic::AtomicBool;

    #[test]
    fn a_moved_paper_keeps_its_place_and_the_library_fills_in_as_indexing_goes() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("library.sqlite");
        let old = dir.path().join("old.md");
        let other = dir.path().join("fuller.txt");
        std::fs::write(&old, crate::papers::BUILT_IN[1].1).unwrap();
        std::fs::write(&other, crate::papers::BUILT_IN[0].1).unwrap();
        let (mut index, _) = Index::open(&db).unwrap();
        indexer::update(
            &mut index,
            std::slice::from_ref(&old),
            None,
            &AtomicBool::new(false),
            &mut |_| {},
        )
        .unwrap();
        let mut positions = Positions::in_memory();
        let saved = Saved {
            block: 40,
            offset: 0,
            percent: 40,
            read_at: None,
        };
        positions.set(&PaperOrigin::File(old.clone()).key(), saved);
        let new = dir.path().join("new.md");
        std::fs::rename(&old, &new).unwrap();
        let sources = vec![
            PaperOrigin::File(new.clone()),
            PaperOrigin::File(other.clone()),
        ];
        let entries = entries(sources, &index).unwrap();
        drop(index);
        // Neither is known under its path yet: listed by name.
        assert_eq!(entries[0].listing.title, "new.md");
        let mut app = App::with_entries(entries, Keymap::defaults(), positions, None, (100, 30));
        let (index, _) = Index::open(&db).unwrap();
        app.start_library(
            index,
            db,
            vec![new.clone(), other.clone()],
            dir.path().to_path_buf(),
        );
        let start = std::time::Instant::now();
        while app.indexing.is_some() {
            app.poll_indexing();
            assert!(start.elapsed().as_secs() < 20, "indexing did not finish");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let key = PaperOrigin::File(new).key();
        assert_eq!(app.positions.get(&key).map(|s| s.percent), Some(40));
        assert!(
            app.library().papers()[0]
                .listing
                .title
                .starts_with("Beyond Eurasian Mediation")
        );
        assert!(
            app.library().papers()[1]
                .listing
                .title
                .starts_with("Azerbaijan")
        );
    }
}
