//! Twee 3 text to passages: headers (`:: Name [tags] {metadata}`), escapes, CRLF and a BOM.

use super::report::Warning;

/// One passage as written in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub name: String,
    pub tags: Vec<String>,
    /// The passage's text, without leading and trailing blank lines.
    pub text: String,
    /// 1-based line of the passage's header.
    pub line: usize,
}

/// The passages of `twee` in file order. A name declared twice keeps the first one's place and
/// the last one's content, with a warning; metadata that is not JSON is dropped with a warning.
pub fn passages(twee: &str, warnings: &mut Vec<Warning>) -> Vec<Passage> {
    let text = twee.strip_prefix('\u{feff}').unwrap_or(twee);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out: Vec<Passage> = Vec::new();
    let mut current: Option<Passage> = None;
    let mut body: Vec<&str> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let Some(header) = line.strip_prefix("::") else {
            if current.is_some() {
                body.push(line);
            }
            continue;
        };
        if let Some(p) = current.take() {
            add(&mut out, finish(p, &body), warnings);
        }
        body.clear();
        let (name, tags, metadata) = header_parts(header);
        if let Some(Err(error)) = metadata.map(check_metadata) {
            warnings.push(Warning::BadMetadata {
                passage: name.clone(),
                line: i + 1,
                error,
            });
        }
        if name.is_empty() {
            warnings.push(Warning::EmptyName { line: i + 1 });
            continue;
        }
        current = Some(Passage {
            name,
            tags,
            text: String::new(),
            line: i + 1,
        });
    }
    if let Some(p) = current.take() {
        add(&mut out, finish(p, &body), warnings);
    }
    out
}

fn finish(mut p: Passage, body: &[&str]) -> Passage {
    let lines: Vec<String> = body
        .iter()
        // A content line that starts with `::` is written `\::` so it is not read as a header.
        .map(|l| {
            l.strip_prefix("\\::")
                .map_or_else(|| (*l).to_owned(), |r| format!("::{r}"))
        })
        .collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    if let (Some(a), Some(b)) = (first, last) {
        p.text = lines[a..=b].join("\n");
    }
    p
}

fn add(out: &mut Vec<Passage>, p: Passage, warnings: &mut Vec<Warning>) {
    match out.iter_mut().find(|q| q.name == p.name) {
        Some(old) => {
            warnings.push(Warning::DuplicatePassage {
                name: p.name.clone(),
                first_line: old.line,
                line: p.line,
            });
            *old = p;
        }
        None => out.push(p),
    }
}

/// Splits a header (after `::`) into its unescaped name, its tags and its metadata text.
fn header_parts(header: &str) -> (String, Vec<String>, Option<&str>) {
    let mut name = String::new();
    let mut chars = header.char_indices();
    let mut rest = "";
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                if let Some((_, next)) = chars.next() {
                    name.push(next);
                }
            }
            '[' | '{' => {
                rest = &header[i..];
                break;
            }
            _ => name.push(c),
        }
    }
    let mut tags = Vec::new();
    let mut rest = rest.trim_start();
    if let Some(after) = rest.strip_prefix('[') {
        let end = after.find(']').unwrap_or(after.len());
        tags = after[..end].split_whitespace().map(str::to_owned).collect();
        rest = after.get(end + 1..).unwrap_or("").trim_start();
    }
    let metadata = rest.starts_with('{').then(|| rest.trim_end());
    let mut name = name.trim().to_owned();
    // Twee 2 wrote the position as `<x,y>` after the name or the tags.
    if let Some(cut) = twee2_position(&name) {
        name = name[..cut].trim_end().to_owned();
    }
    (name, tags, metadata)
}

/// Where a trailing Twee 2 position such as `<100,200>` starts in `name`, if it has one.
fn twee2_position(name: &str) -> Option<usize> {
    let inner = name.strip_suffix('>')?;
    let open = inner.rfind('<')?;
    let pos = &inner[open + 1..];
    let valid = !pos.is_empty()
        && pos
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
    valid.then_some(open)
}

fn check_metadata(text: &str) -> Result<(), String> {
    serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(text)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_keep_escaped_brackets_and_drop_positions() {
        let (name, tags, meta) = header_parts(r" Room \[1\] [dark  cold] {oops");
        assert_eq!(name, "Room [1]");
        assert_eq!(tags, ["dark", "cold"]);
        assert_eq!(meta, Some("{oops"));
        assert_eq!(header_parts(" Hall <100,200>").0, "Hall");
        assert_eq!(header_parts(" Hall [a] <100,200>").0, "Hall");
    }

    #[test]
    fn crlf_bom_and_escaped_headers_in_text() {
        let mut w = Vec::new();
        let ps = passages(
            "\u{feff}:: A\r\nOne\r\n\\:: not a header\r\n\r\n:: B\rTwo",
            &mut w,
        );
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].text, "One\n:: not a header");
        assert_eq!(ps[1].text, "Two");
        assert!(w.is_empty());
    }
}
