//! Running pdftotext: the PDF in on stdin, the layout out on stdout, read
//! as it comes and no further than a limit, within a time limit, and the
//! child process killed on every way out (an error, a limit, a panic, gloss
//! told to stop).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::PdfError;

/// The most layout pdftotext may write for one PDF (its words with their
/// boxes): past it the conversion stops, and nothing is kept.
pub const MOST_OUTPUT: u64 = crate::files::limits::PDF;

/// How long a conversion may take, unless `GLOSS_PDF_TIMEOUT` (seconds) says.
const TIME_LIMIT: Duration = Duration::from_secs(120);

/// Conversions running now, so that gloss told to stop can end them.
static RUNNING: Mutex<Vec<Arc<Mutex<Child>>>> = Mutex::new(Vec::new());

/// The program that converts PDFs; `GLOSS_PDFTOTEXT` names another (tests
/// use it to stand for a machine without poppler, or a slow converter).
fn program() -> PathBuf {
    std::env::var_os("GLOSS_PDFTOTEXT").map_or_else(|| PathBuf::from("pdftotext"), PathBuf::from)
}

fn time_limit() -> Duration {
    std::env::var("GLOSS_PDF_TIMEOUT")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .map_or(TIME_LIMIT, Duration::from_secs_f64)
}

/// Ends every conversion running now (gloss is stopping).
pub fn stop_all() {
    let running = RUNNING.lock().map(|r| r.clone()).unwrap_or_default();
    for child in running {
        if let Ok(mut child) = child.lock() {
            let _ = child.kill();
        }
    }
}

/// A running child, killed and reaped when dropped however the conversion ends.
struct Running(Arc<Mutex<Child>>);

impl Running {
    fn start(child: Child) -> Self {
        let child = Arc::new(Mutex::new(child));
        if let Ok(mut running) = RUNNING.lock() {
            running.push(Arc::clone(&child));
        }
        Self(child)
    }

    fn try_wait(&self) -> std::io::Result<Option<ExitStatus>> {
        match self.0.lock() {
            Ok(mut child) => child.try_wait(),
            Err(_) => Err(std::io::Error::other("the converter's handle was lost")),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(mut child) = self.0.lock() {
            // Already finished: both are harmless.
            let _ = child.kill();
            let _ = child.wait();
        }
        if let Ok(mut running) = RUNNING.lock() {
            running.retain(|c| !Arc::ptr_eq(c, &self.0));
        }
    }
}

/// The PDF to convert: bytes in memory, or a file the converter reads
/// itself (so that a large PDF is never held by gloss).
#[derive(Debug)]
pub enum Input<'a> {
    Bytes(&'a [u8]),
    File(&'a Path),
}

impl Input<'_> {
    /// The converter's argument for the input: "-" (stdin) for bytes; a
    /// file's path, made to start with "./" or "/" so that a name starting
    /// with "-" is never taken for an option.
    fn argument(&self) -> std::ffi::OsString {
        match self {
            Input::Bytes(_) => "-".into(),
            Input::File(path) if path.is_absolute() || path.starts_with(".") => {
                path.as_os_str().to_owned()
            }
            Input::File(path) => Path::new(".").join(path).into_os_string(),
        }
    }
}

/// What `read` makes of the layout pdftotext writes for the PDF `input`,
/// read from the pipe as it comes (never held whole: a 3,000-page book's
/// layout is 200 MB). `read` says why a layout cannot be read.
pub fn read_layout<T: Send + 'static>(
    input: Input<'_>,
    cancel: &AtomicBool,
    read: impl FnOnce(&mut dyn BufRead) -> Result<T, String> + Send + 'static,
) -> Result<T, PdfError> {
    let failed = PdfError::Failed;
    let mut child = Command::new(program())
        .args(["-bbox-layout", "-enc", "UTF-8"])
        .arg(input.argument())
        .arg("-")
        .stdin(match input {
            Input::Bytes(_) => Stdio::piped(),
            Input::File(_) => Stdio::null(),
        })
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
    let stdin = child.stdin.take();
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    let running = Running::start(child);
    if let (Some(mut stdin), Input::Bytes(bytes)) = (stdin, input) {
        let bytes = bytes.to_vec();
        // pdftotext may stop reading early on a broken file; its status says why.
        std::thread::spawn(move || stdin.write_all(&bytes));
    }
    // The reading, and whether the layout went past the limit.
    let mut output = stdout.map(|stdout| {
        std::thread::spawn(move || {
            let mut layout = BufReader::with_capacity(1 << 16, stdout.take(MOST_OUTPUT + 1));
            let read = read(&mut layout);
            // What is left unread up to the limit (all of it on an early
            // error), so that the converter is not left on a full pipe.
            let _ = std::io::copy(&mut layout, &mut std::io::sink());
            (read, layout.into_inner().limit() == 0)
        })
    });
    let errors = stderr.map(|stderr| {
        std::thread::spawn(move || {
            let mut out = Vec::new();
            let _ = stderr.take(64 * 1024).read_to_end(&mut out);
            out
        })
    });
    let limit = time_limit();
    let started = Instant::now();
    let too_large = || {
        failed(format!(
            "pdftotext wrote more than {} MB of layout for it; the limit keeps gloss's memory bounded",
            MOST_OUTPUT >> 20
        ))
    };
    type Reading<T> = std::thread::JoinHandle<(Result<T, String>, bool)>;
    let read_out = |handle: Reading<T>| {
        let (read, past_limit) = handle
            .join()
            .map_err(|_| failed("reading the converter's output failed".to_owned()))?;
        if past_limit {
            return Err(too_large());
        }
        Ok(read)
    };
    let mut layout = None;
    let status = loop {
        // Output read to its end, or to the limit: past it the converter is
        // stopped at once (it would wait on a full pipe until the time limit).
        if let Some(handle) = output.take_if(|h| h.is_finished()) {
            layout = Some(read_out(handle)?);
        }
        if let Some(status) = running.try_wait().map_err(|e| failed(e.to_string()))? {
            break status;
        }
        if started.elapsed() > limit {
            return Err(failed(too_slow(limit)));
        }
        if cancel.load(Ordering::Relaxed) {
            return Err(PdfError::Cancelled);
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let layout = match (layout, output) {
        (Some(layout), _) => layout,
        (None, Some(handle)) => read_out(handle)?,
        (None, None) => Err("pdftotext wrote nothing".to_owned()),
    };
    drop(running);
    if !status.success() {
        let stderr = errors.and_then(|e| e.join().ok()).unwrap_or_default();
        let stderr = String::from_utf8_lossy(&stderr);
        let reason = stderr.lines().find(|l| !l.trim().is_empty()).map_or_else(
            || format!("pdftotext exited with {status}"),
            |l| l.trim().to_owned(),
        );
        return Err(failed(crate::text::clean_line(&reason)));
    }
    layout.map_err(failed)
}

fn too_slow(limit: Duration) -> String {
    format!(
        "pdftotext took longer than {} s and was stopped (GLOSS_PDF_TIMEOUT sets the limit, in seconds)",
        limit.as_secs()
    )
}
