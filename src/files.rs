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
/// synced, then renamed over the old one (the folder is made if need be).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "file".to_owned(), |n| n.to_string_lossy().into_owned());
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    {
        let mut out = std::fs::File::create(&temporary)?;
        out.write_all(bytes)?;
        out.sync_all()?;
    }
    std::fs::rename(&temporary, path)
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
