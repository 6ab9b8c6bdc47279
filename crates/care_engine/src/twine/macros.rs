//! Links that story formats write as macros: SugarCube's `<<link>>`, `<<goto>>`, `<<actions>>`,
//! Harlowe's `(link-goto:)` and `(go-to:)`, Chapbook's `{link to:}`, Snowman's `data-passage`.

use super::links::{Link, all_square, arguments, literal, quoted};

/// Links in a SugarCube macro call `<<name args>>`.
pub fn sugarcube(name: &str, args: &str) -> Vec<Link> {
    let name = name.to_ascii_lowercase();
    if !matches!(
        name.as_str(),
        "link" | "button" | "click" | "goto" | "actions" | "choice" | "back" | "return"
    ) {
        return Vec::new();
    }
    let square = all_square(args);
    if !square.is_empty() {
        return square;
    }
    let q = quoted(args);
    match (name.as_str(), q.as_slice()) {
        ("link" | "button" | "click" | "back" | "return", [text, target, ..]) => {
            vec![Link::new(text, target)]
        }
        ("goto", [target, ..]) => vec![Link::new(target, target)],
        ("actions" | "choice", names) => names.iter().map(|n| Link::new(n, n)).collect(),
        _ => Vec::new(),
    }
}

/// A Harlowe macro's name in its canonical form: lower case, without `-` and `_`.
pub fn harlowe_name(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Links in a Harlowe macro call `(name: args)`; `name` as [`harlowe_name`] gives it. A target
/// worked out while playing (`(history:)'s last`, `(either: …)`) is no link.
pub fn harlowe(name: &str, args: &str) -> Vec<Link> {
    let args: Vec<Option<String>> = arguments(args).into_iter().map(literal).collect();
    let link = match (name, args.as_slice()) {
        ("linkgoto" | "linkrevealgoto", [Some(target)]) => Some(Link::new(target, target)),
        ("linkgoto" | "linkrevealgoto", [text, Some(target), ..]) => {
            Some(Link::new(text.as_deref().unwrap_or(target), target))
        }
        ("goto" | "redirect", [Some(target)]) => Some(Link::new(target, target)),
        ("clickgoto" | "mouseovergoto" | "mouseoutgoto", [.., Some(target)]) => {
            Some(Link::new(target, target))
        }
        _ => None,
    };
    link.into_iter().collect()
}

/// Links in a Chapbook insert `{link to: 'Target', label: 'Text'}`.
pub fn chapbook(name: &str, inner: &str) -> Vec<Link> {
    if !name.eq_ignore_ascii_case("link to") {
        return Vec::new();
    }
    let (to, label) = match inner.find("label:") {
        Some(i) => (&inner[..i], Some(&inner[i..])),
        None => (inner, None),
    };
    let Some(target) = quoted(to).into_iter().next() else {
        return Vec::new();
    };
    let text = label
        .and_then(|l| quoted(l).into_iter().next())
        .unwrap_or_default();
    vec![Link::new(&text, &target)]
}

/// The passage an HTML tag such as `<a data-passage="Hall">` names.
pub fn data_passage(tag: &str) -> Option<String> {
    let i = tag.to_ascii_lowercase().find("data-passage")?;
    let rest = tag[i + "data-passage".len()..].trim_start();
    let value = rest.strip_prefix('=')?;
    quoted(value).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(links: Vec<Link>) -> Vec<(String, String)> {
        links.into_iter().map(|l| (l.text, l.target)).collect()
    }

    #[test]
    fn macro_links_in_each_format() {
        let p = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(
            pairs(sugarcube("link", r#" "Open" "Hall""#)),
            [p("Open", "Hall")]
        );
        assert_eq!(
            pairs(sugarcube("link", " [[Open|Hall][$o to 1]]")),
            [p("Open", "Hall")]
        );
        assert_eq!(pairs(sugarcube("goto", " 'Hall'")), [p("Hall", "Hall")]);
        assert!(sugarcube("include", " [[Hall]]").is_empty());
        assert_eq!(harlowe_name("Link-Goto"), "linkgoto");
        assert_eq!(
            pairs(harlowe("linkgoto", r#" "Open", "Hall""#)),
            [p("Open", "Hall")]
        );
        assert_eq!(
            pairs(harlowe("clickgoto", r#" ?door, "Hall""#)),
            [p("Hall", "Hall")]
        );
        assert_eq!(
            pairs(chapbook("link to", "link to: 'Hall', label: 'Open'")),
            [p("Open", "Hall")]
        );
        assert_eq!(
            data_passage(r#"<a class="x" data-passage="Hall">"#).as_deref(),
            Some("Hall")
        );
    }
}
