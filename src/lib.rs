//! gloss: a terminal reader for footnoted scholarly papers.
//!
//! The library holds everything but the command line: loading and cleaning a
//! paper ([`paper_text`]), recovering its structure ([`document`]), and the JSON
//! interface of `gloss dump` ([`dump`]).

#![forbid(unsafe_code)]

pub mod actors;
pub mod app;
pub mod citations;
pub mod document;
pub mod dump;
pub mod files;
pub mod hash;
pub mod index;
pub mod layout;
pub mod margin_notes;
pub mod paper_text;
pub mod papers;
pub mod pdf;
pub mod plain;
pub mod render;
pub mod terminal;
pub mod text;
pub mod ui;

pub use document::{Document, parse, parse_file, parse_text};
pub use paper_text::{LoadError, PaperText};
