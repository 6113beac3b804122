//! Bringing the index up to date with the papers on disk: a paper whose size
//! and modification time are unchanged is not read; one whose bytes are the
//! same (touched, or moved) is re-stamped; only a new or changed paper is
//! parsed. Each paper is one transaction, so stopping at any moment (even a
//! `kill -9`) leaves an index that is whole, only less complete.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::UNIX_EPOCH;

use super::{Index, IndexError, PaperFile, PaperRecord, PaperRow};
use crate::actors::{ActorIndex, Gazetteer};
use crate::citations::Bibliography;
use crate::margin_notes::store::MarginNotesFile;
use crate::papers::{Listing, PaperOrigin};

/// What the indexer tells the reader as it goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    /// The whole library, once its folders are listed: each paper with what
    /// the index knew of it (`None`: not indexed yet), and sentences about
    /// paths that could not be used.
    Library {
        papers: Vec<(PaperOrigin, Option<Box<PaperRow>>)>,
        problems: Vec<String>,
    },
    /// `done` of `total` papers checked.
    Checked {
        done: usize,
        total: usize,
    },
    /// A paper read afresh (or re-stamped), as the index now has it.
    Indexed(Box<PaperRow>),
    /// A paper found at another path with the same bytes: what was kept
    /// under `from` (its reading position) belongs to `to` now.
    Moved {
        from: String,
        to: String,
    },
    /// The index was damaged and is made again (the sentence says so): a
    /// connection opened before reads the old file.
    Rebuilt(String),
    /// The index could not be written; indexing stopped.
    Failed(String),
    Finished,
}

/// A file's size and modification time (in nanoseconds), to tell whether
/// it may have changed.
fn stamp(path: &Path) -> Option<(u64, i64)> {
    stamp_of(&std::fs::metadata(path).ok()?)
}

fn stamp_of(metadata: &std::fs::Metadata) -> Option<(u64, i64)> {
    let mtime = metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    Some((metadata.len(), mtime))
}

/// A file's key and stamp with one system call where it is no link.
fn key_and_stamp(keys: &mut crate::papers::Keys, path: &Path) -> Option<(String, (u64, i64))> {
    let metadata = std::fs::symlink_metadata(path).ok()?;
    if metadata.file_type().is_symlink() {
        return Some((keys.of_file(path, true), stamp(path)?));
    }
    Some((keys.of_file(path, false), stamp_of(&metadata)?))
}

/// The margin notes kept for a paper, read (never written) from its notes
/// file: their text and the text they are on.
fn margin_notes(
    margin_notes_dir: Option<&Path>,
    source: &PaperOrigin,
    fingerprint: &str,
) -> Vec<(String, String)> {
    let Some(dir) = margin_notes_dir else {
        return Vec::new();
    };
    // The file the reader will open; an earlier version's is not moved here.
    crate::margin_notes::MarginNoteStore::existing(
        dir,
        &source.file_name(),
        &source.place(),
        fingerprint,
        || source.legacy_fingerprint(),
    )
    .and_then(|file| crate::files::read_limited_text(&file, crate::files::limits::NOTES).ok())
    .and_then(|text| serde_json::from_str::<MarginNotesFile>(&text).ok())
    .map(|file| {
        file.cleaned()
            .notes
            .into_iter()
            .map(|n| (n.text, n.anchor.quote))
            .collect()
    })
    .unwrap_or_default()
}

/// Reads a paper and makes its record (a record with the problem if it
/// cannot be read).
fn read(path: &Path, size: u64, mtime: i64, margin_notes_dir: Option<&Path>) -> PaperRecord {
    let source = PaperOrigin::File(path.to_path_buf());
    let (mut record, fingerprint) = match source.load() {
        Ok(loaded) => {
            let document = crate::parse(&loaded);
            let (gazetteer, _) = Gazetteer::for_paper(path);
            let actors = ActorIndex::build(&document, &gazetteer);
            let bibliography = Bibliography::of(&document);
            let fingerprint = crate::margin_notes::anchor::fingerprint_hex(&document);
            let margin = margin_notes(margin_notes_dir, &source, &fingerprint);
            let record = PaperRecord::of(&source, &document, &actors, &bibliography, &margin);
            (record, fingerprint)
        }
        Err(error) => {
            let problem = crate::text::clean_line(&error.to_string());
            let record = PaperRecord {
                listing: Listing::unreadable(&source, problem),
                ..PaperRecord::default()
            };
            (record, format!("unreadable-{size}-{mtime}"))
        }
    };
    record.file = PaperFile {
        key: source.key(),
        path: path.to_path_buf(),
        name: source.file_name(),
        size,
        mtime,
        fingerprint,
    };
    record
}

/// Brings `index` up to date with `files`, telling `progress` as it goes;
/// stops between papers when `stop` is set. Returns the keys of the files
/// it found. Papers are read on as many threads as the machine has cores.
pub fn update(
    index: &mut Index,
    files: &[PathBuf],
    margin_notes_dir: Option<&Path>,
    stop: &AtomicBool,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<String>, IndexError> {
    update_reading_on(cores(), index, files, margin_notes_dir, stop, progress)
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// `write` done once more if another gloss held the index past the wait.
fn once_more_if_busy<T>(mut write: impl FnMut() -> Result<T, IndexError>) -> Result<T, IndexError> {
    match write() {
        Err(busy) if busy.is_busy() => write(),
        outcome => outcome,
    }
}

/// [`update`], papers read on `threads` threads while this one writes them.
pub fn update_reading_on(
    threads: usize,
    index: &mut Index,
    files: &[PathBuf],
    margin_notes_dir: Option<&Path>,
    stop: &AtomicBool,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<String>, IndexError> {
    let total = files.len();
    // What the index knows, read at once where these files are a good part
    // of it (else paper by paper): a paper whose size and time are unchanged
    // costs one system call and no query of its own.
    let known = if files.len().saturating_mul(16) >= index.paper_count()? {
        Some(index.stamps()?)
    } else {
        None
    };
    let mut keys = crate::papers::Keys::default();
    let mut found = Vec::with_capacity(files.len());
    let mut to_read = Vec::new();
    for path in files {
        if stop.load(Ordering::Relaxed) {
            return Ok(found);
        }
        let Some((key, stamp)) = key_and_stamp(&mut keys, path) else {
            continue;
        };
        let unchanged = match &known {
            Some(known) => known.get(&key) == Some(&stamp),
            None => index.stamp(&key)? == Some(stamp),
        };
        if !unchanged && once_more_if_busy(|| check_bytes(index, path, &key, stamp, progress))? {
            to_read.push((path.as_path(), stamp));
        }
        found.push(key);
    }
    let done = total - to_read.len();
    progress(Progress::Checked { done, total });
    // Threads only for papers to read: a warm search starts none.
    if !to_read.is_empty() {
        let reading = Reading {
            threads,
            margin_notes_dir,
            stop,
        };
        reading.read_and_write(index, &to_read, progress, (done, total))?;
    }
    if !stop.load(Ordering::Relaxed) {
        progress(Progress::Finished);
    }
    Ok(found)
}

/// How papers are read: on how many threads, with whose margin notes, until
/// when.
struct Reading<'a> {
    threads: usize,
    margin_notes_dir: Option<&'a Path>,
    stop: &'a AtomicBool,
}

impl Reading<'_> {
    /// Reads `papers` on threads and writes each to `index` as it comes,
    /// counting on from `done` of `total`.
    fn read_and_write(
        &self,
        index: &mut Index,
        papers: &[(&Path, (u64, i64))],
        progress: &mut dyn FnMut(Progress),
        (mut done, total): (usize, usize),
    ) -> Result<(), IndexError> {
        let abandon = AtomicBool::new(false);
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            let (send, records) = std::sync::mpsc::sync_channel(self.threads.max(1));
            for _ in 0..self.threads.max(1) {
                let (send, next, abandon) = (send.clone(), &next, &abandon);
                scope.spawn(move || {
                    while !self.stop.load(Ordering::Relaxed) && !abandon.load(Ordering::Relaxed) {
                        let Some(&(path, (size, mtime))) =
                            papers.get(next.fetch_add(1, Ordering::Relaxed))
                        else {
                            break;
                        };
                        let record = read(path, size, mtime, self.margin_notes_dir);
                        if send.send(record).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(send);
            for record in records {
                match once_more_if_busy(|| index.store(&record)) {
                    Ok(row) => progress(Progress::Indexed(Box::new(row))),
                    Err(error) => {
                        // The readers stop at their next paper; what is read is dropped.
                        abandon.store(true, Ordering::Relaxed);
                        return Err(error);
                    }
                }
                done += 1;
                progress(Progress::Checked { done, total });
            }
            Ok(())
        })
    }
}

/// A paper whose size or time changed: the bytes decide. Unchanged bytes
/// (a touched file) are re-stamped, the bytes of a paper whose file is
/// gone are that paper moved; returns whether the paper must be read.
fn check_bytes(
    index: &mut Index,
    path: &Path,
    key: &str,
    (size, mtime): (u64, i64),
    progress: &mut dyn FnMut(Progress),
) -> Result<bool, IndexError> {
    let known = index.paper(key)?;
    // Read as a stream: a PDF may be larger than any text gloss holds.
    let fingerprint = crate::files::open_limited(path, crate::files::limits::PDF)
        .ok()
        .and_then(|(file, _)| crate::hash::Fingerprint::of_reader(file).ok())
        .map(|(fingerprint, _)| fingerprint.to_string());
    if let (Some(known), Some(fingerprint)) = (&known, &fingerprint)
        && &known.file.fingerprint == fingerprint
    {
        index.restamp(known.id, key, path, size, mtime)?;
        if let Some(row) = index.paper(key)? {
            progress(Progress::Indexed(Box::new(row)));
        }
        return Ok(false);
    }
    // A new path with the bytes of a paper whose file is gone: moved.
    if known.is_none()
        && let Some(fingerprint) = &fingerprint
        && let Some(moved) = index
            .with_fingerprint(fingerprint)?
            .into_iter()
            .find(|row| !row.file.path.exists())
    {
        index.restamp(moved.id, key, path, size, mtime)?;
        progress(Progress::Moved {
            from: moved.file.key.clone(),
            to: key.to_owned(),
        });
        if let Some(row) = index.paper(key)? {
            progress(Progress::Indexed(Box::new(row)));
        }
        return Ok(false);
    }
    Ok(true)
}

/// The library in the background: its folders listed (reported as
/// [`Progress::Library`]), then its papers indexed, on a thread with its own
/// connection to the index at `path`. Setting `stop` ends it between two papers.
pub fn spawn_library(
    path: PathBuf,
    paths: Vec<PathBuf>,
    working_dir: PathBuf,
    margin_notes_dir: Option<PathBuf>,
    stop: Arc<AtomicBool>,
) -> Receiver<Progress> {
    let (sender, receiver): (Sender<Progress>, Receiver<Progress>) = channel();
    std::thread::spawn(move || {
        let report = |p| {
            let _ = sender.send(p);
        };
        let mut index = match Index::open(&path) {
            Ok((index, problem)) => {
                if let Some(problem) = problem {
                    report(Progress::Rebuilt(problem));
                }
                index
            }
            Err(error) => {
                report(Progress::Failed(error.to_string()));
                return;
            }
        };
        let (sources, problems) = crate::papers::discover(&paths, &working_dir);
        let known: std::collections::HashMap<PathBuf, PaperRow> = match index.papers() {
            Ok(rows) => rows.into_iter().map(|r| (r.file.path.clone(), r)).collect(),
            Err(error) => {
                report(Progress::Failed(error.to_string()));
                return;
            }
        };
        let files: Vec<PathBuf> = sources.iter().map(PaperOrigin::path).collect();
        let papers = sources
            .into_iter()
            .map(|source| {
                let row = known.get(&source.path()).cloned().map(Box::new);
                (source, row)
            })
            .collect();
        report(Progress::Library { papers, problems });
        let mut send = |p| report(p);
        let dir = margin_notes_dir.as_deref();
        // A core left to the reader drawing the screen.
        let threads = cores().saturating_sub(1).max(1);
        let update = |index: &mut Index, send: &mut dyn FnMut(Progress)| {
            update_reading_on(threads, index, &files, dir, &stop, send)
        };
        let outcome = match update(&mut index, &mut send) {
            // Damage met past the opening check (made while indexing):
            // moved aside, and the library indexed again.
            Err(damage) if damage.is_damage() => {
                drop(index);
                Index::rebuild_damaged(&path, &damage).and_then(|(mut index, said)| {
                    send(Progress::Rebuilt(said));
                    update(&mut index, &mut send)
                })
            }
            outcome => outcome,
        };
        if let Err(error) = outcome {
            report(Progress::Failed(error.to_string()));
        }
    });
    receiver
}

/// A library as `gloss search` asks it: the index file and the papers'
/// files (the index may hold other papers too; only these are searched).
#[derive(Debug, Clone, Copy)]
pub struct Library<'a> {
    pub index: &'a Path,
    pub files: &'a [PathBuf],
    pub margin_notes_dir: Option<&'a Path>,
}

impl Library<'_> {
    /// Brings the index up to date with the files, then asks it for
    /// `query` among these papers. Damage met by any query (not only at
    /// opening) moves the file aside, and the whole is done again on a new
    /// index, once. Each sentence worth telling the user goes to `tell`.
    pub fn search(
        &self,
        query: &str,
        limit: usize,
        tell: &mut dyn FnMut(String),
    ) -> Result<Vec<super::Hit>, IndexError> {
        self.search_checking_below(super::WHOLE_CHECK_BYTES, query, limit, tell)
    }

    /// [`Self::search`], the index checked whole at opening when it holds
    /// at most `most` bytes.
    fn search_checking_below(
        &self,
        most: u64,
        query: &str,
        limit: usize,
        tell: &mut dyn FnMut(String),
    ) -> Result<Vec<super::Hit>, IndexError> {
        let (mut index, problem) = Index::open_checking_below(self.index, most)?;
        tell_some(tell, problem);
        let stop = AtomicBool::new(false);
        let ask = |index: &mut Index| {
            let keys = update(index, self.files, self.margin_notes_dir, &stop, &mut |_| {})?;
            if keys.is_empty() {
                return Ok(Vec::new());
            }
            // An index of these papers alone needs none chosen among others.
            let within: Vec<&str> = if index.paper_count()? == keys.len() {
                Vec::new()
            } else {
                keys.iter().map(String::as_str).collect()
            };
            index.search(query, &within, limit)
        };
        match ask(&mut index) {
            Err(damage) if damage.is_damage() => {
                drop(index);
                let (mut index, said) = Index::rebuild_damaged(self.index, &damage)?;
                tell(said);
                ask(&mut index)
            }
            answer => answer,
        }
    }
}

fn tell_some(tell: &mut dyn FnMut(String), said: Option<String>) {
    if let Some(said) = said {
        tell(said);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strakes_copy(dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, crate::papers::BUILT_IN[1].1).unwrap();
        path
    }

    fn run(index: &mut Index, files: &[PathBuf]) -> Vec<Progress> {
        let mut seen = Vec::new();
        update(index, files, None, &AtomicBool::new(false), &mut |p| {
            seen.push(p)
        })
        .unwrap();
        seen
    }

    fn indexed(progress: &[Progress]) -> usize {
        progress
            .iter()
            .filter(|p| matches!(p, Progress::Indexed(_)))
            .count()
    }

    #[test]
    fn papers_are_read_once_then_again_only_when_changed() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("library.sqlite");
        let a = strakes_copy(dir.path(), "strakes-2015-a.md");
        let b = dir.path().join("b.txt");
        std::fs::write(&b, crate::papers::BUILT_IN[0].1).unwrap();
        let (mut index, problem) = Index::open(&db).unwrap();
        assert_eq!(problem, None);
        assert_eq!(indexed(&run(&mut index, &[a.clone(), b.clone()])), 2);
        assert_eq!(
            indexed(&run(&mut index, &[a.clone(), b.clone()])),
            0,
            "warm: nothing read"
        );
        let row = index
            .paper(&PaperOrigin::File(a.clone()).key())
            .unwrap()
            .unwrap();
        assert!(row.listing.title.starts_with("Beyond Eurasian Mediation"));
        assert_eq!(row.listing.year, Some(2015));
        // Edited on disk: read again.
        let text = std::fs::read_to_string(&a).unwrap() + "\n\nA new paragraph about Zanzibar.\n";
        std::fs::write(&a, text).unwrap();
        assert_eq!(indexed(&run(&mut index, &[a.clone(), b.clone()])), 1);
        let hits = index.search("Zanzibar", &[], 10).unwrap();
        assert_eq!(hits.len(), 1);
        assert!(hits[0].snippet.contains("[Zanzibar]"), "{:?}", hits[0]);
    }

    #[test]
    fn a_moved_paper_keeps_its_entry_and_says_where_it_went() {
        let dir = tempfile::tempdir().unwrap();
        let (mut index, _) = Index::open(&dir.path().join("library.sqlite")).unwrap();
        let old = strakes_copy(dir.path(), "old.md");
        run(&mut index, std::slice::from_ref(&old));
        let new = dir.path().join("sub");
        std::fs::create_dir(&new).unwrap();
        let new = new.join("renamed.md");
        std::fs::rename(&old, &new).unwrap();
        let progress = run(&mut index, std::slice::from_ref(&new));
        let from = PaperOrigin::File(old.clone()).key();
        assert!(
            progress.iter().any(|p| matches!(p, Progress::Moved { to, .. } if *to == PaperOrigin::File(new.clone()).key())),
            "{progress:?}"
        );
        let _ = from;
        assert_eq!(index.papers().unwrap().len(), 1);
    }

    #[test]
    fn search_finds_words_in_text_and_notes_ranked() {
        let (mut index, _) = (Index::in_memory().unwrap(), ());
        let dir = tempfile::tempdir().unwrap();
        let a = strakes_copy(dir.path(), "strakes.md");
        run(&mut index, &[a]);
        let hits = index.search("Mammadyarov", &[], 20).unwrap();
        assert!(!hits.is_empty());
        assert!(hits.iter().any(|h| h.kind == "note"), "{hits:?}");
        assert!(hits.iter().all(|h| h.snippet.contains("[Mammadyarov]")));
        // Operators in what the user types are words, not syntax.
        assert!(index.search("AND OR \"", &[], 5).is_ok());
    }

    #[test]
    fn damage_a_query_meets_after_opening_is_rebuilt_and_the_search_answered() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![
            strakes_copy(dir.path(), "a.md"),
            strakes_copy(dir.path(), "b.md"),
        ];
        let path = dir.path().join("library.sqlite");
        let library = Library {
            index: &path,
            files: &files,
            margin_notes_dir: None,
        };
        let mut said = Vec::new();
        let hits = library
            .search("Mammadyarov", 20, &mut |s| said.push(s))
            .unwrap();
        assert!(!hits.is_empty());
        assert!(said.is_empty(), "{said:?}");
        // Checked whole at opening, or only by the query that meets it.
        for most in [u64::MAX, 0] {
            damage_full_text(&path);
            let mut said = Vec::new();
            let hits = library
                .search_checking_below(most, "Mammadyarov", 20, &mut |s| said.push(s))
                .unwrap();
            assert!(!hits.is_empty(), "answered from the rebuilt index");
            assert_eq!(said.len(), 1, "{said:?}");
            assert!(
                said[0].contains("damaged") && said[0].contains("rebuilt"),
                "{said:?}"
            );
        }
    }

    /// Garbage over the root page of the full-text table: the papers'
    /// table, all a quick opening reads, stays whole.
    fn damage_full_text(path: &Path) {
        let (root, page_size): (u32, u32) = {
            let conn = rusqlite::Connection::open(path).unwrap();
            let root = conn
                .query_row(
                    "SELECT rootpage FROM sqlite_master WHERE name = 'text_data'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            let size = conn
                .query_row("PRAGMA page_size", [], |r| r.get(0))
                .unwrap();
            (root, size)
        };
        let mut bytes = std::fs::read(path).unwrap();
        let (root, page_size) = (root as usize, page_size as usize);
        bytes[(root - 1) * page_size..root * page_size].fill(0xA5);
        std::fs::write(path, bytes).unwrap();
    }
}
