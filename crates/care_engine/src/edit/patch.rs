//! Text patches: byte ranges of a text replaced by new text. Applying a set of patches gives the
//! patches that undo it, so undo restores the exact bytes that were there.

use std::ops::Range;

/// `range` of the text replaced by `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patch {
    pub range: Range<usize>,
    pub text: String,
    /// Which planned change made it (for reporting a failure); not part of the patch.
    pub(crate) origin: usize,
}

impl Patch {
    pub fn new(range: Range<usize>, text: impl Into<String>) -> Patch {
        Patch {
            range,
            text: text.into(),
            origin: 0,
        }
    }
}

/// A change of a text and its inverse.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextChange {
    /// Patches of the text before, sorted, not overlapping.
    pub forward: Vec<Patch>,
    /// Patches of the text after that restore the text before.
    pub inverse: Vec<Patch>,
}

/// `text` with `patches` (sorted by position, not overlapping) applied, and the patches of the
/// result that undo them. Ranges outside the text or off a character boundary are clamped.
pub fn apply(text: &str, patches: &[Patch]) -> (String, Vec<Patch>) {
    let mut out = String::with_capacity(text.len());
    let mut inverse = Vec::with_capacity(patches.len());
    let mut copied = 0;
    for p in patches {
        let start = text.floor_char_boundary(p.range.start.clamp(copied, text.len()));
        let end = text.floor_char_boundary(p.range.end.clamp(start, text.len()));
        out.push_str(&text[copied..start]);
        let at = out.len();
        out.push_str(&p.text);
        inverse.push(Patch::new(at..out.len(), &text[start..end]));
        copied = end;
    }
    out.push_str(&text[copied..]);
    (out, inverse)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inverse_restores_the_text() {
        let text = "one two three";
        let patches = [
            Patch::new(0..3, "1"),
            Patch::new(4..4, "and "),
            Patch::new(8..13, ""),
        ];
        let (new, inverse) = apply(text, &patches);
        assert_eq!(new, "1 and two ");
        assert_eq!(apply(&new, &inverse).0, text);
    }
}
