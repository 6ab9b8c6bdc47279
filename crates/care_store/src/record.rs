//! An attempt's score card and transcript as stored: JSON, deflate-compressed.

use std::io::Read;

use care_engine::ScoreCard;
use care_engine::transcript::Transcript;
use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
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

/// Packs a card and transcript. Level 3 keeps a save well under a millisecond.
pub(crate) fn encode(card: Option<&ScoreCard>, transcript: Option<&Transcript>) -> Vec<u8> {
    let mut enc = DeflateEncoder::new(Vec::new(), Compression::new(3));
    // Writing to a Vec cannot fail, and the types always serialize.
    let _ = serde_json::to_writer(&mut enc, &Out { card, transcript });
    enc.finish().unwrap_or_default()
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
    use std::io::Write;

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
