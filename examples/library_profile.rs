//! The library's first frame for a folder, many times, for a profiler:
//! `cargo run --release --example library_profile -- FOLDER INDEX`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(folder), Some(db)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: library_profile FOLDER INDEX");
        return;
    };
    let folder = std::path::PathBuf::from(folder);
    let mut drawn = 0;
    for _ in 0..50 {
        let Ok((index, _)) = gloss::index::Index::open(std::path::Path::new(db)) else {
            return;
        };
        let Ok(entries) = gloss::app::indexing::first_screen(&index, std::slice::from_ref(&folder))
        else {
            return;
        };
        let app = gloss::app::App::with_entries(
            entries,
            gloss::app::Keymap::defaults(),
            gloss::app::positions::Positions::in_memory(),
            None,
            (120, 40),
        );
        drawn += gloss::render::draw(&app).content.len();
    }
    println!("{drawn}");
}
