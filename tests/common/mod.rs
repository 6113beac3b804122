//! What several test files share: whether an outside tool is there.

use std::io::Write;
use std::process::Command;

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
