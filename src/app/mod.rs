//! The application state and everything that changes it. Nothing here draws:
//! views in [`crate::ui`] borrow the state; keys become [`Action`]s through
//! the [`Keymap`]; [`App::update`] is the one place state changes.

pub mod across;
pub mod action;
pub mod arrangement;
pub mod config;
pub mod editor;
pub mod find;
pub mod findings;
pub mod focus;
pub mod indexing;
pub mod jumps;
pub mod key;
pub mod keymap;
pub mod library;
mod list_input;
mod margin_notes;
pub mod opening;
mod pages;
pub mod palette;
pub mod places;
pub mod positions;
pub mod reader;
mod searching;
pub use reader::{search, selection};
pub mod shelf;
pub mod sources;
pub mod state;
#[cfg(test)]
pub(crate) mod testing;
pub mod update;
pub mod user_files;

pub use action::Action;
pub use key::{Key, KeyCode};
pub use keymap::{Keymap, Mode};
pub use state::{App, Effect, Focus, Geometry, Overlay, Screen};
