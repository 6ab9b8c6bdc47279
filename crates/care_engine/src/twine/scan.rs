//! A passage's text read as its story format shows it: prose, links, and code. Comments go,
//! code regions and macro calls become short notes the author can see, links are collected.

use super::links::{Link, square};
use super::macros;

/// The story format, as far as reading passages goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Harlowe,
    SugarCube,
    Chapbook,
    Snowman,
    /// Not named (Twine 1 or a hand-written file) or another format: only markup every format
    /// shares is read as code.
    Other,
}

impl Format {
    /// The format's name as Twine shows it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Harlowe => "Harlowe",
            Format::SugarCube => "SugarCube",
            Format::Chapbook => "Chapbook",
            Format::Snowman => "Snowman",
            Format::Other => "an unknown format",
        }
    }

    /// The format StoryData's `format` names.
    pub fn from_name(name: &str) -> Format {
        let n = name.to_ascii_lowercase();
        if n.contains("harlowe") {
            Format::Harlowe
        } else if n.contains("sugarcube") {
            Format::SugarCube
        } else if n.contains("chapbook") {
            Format::Chapbook
        } else if n.contains("snowman") {
            Format::Snowman
        } else {
            Format::Other
        }
    }
}

/// A passage's text, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scanned {
    /// What a player reads, with notes such as `[code: <<set>>]`; braces not yet escaped.
    pub prose: String,
    /// Links in the order they appear, repeats included.
    pub links: Vec<Link>,
}

/// Reads `text` as `format` shows it.
pub fn scan(text: &str, format: Format) -> Scanned {
    let text = if format == Format::Chapbook {
        super::chapbook::sections(text)
    } else {
        text.to_owned()
    };
    let mut s = Scanner {
        format,
        out: Scanned::default(),
        label: None,
    };
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        match s.token(rest) {
            Some(used) => rest = &rest[used..],
            None => {
                s.out.prose.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    s.out.prose = tidy(&s.out.prose);
    s.out
}

struct Scanner {
    format: Format,
    out: Scanned,
    /// The text of a link whose only effect is a go-to inside it: `<<link "Text">><<goto "X">>`,
    /// `(link: "Text")[(go-to: "X")]`. The go-to's link takes it.
    label: Option<String>,
}

/// Comments: removed, like the story format does. Unclosed, they run to the end.
const COMMENTS: [(&str, &str); 3] = [("/*", "*/"), ("<!--", "-->"), ("/%", "%/")];

/// Code regions: opening, closing (matched without regard to case), and the note left.
const CODE: [(&str, &str, &str); 5] = [
    ("{{{", "}}}", "code: verbatim"),
    ("<<script", "<</script>>", "code: script"),
    ("<script", "</script>", "code: script"),
    ("<style", "</style>", "code: style"),
    ("<%", "%>", "code"),
];

impl Scanner {
    /// Reads the markup `rest` starts with, if any; how many bytes it took.
    fn token(&mut self, rest: &str) -> Option<usize> {
        for (open, close) in COMMENTS {
            if rest.starts_with(open) {
                return Some(find_ci(rest, close, open.len()).unwrap_or(rest.len()));
            }
        }
        for (open, close, note) in CODE {
            if starts_ci(rest, open)
                && let Some(end) = find_ci(rest, close, open.len())
            {
                self.note(note);
                return Some(end);
            }
        }
        if rest.starts_with("<<") {
            return self.sugarcube_macro(rest);
        }
        if rest.starts_with("[[") {
            let (link, used) = square(rest)?;
            self.out.links.push(link);
            return Some(used);
        }
        if starts_ci(rest, "<a ") || starts_ci(rest, "<a\n") {
            return self.html_link(rest);
        }
        match self.format {
            Format::Harlowe if rest.starts_with('(') => self.harlowe_macro(rest),
            // Harlowe's braces collapse whitespace and its brackets mark hooks: never shown.
            Format::Harlowe if rest.starts_with(['{', '}', '[', ']']) => Some(1),
            // After a letter or a brace, a brace is LaTeX (`\frac{a}{b}`), not an insert.
            Format::Chapbook
                if rest.starts_with('{')
                    && !self
                        .out
                        .prose
                        .ends_with(|c: char| c.is_alphanumeric() || c == '}') =>
            {
                self.chapbook_insert(rest)
            }
            _ => None,
        }
    }

    /// A note in the prose; the same note twice in a row is written once.
    fn note(&mut self, note: &str) {
        let note = format!("[{note}]");
        if !self.out.prose.trim_end().ends_with(&note) {
            self.out.prose.push_str(&note);
        }
    }

    /// `<<name args>>`, `<</name>>`, `<<= expr>>`.
    fn sugarcube_macro(&mut self, rest: &str) -> Option<usize> {
        let end = close_outside_quotes(rest, 2, ">>", None)?;
        let inner = &rest[2..end - 2];
        if let Some(closing) = inner.strip_prefix('/') {
            // The end of a container macro (`<</if>>`): its opening tag left the note.
            if matches!(closing.trim(), "link" | "button") {
                self.label = None;
            }
            return Some(end);
        }
        if inner.starts_with(['=', '-']) {
            self.note("code: <<print>>");
            return Some(end);
        }
        let name_len = inner
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(inner.len());
        let (name, args) = inner.split_at(name_len);
        if name.is_empty() {
            return None;
        }
        let links = macros::sugarcube(name, args);
        if links.is_empty()
            && matches!(name, "link" | "button")
            && let [label] = super::links::quoted(args).as_slice()
        {
            self.label = Some(label.clone());
            return Some(end);
        }
        if links.is_empty() {
            self.note(&format!("code: <<{name}>>"));
        }
        self.add(links, name == "goto");
        Some(end)
    }

    /// `(name: args)`, brackets and quotes inside counted.
    fn harlowe_macro(&mut self, rest: &str) -> Option<usize> {
        let body = &rest[1..];
        let name_len = body.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))?;
        let (name, after) = body.split_at(name_len);
        if name.is_empty() || !after.starts_with(':') {
            return None;
        }
        let end = close_outside_quotes(rest, 1, ")", Some('('))?;
        let canonical = macros::harlowe_name(name);
        let args = &rest[1 + name_len + 1..end - 1];
        let links = macros::harlowe(&canonical, args);
        if matches!(canonical.as_str(), "link" | "linkreveal" | "linkrepeat")
            && let Some(label) = super::links::arguments(args)
                .first()
                .and_then(|a| super::links::literal(a))
            && hook_goes_to(&rest[end..])
        {
            self.label = Some(label);
            return Some(end);
        }
        if links.is_empty() {
            self.note(&format!("code: ({name}:)"));
        }
        self.add(links, matches!(canonical.as_str(), "goto" | "redirect"));
        Some(end)
    }

    /// Adds `links`; a go-to's link takes the text of the link it is in.
    fn add(&mut self, mut links: Vec<Link>, go_to: bool) {
        if go_to && let (Some(label), [link]) = (self.label.take(), links.as_mut_slice()) {
            link.text = label;
        }
        self.out.links.extend(links);
    }

    /// `{insert}`, on one line: `{embed passage: 'X'}`, `{link to: 'X'}`, `{hasKey}`.
    fn chapbook_insert(&mut self, rest: &str) -> Option<usize> {
        if !rest[1..]
            .trim_start()
            .starts_with(|c: char| c.is_alphabetic())
        {
            return None;
        }
        let end = close_outside_quotes(rest, 1, "}", Some('{'))?;
        let inner = rest[1..end - 1].trim();
        if inner.contains('\n') {
            return None;
        }
        let name = inner.split([':', ',']).next().unwrap_or(inner).trim();
        let links = macros::chapbook(name, inner);
        if links.is_empty() {
            self.note(&format!("insert: {name}"));
        }
        self.out.links.extend(links);
        Some(end)
    }

    /// `<a … data-passage="X">Text</a>`; other anchors are left as they are.
    fn html_link(&mut self, rest: &str) -> Option<usize> {
        let tag_end = rest.find('>')? + 1;
        let target = macros::data_passage(&rest[..tag_end])?;
        let close = find_ci(rest, "</a>", tag_end)?;
        let text = &rest[tag_end..close - "</a>".len()];
        self.out.links.push(Link::new(text, &target));
        Some(close)
    }
}

/// Whether `s` starts with a Harlowe hook that goes to another passage: `[… (go-to: …) …]`.
fn hook_goes_to(s: &str) -> bool {
    if !s.starts_with('[') {
        return false;
    }
    let end = close_outside_quotes(s, 1, "]", Some('[')).unwrap_or(s.len());
    let hook = s[..end].to_ascii_lowercase();
    hook.contains("(go-to:") || hook.contains("(goto:")
}

/// Whether `s` starts with `prefix`, ignoring ASCII case.
fn starts_ci(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// The byte index just past the first `needle` in `s` at or after `from`, ignoring ASCII case.
fn find_ci(s: &str, needle: &str, from: usize) -> Option<usize> {
    let lower = s.get(from..)?.to_ascii_lowercase();
    lower
        .find(&needle.to_ascii_lowercase())
        .map(|i| from + i + needle.len())
}

/// The byte index just past the `close` that ends a construct whose body starts at `from`,
/// skipping quoted strings and, with `nest`, nested `nest`…`close` pairs.
fn close_outside_quotes(s: &str, from: usize, close: &str, nest: Option<char>) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    let mut chars = s.get(from..)?.char_indices();
    while let Some((i, c)) = chars.next() {
        let before = std::mem::replace(&mut prev, c);
        if let Some(q) = quote {
            if c == '\\' {
                chars.next();
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' | '`' if super::links::opens_quote(before) => quote = Some(c),
            c if Some(c) == nest => depth += 1,
            _ if s[from + i..].starts_with(close) => {
                if depth == 0 {
                    return Some(from + i + close.len());
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}

/// Lines trimmed of spaces and of the `\\` that joins lines in Harlowe and SugarCube, runs of
/// blank lines made one, and no blank lines at either end.
fn tidy(prose: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let lines = prose.lines().map(|l| {
        let l = l.trim();
        let l = l.strip_prefix('\\').unwrap_or(l);
        l.strip_suffix('\\').unwrap_or(l).trim()
    });
    for line in lines {
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(s: &Scanned) -> Vec<&str> {
        s.links.iter().map(|l| l.target.as_str()).collect()
    }

    #[test]
    fn code_regions_hide_their_links_and_leave_notes() {
        let s = scan(
            "Hi. /* [[Gone]] */<!-- [[Gone]] -->{{{ [[Gone]] }}}\n<<script>>go('[[Gone]]')<</script>>\n<<set $x to 1>><<set $y to \">>\">>[[Hall]]",
            Format::SugarCube,
        );
        assert_eq!(targets(&s), ["Hall"]);
        assert_eq!(
            s.prose,
            "Hi. [code: verbatim]\n[code: script]\n[code: <<set>>]"
        );
    }

    #[test]
    fn macros_links_per_format() {
        let s = scan(
            "(set: $a to (a: 1))(link-goto: \"Go\", \"Hall\")(if: $a)[ok]",
            Format::Harlowe,
        );
        assert_eq!(targets(&s), ["Hall"]);
        assert_eq!(s.prose, "[code: (set:)][code: (if:)]ok");
        let s = scan(
            "(link: \"Leave\")[(set: $left to true)(go-to: \"Street\")] (link: \"Look\")[Nice.]",
            Format::Harlowe,
        );
        assert_eq!(s.links, [Link::new("Leave", "Street")]);
        let s = scan(
            "<<link \"Leave\">><<set $left to true>><<goto \"Street\">><</link>><<goto 'Hall'>>",
            Format::SugarCube,
        );
        assert_eq!(
            s.links,
            [Link::new("Leave", "Street"), Link::new("Hall", "Hall")]
        );
        let s = scan("(note: not a macro) {x}", Format::SugarCube);
        assert_eq!(s.prose, "(note: not a macro) {x}");
        let s = scan(
            "{embed passage: 'Map'} {link to: 'Hall', label: 'Go'}",
            Format::Chapbook,
        );
        assert_eq!(targets(&s), ["Hall"]);
        assert_eq!(s.prose, "[insert: embed passage]");
        let s = scan(
            "<a href=\"#\" data-passage=\"Hall\">Go</a> <% s.x = 1 %>",
            Format::Snowman,
        );
        assert_eq!(targets(&s), ["Hall"]);
        assert_eq!(s.prose, "[code]");
    }
}
