//! The order a beat's choices are shown in: drawn from the run's seed, so pressing the same key
//! every time is no strategy, with pinned choices kept first or last.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::model::{Beat, Pin};

/// How a run orders the choices it offers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChoiceOrder {
    /// An order drawn from the run's seed and the beat (what trainees see).
    #[default]
    Shuffled,
    /// The order the choices are written in the file (runs recorded before shuffling existed,
    /// and the author's view).
    Written,
}

/// FNV-1a, fixed here so an order never changes with a library's hashing.
fn fnv1a(bytes: &[u8], mut hash: u64) -> u64 {
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The offered responses (authored indexes, in file order) in the order they are shown.
///
/// The same seed, beat and visit always give the same order; `visit` counts the beats the run
/// has entered, so a beat met twice may show its choices differently the second time.
pub fn shown(
    beat: &Beat,
    offered: Vec<usize>,
    seed: u64,
    visit: u32,
    order: ChoiceOrder,
) -> Vec<usize> {
    if order == ChoiceOrder::Written || offered.len() < 2 {
        return offered;
    }
    let pin = |i: usize| beat.responses.get(i).and_then(|r| r.pin);
    let first: Vec<usize> = offered
        .iter()
        .copied()
        .filter(|&i| pin(i) == Some(Pin::First))
        .collect();
    let last: Vec<usize> = offered
        .iter()
        .copied()
        .filter(|&i| pin(i) == Some(Pin::Last))
        .collect();
    let mut free: Vec<usize> = offered.into_iter().filter(|&i| pin(i).is_none()).collect();
    let mix = fnv1a(beat.key.as_bytes(), 0xcbf2_9ce4_8422_2325);
    let mix = fnv1a(&visit.to_le_bytes(), mix);
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ mix);
    // Fisher–Yates with the generator's raw output, so the order never depends on how a
    // library version maps random numbers to ranges.
    for i in (1..free.len()).rev() {
        let j = usize::try_from(rng.next_u64() % (i as u64 + 1)).unwrap_or(i);
        free.swap(i, j);
    }
    first.into_iter().chain(free).chain(last).collect()
}
