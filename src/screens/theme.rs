//! One visual language for every screen: a readable type scale (body 16 px at a text size of
//! 100 %), consistent spacing, and a light, a dark and a high-contrast theme.

use bevy_egui::egui::{self, Color32, FontFamily, FontId, Stroke, TextStyle};

use crate::game::settings::Theme;

/// Sizes of the type scale, in points at a text size of 100 %.
const SMALL: f32 = 13.5;
const BODY: f32 = 16.0;
const HEADING: f32 = 24.0;
const MONO: f32 = 14.5;

/// Warm off-white panels and near-black ink for the light theme.
const LIGHT_PANEL: Color32 = Color32::from_rgb(250, 248, 244);
const LIGHT_WINDOW: Color32 = Color32::from_rgb(255, 255, 255);
const LIGHT_FAINT: Color32 = Color32::from_rgb(240, 236, 228);
const LIGHT_INK: Color32 = Color32::from_rgb(30, 32, 38);
/// Teal for selection and links, shared by both themes (CARE's accent).
const ACCENT: Color32 = Color32::from_rgb(28, 120, 130);
const FOCUS_YELLOW: Color32 = Color32::from_rgb(255, 221, 0);

/// Applies the type scale, spacing and the theme's colours to a style.
pub(crate) fn apply(style: &mut egui::Style, theme: Theme) {
    style.text_styles = [
        (
            TextStyle::Small,
            FontId::new(SMALL, FontFamily::Proportional),
        ),
        (TextStyle::Body, FontId::new(BODY, FontFamily::Proportional)),
        (
            TextStyle::Button,
            FontId::new(BODY, FontFamily::Proportional),
        ),
        (
            TextStyle::Heading,
            FontId::new(HEADING, FontFamily::Proportional),
        ),
        (
            TextStyle::Monospace,
            FontId::new(MONO, FontFamily::Monospace),
        ),
    ]
    .into();
    style.spacing.item_spacing = egui::vec2(10.0, 8.0);
    style.spacing.button_padding = egui::vec2(12.0, 6.0);
    style.spacing.interact_size.y = 30.0;
    style.spacing.window_margin = egui::Margin::same(14);
    style.spacing.menu_margin = egui::Margin::same(10);
    style.visuals = visuals(theme);
}

fn visuals(theme: Theme) -> egui::Visuals {
    match theme {
        Theme::Light => {
            let mut v = egui::Visuals::light();
            v.panel_fill = LIGHT_PANEL;
            v.window_fill = LIGHT_WINDOW;
            v.faint_bg_color = LIGHT_FAINT;
            v.override_text_color = Some(LIGHT_INK);
            v.selection.bg_fill = ACCENT.gamma_multiply(0.35);
            v.selection.stroke = Stroke::new(1.5, ACCENT);
            v.hyperlink_color = ACCENT;
            v.widgets.inactive.weak_bg_fill = Color32::from_rgb(228, 232, 236);
            v.widgets.inactive.bg_fill = Color32::from_rgb(228, 232, 236);
            // Text fields stand out from the white cards they sit on.
            v.extreme_bg_color = Color32::from_rgb(246, 244, 240);
            v.widgets.inactive.bg_stroke = Stroke::new(1.0, Color32::from_gray(175));
            v
        }
        Theme::Dark => {
            let mut v = egui::Visuals::dark();
            v.override_text_color = Some(Color32::from_rgb(232, 232, 228));
            v.selection.bg_fill = ACCENT;
            v.hyperlink_color = Color32::from_rgb(110, 200, 210);
            v
        }
        Theme::HighContrast => {
            let mut v = egui::Visuals::dark();
            v.panel_fill = Color32::BLACK;
            v.window_fill = Color32::BLACK;
            v.extreme_bg_color = Color32::BLACK;
            v.faint_bg_color = Color32::from_gray(24);
            v.override_text_color = Some(Color32::WHITE);
            v.window_stroke = Stroke::new(2.0, Color32::WHITE);
            v.selection.bg_fill = FOCUS_YELLOW;
            v.selection.stroke = Stroke::new(2.0, Color32::BLACK);
            v.hyperlink_color = FOCUS_YELLOW;
            for w in [
                &mut v.widgets.noninteractive,
                &mut v.widgets.inactive,
                &mut v.widgets.hovered,
                &mut v.widgets.active,
                &mut v.widgets.open,
            ] {
                w.bg_stroke = Stroke::new(2.0, Color32::WHITE);
                w.fg_stroke = Stroke::new(2.0, Color32::WHITE);
                w.bg_fill = Color32::BLACK;
                w.weak_bg_fill = Color32::BLACK;
            }
            v.widgets.hovered.bg_stroke = Stroke::new(3.0, FOCUS_YELLOW);
            v.widgets.active.bg_stroke = Stroke::new(3.0, FOCUS_YELLOW);
            v
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance of an sRGB colour.
    fn luminance(c: Color32) -> f64 {
        let f = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(c.r()) + 0.7152 * f(c.g()) + 0.0722 * f(c.b())
    }

    fn contrast(a: Color32, b: Color32) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn body_text_is_at_least_16_px_and_every_theme_reads_well() {
        for theme in Theme::ALL {
            let mut style = egui::Style::default();
            apply(&mut style, theme);
            let body = &style.text_styles[&TextStyle::Body];
            assert!(body.size >= 16.0, "{theme:?}");
            assert!(style.text_styles[&TextStyle::Heading].size > body.size);
            let v = &style.visuals;
            let text = v.override_text_color.unwrap_or(v.text_color());
            let needed = if theme == Theme::HighContrast {
                15.0
            } else {
                7.0
            };
            assert!(
                contrast(text, v.panel_fill) >= needed,
                "{theme:?}: text on panels {:.1}:1",
                contrast(text, v.panel_fill)
            );
        }
    }

    #[test]
    fn every_character_of_the_starter_pack_can_be_drawn() {
        // A character the game's fonts lack shows as an empty box in a customer's words. The
        // game draws with egui's fonts: each body-text font in turn, until one has the glyph.
        let fonts = egui::FontDefinitions::default();
        let faces: Vec<ttf_parser::Face<'_>> = fonts.families[&egui::FontFamily::Proportional]
            .iter()
            .filter_map(|name| fonts.font_data.get(name))
            .filter_map(|data| ttf_parser::Face::parse(&data.font, data.index).ok())
            .collect();
        assert!(!faces.is_empty(), "egui's fonts read");
        let drawable = |c: char| faces.iter().any(|f| f.glyph_index(c).is_some());
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scenarios"
        ))];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for path in entries.flatten().map(|e| e.path()) {
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|x| x == "ron") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    for (n, line) in (1..).zip(text.lines()) {
                        // Joiners and variation selectors shape the character before them.
                        for c in line
                            .chars()
                            .filter(|c| !matches!(c, '\u{200d}' | '\u{fe0f}'))
                        {
                            if !drawable(c) {
                                missing.push(format!(
                                    "{c} (U+{:04X}) at {}:{n}",
                                    u32::from(c),
                                    path.display()
                                ));
                            }
                        }
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "characters the game cannot draw:\n{}",
            missing.join("\n")
        );
    }
}
