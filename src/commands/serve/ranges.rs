//! What a `Range` header asks of a representation of known length (RFC 9110 §14.1.2), and
//! the `multipart/byteranges` body that answers several ranges at once (RFC 9110 §14.6).

use bytes::Bytes;

/// The most ranges one request may ask for; past that the header is ignored and the whole
/// representation sent, as RFC 9110 §14.2 allows (many small ranges are a known way to make
/// a server work hard for little).
pub const MAX_RANGES: usize = 16;

/// The separator of the parts of a `multipart/byteranges` body; never in the generated
/// files' bytes that matter to a learner, and fixed so that a test can show a whole body.
pub const BOUNDARY: &str = "hit-serve-byteranges";

/// What to answer a `Range` header with.
#[derive(Debug, PartialEq, Eq)]
pub enum Asked {
    /// The whole representation (200): no `Range`, another unit, a header that does not
    /// parse, or too many ranges (RFC 9110 §14.2: a server may ignore the field).
    Whole,
    /// 416: no range overlaps the representation.
    Unsatisfiable,
    /// 206: the satisfiable ranges, as inclusive `(first, last)` byte positions, in the
    /// order asked.
    Parts(Vec<(u64, u64)>),
}

/// Reads `bytes=0-99`, `bytes=100-`, `bytes=-100` and lists of them against a length.
pub fn asked(header: Option<&str>, len: u64) -> Asked {
    let Some(value) = header else {
        return Asked::Whole;
    };
    let Some((unit, set)) = value.trim().split_once('=') else {
        return Asked::Whole;
    };
    if !unit.trim().eq_ignore_ascii_case("bytes") {
        return Asked::Whole;
    }
    let specs: Vec<&str> = set
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if specs.is_empty() || specs.len() > MAX_RANGES {
        return Asked::Whole;
    }
    let mut parts = Vec::new();
    for spec in specs {
        match spec_range(spec, len) {
            Spec::Invalid => return Asked::Whole,
            Spec::Outside => {}
            Spec::Inside(first, last) => parts.push((first, last)),
        }
    }
    if parts.is_empty() {
        Asked::Unsatisfiable
    } else {
        Asked::Parts(parts)
    }
}

enum Spec {
    Invalid,
    Outside,
    Inside(u64, u64),
}

/// One `first-last`, `first-` or `-suffix` (RFC 9110 §14.1.2): a range past the end is
/// unsatisfiable; a last position past the end, or a suffix longer than the whole, is cut
/// to what there is.
fn spec_range(spec: &str, len: u64) -> Spec {
    let Some((first, last)) = spec.split_once('-') else {
        return Spec::Invalid;
    };
    let number = |text: &str| {
        let text = text.trim();
        let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        if digits {
            text.parse::<u64>().ok()
        } else {
            None
        }
    };
    if first.trim().is_empty() {
        return match number(last) {
            None => Spec::Invalid,
            Some(0) => Spec::Outside,
            Some(_) if len == 0 => Spec::Outside,
            Some(suffix) => Spec::Inside(len - suffix.min(len), len - 1),
        };
    }
    let Some(first) = number(first) else {
        return Spec::Invalid;
    };
    let last = if last.trim().is_empty() {
        u64::MAX
    } else {
        match number(last) {
            Some(last) if last >= first => last,
            _ => return Spec::Invalid,
        }
    };
    if first >= len {
        return Spec::Outside;
    }
    Spec::Inside(first, last.min(len - 1))
}

/// A piece of a response body: text of ours, or a range of the representation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RangePiece {
    Text(Bytes),
    /// Bytes `start..end` of the representation.
    Bytes {
        start: u64,
        end: u64,
    },
}

impl RangePiece {
    pub fn len(&self) -> u64 {
        match self {
            RangePiece::Text(text) => text.len() as u64,
            RangePiece::Bytes { start, end } => end - start,
        }
    }
}

/// The pieces of a `multipart/byteranges` body: for each range, a boundary, its
/// `Content-Type` and `Content-Range`, and its bytes; then the closing boundary.
pub fn multipart(parts: &[(u64, u64)], len: u64, content_type: &str) -> Vec<RangePiece> {
    let mut pieces = Vec::new();
    for (i, (first, last)) in parts.iter().enumerate() {
        let lead = if i == 0 { "" } else { "\r\n" };
        let head = format!(
            "{lead}--{BOUNDARY}\r\nContent-Type: {content_type}\r\n\
             Content-Range: bytes {first}-{last}/{len}\r\n\r\n"
        );
        pieces.push(RangePiece::Text(Bytes::from(head)));
        pieces.push(RangePiece::Bytes {
            start: *first,
            end: last + 1,
        });
    }
    pieces.push(RangePiece::Text(Bytes::from(format!(
        "\r\n--{BOUNDARY}--\r\n"
    ))));
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_follow_rfc_9110_section_14_1_2() {
        let parts = |header: &str, len: u64| asked(Some(header), len);
        assert_eq!(parts("bytes=0-99", 1000), Asked::Parts(vec![(0, 99)]));
        assert_eq!(parts("bytes=900-", 1000), Asked::Parts(vec![(900, 999)]));
        assert_eq!(parts("bytes=-100", 1000), Asked::Parts(vec![(900, 999)]));
        assert_eq!(parts("bytes=-5000", 1000), Asked::Parts(vec![(0, 999)]));
        assert_eq!(
            parts("bytes=990-2000", 1000),
            Asked::Parts(vec![(990, 999)])
        );
        assert_eq!(
            parts("Bytes = 0-0, -1", 1000),
            Asked::Parts(vec![(0, 0), (999, 999)])
        );
        assert_eq!(
            parts("bytes=0-1,5000-6000", 1000),
            Asked::Parts(vec![(0, 1)])
        );
        assert_eq!(parts("bytes=1000-", 1000), Asked::Unsatisfiable);
        assert_eq!(parts("bytes=-0", 1000), Asked::Unsatisfiable);
        assert_eq!(parts("bytes=0-", 0), Asked::Unsatisfiable);
        assert_eq!(parts("bytes=-1", 0), Asked::Unsatisfiable);
        for ignored in [
            "items=0-1",
            "bytes=5-1",
            "bytes=a-",
            "bytes=",
            "bytes 0-1",
            "bytes=+1-2",
        ] {
            assert_eq!(parts(ignored, 1000), Asked::Whole, "{ignored}");
        }
        let many = format!("bytes={}", vec!["0-0"; MAX_RANGES + 1].join(","));
        assert_eq!(parts(&many, 1000), Asked::Whole);
        assert_eq!(asked(None, 1000), Asked::Whole);
    }

    #[test]
    fn a_multipart_body_has_a_head_per_part_and_a_closing_boundary() {
        let pieces = multipart(&[(0, 1), (8, 9)], 10, "text/plain");
        let text: Vec<String> = pieces
            .iter()
            .map(|piece| match piece {
                RangePiece::Text(text) => String::from_utf8_lossy(text).into_owned(),
                RangePiece::Bytes { start, end } => format!("<{start}..{end}>"),
            })
            .collect();
        assert_eq!(
            text.concat(),
            "--hit-serve-byteranges\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-1/10\
             \r\n\r\n<0..2>\r\n--hit-serve-byteranges\r\nContent-Type: text/plain\r\n\
             Content-Range: bytes 8-9/10\r\n\r\n<8..10>\r\n--hit-serve-byteranges--\r\n"
        );
    }
}
