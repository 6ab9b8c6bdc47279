//! Passages that are not scenes: Twee's and Tweego's special passages and the tags story formats
//! reserve for code, styles and page furniture.

use super::report::SkipReason;

/// Why `name` with `tags` is not a scene of the story, or `None` when it is one.
pub fn skip_reason(name: &str, tags: &[String]) -> Option<SkipReason> {
    if let Some(r) = by_name(name) {
        return Some(r);
    }
    tags.iter()
        .find(|t| reserved_tag(t))
        .map(|t| SkipReason::Tagged(t.clone()))
}

fn by_name(name: &str) -> Option<SkipReason> {
    Some(match name {
        "StoryTitle" | "StoryData" => SkipReason::StoryData,
        // Tweego's and Twine 1's build settings.
        "StoryIncludes" | "StorySettings" => SkipReason::Build,
        // Run by SugarCube (and Twine 1 formats) when the story starts or around every passage.
        "StoryInit" | "PassageReady" | "PassageDone" => SkipReason::Code,
        // Shown around every passage: menus, banners, captions, headers and footers.
        "StoryMenu" | "StoryCaption" | "StoryBanner" | "StoryAuthor" | "StorySubtitle"
        | "StoryDisplayTitle" | "StoryShare" | "StoryInterface" | "PassageHeader"
        | "PassageFooter" | "MenuOptions" | "MenuShare" | "MenuStory" => SkipReason::PageParts,
        _ => return None,
    })
}

/// Tags that make a passage code, style, media or page furniture in some story format.
fn reserved_tag(tag: &str) -> bool {
    matches!(
        tag,
        // Twine and Tweego.
        "script" | "stylesheet" | "Twine.private" | "Twine.image" | "Twine.audio"
            | "Twine.video" | "Twine.vtt"
            // SugarCube.
            | "widget" | "init"
            // Harlowe.
            | "header" | "footer" | "startup" | "debug-header" | "debug-footer" | "debug-startup"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_names_and_tags_are_skipped_and_scenes_are_not() {
        assert_eq!(skip_reason("StoryInit", &[]), Some(SkipReason::Code));
        assert_eq!(skip_reason("StoryMenu", &[]), Some(SkipReason::PageParts));
        assert_eq!(
            skip_reason("Tools", &["widget".into()]),
            Some(SkipReason::Tagged("widget".into()))
        );
        assert_eq!(skip_reason("Storyinit", &["nobr".into()]), None);
    }
}
