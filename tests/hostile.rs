//! Hostile and odd input on the command line: what is not a regular file, a
//! reader that closes the pipe, names that carry escape sequences, errors
//! that must be said once.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn gloss(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .stdin(Stdio::null())
        .output()
        .expect("the gloss binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn what_is_not_a_regular_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    for path in [fifo.to_str().unwrap(), "/dev/zero"] {
        for command in ["dump", "render"] {
            let started = Instant::now();
            let output = gloss(dir.path(), &[command, path]);
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "{command} {path}"
            );
            assert_eq!(output.status.code(), Some(1), "{command} {path}");
            let message = stderr(&output);
            assert_eq!(message.lines().count(), 1, "{message}");
            assert!(message.contains("not a regular file"), "{message}");
        }
    }
    let output = gloss(dir.path(), &["dump", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("is a folder"));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["dump", "texts/strakes-2015-beyond-eurasian-mediation.md"],
        vec!["render", "texts/strakes-2015-beyond-eurasian-mediation.md"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gloss"))
            .args(&args)
            .env("XDG_STATE_HOME", dir.path().join("state"))
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read one byte, then close the pipe, as `| head -c 1` does.
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 1];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let mut errors = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut errors)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!errors.contains("panicked"), "{args:?}: {errors}");
        assert_ne!(status.code(), Some(101), "{args:?}: {errors}");
    }
}

#[test]
fn file_names_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    // Invalid UTF-8 makes dump print a warning that names the file.
    let name = "paper\u{1b}[2J\u{1b}]0;owned\u{7}.md";
    let path = dir.path().join(name);
    std::fs::write(&path, b"Title\n\nCaf\xe9 text.\n").unwrap();
    for command in ["dump", "render"] {
        let output = gloss(dir.path(), &[command, path.to_str().unwrap()]);
        let all = [output.stdout.as_slice(), output.stderr.as_slice()].concat();
        assert!(
            !all.contains(&0x1b),
            "{command}: {}",
            String::from_utf8_lossy(&all)
        );
        assert!(!all.contains(&0x07), "{command}");
    }
    let missing = dir.path().join("gone\u{1b}[31m.md");
    let output = gloss(dir.path(), &["dump", missing.to_str().unwrap()]);
    assert!(!output.stderr.contains(&0x1b));
}

#[test]
fn errors_are_said_once_and_right() {
    let dir = tempfile::tempdir().unwrap();
    let output = gloss(dir.path(), &["dump", "/etc/passwd/paper.md"]);
    let message = stderr(&output);
    assert_eq!(message.matches("Not a directory").count(), 1, "{message}");
    let first = dir.path().join("a.md");
    let second = dir.path().join("b.md");
    std::os::unix::fs::symlink(&second, &first).unwrap();
    std::os::unix::fs::symlink(&first, &second).unwrap();
    for command in ["dump", "render"] {
        let output = gloss(dir.path(), &[command, first.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1));
        let message = stderr(&output);
        assert!(!message.contains("no such file"), "{command}: {message}");
        assert!(message.contains("symbolic links"), "{command}: {message}");
    }
    let output = gloss(
        dir.path(),
        &[
            "render",
            "texts/fuller-2013-azerbaijan-foreign-policy.txt",
            "--size",
            "10000x5",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("1 to 1000"), "{}", stderr(&output));
}
