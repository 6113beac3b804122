//! The document model and the parser that recovers it from converted text.

pub mod location;
pub mod model;
pub mod names;
pub mod parse;

pub use location::Location;
pub use model::*;
pub use parse::{markdown_options, parse, parse_file, parse_owned, parse_text};
