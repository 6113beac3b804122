//! Profiling aid: the stages of opening one paper, timed (`open_large PATH`).
use std::time::Instant;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts the bytes allocated and not yet freed.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn rss() -> String {
    let live = LIVE.load(Ordering::Relaxed) >> 20;
    let peak = PEAK.swap(0, Ordering::Relaxed) >> 20;
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let rss: Vec<&str> = status
        .lines()
        .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
        .collect();
    let rss = rss.join(" ");
    format!("live {live} MB, peak {peak} MB, {rss}")
}

fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_default();
    let t = Instant::now();
    let source = gloss::PaperText::load(std::path::Path::new(&path))?;
    eprintln!("load {:?} {}", t.elapsed(), rss());
    let t = Instant::now();
    let document = gloss::document::parse_owned(source);
    eprintln!(
        "parse {:?} {} ({} blocks, {} notes)",
        t.elapsed(),
        rss(),
        document.blocks.len(),
        document.footnotes.len()
    );
    let mut text = 0;
    let mut capacity = 0;
    let mut spans = 0;
    let mut markers = 0;
    let mut sources = 0;
    for content in document
        .blocks
        .iter()
        .map(|b| &b.content)
        .chain(document.footnotes.iter().map(|f| &f.content))
    {
        text += content.text.len();
        capacity += content.text.capacity();
        spans += content.spans.capacity() * std::mem::size_of::<gloss::document::StyledSpan>();
        markers += content.markers.capacity() * std::mem::size_of::<gloss::document::Marker>();
    }
    for block in &document.blocks {
        sources += block.spans.capacity() * 16;
    }
    eprintln!(
        "text {} MB, capacity {} MB, spans {} MB, markers {} MB, block sources {} MB, blocks {} MB, notes {} MB",
        text >> 20,
        capacity >> 20,
        spans >> 20,
        markers >> 20,
        sources >> 20,
        (document.blocks.capacity() * std::mem::size_of::<gloss::document::Block>()) >> 20,
        (document.footnotes.capacity() * std::mem::size_of::<gloss::document::Footnote>()) >> 20,
    );
    let t = Instant::now();
    let actors = gloss::actors::ActorIndex::build(&document, &gloss::actors::Gazetteer::shipped());
    eprintln!("actors {:?} {}", t.elapsed(), rss());
    let t = Instant::now();
    let bibliography = gloss::citations::Bibliography::of(&document);
    eprintln!("citations {:?} {}", t.elapsed(), rss());
    let t = Instant::now();
    let layout = gloss::layout::layout(&document, 100);
    eprintln!(
        "layout {:?} {} ({} lines)",
        t.elapsed(),
        rss(),
        layout.lines.len()
    );
    drop((actors, bibliography, layout));
    Ok(())
}
