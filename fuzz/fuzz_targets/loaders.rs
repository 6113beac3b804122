//! The other files gloss reads: a keymap, a notes export, an actors file.
//! Each must come back as a value or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = gloss::app::Keymap::parse(text, "keymap.toml");
    let _ = gloss::margin_notes::export::read_export(text, "notes.json");
    let _ = gloss::actors::Gazetteer::parse(text, "actors.toml");
});
