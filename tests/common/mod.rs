//! What several test files share: whether an outside tool is there, the
//! corpus scorer, and a PDF converter that never finishes.

use std::collections::HashSet;
use std::io::Write;
use std::process::Command;

use gloss::document::Document;
use serde_json::Value;

/// Whether the outside tool `name` runs here. Without it a test skips with
/// one loud line naming the tool and how to install it, unless
/// `GLOSS_REQUIRE_TOOLS=1` (set by `.ci/run`, which installs every tool)
/// makes a missing tool a failure.
pub fn tool(name: &str, version_flag: &str, install: &str) -> bool {
    let runs = Command::new(name)
        .arg(version_flag)
        .output()
        .is_ok_and(|o| o.status.success());
    if runs {
        return true;
    }
    let required = std::env::var("GLOSS_REQUIRE_TOOLS").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "{name} is required (GLOSS_REQUIRE_TOOLS=1) but does not run; install it: {install}"
    );
    // Straight to the terminal: the test harness captures `eprintln!`.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: this test needs {name}, which is not installed ({install})"
    );
    false
}

#[allow(dead_code)]
pub fn tmux() -> bool {
    tool("tmux", "-V", "apt install tmux, or brew install tmux")
}

#[allow(dead_code)]
pub fn pdftotext() -> bool {
    tool(
        "pdftotext",
        "-v",
        "apt install poppler-utils, or brew install poppler",
    )
}

#[allow(dead_code)]
pub fn pandoc() -> bool {
    tool(
        "pandoc",
        "--version",
        "apt install pandoc, or brew install pandoc",
    )
}

/// Lowercase letters and digits only, as the scorer compares text.
fn key(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
        .collect()
}

#[allow(dead_code)]
pub struct Score {
    pub checks: usize,
    pub good: usize,
    pub misses: Vec<String>,
}

impl Score {
    #[allow(dead_code)]
    pub fn ratio(&self) -> f64 {
        if self.checks == 0 {
            1.0
        } else {
            self.good as f64 / self.checks as f64
        }
    }
}

#[allow(dead_code)]
pub fn score(doc: &Document, gold: &Value) -> Score {
    let notes: Vec<String> = doc.footnotes.iter().map(|f| key(f.text())).collect();
    let body: Vec<String> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind.name(), "paragraph" | "quote" | "list_item"))
        .map(|b| key(b.text()))
        .collect();
    let mut heads: Vec<(u64, String)> = doc
        .sections
        .iter()
        .map(|s| (u64::from(s.level), key(&s.title)))
        .collect();
    heads.push((1, key(doc.metadata.title.as_deref().unwrap_or(""))));
    let list = |name: &str| gold[name].as_array().cloned().unwrap_or_default();
    let mut score = Score {
        checks: 0,
        good: 0,
        misses: Vec::new(),
    };
    let mut used = HashSet::new();
    for note in list("notes") {
        let (head, tail) = (
            note["head"].as_str().unwrap_or(""),
            note["tail"].as_str().unwrap_or(""),
        );
        let (h, t) = (key(head), key(tail));
        let short = head == tail && head.chars().count() < 40;
        let hit = (0..notes.len()).find(|i| {
            !used.contains(i)
                && if short {
                    notes[*i] == h
                } else {
                    notes[*i].contains(&h) && notes[*i].contains(&t)
                }
        });
        score.checks += 1;
        match hit {
            Some(i) => {
                used.insert(i);
                score.good += 1;
            }
            None => score.misses.push(format!("note not found whole: {head:?}")),
        }
    }
    for leak in list("leaks") {
        let leak = leak.as_str().unwrap_or("");
        score.checks += 1;
        if body.iter().any(|b| b.contains(&key(leak))) {
            score
                .misses
                .push(format!("note text in the body: {leak:?}"));
        } else {
            score.good += 1;
        }
    }
    for stitch in list("stitches") {
        let joined = key(stitch["before"].as_str().unwrap_or(""))
            + &key(stitch["after"].as_str().unwrap_or(""));
        score.checks += 1;
        if body.iter().any(|b| b.contains(&joined)) {
            score.good += 1;
        } else {
            score.misses.push(format!("not joined: {stitch}"));
        }
    }
    for heading in list("headings") {
        let level = heading[0].as_u64().unwrap_or(0);
        let k = key(heading[1].as_str().unwrap_or(""));
        score.checks += 1;
        let found = heads.iter().any(|(l, t)| {
            *l == level
                && (*t == k || (k.len() >= 12 && (t.contains(&k) || k.contains(t.as_str()))))
        });
        if found {
            score.good += 1;
        } else {
            score.misses.push(format!("heading not found: {heading}"));
        }
    }
    score
}

/// A stand-in for pdftotext that never finishes: it writes where it runs,
/// so a test can see whether it is still running, then sleeps.
#[cfg(unix)]
#[allow(dead_code)]
pub fn slow_converter(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let pid_file = dir.join("converter.pid");
    let script = dir.join("slow-pdftotext");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho $$ > '{}'\nexec sleep 60\n",
            pid_file.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (script, pid_file)
}

/// Whether the process written in `pid_file` is still running.
#[cfg(unix)]
#[allow(dead_code)]
pub fn still_running(pid_file: &std::path::Path) -> bool {
    let Ok(pid) = std::fs::read_to_string(pid_file) else {
        return false;
    };
    // A zombie is gone for our purpose: it holds no core and no memory.
    std::fs::read_to_string(format!("/proc/{}/stat", pid.trim()))
        .is_ok_and(|stat| !stat.contains(") Z "))
}

/// What the `gloss` binary prints on stdout for `args`, run with `env`
/// added; a failure fails the test with its stderr.
#[allow(dead_code)]
pub fn gloss_output(args: &[&str], env: &[(&str, &std::path::Path)]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gloss"));
    command.args(args);
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("the gloss binary runs");
    assert!(
        output.status.success(),
        "gloss {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("gloss prints UTF-8")
}
