//! Loading a paper from disk and making its text safe to parse and display.
//!
//! Everything that enters gloss from a file passes through [`Source::load`] or
//! [`Source::from_bytes`]: binary files are refused, bytes that are not UTF-8 are
//! decoded lossily (with a warning), line endings are normalised, and control
//! characters and terminal escape sequences are removed so that a crafted file
//! can never drive the terminal.

use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use thiserror::Error;

/// Text files larger than this are refused: gloss reads papers, not data
/// dumps (a PDF may be larger: see [`crate::files::limits::PDF`]).
pub const MAX_FILE_BYTES: u64 = crate::files::limits::PAPER;

/// Why a paper could not be loaded. Each message names the file.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("cannot open '{}': no such file", .path.display())]
    NotFound { path: PathBuf },
    // The cause is in the message, and not also a `source`: printed as a
    // chain it would read twice ("Not a directory: Not a directory").
    #[error("cannot read '{}': {cause}", .path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error(
        "'{}' is not a regular file (a pipe, a device or a socket): gloss reads papers from files",
        .path.display()
    )]
    NotRegularFile { path: PathBuf },
    #[error("'{}' is not a text file (it contains NUL bytes)", .path.display())]
    NotText { path: PathBuf },
    #[error("'{}' is too large to open ({size} bytes; the limit is {limit} bytes)", .path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("'{}' is a folder, not a paper", .path.display())]
    IsDirectory { path: PathBuf },
    #[error(
        "cannot open the PDF '{}': gloss converts PDFs with poppler's pdftotext, which is not installed (install it with `apt install poppler-utils` on Debian and Ubuntu, `dnf install poppler-utils` on Fedora, `pacman -S poppler` on Arch, or `brew install poppler` on macOS)",
        .path.display()
    )]
    ConverterMissing { path: PathBuf },
    #[error("cannot convert the PDF '{}': {message}", .path.display())]
    ConversionFailed { path: PathBuf, message: String },
}

/// A paper's text, cleaned and ready to parse.
///
/// All byte ranges in a [`crate::Document`] refer to `text`. For a clean UTF-8
/// file with `\n` line endings (both shipped papers) `text` is byte for byte the
/// file itself.
#[derive(Debug, Clone)]
pub struct PaperText {
    pub path: PathBuf,
    pub text: String,
    /// Things the reader should know about the file (lossy decoding, stripped controls).
    pub warnings: Vec<String>,
    /// The fingerprint of the raw file bytes, to recognise the same file later.
    pub fingerprint: crate::hash::Fingerprint,
    /// The character encoding the file was read in ("UTF-8", "windows-1252", …).
    pub encoding: &'static str,
}

impl PaperText {
    /// Reads and cleans the file at `path`.
    pub fn load(path: &Path) -> Result<Self, LoadError> {
        Self::load_unless(path, &std::sync::atomic::AtomicBool::new(false))
    }

    /// [`Self::load`], a PDF's conversion stopped when `cancel` is set.
    pub fn load_unless(
        path: &Path,
        cancel: &std::sync::atomic::AtomicBool,
    ) -> Result<Self, LoadError> {
        // A pipe would block the reader forever and a device never ends:
        // only regular files are read, and never past the limit.
        use crate::files::ReadError;
        use std::io::{Read, Seek};
        let path_buf = || path.to_path_buf();
        let unreadable = |error: ReadError| match error {
            ReadError::NotRegular if path.is_dir() => LoadError::IsDirectory { path: path_buf() },
            ReadError::NotRegular => LoadError::NotRegularFile { path: path_buf() },
            ReadError::TooLarge { size, limit } => LoadError::TooLarge {
                path: path_buf(),
                size,
                limit,
            },
            ReadError::NotFound => LoadError::NotFound { path: path_buf() },
            ReadError::Io(cause) => io_error(path, cause),
            ReadError::NotText => io_error(path, std::io::Error::other("not text")),
        };
        // Opened within the larger limit, a PDF's, until its first bytes say.
        let (mut file, size) =
            crate::files::open_limited(path, crate::files::limits::PDF).map_err(unreadable)?;
        let mut head = [0u8; 5];
        let head_length = file.read(&mut head).map_err(|e| io_error(path, e))?;
        if crate::pdf::is_pdf(&head[..head_length]) {
            // The PDF is the paper (notes and positions follow its bytes),
            // hashed as it is read and converted from the file: never held.
            file.rewind().map_err(|e| io_error(path, e))?;
            let (fingerprint, length) =
                crate::hash::Fingerprint::of_reader(file).map_err(|e| io_error(path, e))?;
            let text = crate::pdf::text_of_file_unless(path, &fingerprint, length, cancel)
                .map_err(|error| match error {
                    crate::pdf::PdfError::ConverterMissing => LoadError::ConverterMissing {
                        path: path.to_path_buf(),
                    },
                    crate::pdf::PdfError::Failed(message) => LoadError::ConversionFailed {
                        path: path.to_path_buf(),
                        message,
                    },
                    crate::pdf::PdfError::Cancelled => LoadError::ConversionFailed {
                        path: path.to_path_buf(),
                        message: "the conversion was cancelled".to_owned(),
                    },
                })?;
            let mut source = Self::from_vec(path, text)?;
            source.fingerprint = fingerprint;
            return Ok(source);
        }
        // Text is held whole while parsed: its own, smaller limit.
        if size > MAX_FILE_BYTES {
            return Err(unreadable(ReadError::TooLarge {
                size,
                limit: MAX_FILE_BYTES,
            }));
        }
        file.rewind().map_err(|e| io_error(path, e))?;
        let bytes = crate::files::read_opened(file, size, MAX_FILE_BYTES).map_err(unreadable)?;
        Self::from_vec(path, bytes)
    }

    /// Cleans `bytes` as if they had been read from `path`.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Self, LoadError> {
        Self::from_vec(path, bytes.to_vec())
    }

    /// [`Self::from_bytes`] on bytes it may keep: UTF-8 text becomes the
    /// source's text without a copy (a 50 MB paper is not held twice).
    pub fn from_vec(path: &Path, mut bytes: Vec<u8>) -> Result<Self, LoadError> {
        let fingerprint = crate::hash::Fingerprint::of(&bytes);
        let mut warnings = Vec::new();
        let name = path.display();
        let (decoded, encoding) = if let Some((utf16, _)) = Encoding::for_bom(&bytes)
            .filter(|(encoding, _)| *encoding == UTF_16LE || *encoding == UTF_16BE)
        {
            let (text, _, _) = utf16.decode(&bytes);
            (text.into_owned(), utf16.name())
        } else {
            if bytes.contains(&0) {
                return Err(LoadError::NotText {
                    path: path.to_path_buf(),
                });
            }
            if bytes.starts_with(b"\xEF\xBB\xBF") {
                bytes.drain(..3);
            }
            match String::from_utf8(bytes) {
                Ok(text) => (text, UTF_8.name()),
                Err(error) => {
                    let bytes = error.as_bytes();
                    // Latin-1, Windows-1252 and their kin (Gutenberg's `-8.txt`
                    // editions, older converters): guessed from the bytes.
                    let mut detector = chardetng::EncodingDetector::new();
                    detector.feed(bytes, true);
                    let guess = detector.guess(None, true);
                    let (text, malformed) = guess.decode_without_bom_handling(bytes);
                    if guess == UTF_8 || malformed {
                        warnings.push(format!(
                            "'{name}' is not valid UTF-8: undecodable bytes are shown as \u{FFFD}"
                        ));
                    } else {
                        warnings.push(format!("'{name}' is not UTF-8: read as {}", guess.name()));
                    }
                    (text.into_owned(), guess.name())
                }
            }
        };
        let (text, removed) = crate::text::strip_controls(decoded, true);
        if removed > 0 {
            warnings.push(format!(
                "'{name}': removed {removed} control characters or terminal escape sequences"
            ));
        }
        let text = expand_stray_tabs(text);
        Ok(Self {
            path: path.to_path_buf(),
            text,
            warnings,
            fingerprint,
            encoding,
        })
    }
}

fn io_error(path: &Path, source: std::io::Error) -> LoadError {
    if source.kind() == std::io::ErrorKind::NotFound {
        LoadError::NotFound {
            path: path.to_path_buf(),
        }
    } else {
        LoadError::Io {
            path: path.to_path_buf(),
            cause: source,
        }
    }
}

/// Replaces tabs with spaces on lines that are not part of a tab-separated
/// table (a run of two or more consecutive lines containing tabs). Tabs inside
/// tables are kept: they separate cells. One tab becomes one space, so byte
/// offsets do not move.
fn expand_stray_tabs(text: String) -> String {
    if !text.contains('\t') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split('\n').peekable();
    let mut previous_has_tab = false;
    let mut first = true;
    while let Some(line) = lines.next() {
        if !first {
            out.push('\n');
        }
        first = false;
        let has_tab = line.contains('\t');
        let in_run =
            has_tab && (previous_has_tab || lines.peek().is_some_and(|next| next.contains('\t')));
        if has_tab && !in_run {
            out.push_str(&line.replace('\t', " "));
        } else {
            out.push_str(line);
        }
        previous_has_tab = has_tab;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(bytes: &[u8]) -> PaperText {
        PaperText::from_bytes(Path::new("paper.txt"), bytes).unwrap()
    }

    #[test]
    fn strips_escape_sequences_and_controls() {
        let source = clean(b"red \x1b[31mtext\x1b[0m, title \x1b]0;pwned\x07 bell\x07 done");
        assert_eq!(source.text, "red text, title  bell done");
        assert_eq!(source.warnings.len(), 1);
    }

    #[test]
    fn strips_c1_controls_and_8bit_csi() {
        let source = clean("a\u{9b}31mb\u{85}c".as_bytes());
        assert_eq!(source.text, "abc");
    }

    #[test]
    fn normalises_crlf_and_bom() {
        let source = clean(b"\xEF\xBB\xBFone\r\ntwo\rthree\n");
        assert_eq!(source.text, "one\ntwo\nthree\n");
    }

    #[test]
    fn refuses_nul_bytes() {
        let err = PaperText::from_bytes(Path::new("x.bin"), b"PK\x03\x04\x00\x00").unwrap_err();
        assert_eq!(
            err.to_string(),
            "'x.bin' is not a text file (it contains NUL bytes)"
        );
    }

    #[test]
    fn decodes_latin1_and_windows_1252_with_a_warning() {
        let source = clean(b"Caf\xe9 au lait and na\xefve r\xe9sum\xe9");
        assert_eq!(source.text, "Café au lait and naïve résumé");
        assert_eq!(source.encoding, "windows-1252");
        assert!(source.warnings[0].contains("paper.txt"));
        assert!(source.warnings[0].contains("not UTF-8: read as windows-1252"));
        let quotes = clean(b"\x93smart quotes\x94 cost \x80 5");
        assert_eq!(quotes.text, "“smart quotes” cost € 5");
        assert_eq!(clean(b"plain").encoding, "UTF-8");
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let bytes: Vec<u8> = b"\xFF\xFE"
            .iter()
            .copied()
            .chain("Hi".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(clean(&bytes).text, "Hi");
    }

    #[test]
    fn expands_stray_tabs_but_keeps_table_tabs() {
        let source = clean(b"a\tb\n\nx\ty\nz\tw\n");
        assert_eq!(source.text, "a b\n\nx\ty\nz\tw\n");
    }

    #[test]
    fn empty_file_is_empty_text() {
        assert_eq!(clean(b"").text, "");
    }

    #[test]
    fn missing_file_names_the_path() {
        let err = PaperText::load(Path::new("/nonexistent/paper.md")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot open '/nonexistent/paper.md': no such file"
        );
    }
}
