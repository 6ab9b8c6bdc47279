//! CARE's fixed colours: message bubbles and cards are light with dark ink in every theme; the
//! rest of each screen takes its colours from the theme (`theme.rs`).

use bevy_egui::egui::Color32;

/// The trainee's own bubbles and cards.
pub(crate) const YOU_BUBBLE: Color32 = Color32::from_rgb(168, 205, 245);
/// The customer's bubbles.
pub(crate) const THEM_BUBBLE: Color32 = Color32::from_rgb(225, 225, 220);
/// Secondary text on light bubbles (names, times).
pub(crate) const INK_SOFT: Color32 = Color32::from_rgb(70, 74, 84);
/// Text on light bubbles.
pub(crate) const INK: Color32 = Color32::from_rgb(25, 25, 30);
/// A wait for an answer on the shift timeline.
pub(crate) const WAIT: Color32 = Color32::from_rgb(110, 160, 230);
/// A wait that ended with the customer acting alone.
pub(crate) const LOSS: Color32 = Color32::from_rgb(220, 110, 80);
/// Warm brown, for the graph's start beat.
pub(crate) const TILL: Color32 = Color32::from_rgb(140, 110, 70);
