//! A printable one-page certificate (A4 landscape PDF) for an employee who completed a
//! curriculum: their name, the curriculum, the date, and each step with its score. Text is set in
//! the Ubuntu font the game uses, embedded, so every name prints as written.

use std::io::Cursor;

use printpdf::{Color, IndirectFontRef, Line, Mm, PdfDocument, PdfLayerReference, Point, Rgb};

/// What the certificate says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    pub name: String,
    pub team: String,
    pub curriculum: String,
    /// When it was completed, as people read it (e.g. "23 November 2026").
    pub completed: String,
    /// Each step's title and the score it was passed with.
    pub steps: Vec<(String, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum CertificateError {
    #[error("cannot make the certificate: {0}")]
    Pdf(String),
}

const WIDTH: f32 = 297.0;
const HEIGHT: f32 = 210.0;

fn rgb(r: u8, g: u8, b: u8) -> Color {
    Color::Rgb(Rgb::new(
        f32::from(r) / 255.0,
        f32::from(g) / 255.0,
        f32::from(b) / 255.0,
        None,
    ))
}

/// Text centred on the page, its width estimated from the size (the font is proportional).
fn centred(layer: &PdfLayerReference, font: &IndirectFontRef, text: &str, size: f32, y: f32) {
    // Ubuntu Light averages about 0.43 em per character; 1 pt is 0.3528 mm.
    let width_mm = text.chars().count() as f32 * size * 0.43 * 0.3528;
    let x = ((WIDTH - width_mm) / 2.0).max(15.0);
    layer.use_text(text, size, Mm(x), Mm(y), font);
}

fn frame(layer: &PdfLayerReference) {
    layer.set_outline_color(rgb(110, 160, 230));
    layer.set_outline_thickness(2.5);
    let corners = [
        (10.0, 10.0),
        (WIDTH - 10.0, 10.0),
        (WIDTH - 10.0, HEIGHT - 10.0),
        (10.0, HEIGHT - 10.0),
    ];
    layer.add_line(Line {
        points: corners
            .iter()
            .map(|&(x, y)| (Point::new(Mm(x), Mm(y)), false))
            .collect(),
        is_closed: true,
    });
}

/// The certificate as PDF bytes.
pub fn certificate_pdf(c: &Certificate) -> Result<Vec<u8>, CertificateError> {
    let err = |e: printpdf::Error| CertificateError::Pdf(e.to_string());
    let title = format!("CARE certificate: {} — {}", c.curriculum, c.name);
    let (doc, page, layer) = PdfDocument::new(&title, Mm(WIDTH), Mm(HEIGHT), "certificate");
    let font = doc
        .add_external_font(Cursor::new(epaint_default_fonts::UBUNTU_LIGHT))
        .map_err(err)?;
    let layer = doc.get_page(page).get_layer(layer);
    frame(&layer);
    layer.set_fill_color(rgb(25, 25, 30));
    centred(&layer, &font, "Certificate of completion", 30.0, 165.0);
    centred(
        &layer,
        &font,
        "CARE — Customers Are Really Everything",
        12.0,
        153.0,
    );
    centred(&layer, &font, &c.name, 34.0, 128.0);
    if !c.team.is_empty() {
        centred(&layer, &font, &c.team, 12.0, 118.0);
    }
    centred(
        &layer,
        &font,
        "has completed the customer-service curriculum",
        13.0,
        104.0,
    );
    centred(&layer, &font, &c.curriculum, 22.0, 92.0);
    let mut y = 78.0;
    for (step, score) in c.steps.iter().take(8) {
        centred(&layer, &font, &format!("{step}: {score}"), 11.0, y);
        y -= 6.0;
    }
    centred(
        &layer,
        &font,
        &format!("Completed {}", c.completed),
        12.0,
        22.0,
    );
    doc.save_to_bytes().map_err(err)
}
