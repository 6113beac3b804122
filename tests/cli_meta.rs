//! What gloss says of itself: its version and commit, its manual page and
//! its shell completions, generated from the command line's definition.

use std::process::Command;

mod common;

fn gloss(args: &[&str]) -> String {
    common::gloss_output(args, &[])
}

#[test]
fn the_version_names_the_commit_it_was_built_from() {
    let version = gloss(&["--version"]);
    assert!(
        version.starts_with(&format!("gloss {}", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
    // Built from a checkout (as the tests are), the commit is named.
    let in_checkout = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".git")
        .exists();
    if in_checkout {
        let commit = version
            .split_once('(')
            .and_then(|(_, rest)| rest.split_once(')'))
            .map(|(commit, _)| commit)
            .unwrap_or_default();
        assert!(
            commit.len() >= 7 && commit.chars().all(|c| c.is_ascii_hexdigit()),
            "{version}"
        );
    }
}

#[test]
fn the_manual_page_documents_every_subcommand() {
    let page = gloss(&["man"]);
    assert!(page.contains(".TH gloss 1"), "{page}");
    for subcommand in [
        "read",
        "dump",
        "notes",
        "sources",
        "search",
        "render",
        "man",
        "completions",
    ] {
        assert!(page.contains(subcommand), "{subcommand} missing");
    }
    assert!(page.contains("\\-\\-at"), "the --at option is documented");
    let read = gloss(&["read", "--help"]);
    assert!(
        read.contains("--plain") && read.contains("GLOSS_PLAIN"),
        "{read}"
    );
}

#[test]
fn completions_are_given_for_each_shell() {
    assert!(gloss(&["completions", "bash"]).contains("_gloss()"));
    assert!(gloss(&["completions", "zsh"]).starts_with("#compdef gloss"));
    assert!(gloss(&["completions", "fish"]).contains("complete -c gloss"));
    let bad = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
}

#[test]
fn every_subcommand_says_what_it_does_with_an_example() {
    for subcommand in [
        &["dump"][..],
        &["notes"],
        &["notes", "export"],
        &["notes", "import"],
        &["sources"],
        &["search"],
        &["man"],
        &["completions"],
        &["render"],
    ] {
        let mut args = subcommand.to_vec();
        args.push("--help");
        let help = gloss(&args);
        assert!(
            help.contains("`gloss "),
            "{subcommand:?} has no example:\n{help}"
        );
    }
}
