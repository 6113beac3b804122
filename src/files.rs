//! Writing gloss's own files safely, and keeping a damaged one: the few
//! file operations the positions, the notes store and the PDF cache share.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

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
