//! Text made safe to show: what gloss quotes back from a file (a paper, a
//! keymap entry, a path, a note) reaches the terminal without control
//! characters or escape sequences. Every layer may use it.

/// `text` made safe to show on one line of the terminal: control characters
/// and escape sequences removed, line breaks and tabs as spaces. For anything
/// quoted back from a user's file (a keymap entry, a path).
pub fn clean_line(text: &str) -> String {
    strip_controls(text.replace(['\n', '\t', '\r'], " "), false).0
}

/// `text` made safe to show: control characters and escape sequences
/// removed, line breaks and tabs kept. For multi-line text from files other
/// than papers (notes files, imports, what `$EDITOR` wrote).
pub fn clean_text(text: &str) -> String {
    strip_controls(text.replace("\r\n", "\n"), false).0
}

/// The bidirectional embeddings, overrides and isolates: text can use them
/// to show in another order than it reads ("Trojan Source"), in a file name,
/// a warning or a paper's line. Marks (U+200E, U+200F) are kept.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn needs_cleaning(text: &str, keep_form_feeds: bool) -> bool {
    text.bytes().any(|b| {
        (b < 0x20 && b != b'\n' && b != b'\t' && !(keep_form_feeds && b == b'\x0C')) || b == 0x7F
    }) || text
        .chars()
        .any(|c| ('\u{80}'..='\u{9F}').contains(&c) || is_bidi_control(c))
}

/// Normalises line endings and removes C0/C1 controls and escape sequences
/// (CSI, OSC, DCS and friends), keeping `\n`, `\t` and the form feed (`\x0C`,
/// a page break in converter output). Returns the count removed.
pub(crate) fn strip_controls(text: String, keep_form_feeds: bool) -> (String, usize) {
    if !needs_cleaning(&text, keep_form_feeds) {
        return (text, 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\x0C' if keep_form_feeds => out.push(c),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{1B}' => {
                removed += 1;
                match chars.next() {
                    Some('[') => skip_csi(&mut chars),
                    Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut chars),
                    _ => {}
                }
            }
            '\u{9B}' => {
                removed += 1;
                skip_csi(&mut chars);
            }
            '\u{9D}' | '\u{90}' | '\u{98}' | '\u{9E}' | '\u{9F}' => {
                removed += 1;
                skip_string(&mut chars);
            }
            c if c.is_control() || is_bidi_control(c) => removed += 1,
            c => out.push(c),
        }
    }
    (out, removed)
}

/// Skips a CSI sequence's parameters and intermediates up to its final byte.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7E}').contains(&c) || c == '\n' {
            break;
        }
    }
}

/// Skips an OSC/DCS-style string up to BEL or ST (`ESC \` or U+009C).
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{07}' | '\u{9C}' => break,
            '\u{1B}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

/// Orders names as people read them: runs of digits by their value
/// ("c2" before "c10"), letters without regard to case.
pub fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    // Paths of one folder share a long start: it is passed over at once,
    // back to the start of a number it ends in (a library sorts thousands).
    let mut from = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while from > 0 && (a.as_bytes()[from - 1].is_ascii_digit() || !a.is_char_boundary(from)) {
        from -= 1;
    }
    let (mut a, mut b) = (&a[from..], &b[from..]);
    loop {
        match (a.chars().next(), b.chars().next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let ((x, rest_a), (y, rest_b)) = (split_digits(a), split_digits(b));
                let (value_x, value_y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                let order = value_x
                    .len()
                    .cmp(&value_y.len())
                    .then(value_x.cmp(value_y))
                    .then(x.len().cmp(&y.len()));
                if order.is_ne() {
                    return order;
                }
                (a, b) = (rest_a, rest_b);
            }
            (Some(x), Some(y)) => {
                let folded = if x.is_ascii() && y.is_ascii() {
                    x.to_ascii_lowercase().cmp(&y.to_ascii_lowercase())
                } else {
                    x.to_lowercase().cmp(y.to_lowercase())
                };
                let order = folded.then(x.cmp(&y));
                if order.is_ne() {
                    return order;
                }
                (a, b) = (&a[x.len_utf8()..], &b[y.len_utf8()..]);
            }
        }
    }
}

/// The run of digits `text` opens with, and the rest.
fn split_digits(text: &str) -> (&str, &str) {
    text.split_at(text.bytes().take_while(u8::is_ascii_digit).count())
}

/// The character an XML entity names (`amp` → `&`): the five XML predefines.
pub fn xml_entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// Bytes read as UTF-8 as they come: each malformed sequence becomes
/// U+FFFD, as [`String::from_utf8_lossy`] would make it of the whole, and a
/// character cut between two reads is put back together.
#[derive(Debug)]
pub struct LossyUtf8<R> {
    inner: R,
    /// Checked bytes not yet consumed, from `at`.
    out: Vec<u8>,
    at: usize,
    /// The start of a character whose end is still to be read.
    cut: Vec<u8>,
}

impl<R: std::io::BufRead> LossyUtf8<R> {
    pub fn new(inner: R) -> Self {
        Self {
            inner,
            out: Vec::new(),
            at: 0,
            cut: Vec::new(),
        }
    }

    pub fn into_inner(self) -> R {
        self.inner
    }

    /// Checks the next bytes of `inner` into `out`; `false` at the end.
    fn refill(&mut self) -> std::io::Result<bool> {
        const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();
        self.out.clear();
        self.at = 0;
        let read = self.inner.fill_buf()?;
        if read.is_empty() {
            // A character cut by the end of the input is malformed.
            let cut = !self.cut.is_empty();
            if cut {
                self.out.extend_from_slice(REPLACEMENT);
                self.cut.clear();
            }
            return Ok(cut);
        }
        let mut bytes = std::mem::take(&mut self.cut);
        bytes.extend_from_slice(read);
        let length = read.len();
        self.inner.consume(length);
        let mut rest = &bytes[..];
        loop {
            match std::str::from_utf8(rest) {
                Ok(valid) => {
                    self.out.extend_from_slice(valid.as_bytes());
                    break;
                }
                Err(error) => {
                    let (valid, after) = rest.split_at(error.valid_up_to());
                    self.out.extend_from_slice(valid);
                    match error.error_len() {
                        Some(malformed) => {
                            self.out.extend_from_slice(REPLACEMENT);
                            rest = &after[malformed..];
                        }
                        None => {
                            self.cut = after.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        Ok(true)
    }
}

impl<R: std::io::BufRead> std::io::Read for LossyUtf8<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let available = std::io::BufRead::fill_buf(self)?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        std::io::BufRead::consume(self, n);
        Ok(n)
    }
}

impl<R: std::io::BufRead> std::io::BufRead for LossyUtf8<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        while self.at >= self.out.len() {
            if !self.refill()? {
                break;
            }
        }
        Ok(&self.out[self.at..])
    }

    fn consume(&mut self, amount: usize) {
        self.at = (self.at + amount).min(self.out.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_helpers_keep_what_they_promise() {
        assert_eq!(clean_line("a\x1b[2Jb\nc\td"), "ab c d");
        // A right-to-left override would show "txt.exe" as "exe.txt".
        assert_eq!(clean_line("paper\u{202E}txt.exe"), "papertxt.exe");
        assert_eq!(clean_text("a\u{2066}b\u{2069}\u{200F}c"), "ab\u{200F}c");
        assert_eq!(clean_text("a\x1b]0;x\x07b\r\nc"), "ab\nc");
    }

    #[test]
    fn names_are_ordered_as_people_read_numbers() {
        let mut names = vec![
            "c10.txt", "c2.txt", "C1.txt", "c11.txt", "b.txt", "c02b.txt",
        ];
        names.sort_by(|a, b| natural_order(a, b));
        assert_eq!(
            names,
            [
                "b.txt", "C1.txt", "c2.txt", "c02b.txt", "c10.txt", "c11.txt"
            ]
        );
    }

    /// The order as first written, a character at a time, for the faster
    /// one to agree with.
    fn natural_order_by_chars(a: &str, b: &str) -> std::cmp::Ordering {
        let (mut a, mut b) = (a.chars().peekable(), b.chars().peekable());
        loop {
            match (a.peek().copied(), b.peek().copied()) {
                (None, None) => return std::cmp::Ordering::Equal,
                (None, Some(_)) => return std::cmp::Ordering::Less,
                (Some(_), None) => return std::cmp::Ordering::Greater,
                (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                    let number = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>| {
                        let mut digits = String::new();
                        while let Some(c) = chars.peek().copied().filter(char::is_ascii_digit) {
                            digits.push(c);
                            chars.next();
                        }
                        let value = digits.trim_start_matches('0').to_owned();
                        (value.len(), value, digits.len())
                    };
                    let order = number(&mut a).cmp(&number(&mut b));
                    if order.is_ne() {
                        return order;
                    }
                }
                (Some(x), Some(y)) => {
                    let order = x.to_lowercase().cmp(y.to_lowercase()).then(x.cmp(&y));
                    if order.is_ne() {
                        return order;
                    }
                    a.next();
                    b.next();
                }
            }
        }
    }

    #[test]
    fn natural_order_agrees_with_the_order_by_characters() {
        let parts = [
            "", "a", "A", "b", "0", "1", "01", "10", "9", "é", "É", "中", "/", "-",
        ];
        let mut names = Vec::new();
        for x in parts {
            for y in parts {
                for z in parts {
                    names.push(format!("/lib/{x}{y}{z}"));
                }
            }
        }
        for a in &names {
            for b in &names {
                assert_eq!(natural_order(a, b), natural_order_by_chars(a, b), "{a} {b}");
            }
        }
    }

    #[test]
    fn lossy_reading_matches_from_utf8_lossy_however_the_bytes_are_cut() {
        use std::io::Read;
        let bytes: Vec<u8> = [
            "a é ".as_bytes(),
            b"\xFF",
            "中文 ".as_bytes(),
            b"\xE4\xB8",
            b" z ",
            "𝄞".as_bytes(),
            &"𝄞".as_bytes()[..3],
        ]
        .concat();
        let expected = String::from_utf8_lossy(&bytes).into_owned();
        for capacity in 1..8 {
            let buffered = std::io::BufReader::with_capacity(capacity, &bytes[..]);
            let mut read = String::new();
            LossyUtf8::new(buffered).read_to_string(&mut read).unwrap();
            assert_eq!(read, expected, "read {capacity} bytes at a time");
        }
    }
}
