//! multipart/form-data (RFC 7578), encoded by hit so that the boundary, the length and the
//! bytes of each part head are part of the request as sent, before anything is sent.

use std::path::PathBuf;

/// A multipart/form-data body: its boundary and its parts. File contents are streamed from
/// disk when the request is sent; everything else is known here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Multipart {
    pub boundary: String,
    pub parts: Vec<Part>,
}

/// One part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text {
        name: String,
        value: String,
        /// `-F 'name=value;type=…'`: a Content-Type for the part.
        mime: Option<String>,
    },
    File {
        name: String,
        path: PathBuf,
        /// The Content-Type sent for it.
        mime: String,
        /// The size of the file when the request was prepared.
        len: u64,
        /// `-F 'name=@path;filename=…'`: the file name sent in place of the path's.
        filename: Option<String>,
    },
}

impl Multipart {
    /// Parts under a fresh random boundary.
    pub fn new(parts: Vec<Part>) -> Multipart {
        let boundary = format!("hit-{}", uuid::Uuid::new_v4().simple());
        Multipart { boundary, parts }
    }

    /// The Content-Type header value.
    pub fn content_type(&self) -> String {
        format!("multipart/form-data; boundary={}", self.boundary)
    }

    /// The bytes before a part's content: the boundary line and the part's headers.
    pub fn head(&self, part: &Part) -> Vec<u8> {
        let mut head = format!(
            "--{}\r\nContent-Disposition: form-data; name=\"",
            self.boundary
        );
        match part {
            Part::Text { name, mime, .. } => {
                head.push_str(&escaped(name));
                head.push_str("\"\r\n");
                if let Some(mime) = mime {
                    head.push_str("Content-Type: ");
                    head.push_str(mime);
                    head.push_str("\r\n");
                }
                head.push_str("\r\n");
            }
            Part::File {
                name,
                path,
                mime,
                filename,
                ..
            } => {
                head.push_str(&escaped(name));
                head.push('"');
                let file_name = match filename {
                    Some(given) => Some(given.clone()),
                    None => path.file_name().map(|n| n.to_string_lossy().into_owned()),
                };
                if let Some(file_name) = file_name {
                    head.push_str("; filename=\"");
                    head.push_str(&escaped(&file_name));
                    head.push('"');
                }
                head.push_str("\r\nContent-Type: ");
                head.push_str(mime);
                head.push_str("\r\n\r\n");
            }
        }
        head.into_bytes()
    }

    /// What ends each part's content.
    pub const PART_END: &'static [u8] = b"\r\n";

    /// The closing boundary.
    pub fn tail(&self) -> Vec<u8> {
        format!("--{}--\r\n", self.boundary).into_bytes()
    }

    /// The length of the whole body, for Content-Length.
    pub fn len(&self) -> u64 {
        let parts: u64 = self
            .parts
            .iter()
            .map(|part| {
                let content = match part {
                    Part::Text { value, .. } => value.len() as u64,
                    Part::File { len, .. } => *len,
                };
                self.head(part).len() as u64 + content + Self::PART_END.len() as u64
            })
            .sum();
        parts + self.tail().len() as u64
    }
}

/// A name inside a quoted Content-Disposition parameter, escaped as browsers do (the HTML
/// standard's form-data encoding): `"` as `%22`, CR as `%0D`, LF as `%0A`.
fn escaped(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_parts_and_counts_them() {
        let form = Multipart {
            boundary: "B".into(),
            parts: vec![
                Part::Text {
                    name: "a\"b".into(),
                    value: "1".into(),
                    mime: None,
                },
                Part::File {
                    name: "f".into(),
                    path: "dir/x.csv".into(),
                    mime: "text/csv".into(),
                    len: 3,
                    filename: None,
                },
                Part::Text {
                    name: "t".into(),
                    value: "2".into(),
                    mime: Some("text/plain".into()),
                },
                Part::File {
                    name: "g".into(),
                    path: "dir/y.bin".into(),
                    mime: "text/html".into(),
                    len: 1,
                    filename: Some("z.htm".into()),
                },
            ],
        };
        let mut body = Vec::new();
        body.extend(form.head(&form.parts[0]));
        body.extend(b"1\r\n");
        body.extend(form.head(&form.parts[1]));
        body.extend(b"a,b\r\n");
        body.extend(form.head(&form.parts[2]));
        body.extend(b"2\r\n");
        body.extend(form.head(&form.parts[3]));
        body.extend(b"<\r\n");
        body.extend(form.tail());
        assert_eq!(
            String::from_utf8_lossy(&body),
            "--B\r\nContent-Disposition: form-data; name=\"a%22b\"\r\n\r\n1\r\n\
             --B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.csv\"\r\n\
             Content-Type: text/csv\r\n\r\na,b\r\n\
             --B\r\nContent-Disposition: form-data; name=\"t\"\r\nContent-Type: text/plain\r\n\r\n2\r\n\
             --B\r\nContent-Disposition: form-data; name=\"g\"; filename=\"z.htm\"\r\n\
             Content-Type: text/html\r\n\r\n<\r\n--B--\r\n"
        );
        assert_eq!(form.len(), body.len() as u64);
        assert!(
            Multipart::new(vec![])
                .content_type()
                .starts_with("multipart/form-data; boundary=hit-")
        );
    }
}
