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
use crate::ids::AttemptId;

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

/// The most a record may unpack to: far above any real run (a long transcript is tens of
/// kilobytes), far below what a damaged or hostile record could make memory hold.
pub(crate) const MAX_UNPACKED: u64 = 16 * 1024 * 1024;

/// Unpacks the record of `attempt`, refusing one that unpacks to more than [`MAX_UNPACKED`].
pub(crate) fn decode(
    attempt: AttemptId,
    bytes: &[u8],
) -> Result<(Option<ScoreCard>, Option<Transcript>), StoreError> {
    let mut json = Vec::new();
    DeflateDecoder::new(bytes)
        .take(MAX_UNPACKED + 1)
        .read_to_end(&mut json)
        .map_err(|source| StoreError::Unpack {
            attempt: attempt.to_string(),
            source,
        })?;
    if json.len() as u64 > MAX_UNPACKED {
        return Err(StoreError::RecordTooLarge {
            attempt: attempt.to_string(),
            limit_mib: MAX_UNPACKED / (1024 * 1024),
        });
    }
    let v: In = serde_json::from_slice(&json).map_err(StoreError::corrupt("attempt record"))?;
    Ok((v.card, v.transcript))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: AttemptId = AttemptId(uuid::Uuid::from_u128(7));

    #[test]
    fn a_record_round_trips_through_the_shared_compressor() {
        let card: Option<&ScoreCard> = None;
        for _ in 0..3 {
            let bytes = encode(card, None);
            assert!(matches!(decode(ID, &bytes), Ok((None, None))));
        }
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        match decode(ID, b"not deflate") {
            Err(StoreError::Unpack { attempt, .. }) => assert_eq!(attempt, ID.to_string()),
            other => panic!("{other:?}"),
        }
        let mut enc = DeflateEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(b"{\"nope\":1").expect("write");
        let bytes = enc.finish().expect("finish");
        assert!(matches!(
            decode(ID, &bytes),
            Err(StoreError::Corrupt { .. })
        ));
        let empty = encode(None, None);
        assert!(matches!(decode(ID, &empty), Ok((None, None))));
    }

    #[test]
    fn a_record_that_unpacks_to_too_much_is_refused_by_name() {
        // A few tens of kilobytes that would unpack to a gigabyte of spaces.
        let mut enc = DeflateEncoder::new(Vec::new(), Compression::best());
        let block = vec![b' '; 1024 * 1024];
        for _ in 0..(MAX_UNPACKED / block.len() as u64 + 1) {
            enc.write_all(&block).expect("write");
        }
        let bomb = enc.finish().expect("finish");
        assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
        let e = decode(ID, &bomb).expect_err("too large");
        assert!(matches!(e, StoreError::RecordTooLarge { .. }), "{e:?}");
        let message = e.to_string();
        assert!(message.contains(&ID.to_string()), "{message}");
    }
}
