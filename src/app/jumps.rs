//! The jump list: places jumped from, to go back to, and places gone back
//! from, to go forward to again. Bounded, as helix's and yazi's are: the
//! oldest place is dropped first.

use std::collections::VecDeque;

use crate::document::Position;

/// How many places each direction keeps.
const CAPACITY: usize = 100;

/// A place on the jump list: the reading position, and the exact top line
/// at the width it was recorded at, so that coming back shows the same page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub position: Position,
    pub top: usize,
    pub width: u16,
    /// The first block of the window laid out, which `top` counts from.
    pub window: usize,
}

#[derive(Debug, Clone, Default)]
pub struct JumpList {
    back: VecDeque<Place>,
    forward: VecDeque<Place>,
}

impl JumpList {
    /// Records a jump from `here`: going forward again is forgotten.
    pub fn record(&mut self, here: Place) {
        if self.back.back() != Some(&here) {
            push_bounded(&mut self.back, here);
        }
        self.forward.clear();
    }

    /// The place to go back to from `here`, which becomes the place forward.
    pub fn back(&mut self, here: Place) -> Option<Place> {
        let place = self.back.pop_back()?;
        push_bounded(&mut self.forward, here);
        Some(place)
    }

    /// The place to go forward to from `here`, which becomes the place back.
    pub fn forward(&mut self, here: Place) -> Option<Place> {
        let place = self.forward.pop_back()?;
        push_bounded(&mut self.back, here);
        Some(place)
    }

    /// Forgets every place (the paper they were in changed).
    pub fn clear(&mut self) {
        self.back.clear();
        self.forward.clear();
    }
}

fn push_bounded(places: &mut VecDeque<Place>, place: Place) {
    if places.len() == CAPACITY {
        places.pop_front();
    }
    places.push_back(place);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(block: usize) -> Place {
        Place {
            position: Position { block, offset: 0 },
            top: block,
            width: 80,
            window: 0,
        }
    }

    #[test]
    fn back_and_forward_retrace_each_other() {
        let mut jumps = JumpList::default();
        jumps.record(place(1));
        jumps.record(place(2));
        assert_eq!(jumps.back(place(3)), Some(place(2)));
        assert_eq!(jumps.back(place(2)), Some(place(1)));
        assert_eq!(jumps.back(place(1)), None);
        assert_eq!(jumps.forward(place(1)), Some(place(2)));
        assert_eq!(jumps.forward(place(2)), Some(place(3)));
        // A new jump forgets the way forward.
        jumps.record(place(3));
        assert_eq!(jumps.forward(place(4)), None);
    }

    #[test]
    fn the_list_is_bounded_and_drops_the_oldest() {
        let mut jumps = JumpList::default();
        for block in 0..CAPACITY + 50 {
            jumps.record(place(block));
        }
        let mut count = 0;
        let mut oldest = None;
        while let Some(p) = jumps.back(place(0)) {
            count += 1;
            oldest = Some(p);
        }
        assert_eq!(count, CAPACITY);
        assert_eq!(oldest, Some(place(50)));
    }
}
