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
