//! CARE's colours: one palette for every screen, readable on the dark theme.

use bevy_egui::egui::Color32;

/// The trainee's own bubbles and cards.
pub(crate) const YOU_BUBBLE: Color32 = Color32::from_rgb(168, 205, 245);
pub(crate) const YOU_CARD: Color32 = Color32::from_rgb(34, 48, 66);
pub(crate) const YOU_TEXT: Color32 = Color32::from_rgb(110, 160, 230);
/// The customer's bubbles.
pub(crate) const THEM_BUBBLE: Color32 = Color32::from_rgb(225, 225, 220);
/// Text on light bubbles.
pub(crate) const INK: Color32 = Color32::from_rgb(25, 25, 30);
/// Cards (mail, posts, the call).
pub(crate) const CARD: Color32 = Color32::from_rgb(40, 40, 44);
/// A wait for an answer on the shift timeline.
pub(crate) const WAIT: Color32 = Color32::from_rgb(110, 160, 230);
/// A wait that ended with the customer acting alone.
pub(crate) const LOSS: Color32 = Color32::from_rgb(220, 110, 80);
/// Warm brown, for the graph's start beat.
pub(crate) const TILL: Color32 = Color32::from_rgb(140, 110, 70);
