//! Margin notes: anchored to the text so they survive re-flow and revision
//! ([`anchor`]), kept safe on disk ([`store`]), exported and imported ([`export`]).

pub mod anchor;
pub mod export;
pub mod store;

pub use anchor::{Anchor, Placement};
pub use store::{MarginNote, MarginNoteStore};
