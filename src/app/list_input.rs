//! The keys every filtered list shares (the notes list, the sources list):
//! moving the selection, editing the query, leaving, choosing.

use super::action::Action;

/// The row `step` rows from `current` in a list of `len` rows, kept inside
/// it (the first row of an empty list). The one way every list's selection
/// moves: keys, the wheel, the palette, the library.
pub fn stepped(current: usize, len: usize, step: isize) -> usize {
    current
        .saturating_add_signed(step)
        .min(len.saturating_sub(1))
}

/// What a key did to a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKey {
    /// The query or the selection changed.
    Edited,
    Back,
    Confirm,
    /// Not a list key: the caller decides.
    Other,
}

/// Applies `action` to a list of `count` rows filtered by `query`; an edited
/// query selects the first row again.
pub fn edit(action: Action, query: &mut String, selected: &mut usize, count: usize) -> ListKey {
    match action {
        Action::Back => return ListKey::Back,
        Action::Confirm => return ListKey::Confirm,
        Action::SelectNext => *selected = stepped(*selected, count, 1),
        Action::SelectPrevious => *selected = stepped(*selected, count, -1),
        Action::DeleteBack => {
            query.pop();
            *selected = 0;
        }
        Action::ClearInput => {
            query.clear();
            *selected = 0;
        }
        _ => return ListKey::Other,
    }
    ListKey::Edited
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_stays_inside_its_list() {
        assert_eq!(stepped(0, 5, -1), 0);
        assert_eq!(stepped(3, 5, 1), 4);
        assert_eq!(stepped(4, 5, 1), 4);
        assert_eq!(stepped(2, 5, isize::MAX / 2), 4);
        assert_eq!(stepped(2, 5, isize::MIN / 2), 0);
        assert_eq!(stepped(0, 0, 1), 0);
    }
}
