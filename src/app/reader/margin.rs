//! The paper's margin notes as the reader holds them: the store they are
//! saved in, where each is placed in this version of the text (kept in step
//! with the store by every change made here), the note selected, and a span
//! being selected to write a new one on.

use std::collections::HashMap;
use std::ops::Range;

use super::selection::Selection;
use crate::app::list_input::stepped;
use crate::document::Document;
use crate::margin_notes::anchor::TextIndex;
use crate::margin_notes::store::StoreError;
use crate::margin_notes::{Anchor, MarginNote, MarginNoteStore, Placement};

/// A margin note and where it is in the text now (`None`: an orphan).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedNote {
    pub id: String,
    pub placement: Option<Placement>,
}

#[derive(Debug)]
pub struct MarginNotes {
    store: MarginNoteStore,
    /// Every note and where it is now, in reading order (orphans last).
    placed: Vec<PlacedNote>,
    /// Where each note's anchor was placed, kept while the anchor is the same:
    /// a note that cannot be placed costs a fuzzy search once, not at every edit.
    placements: HashMap<String, (Anchor, Option<Placement>)>,
    /// The paper's bigrams, for the fuzzy search, built when first needed.
    text_index: Option<TextIndex>,
    /// The note selected (by id).
    selected: Option<String>,
    /// A span being selected to write a note on.
    visual: Option<Selection>,
}

impl MarginNotes {
    /// The notes of `store`, placed in `document`; notes written on another
    /// version of the paper that are found again are re-anchored to this one.
    pub fn new(store: MarginNoteStore, document: &Document) -> Self {
        let mut margin = Self {
            store,
            placed: Vec::new(),
            placements: HashMap::new(),
            text_index: None,
            selected: None,
            visual: None,
        };
        margin.reanchor(document);
        margin
    }

    pub fn placed(&self) -> &[PlacedNote] {
        &self.placed
    }

    pub fn get(&self, id: &str) -> Option<&MarginNote> {
        self.store.get(id)
    }

    pub fn store(&self) -> &MarginNoteStore {
        &self.store
    }

    /// The store, its notes re-anchored to the paper they were placed in
    /// (for commands that read or change notes without the reader).
    pub fn into_store(self) -> MarginNoteStore {
        self.store
    }

    pub fn selected(&self) -> Option<&str> {
        self.selected.as_deref()
    }

    pub fn select(&mut self, id: Option<String>) {
        self.selected = id;
    }

    pub fn visual(&self) -> Option<Selection> {
        self.visual
    }

    pub fn visual_mut(&mut self) -> Option<&mut Selection> {
        self.visual.as_mut()
    }

    pub fn set_visual(&mut self, selection: Option<Selection>) {
        self.visual = selection;
    }

    /// Ends the selection of a span, with what was selected.
    pub fn take_visual(&mut self) -> Option<Selection> {
        self.visual.take()
    }

    /// Saves a new note on `anchor` and selects it.
    pub fn add(
        &mut self,
        document: &Document,
        anchor: Anchor,
        text: &str,
    ) -> Result<String, StoreError> {
        let id = self.store.add(anchor, text)?;
        self.refresh(document);
        self.selected = Some(id.clone());
        Ok(id)
    }

    /// Saves a note's new text and selects it.
    pub fn edit(&mut self, document: &Document, id: &str, text: &str) -> Result<(), StoreError> {
        self.store.edit(id, text)?;
        self.refresh(document);
        self.selected = Some(id.to_owned());
        Ok(())
    }

    pub fn delete(&mut self, document: &Document, id: &str) -> Result<(), StoreError> {
        self.store.delete(id)?;
        self.refresh(document);
        Ok(())
    }

    /// Brings back the note deleted last, selected: its id, if there was one.
    pub fn undo_delete(&mut self, document: &Document) -> Result<Option<String>, StoreError> {
        let id = self.store.undo_delete()?;
        if id.is_some() {
            self.refresh(document);
            self.selected.clone_from(&id);
        }
        Ok(id)
    }

    /// Places every note in `document`. Notes written on another version of
    /// the paper that are found again are re-anchored to this version.
    fn reanchor(&mut self, document: &Document) {
        let fingerprint = crate::margin_notes::anchor::fingerprint_hex(document);
        let stale: Vec<(String, Anchor)> = self
            .store
            .notes()
            .filter(|n| n.anchor.fingerprint != fingerprint)
            .map(|n| (n.id.clone(), n.anchor.clone()))
            .collect();
        let mut moved = Vec::new();
        for (id, anchor) in stale {
            let placement = self.placement_of(document, &id, &anchor);
            let renewed = |p: Placement| match p.footnote {
                Some(note) => Anchor::on_footnote(document, note, p.start, p.end),
                None => Anchor::new(document, p.block, p.start, p.end),
            };
            if let Some(p) = placement
                && let Some(new) = renewed(p)
            {
                // The new anchor lands exactly where the old one was placed.
                self.placements.insert(id.clone(), (new.clone(), Some(p)));
                moved.push((id, new));
            }
        }
        if !moved.is_empty() {
            // One save for all of them. A failed save leaves the notes placed
            // for this session; the next save retries.
            let _ = self.store.set_anchors(moved);
        }
        self.refresh(document);
    }

    /// Where a note's anchor lands in this document, found once per anchor.
    fn placement_of(
        &mut self,
        document: &Document,
        id: &str,
        anchor: &Anchor,
    ) -> Option<Placement> {
        if let Some((cached, placement)) = self.placements.get(id)
            && cached == anchor
        {
            return *placement;
        }
        let placement = anchor.place_with(document, &mut self.text_index);
        self.placements
            .insert(id.to_owned(), (anchor.clone(), placement));
        placement
    }

    /// Recomputes where the notes are, in reading order (orphans last).
    fn refresh(&mut self, document: &Document) {
        let anchors: Vec<(String, Anchor)> = self
            .store
            .notes()
            .map(|n| (n.id.clone(), n.anchor.clone()))
            .collect();
        let mut placed: Vec<PlacedNote> = anchors
            .into_iter()
            .map(|(id, anchor)| PlacedNote {
                placement: self.placement_of(document, &id, &anchor),
                id,
            })
            .collect();
        placed.sort_by_key(|p| p.placement.map_or((1, 0, 0), |x| (0, x.block, x.start)));
        self.placed = placed;
        if self
            .selected
            .as_ref()
            .is_some_and(|id| self.store.get(id).is_none())
        {
            self.selected = None;
        }
    }

    /// The notes placed in `blocks` (the page's).
    pub fn in_blocks(&self, blocks: Range<usize>) -> Vec<&PlacedNote> {
        self.placed
            .iter()
            .filter(|p| p.placement.is_some_and(|x| blocks.contains(&x.block)))
            .collect()
    }

    /// The first note on `block`'s text (not on a footnote it cites).
    pub fn first_on(&self, block: usize) -> Option<&PlacedNote> {
        self.placed.iter().find(|p| {
            p.placement
                .is_some_and(|x| x.block == block && x.footnote.is_none())
        })
    }

    /// The notes on footnote `note`.
    pub fn on_footnote(&self, note: usize) -> impl Iterator<Item = &PlacedNote> {
        self.placed
            .iter()
            .filter(move |p| p.placement.is_some_and(|x| x.footnote == Some(note)))
    }

    /// Moves the selection `step` through the notes placed in `blocks`.
    pub fn select_step(&mut self, blocks: Range<usize>, step: isize) {
        let ids: Vec<String> = self
            .in_blocks(blocks)
            .iter()
            .map(|p| p.id.clone())
            .collect();
        if ids.is_empty() {
            self.selected = None;
            return;
        }
        let current = self
            .selected
            .as_ref()
            .and_then(|id| ids.iter().position(|x| x == id));
        let index = current.map_or(0, |i| stepped(i, ids.len(), step));
        self.selected = Some(ids[index].clone());
    }

    /// Where note `id` is placed (`None`: unknown, or an orphan).
    pub fn placement(&self, id: &str) -> Option<Placement> {
        self.placed
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.placement)
    }
}
