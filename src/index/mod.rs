//! The library's index: what gloss knows of every paper without parsing it
//! again, in SQLite (bundled, with FTS5). It lives in `$XDG_CACHE_HOME`: it
//! only mirrors what the papers, the notes files and `positions.json` hold,
//! so it can always be rebuilt. A paper is parsed again only when its size or
//! modification time changed and then its bytes did.

pub mod indexer;
mod record;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};
use thiserror::Error;

pub use record::{PaperFile, PaperRecord, TextRow};

use crate::papers::Listing;

/// The version of the tables below; an index of another version is rebuilt.
/// 3: a text row's place is its location ("§3 ¶12"), sources that name no work left out.
/// 4: fingerprints are SHA-256.
pub const SCHEMA: i32 = 4;

const TABLES: &str = "
CREATE TABLE papers (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    file TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    title TEXT NOT NULL,
    authors TEXT NOT NULL,
    year INTEGER,
    keywords TEXT NOT NULL,
    abstract TEXT,
    margin_notes INTEGER NOT NULL,
    problem TEXT
);
CREATE INDEX papers_fingerprint ON papers(fingerprint);
CREATE INDEX papers_path ON papers(path);
CREATE TABLE sections (paper INTEGER NOT NULL, position INTEGER NOT NULL, level INTEGER NOT NULL, title TEXT NOT NULL);
CREATE INDEX sections_paper ON sections(paper);
CREATE TABLE actors (paper INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, mentions INTEGER NOT NULL);
CREATE INDEX actors_paper ON actors(paper);
CREATE INDEX actors_name ON actors(name);
CREATE TABLE sources (paper INTEGER NOT NULL, label TEXT NOT NULL, kind TEXT NOT NULL, year TEXT, cited INTEGER NOT NULL);
CREATE INDEX sources_paper ON sources(paper);
CREATE VIRTUAL TABLE text USING fts5(
    body, paper UNINDEXED, kind UNINDEXED, section UNINDEXED, place UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
";

/// Each paper's text rows in the full-text table have rowids in its own
/// range, so that they are replaced without scanning the table.
const ROWS_PER_PAPER: i64 = 1 << 24;

#[derive(Debug, Error)]
pub enum IndexError {
    #[error("the library index '{path}' cannot be used: {cause}")]
    Sqlite {
        path: String,
        cause: rusqlite::Error,
    },
}

impl IndexError {
    /// Whether another gloss held the index past the wait (not damage).
    pub fn is_busy(&self) -> bool {
        matches!(
            self.cause().sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    }

    /// Whether the index file is damaged (found by a query, wherever the
    /// damage is): to be moved aside and made again.
    pub fn is_damage(&self) -> bool {
        matches!(
            self.cause().sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
        )
    }

    fn cause(&self) -> &rusqlite::Error {
        let Self::Sqlite { cause, .. } = self;
        cause
    }
}

/// A paper as the index knows it: enough to list it without reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperRow {
    pub id: i64,
    pub file: PaperFile,
    pub listing: Listing,
}

/// What a view across the library lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Across {
    Actors,
    Sources,
}

/// A search hit across the library.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub key: String,
    pub path: PathBuf,
    pub title: String,
    /// "text", "note" or "margin".
    pub kind: String,
    pub section: String,
    /// The block (for text) or the note's label.
    pub place: String,
    /// The hit in context, the matched words in [brackets].
    pub snippet: String,
    /// bm25: lower is better.
    pub score: f64,
}

pub struct Index {
    conn: Connection,
    path: String,
    /// The papers the last search was asked about (see `set_scope`).
    scope: std::cell::Cell<Option<u64>>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("path", &self.path).finish()
    }
}

/// Where the index lives: `$XDG_CACHE_HOME/gloss/library.sqlite`.
pub fn default_path() -> Option<PathBuf> {
    crate::files::Folder::Cache
        .path()
        .map(|dir| dir.join("library.sqlite"))
}

/// Moves a damaged index aside with its journal (`-wal`, `-shm`), which
/// belong to it and would be read into a new file of the same name.
/// Removes a database file and its journal.
fn remove_database(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let _ = std::fs::remove_file(&file);
    }
}

fn move_database_aside(path: &Path) -> std::io::Result<PathBuf> {
    let aside = crate::files::move_aside(path)?;
    for suffix in ["-wal", "-shm"] {
        let mut journal = path.as_os_str().to_owned();
        journal.push(suffix);
        let mut journal_aside = aside.as_os_str().to_owned();
        journal_aside.push(suffix);
        let _ = std::fs::rename(&journal, &journal_aside);
    }
    Ok(aside)
}

fn json_list(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".to_owned())
}

fn from_json_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

/// The most distinct words a search asks for: a query costs more than
/// linearly in its words, and past a few dozen no hit has them all.
pub const MOST_QUERY_WORDS: usize = 32;

/// A user's words as an FTS5 query: each word quoted (so that no word is
/// read as an operator), all required; each word once, the first
/// [`MOST_QUERY_WORDS`] of them.
pub fn fts_query(query: &str) -> String {
    distinct_words(query)
        .take(MOST_QUERY_WORDS)
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `query` holds more distinct words than a search asks for.
pub fn query_is_cut(query: &str) -> bool {
    distinct_words(query).nth(MOST_QUERY_WORDS).is_some()
}

/// The words of `query`, each once (whatever its case), in order.
fn distinct_words(query: &str) -> impl Iterator<Item = &str> {
    let mut seen = std::collections::HashSet::new();
    query
        .split_whitespace()
        .filter(move |w| seen.insert(w.to_lowercase()))
}

/// Why an index file could not be used as it is.
#[derive(Debug)]
enum OpenProblem {
    /// Another gloss holds it past the wait: not damage, nothing to move.
    Busy(String),
    /// It cannot be written (a read-only file or folder).
    ReadOnly(String),
    /// The folder or file cannot be made.
    CannotMake(String),
    /// Not a database, or a damaged one.
    Damaged(String),
    /// Written by a newer gloss.
    Newer(String),
    /// Written by an older gloss: nothing in it that cannot be made again.
    Older(String),
}

impl std::fmt::Display for OpenProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (Self::Busy(said)
        | Self::ReadOnly(said)
        | Self::CannotMake(said)
        | Self::Damaged(said)
        | Self::Newer(said)
        | Self::Older(said)) = self;
        f.write_str(said)
    }
}

impl OpenProblem {
    /// What a failed statement says of the file.
    fn of(error: &rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        let text = error.to_string();
        match error.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Busy(text),
            Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => Self::ReadOnly(text),
            Some(ErrorCode::CannotOpen) => Self::CannotMake(text),
            _ => Self::Damaged(text),
        }
    }
}

/// How much of an index file is read for damage when it is opened.
#[derive(Debug, Clone, Copy)]
enum Check {
    /// Every page (`PRAGMA quick_check`).
    Whole,
    /// The papers' table only: constant time, whatever the library's size.
    FirstTable,
}

/// The largest index a command checks whole when it opens it: reading every
/// page costs about 7 ms a megabyte here (2 s for 2,000 papers), so past a
/// few papers a search would spend most of its time on it.
pub const WHOLE_CHECK_BYTES: u64 = 2 << 20;

/// A paper's stamp as the index stores it: size (never negative) and
/// modification time in nanoseconds.
fn stamp_of(size: i64, mtime: i64) -> (u64, i64) {
    (size.try_into().unwrap_or(0), mtime)
}

/// How long a gloss waits for another one that is writing the index.
const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

impl Index {
    /// Opens the index at `path`, making it if it is not there. Another gloss
    /// using it is waited for; an index that is damaged, or of another
    /// layout, is moved aside (with its journal) and a new one made; one that
    /// cannot be written is replaced by an index in memory for the session.
    /// The sentence says what happened. Every page is checked for damage
    /// (a read of the whole file: the background indexer and `gloss
    /// search` do it; see [`Index::open_quickly`]).
    pub fn open(path: &Path) -> Result<(Self, Option<String>), IndexError> {
        Self::open_with(path, Check::Whole)
    }

    /// [`Index::open`] for a command that answers at once (`gloss search`):
    /// every page is checked while that is cheap (an index of up to
    /// [`WHOLE_CHECK_BYTES`], a few dozen papers), only the first table
    /// past that; damage elsewhere is then found by the query that meets it
    /// (see [`IndexError::is_damage`]) and by the reader's background indexer.
    pub fn open_for_command(path: &Path) -> Result<(Self, Option<String>), IndexError> {
        Self::open_checking_below(path, WHOLE_CHECK_BYTES)
    }

    /// [`Index::open_for_command`], checked whole up to `most` bytes.
    pub(crate) fn open_checking_below(
        path: &Path,
        most: u64,
    ) -> Result<(Self, Option<String>), IndexError> {
        let small = std::fs::metadata(path).map_or(true, |m| m.len() <= most);
        Self::open_with(
            path,
            if small {
                Check::Whole
            } else {
                Check::FirstTable
            },
        )
    }

    /// [`Index::open`] for the reader's first frame, which must not wait on
    /// the index's size: only its first table is read. Damage elsewhere is
    /// found by the background indexer's own [`Index::open`].
    pub fn open_quickly(path: &Path) -> Result<(Self, Option<String>), IndexError> {
        Self::open_with(path, Check::FirstTable)
    }

    fn open_with(path: &Path, check: Check) -> Result<(Self, Option<String>), IndexError> {
        let shown = crate::text::clean_line(&path.display().to_string());
        let in_memory = |why: String| -> Result<(Self, Option<String>), IndexError> {
            Ok((
                Self::in_memory()?,
                Some(format!(
                    "the library index '{shown}' {why}; this session keeps the index in memory"
                )),
            ))
        };
        let reason = match Self::try_open_while_busy(path, check) {
            Ok(index) => return Ok((index, None)),
            Err(OpenProblem::Busy(e)) => {
                return in_memory(format!("is busy in another gloss ({e})"));
            }
            Err(OpenProblem::ReadOnly(e)) => return in_memory(format!("cannot be written ({e})")),
            Err(OpenProblem::CannotMake(e)) => return in_memory(format!("cannot be made ({e})")),
            Err(OpenProblem::Damaged(e)) => format!("it is damaged: {e}"),
            Err(OpenProblem::Newer(e)) => format!("it {e}"),
            Err(OpenProblem::Older(e)) => {
                // Moved out of the way (an older gloss still reading it keeps
                // its copy until it is done), then removed: a library's index
                // is tens of megabytes, and everything in it is made again.
                if let Ok(aside) = move_database_aside(path) {
                    remove_database(&aside);
                }
                let message = format!("the library index '{shown}' {e}; it is being rebuilt");
                return match Self::try_open(path, check) {
                    Ok(index) => Ok((index, Some(message))),
                    Err(again) => in_memory(format!("cannot be made again ({again})")),
                };
            }
        };
        Self::set_aside_and_open(path, &reason, check)
    }

    /// Moves a damaged index (and its journal) aside, keeping it, and opens
    /// a new one in its place: for damage found by any query, after the
    /// index was opened. The sentence says what happened.
    pub fn rebuild_damaged(path: &Path, damage: &IndexError) -> Result<(Self, String), IndexError> {
        let reason = format!("it is damaged: {}", damage.cause());
        let (index, said) = Self::set_aside_and_open(path, &reason, Check::FirstTable)?;
        Ok((index, said.unwrap_or_default()))
    }

    fn set_aside_and_open(
        path: &Path,
        reason: &str,
        check: Check,
    ) -> Result<(Self, Option<String>), IndexError> {
        let shown = crate::text::clean_line(&path.display().to_string());
        let (_, said) =
            crate::files::set_aside_by(path, "the library index", reason, move_database_aside);
        let message = format!("{said}; it is being rebuilt");
        match Self::try_open(path, check) {
            Ok(index) => Ok((index, Some(message))),
            Err(again) => Ok((
                Self::in_memory()?,
                Some(format!(
                    "{message}, but it cannot be made again ({again}); this session keeps the index in memory at '{shown}'"
                )),
            )),
        }
    }

    /// [`Self::try_open`], tried again a few times when the file is busy:
    /// some of SQLite's locks (setting up the journal of a file another
    /// gloss is making) answer busy at once, without the busy wait.
    fn try_open_while_busy(path: &Path, check: Check) -> Result<Self, OpenProblem> {
        let mut pause = std::time::Duration::from_millis(50);
        for _ in 0..5 {
            match Self::try_open(path, check) {
                Err(OpenProblem::Busy(_)) => std::thread::sleep(pause),
                opened => return opened,
            }
            pause *= 2;
        }
        Self::try_open(path, check)
    }

    fn try_open(path: &Path, check: Check) -> Result<Self, OpenProblem> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| OpenProblem::CannotMake(e.to_string()))?;
        }
        let conn = Connection::open(path).map_err(|e| OpenProblem::of(&e))?;
        // Before anything else: every statement from here waits for another
        // gloss rather than failing at once.
        conn.busy_timeout(BUSY_WAIT)
            .map_err(|e| OpenProblem::of(&e))?;
        let index = Self {
            conn,
            path: path.display().to_string(),
            scope: std::cell::Cell::new(None),
        };
        index.prepare(check)?;
        Ok(index)
    }

    /// An index kept in memory (tests, and when no file can be written).
    pub fn in_memory() -> Result<Self, IndexError> {
        let error = |cause| IndexError::Sqlite {
            path: ":memory:".to_owned(),
            cause,
        };
        let conn = Connection::open_in_memory().map_err(error)?;
        conn.execute_batch(&format!("{TABLES} PRAGMA user_version = {SCHEMA};"))
            .map_err(error)?;
        Ok(Self {
            conn,
            path: ":memory:".to_owned(),
            scope: std::cell::Cell::new(None),
        })
    }

    /// Checks the file's version and health, and makes the tables of a new
    /// one: inside one write transaction, so that two gloss starting on an
    /// empty file do not both make them.
    fn prepare(&self, check: Check) -> Result<(), OpenProblem> {
        let conn = &self.conn;
        let problem = |e: rusqlite::Error| OpenProblem::of(&e);
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(problem)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(problem)?;
        conn.execute_batch("BEGIN IMMEDIATE").map_err(problem)?;
        let checked = self.check_or_make(check);
        let end = if checked.is_ok() {
            "COMMIT"
        } else {
            "ROLLBACK"
        };
        let ended = conn.execute_batch(end).map_err(problem);
        checked.and(ended)
    }

    fn check_or_make(&self, check: Check) -> Result<(), OpenProblem> {
        let conn = &self.conn;
        let version: i32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| OpenProblem::of(&e))?;
        match version {
            0 => conn
                .execute_batch(&format!("{TABLES} PRAGMA user_version = {SCHEMA};"))
                .map_err(|e| OpenProblem::of(&e)),
            SCHEMA if matches!(check, Check::FirstTable) => conn
                .query_row("SELECT count(*) FROM papers", [], |r| r.get::<_, i64>(0))
                .map(|_| ())
                .map_err(|e| OpenProblem::of(&e)),
            // Damage anywhere in the file, not only in the first table.
            SCHEMA => {
                let verdict: String = conn
                    .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
                    .map_err(|e| OpenProblem::of(&e))?;
                if verdict == "ok" {
                    Ok(())
                } else {
                    Err(OpenProblem::Damaged(crate::text::clean_line(&verdict)))
                }
            }
            newer if newer > SCHEMA => Err(OpenProblem::Newer(format!(
                "was written by a newer gloss (schema {newer})"
            ))),
            older => Err(OpenProblem::Older(format!(
                "has an older layout (schema {older})"
            ))),
        }
    }

    fn error(&self, cause: rusqlite::Error) -> IndexError {
        IndexError::Sqlite {
            path: crate::text::clean_line(&self.path),
            cause,
        }
    }

    /// Every paper, in no particular order.
    pub fn papers(&self) -> Result<Vec<PaperRow>, IndexError> {
        self.rows("", [])
    }

    /// The first `limit` papers, in path order, whose path starts with one
    /// of `prefixes` (a folder and its separator, or a file's path): what the
    /// first frame of a library shows, read without listing the folder.
    pub fn first_page(
        &self,
        prefixes: &[String],
        limit: usize,
    ) -> Result<Vec<PaperRow>, IndexError> {
        let mut rows = Vec::new();
        for prefix in prefixes {
            // Every path with the prefix sorts between it and it followed by
            // the last character: a range the index on `path` answers.
            let end = format!("{prefix}\u{10FFFF}");
            rows.extend(self.listing_where(
                "WHERE path >= ?1 AND path < ?2 ORDER BY path LIMIT ?3",
                params![prefix, end, limit as i64],
            )?);
        }
        // As the folder is listed: "c2" before "c10".
        rows.sort_by(|a, b| {
            crate::text::natural_order(
                &a.file.path.to_string_lossy(),
                &b.file.path.to_string_lossy(),
            )
        });
        rows.truncate(limit);
        Ok(rows)
    }

    /// Every paper, with only what the library lists (no abstract, keywords
    /// or stamps): what the first frame reads.
    #[cfg(test)]
    pub fn listing(&self) -> Result<Vec<PaperRow>, IndexError> {
        self.listing_where("", [])
    }

    fn listing_where<P: rusqlite::Params>(
        &self,
        filter: &str,
        values: P,
    ) -> Result<Vec<PaperRow>, IndexError> {
        // The columns the listing does not need are read as empty values.
        self.select(
            "id, key, path, file, 0, 0, '', title, authors, year, '[]', NULL, margin_notes, problem",
            filter,
            values,
        )
    }

    /// The papers `filter` (a WHERE clause over `papers`, with `values`) selects.
    fn rows<P: rusqlite::Params>(
        &self,
        filter: &str,
        values: P,
    ) -> Result<Vec<PaperRow>, IndexError> {
        self.select(
            "id, key, path, file, size, mtime, fingerprint, title, authors, year, keywords, abstract, margin_notes, problem",
            filter,
            values,
        )
    }

    /// Papers as `PaperRow`s: `columns` are the row's fourteen fields in order.
    fn select<P: rusqlite::Params>(
        &self,
        columns: &str,
        filter: &str,
        values: P,
    ) -> Result<Vec<PaperRow>, IndexError> {
        let mut statement = self
            .conn
            .prepare(&format!("SELECT {columns} FROM papers {filter}"))
            .map_err(|e| self.error(e))?;
        let rows = statement
            .query_map(values, |r| {
                Ok(PaperRow {
                    id: r.get(0)?,
                    file: PaperFile {
                        key: r.get(1)?,
                        path: PathBuf::from(r.get::<_, String>(2)?),
                        name: r.get(3)?,
                        size: r.get::<_, i64>(4)?.try_into().unwrap_or(0),
                        mtime: r.get(5)?,
                        fingerprint: r.get(6)?,
                    },
                    listing: Listing {
                        title: r.get(7)?,
                        authors: from_json_list(&r.get::<_, String>(8)?),
                        year: r
                            .get::<_, Option<i64>>(9)?
                            .and_then(|y| u16::try_from(y).ok()),
                        keywords: from_json_list(&r.get::<_, String>(10)?),
                        abstract_text: r.get(11)?,
                        margin_notes: r.get::<_, i64>(12)?.try_into().unwrap_or(0),
                        problem: r.get(13)?,
                    },
                })
            })
            .map_err(|e| self.error(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.error(e))
    }

    /// Every paper's size and modification time by key, in one query: what
    /// tells, without reading a file, whether it may have changed.
    pub fn stamps(&self) -> Result<foldhash::HashMap<String, (u64, i64)>, IndexError> {
        let mut statement = self
            .conn
            .prepare("SELECT key, size, mtime FROM papers")
            .map_err(|e| self.error(e))?;
        let rows = statement
            .query_map([], |r| Ok((r.get(0)?, stamp_of(r.get(1)?, r.get(2)?))))
            .map_err(|e| self.error(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.error(e))
    }

    /// The size and modification time of the paper filed under `key`.
    pub fn stamp(&self, key: &str) -> Result<Option<(u64, i64)>, IndexError> {
        self.conn
            .query_row(
                "SELECT size, mtime FROM papers WHERE key = ?1",
                [key],
                |r| Ok(stamp_of(r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.error(e))
    }

    /// How many papers the index holds.
    pub fn paper_count(&self) -> Result<usize, IndexError> {
        self.conn
            .query_row("SELECT count(*) FROM papers", [], |r| r.get::<_, i64>(0))
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(|e| self.error(e))
    }

    /// The paper filed under `key`.
    pub fn paper(&self, key: &str) -> Result<Option<PaperRow>, IndexError> {
        Ok(self.rows("WHERE key = ?1", [key])?.into_iter().next())
    }

    /// Stores a paper read afresh, replacing what was known of it.
    pub fn store(&mut self, record: &PaperRecord) -> Result<PaperRow, IndexError> {
        let path = crate::text::clean_line(&self.path);
        let error = |cause| IndexError::Sqlite {
            path: path.clone(),
            cause,
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(error)?;
        let old: Option<i64> = tx
            .query_row(
                "SELECT id FROM papers WHERE key = ?1",
                [&record.file.key],
                |r| r.get(0),
            )
            .optional()
            .map_err(error)?;
        if let Some(id) = old {
            delete_paper(&tx, id).map_err(error)?;
        }
        tx.execute(
            "INSERT INTO papers (key, path, file, size, mtime, fingerprint, title, authors, year,
                                 keywords, abstract, margin_notes, problem)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                record.file.key,
                record.file.path.display().to_string(),
                record.file.name,
                i64::try_from(record.file.size).unwrap_or(i64::MAX),
                record.file.mtime,
                record.file.fingerprint,
                record.listing.title,
                json_list(&record.listing.authors),
                record.listing.year,
                json_list(&record.listing.keywords),
                record.listing.abstract_text,
                i64::try_from(record.listing.margin_notes).unwrap_or(0),
                record.listing.problem,
            ],
        )
        .map_err(error)?;
        let id = tx.last_insert_rowid();
        {
            let mut section = tx
                .prepare("INSERT INTO sections VALUES (?1, ?2, ?3, ?4)")
                .map_err(error)?;
            for (position, (level, title)) in record.sections.iter().enumerate() {
                section
                    .execute(params![id, position as i64, level, title])
                    .map_err(error)?;
            }
            let mut actor = tx
                .prepare("INSERT INTO actors VALUES (?1, ?2, ?3, ?4)")
                .map_err(error)?;
            for (name, kind, mentions) in &record.actors {
                actor
                    .execute(params![id, name, kind, *mentions as i64])
                    .map_err(error)?;
            }
            let mut source = tx
                .prepare("INSERT INTO sources VALUES (?1, ?2, ?3, ?4, ?5)")
                .map_err(error)?;
            for (label, kind, year, cited) in &record.sources {
                source
                    .execute(params![id, label, kind, year, *cited as i64])
                    .map_err(error)?;
            }
            insert_text_rows(&tx, id, id * ROWS_PER_PAPER, record.texts.iter()).map_err(error)?;
        }
        tx.commit().map_err(error)?;
        let mut row = self
            .paper(&record.file.key)?
            .ok_or_else(|| self.error(rusqlite::Error::QueryReturnedNoRows))?;
        row.id = id;
        Ok(row)
    }

    /// Mirrors the margin notes of the paper `key` afresh (its notes file is
    /// the truth; this keeps the library's search and counts in step when a
    /// note is written, edited or deleted). `false` if the paper is not indexed.
    pub fn mirror_margin_notes(
        &mut self,
        key: &str,
        margin: &[(String, String)],
    ) -> Result<bool, IndexError> {
        let path = crate::text::clean_line(&self.path);
        let error = |cause| IndexError::Sqlite {
            path: path.clone(),
            cause,
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(error)?;
        let Some(id) = tx
            .query_row("SELECT id FROM papers WHERE key = ?1", [key], |r| {
                r.get::<_, i64>(0)
            })
            .optional()
            .map_err(error)?
        else {
            return Ok(false);
        };
        let (first, end) = (id * ROWS_PER_PAPER, (id + 1) * ROWS_PER_PAPER);
        tx.execute(
            "DELETE FROM text WHERE rowid >= ?1 AND rowid < ?2 AND kind = 'margin'",
            params![first, end],
        )
        .map_err(error)?;
        let last: Option<i64> = tx
            .query_row(
                "SELECT max(rowid) FROM text WHERE rowid >= ?1 AND rowid < ?2",
                params![first, end],
                |r| r.get(0),
            )
            .map_err(error)?;
        let next = last.map_or(first, |l| l + 1);
        let rows: Vec<_> = record::margin_rows(margin).collect();
        insert_text_rows(&tx, id, next, rows.iter()).map_err(error)?;
        tx.execute(
            "UPDATE papers SET margin_notes = ?1 WHERE id = ?2",
            params![i64::try_from(margin.len()).unwrap_or(i64::MAX), id],
        )
        .map_err(error)?;
        tx.commit().map_err(error)?;
        Ok(true)
    }

    /// Records that the paper `id` is now at `key` / `path` with this size
    /// and time (its bytes unchanged: touched, or moved).
    pub fn restamp(
        &mut self,
        id: i64,
        key: &str,
        path: &Path,
        size: u64,
        mtime: i64,
    ) -> Result<(), IndexError> {
        let file = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        self.conn
            .execute(
                "UPDATE papers SET key = ?2, path = ?3, file = ?4, size = ?5, mtime = ?6 WHERE id = ?1",
                params![
                    id,
                    key,
                    path.display().to_string(),
                    crate::text::clean_line(&file),
                    i64::try_from(size).unwrap_or(i64::MAX),
                    mtime
                ],
            )
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Papers with these bytes, by key.
    pub fn with_fingerprint(&self, fingerprint: &str) -> Result<Vec<PaperRow>, IndexError> {
        self.rows("WHERE fingerprint = ?1", [fingerprint])
    }

    /// Every paper's actors or sources (`table` is "actors" or "sources"):
    /// the paper's key, the name, its kind and how often it is mentioned or cited.
    pub fn mentions(
        &self,
        table: Across,
    ) -> Result<Vec<(String, String, String, i64)>, IndexError> {
        let sql = match table {
            Across::Actors => {
                "SELECT papers.key, actors.name, actors.kind, actors.mentions
                 FROM actors JOIN papers ON papers.id = actors.paper"
            }
            Across::Sources => {
                "SELECT papers.key, sources.label, sources.kind, sources.cited
                 FROM sources JOIN papers ON papers.id = sources.paper"
            }
        };
        let mut statement = self.conn.prepare(sql).map_err(|e| self.error(e))?;
        let rows = statement
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .map_err(|e| self.error(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.error(e))
    }

    /// The best hits for `query` across every paper, best first (bm25).
    pub fn search(
        &self,
        query: &str,
        within: &[&str],
        limit: usize,
    ) -> Result<Vec<Hit>, IndexError> {
        let fts = fts_query(query);
        if fts.is_empty() {
            return Ok(Vec::new());
        }
        // The papers asked about are chosen inside the query, before the
        // best hits are taken: another library in the same index takes none
        // of their places.
        let scoped = !within.is_empty();
        if scoped {
            self.set_scope(within)?;
        }
        let mut statement = self
            .conn
            .prepare(if scoped {
                "SELECT papers.key, papers.path, papers.title, text.kind, text.section, text.place,
                        snippet(text, 0, '[', ']', '…', 16), bm25(text)
                 FROM text JOIN papers ON papers.id = text.paper
                 WHERE text MATCH ?1 AND papers.key IN (SELECT key FROM temp.scope)
                 ORDER BY bm25(text) LIMIT ?2"
            } else {
                "SELECT papers.key, papers.path, papers.title, text.kind, text.section, text.place,
                        snippet(text, 0, '[', ']', '…', 16), bm25(text)
                 FROM text JOIN papers ON papers.id = text.paper
                 WHERE text MATCH ?1 ORDER BY bm25(text) LIMIT ?2"
            })
            .map_err(|e| self.error(e))?;
        let hits = statement
            .query_map(params![fts, limit as i64], |r| {
                Ok(Hit {
                    key: r.get(0)?,
                    path: PathBuf::from(r.get::<_, String>(1)?),
                    title: r.get(2)?,
                    kind: r.get(3)?,
                    section: r.get(4)?,
                    place: r.get(5)?,
                    // A margin note's row is its text over its quote: on one
                    // line the two stand apart ("#mediation — Mozambican").
                    snippet: crate::text::clean_line(&r.get::<_, String>(6)?.replace('\n', " — ")),
                    score: r.get(7)?,
                })
            })
            .map_err(|e| self.error(e))?;
        hits.collect::<Result<_, _>>().map_err(|e| self.error(e))
    }
}

impl Index {
    /// Keeps `keys` in this connection's own table of the papers searched,
    /// written again only when they change (a reader searches at every key).
    fn set_scope(&self, keys: &[&str]) -> Result<(), IndexError> {
        let mut hash = crate::hash::Fnv::default();
        for key in keys {
            std::hash::Hasher::write(&mut hash, key.as_bytes());
            std::hash::Hasher::write(&mut hash, &[0]);
        }
        let hash = std::hash::Hasher::finish(&hash);
        if self.scope.get() == Some(hash) {
            return Ok(());
        }
        let error = |e| self.error(e);
        self.conn
            .execute_batch(
                "CREATE TEMP TABLE IF NOT EXISTS scope (key TEXT PRIMARY KEY) WITHOUT ROWID;
                 DELETE FROM temp.scope;",
            )
            .map_err(error)?;
        {
            // One transaction for all: each insert its own would end one per key.
            let tx = self.conn.unchecked_transaction().map_err(error)?;
            let mut insert = tx
                .prepare("INSERT OR IGNORE INTO temp.scope (key) VALUES (?1)")
                .map_err(error)?;
            for key in keys {
                insert.execute([key]).map_err(error)?;
            }
            drop(insert);
            tx.commit().map_err(error)?;
        }
        self.scope.set(Some(hash));
        Ok(())
    }
}

/// Writes `rows` into the full-text table for paper `id`, from rowid `first`
/// to the end of the paper's range (rows past it are left out).
fn insert_text_rows<'a>(
    conn: &Connection,
    id: i64,
    first: i64,
    rows: impl Iterator<Item = &'a record::TextRow>,
) -> Result<(), rusqlite::Error> {
    let mut insert = conn.prepare(
        "INSERT INTO text (rowid, body, paper, kind, section, place)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (rowid, row) in (first..(id + 1) * ROWS_PER_PAPER).zip(rows) {
        insert.execute(params![
            rowid,
            row.body,
            id,
            row.kind,
            row.section,
            row.place
        ])?;
    }
    Ok(())
}

fn delete_paper(conn: &Connection, id: i64) -> Result<(), rusqlite::Error> {
    conn.execute("DELETE FROM papers WHERE id = ?1", [id])?;
    conn.execute("DELETE FROM sections WHERE paper = ?1", [id])?;
    conn.execute("DELETE FROM actors WHERE paper = ?1", [id])?;
    conn.execute("DELETE FROM sources WHERE paper = ?1", [id])?;
    conn.execute(
        "DELETE FROM text WHERE rowid >= ?1 AND rowid < ?2",
        params![id * ROWS_PER_PAPER, (id + 1) * ROWS_PER_PAPER],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_margin_notes_snippet_keeps_its_text_apart_from_its_quote() {
        let mut index = Index::in_memory().unwrap();
        let record = PaperRecord {
            file: PaperFile {
                key: "k".to_owned(),
                path: PathBuf::from("/papers/k.md"),
                ..PaperFile::default()
            },
            texts: record::margin_rows(&[("#mediation".to_owned(), "Mozambican talks".to_owned())])
                .collect(),
            ..PaperRecord::default()
        };
        index.store(&record).unwrap();
        let hits = index.search("mediation", &[], 5).unwrap();
        assert_eq!(hits.len(), 1);
        assert!(
            hits[0].snippet.contains("] — Mozambican"),
            "{:?}",
            hits[0].snippet
        );
    }

    #[test]
    fn a_query_asks_for_each_word_once_and_a_few_dozen_at_most() {
        assert_eq!(fts_query("Minsk minsk Group"), "\"Minsk\" \"Group\"");
        let long: Vec<String> = (0..5_000).map(|i| format!("w{i}")).collect();
        let long = long.join(" ");
        assert_eq!(fts_query(&long).split(' ').count(), MOST_QUERY_WORDS);
        assert!(query_is_cut(&long));
        assert!(!query_is_cut("Minsk Group"));
    }

    #[test]
    fn a_damaged_or_newer_index_is_moved_aside_and_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite");
        std::fs::write(&path, b"this is not a database at all, just words").unwrap();
        let (index, problem) = Index::open(&path).unwrap();
        let problem = problem.unwrap();
        assert!(
            problem.contains("moved to") && problem.contains("rebuilt"),
            "{problem}"
        );
        assert!(index.papers().unwrap().is_empty());
        drop(index);
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("unreadable"))
            .collect();
        assert_eq!(aside.len(), 1, "the damaged file is kept");
        // A newer gloss's index is left to it, not overwritten.
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", SCHEMA + 1)
                .unwrap();
        }
        let (_, problem) = Index::open(&path).unwrap();
        assert!(problem.unwrap().contains("newer gloss"));
        let (_, problem) = Index::open(&path).unwrap();
        assert_eq!(problem, None, "the rebuilt index opens quietly");
    }

    #[test]
    fn an_index_of_an_older_layout_is_made_again_and_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite");
        drop(Index::open(&path).unwrap());
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", SCHEMA - 1)
                .unwrap();
        }
        let (index, problem) = Index::open(&path).unwrap();
        let problem = problem.unwrap();
        assert!(
            problem.contains("older layout") && problem.contains("rebuilt"),
            "{problem}"
        );
        assert!(index.papers().unwrap().is_empty());
        drop(index);
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        assert!(names.iter().all(|n| !n.contains("unreadable")), "{names:?}");
    }

    #[test]
    fn queries_are_words_never_fts_syntax() {
        assert_eq!(fts_query("Minsk Group"), "\"Minsk\" \"Group\"");
        assert_eq!(fts_query("a\"b OR"), "\"a\"\"b\" \"OR\"");
        assert_eq!(fts_query("   "), "");
    }
}
