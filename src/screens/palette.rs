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
/// The shop floor.
pub(crate) const FLOOR: Color32 = Color32::from_rgb(92, 78, 64);
pub(crate) const SHELF: Color32 = Color32::from_rgb(60, 96, 110);
pub(crate) const TILL: Color32 = Color32::from_rgb(140, 110, 70);
pub(crate) const STAFF: Color32 = Color32::from_rgb(120, 170, 120);
pub(crate) const CUSTOMER: Color32 = Color32::from_rgb(235, 190, 110);
pub(crate) const DOOR: Color32 = Color32::from_rgb(200, 200, 190);
/// A wait for an answer on the shift timeline.
pub(crate) const WAIT: Color32 = Color32::from_rgb(110, 160, 230);
/// A wait that ended with the customer acting alone.
pub(crate) const LOSS: Color32 = Color32::from_rgb(220, 110, 80);
