//! Opening a PDF: poppler's `pdftotext -bbox-layout` gives every word with
//! its box, [`geometry`] puts the words in reading order (columns, each
//! with its notes), and the text is cached under
//! `$XDG_CACHE_HOME/gloss/pdf/`, keyed by the PDF's hash, so a paper is
//! converted once however often it is opened.

mod geometry;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// pdftotext is not installed.
    #[error("pdftotext is not installed")]
    ConverterMissing,
    /// The converter failed, or gave no text; the sentence says why.
    #[error("{0}")]
    Failed(String),
}

/// Whether `bytes` are a PDF file.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// The program that converts PDFs; `GLOSS_PDFTOTEXT` names another (tests
/// use it to stand for a machine without poppler).
fn converter() -> PathBuf {
    std::env::var_os("GLOSS_PDFTOTEXT").map_or_else(|| PathBuf::from("pdftotext"), PathBuf::from)
}

/// Where the text of the PDF with these bytes is cached, if there is a cache folder.
pub fn cache_path(bytes: &[u8]) -> Option<PathBuf> {
    let dir = crate::files::Folder::Cache.path()?;
    // The reading's version in the name: a better reading replaces what an
    // older gloss cached.
    let key = format!(
        "{:016x}-{}.layout-{}.txt",
        crate::hash::fnv1a(bytes),
        bytes.len(),
        geometry::VERSION
    );
    Some(dir.join("pdf").join(key))
}

/// The text of the PDF whose content is `bytes`: from the cache,
/// else converted now and cached.
pub fn text_of(bytes: &[u8]) -> Result<Vec<u8>, PdfError> {
    let cache = cache_path(bytes);
    if let Some(text) = cache.as_ref().and_then(|c| std::fs::read(c).ok()) {
        return Ok(text);
    }
    let text = convert(bytes)?;
    if let Some(cache) = cache {
        // A cache that cannot be written costs a conversion next time, nothing more.
        let _ = crate::files::write_atomically(&cache, &text);
    }
    Ok(text)
}

/// Converts the PDF whose content is `bytes` to text in reading
/// order, without the cache.
pub fn convert(bytes: &[u8]) -> Result<Vec<u8>, PdfError> {
    let failed = PdfError::Failed;
    // The PDF goes in on stdin: a file name starting with '-' cannot be taken for an option.
    let mut child = Command::new(converter())
        .args(["-bbox-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| {
            if error.kind() == std::io::ErrorKind::NotFound {
                PdfError::ConverterMissing
            } else {
                failed(error.to_string())
            }
        })?;
    let writer = child.stdin.take().map(|mut stdin| {
        let bytes = bytes.to_vec();
        std::thread::spawn(move || stdin.write_all(&bytes))
    });
    let output = child
        .wait_with_output()
        .map_err(|error| failed(error.to_string()))?;
    if let Some(writer) = writer {
        // pdftotext may stop reading early on a broken file; its status says why.
        let _ = writer.join();
    }
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = stderr.lines().find(|l| !l.trim().is_empty()).map_or_else(
            || format!("pdftotext exited with {}", output.status),
            |l| l.trim().to_owned(),
        );
        return Err(failed(crate::text::clean_line(&reason)));
    }
    let layout = String::from_utf8_lossy(&output.stdout);
    let text = geometry::reading_text(&layout).map_err(|e| failed(e.to_string()))?;
    if text.chars().all(char::is_whitespace) {
        return Err(failed(
            "it holds no text (a scanned PDF needs OCR first)".to_owned(),
        ));
    }
    Ok(text.into_bytes())
}
