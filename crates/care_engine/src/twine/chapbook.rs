//! Chapbook's line-level parts: the vars section above `--` and the `[JavaScript]`, `[CSS]` and
//! `[note]` sections that modifiers open. Code becomes a note; notes to the author go.

/// `text` with Chapbook's code sections replaced by a note line and its notes removed.
pub fn sections(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<&str> = Vec::new();
    let mut start = 0;
    if let Some(sep) = lines.iter().position(|l| l.trim() == "--") {
        let vars = &lines[..sep];
        if vars.iter().all(|l| l.trim().is_empty() || l.contains(':')) {
            out.push("[code: vars section]");
            start = sep + 1;
        }
    }
    let mut skipping = false;
    for line in &lines[start..] {
        match modifier(line) {
            Some(m) if m.eq_ignore_ascii_case("javascript") => {
                out.push("[code: JavaScript section]");
                skipping = true;
            }
            Some(m) if m.eq_ignore_ascii_case("css") => {
                out.push("[code: CSS section]");
                skipping = true;
            }
            Some(m) if is_note(m) => skipping = true,
            Some(_) => {
                skipping = false;
                out.push(line);
            }
            None if !skipping => out.push(line),
            None => {}
        }
    }
    out.join("\n")
}

/// The inside of a modifier line such as `[after 2s]`, which is a line of its own.
fn modifier(line: &str) -> Option<&str> {
    let t = line.trim();
    if t.starts_with("[[") {
        return None;
    }
    let inner = t.strip_prefix('[')?.strip_suffix(']')?;
    (!inner.contains(['[', ']'])).then(|| inner.trim())
}

fn is_note(m: &str) -> bool {
    let m = m.to_ascii_lowercase();
    m.starts_with("note") || matches!(m.as_str(), "n.b." | "nb" | "fixme" | "todo")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_and_notes_leave_and_other_modifiers_stay() {
        let text = "hasKey: false\n--\nHello.\n[JavaScript]\nengine.state.set('x', 1);\n[continue]\nAfter.\n[note]\nfix this\n[after 2s]\nLater.";
        assert_eq!(
            sections(text),
            "[code: vars section]\nHello.\n[code: JavaScript section]\n[continue]\nAfter.\n[after 2s]\nLater."
        );
    }
}
