//! Where gloss keeps its own files, writing them safely, and keeping a
//! damaged one: the few file operations the positions, the notes store,
//! the library index and the PDF cache share.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The XDG base directories gloss keeps its files in, each under `gloss/`.
#[derive(Debug, Clone, Copy)]
pub enum Folder {
    /// `$XDG_CONFIG_HOME/gloss`: config.toml, keymap.toml.
    Config,
    /// `$XDG_STATE_HOME/gloss`: where the reader was in each paper.
    State,
    /// `$XDG_DATA_HOME/gloss`: margin notes, which are the user's own.
    Data,
    /// `$XDG_CACHE_HOME/gloss`: the library index and converted PDFs.
    Cache,
}

impl Folder {
    /// The folder, if the environment names one (or a home folder to put it in).
    pub fn path(self) -> Option<PathBuf> {
        let (variable, fallback) = match self {
            Self::Config => ("XDG_CONFIG_HOME", ".config"),
            Self::State => ("XDG_STATE_HOME", ".local/state"),
            Self::Data => ("XDG_DATA_HOME", ".local/share"),
            Self::Cache => ("XDG_CACHE_HOME", ".cache"),
        };
        // A relative XDG path is to be ignored, as the specification says.
        std::env::var_os(variable)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(fallback)))
            .map(|dir| dir.join("gloss"))
    }
}

/// How large each kind of file gloss reads may be: past it, the file is
/// refused with a sentence, not read into memory.
pub mod limits {
    /// config.toml, keymap.toml, actors.toml.
    pub const SETTINGS: u64 = 1024 * 1024;
    /// positions.json.
    pub const POSITIONS: u64 = 16 * 1024 * 1024;
    /// A notes file, an export to import, a note edited in `$EDITOR`.
    pub const NOTES: u64 = 64 * 1024 * 1024;
    /// A paper's text, or the text converted from a PDF: held whole while
    /// it is parsed, at its peak about 4.5 times its size.
    pub const PAPER: u64 = 56 * 1024 * 1024;
    /// A PDF, read as a stream (hashed, then given to the converter by
    /// its path), never held.
    pub const PDF: u64 = 256 * 1024 * 1024;
}

/// Why a file gloss owns could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("there is no such file")]
    NotFound,
    #[error("it is not a regular file (a pipe, a device or a socket)")]
    NotRegular,
    #[error("it is too large ({size} bytes; the limit is {limit} bytes)")]
    TooLarge { size: u64, limit: u64 },
    #[error("it is not UTF-8 text")]
    NotText,
    #[error("{0}")]
    Io(std::io::Error),
}

impl ReadError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::NotFound)
    }
}

impl From<std::io::Error> for ReadError {
    fn from(error: std::io::Error) -> Self {
        if error.kind() == std::io::ErrorKind::NotFound {
            Self::NotFound
        } else {
            Self::Io(error)
        }
    }
}

/// Reads a file gloss owns (settings, positions, notes, cache entries): a
/// regular file only (a pipe would hang the read, a device never end it),
/// and no more than `limit` bytes.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, size) = open_limited(path, limit)?;
    read_opened(file, size, limit)
}

/// Reads a file opened by [`open_limited`] (of `size` bytes then) to its
/// end, and never past `limit` if it grew since.
pub fn read_opened(file: std::fs::File, size: u64, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    // Sized once: a growing buffer would hold twice the file while it grows.
    let expected = usize::try_from(size).unwrap_or(0).saturating_add(1);
    let mut bytes = Vec::with_capacity(expected);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Opens a file to read as [`read_limited`] would (a regular file of at
/// most `limit` bytes), without reading it; returns it with its size.
pub fn open_limited(path: &Path, limit: u64) -> Result<(std::fs::File, u64), ReadError> {
    // Looked at before opening: opening a pipe waits for a writer.
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular);
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge {
            size: metadata.len(),
            limit,
        });
    }
    let file = std::fs::File::open(path)?;
    // Replaced between the look and the open: looked at again.
    if !file.metadata()?.is_file() {
        return Err(ReadError::NotRegular);
    }
    Ok((file, metadata.len()))
}

/// [`read_limited`], as UTF-8 text.
pub fn read_limited_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    String::from_utf8(read_limited(path, limit)?).map_err(|_| ReadError::NotText)
}

/// Milliseconds since the epoch (0 on a clock set before it).
pub fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder,
/// synced, renamed over the old one, then the folder synced so the rename
/// itself survives a crash (the folder is made if need be). On failure the
/// temporary file is removed and the old file is left as it was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "file".to_owned(), |n| n.to_string_lossy().into_owned());
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut out = std::fs::File::create(&temporary)?;
        out.write_all(bytes)?;
        out.sync_all()?;
        std::fs::rename(&temporary, path)?;
        std::fs::File::open(dir)?.sync_all()
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// Moves `path`, a file of gloss's that cannot be used (`reason`), out of
/// the way with [`move_aside`], and says so in one sentence naming it as
/// `what` ("the notes file", "your reading positions in"): whether it was
/// moved (`true`), and the sentence, to which the caller adds what follows.
pub fn set_aside(path: &Path, what: &str, reason: &str) -> (bool, String) {
    set_aside_by(path, what, reason, move_aside)
}

/// [`set_aside`], moving the file with `mover` (a database moves its
/// journal with it).
pub fn set_aside_by(
    path: &Path,
    what: &str,
    reason: &str,
    mover: impl FnOnce(&Path) -> std::io::Result<PathBuf>,
) -> (bool, String) {
    let shown = |p: &Path| crate::text::clean_line(&p.display().to_string());
    let reason = crate::text::clean_line(reason);
    match mover(path) {
        Ok(aside) => (
            true,
            format!(
                "{what} '{}' could not be read ({reason}); it was moved to '{}' and is kept there",
                shown(path),
                shown(&aside)
            ),
        ),
        Err(error) => (
            false,
            format!(
                "{what} '{}' could not be read ({reason}) nor moved aside ({error})",
                shown(path)
            ),
        ),
    }
}

/// Moves a file that cannot be read out of the way, to
/// `<name>.unreadable-<ms>.<extension>` beside it, where it is kept; returns where.
pub fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let extension = path
        .extension()
        .map_or_else(|| "json".to_owned(), |e| e.to_string_lossy().into_owned());
    let aside = path.with_extension(format!("unreadable-{}.{extension}", now_millis()));
    std::fs::rename(path, &aside)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_their_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("keymap.toml");
        std::fs::write(&small, b"[global]\n").unwrap();
        assert_eq!(read_limited_text(&small, 100).unwrap(), "[global]\n");
        assert!(matches!(
            read_limited(&small, 4),
            Err(ReadError::TooLarge { size: 9, limit: 4 })
        ));
        assert!(
            read_limited(&dir.path().join("gone"), 4)
                .unwrap_err()
                .is_not_found()
        );
        assert!(matches!(
            read_limited(dir.path(), 4),
            Err(ReadError::NotRegular)
        ));
        #[cfg(unix)]
        {
            // Neither a device nor a pipe is read (a pipe would hang the read).
            assert!(matches!(
                read_limited(Path::new("/dev/zero"), 1 << 20),
                Err(ReadError::NotRegular)
            ));
            let fifo = dir.path().join("fifo");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                assert!(matches!(
                    read_limited(&fifo, 100),
                    Err(ReadError::NotRegular)
                ));
            }
        }
        std::fs::write(&small, [0xFF, 0xFE, 0x00]).unwrap();
        assert!(matches!(
            read_limited_text(&small, 100),
            Err(ReadError::NotText)
        ));
    }

    #[test]
    fn an_atomic_write_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("positions.json");
        write_atomically(&path, b"old").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder in the way: the rename fails.
        let path = dir.path().join("taken");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("inside"), b"x").unwrap();
        assert!(write_atomically(&path, b"new").is_err());
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["taken".to_owned()]);
    }
}
