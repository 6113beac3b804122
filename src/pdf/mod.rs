//! Opening a PDF: poppler's `pdftotext -bbox-layout` gives every word with
//! its box, [`geometry`] puts the words in reading order (columns, each
//! with its notes), and the text is cached under
//! `$XDG_CACHE_HOME/gloss/pdf/`, keyed by the PDF's hash, so a paper is
//! converted once however often it is opened.

mod converter;
mod geometry;

pub use converter::stop_all;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use crate::hash::Fingerprint;
use converter::Input;

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// pdftotext is not installed.
    #[error("pdftotext is not installed")]
    ConverterMissing,
    /// The converter failed, or gave no text; the sentence says why.
    #[error("{0}")]
    Failed(String),
    /// The reader cancelled the conversion.
    #[error("the conversion was cancelled")]
    Cancelled,
}

/// Whether `bytes` are a PDF file.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// Where the text of the PDF with these bytes is cached, if there is a cache folder.
pub fn cache_path(bytes: &[u8]) -> Option<PathBuf> {
    cache_path_of(&Fingerprint::of(bytes), bytes.len() as u64)
}

/// Where the text of the PDF of this fingerprint and length is cached.
fn cache_path_of(fingerprint: &Fingerprint, length: u64) -> Option<PathBuf> {
    let dir = crate::files::Folder::Cache.path()?;
    // The reading's version in the name: a better reading replaces what an
    // older gloss cached.
    let key = format!("{fingerprint}-{length}.layout-{}.txt", geometry::VERSION);
    Some(dir.join("pdf").join(key))
}

/// The text of the PDF whose content is `bytes`: from the cache,
/// else converted now and cached.
pub fn text_of(bytes: &[u8]) -> Result<Vec<u8>, PdfError> {
    text_of_unless(bytes, &AtomicBool::new(false))
}

/// [`text_of`], stopped (with [`PdfError::Cancelled`]) when `cancel` is set.
pub fn text_of_unless(bytes: &[u8], cancel: &AtomicBool) -> Result<Vec<u8>, PdfError> {
    cached_or_converted(cache_path(bytes), Input::Bytes(bytes), cancel)
}

/// The text of the PDF file at `path`, whose fingerprint and length are
/// known (read as a stream): from the cache, else converted by the
/// converter reading the file itself, and cached. The PDF is never held.
pub fn text_of_file_unless(
    path: &Path,
    fingerprint: &Fingerprint,
    length: u64,
    cancel: &AtomicBool,
) -> Result<Vec<u8>, PdfError> {
    cached_or_converted(
        cache_path_of(fingerprint, length),
        Input::File(path),
        cancel,
    )
}

fn cached_or_converted(
    cache: Option<PathBuf>,
    input: Input<'_>,
    cancel: &AtomicBool,
) -> Result<Vec<u8>, PdfError> {
    // A cache entry is read like any file gloss owns: a regular file, bounded.
    if let Some(text) = cache
        .as_ref()
        .and_then(|c| crate::files::read_limited(c, crate::files::limits::PAPER).ok())
    {
        return Ok(text);
    }
    let text = convert_unless(input, cancel)?;
    if let Some(cache) = cache {
        // A cache that cannot be written costs a conversion next time, nothing more.
        let _ = crate::files::write_atomically(&cache, &text);
    }
    Ok(text)
}

/// Converts the PDF whose content is `bytes` to text in reading
/// order, without the cache.
pub fn convert(bytes: &[u8]) -> Result<Vec<u8>, PdfError> {
    convert_unless(Input::Bytes(bytes), &AtomicBool::new(false))
}

fn convert_unless(input: Input<'_>, cancel: &AtomicBool) -> Result<Vec<u8>, PdfError> {
    let text = converter::read_layout(input, cancel, |layout| {
        geometry::reading_text_from(layout).map_err(|e| e.to_string())
    })?;
    if text.chars().all(char::is_whitespace) {
        return Err(PdfError::Failed(
            "it holds no text (a scanned PDF needs OCR first)".to_owned(),
        ));
    }
    Ok(text.into_bytes())
}
