//! Where learning records go and how they are labelled: a RON file in the platform config folder
//! (owner-only), overridden field by field by environment variables. Secrets never print.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use url::Url;

use crate::error::ConfigError;

/// File name of the learning-record settings inside the config folder.
pub const CONFIG_FILE: &str = "learning-records.ron";
/// Names another settings file instead of the one in the config folder.
pub const CONFIG_ENV: &str = "CARE_LRS_CONFIG";
pub const ENDPOINT_ENV: &str = "CARE_LRS_ENDPOINT";
pub const USERNAME_ENV: &str = "CARE_LRS_USERNAME";
pub const PASSWORD_ENV: &str = "CARE_LRS_PASSWORD";
pub const HOMEPAGE_ENV: &str = "CARE_LRS_HOMEPAGE";
pub const ACTIVITY_BASE_ENV: &str = "CARE_LRS_ACTIVITY_BASE";

/// A password: usable, never shown.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"(hidden)\"")
    }
}

/// The settings file as written by people.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawConfig {
    /// The LRS's xAPI endpoint, e.g. `https://lrs.example.com/xAPI/`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// The organisation's web address: employees are identified as accounts on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
    /// The base of the IRIs naming scenarios, beats and score extensions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity_base: Option<String>,
    /// The base of the per-dimension result extensions (default: `<activity_base>/extensions/`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension_base: Option<String>,
    /// Also send an `answered` statement for every reply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_answered: Option<bool>,
    /// The scenario pack's name, sent as the statements' category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pack: Option<String>,
    /// Statements per request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch_size: Option<usize>,
}

/// How statements are labelled. Enough to queue them, even before an LRS is reachable.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Exactly as configured: other tools must name employees with the same text.
    pub homepage: String,
    pub activity_base: Url,
    pub extension_base: Url,
    pub send_answered: bool,
    /// The scenario pack's name.
    pub pack: String,
}

/// Where statements are sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// The xAPI base, ending in `/`; statements go to `statements` under it.
    pub base: Url,
    pub username: String,
    pub password: Secret,
    pub batch_size: usize,
}

/// Learning records as configured: a profile and an endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct LrsConfig {
    pub profile: Profile,
    pub endpoint: Endpoint,
    /// Where the settings came from, for messages.
    pub source: String,
}

const DEFAULT_BATCH: usize = 100;
/// The pack shipped with CARE.
pub const DEFAULT_PACK: &str = "CARE starter pack";
const MAX_BATCH: usize = 1000;

/// RON as people write it: `endpoint: "https://…"` without `Some(…)`.
pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// The platform's settings file (`~/.config/CARE/learning-records.ron` on Linux).
pub fn default_config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(CONFIG_ENV).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "CARE").map(|d| d.config_dir().join(CONFIG_FILE))
}

fn parse_url(field: &'static str, value: &str, source: &str) -> Result<Url, ConfigError> {
    let url = Url::parse(value.trim()).map_err(|e| ConfigError::BadUrl {
        field,
        value: value.to_string(),
        origin: source.to_string(),
        reason: e.to_string(),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(ConfigError::BadUrl {
            field,
            value: value.to_string(),
            origin: source.to_string(),
            reason: "it must start with http:// or https://".into(),
        });
    }
    Ok(url)
}

/// `url` with a trailing slash, so relative names join under it.
fn as_base(mut url: Url) -> Url {
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url
}

fn default_extension_base(activity_base: &Url) -> Url {
    activity_base
        .join("extensions/")
        .unwrap_or_else(|_| activity_base.clone())
}

impl Profile {
    /// The labels for an organisation at `homepage`: scenarios under `<homepage>/care/`, score
    /// extensions under `<homepage>/care/extensions/`, no `answered` statements.
    pub fn for_homepage(homepage: &str) -> Result<Profile, ConfigError> {
        Profile::for_homepage_in(homepage, "the homepage given")
    }

    fn for_homepage_in(homepage: &str, source: &str) -> Result<Profile, ConfigError> {
        let url = parse_url("homepage", homepage, source)?;
        let activity_base = as_base(url.join("care/").unwrap_or(url));
        Ok(Profile {
            homepage: homepage.trim().to_string(),
            extension_base: default_extension_base(&activity_base),
            activity_base,
            send_answered: false,
            pack: DEFAULT_PACK.to_string(),
        })
    }
}

impl RawConfig {
    /// Reads a settings file; a missing file is an empty one.
    pub fn read(path: &Path) -> Result<RawConfig, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(RawConfig::default()),
            Err(e) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    source: e,
                });
            }
        };
        ron_options()
            .from_str(&text)
            .map_err(|e| ConfigError::Syntax {
                path: path.to_path_buf(),
                line: e.span.start.line,
                column: e.span.start.col,
                message: e.code.to_string(),
            })
    }

    /// Fills fields from `CARE_LRS_*` variables given by `var`.
    pub fn with_env(mut self, var: impl Fn(&str) -> Option<String>) -> RawConfig {
        let get = |k: &str| var(k).filter(|v| !v.trim().is_empty());
        if let Some(v) = get(ENDPOINT_ENV) {
            self.endpoint = Some(v);
        }
        if let Some(v) = get(USERNAME_ENV) {
            self.username = Some(v);
        }
        if let Some(v) = get(PASSWORD_ENV) {
            self.password = Some(Secret(v));
        }
        if let Some(v) = get(HOMEPAGE_ENV) {
            self.homepage = Some(v);
        }
        if let Some(v) = get(ACTIVITY_BASE_ENV) {
            self.activity_base = Some(v);
        }
        self
    }

    /// Whether anything at all is set up.
    pub fn is_empty(&self) -> bool {
        self.endpoint.is_none() && self.homepage.is_none()
    }

    /// Checks the settings; `None` when learning records are not set up at all.
    pub fn resolve(self, source: &str) -> Result<Option<LrsConfig>, ConfigError> {
        if self.is_empty() {
            return Ok(None);
        }
        let missing = |field: &'static str| ConfigError::Missing {
            field,
            origin: source.to_string(),
        };
        let endpoint = self.endpoint.ok_or_else(|| missing("endpoint"))?;
        let homepage = self.homepage.ok_or_else(|| missing("homepage"))?;
        let mut profile = Profile::for_homepage_in(&homepage, source)?;
        if let Some(b) = &self.activity_base {
            profile.activity_base = as_base(parse_url("activity_base", b, source)?);
            profile.extension_base = default_extension_base(&profile.activity_base);
        }
        if let Some(b) = &self.extension_base {
            profile.extension_base = as_base(parse_url("extension_base", b, source)?);
        }
        profile.send_answered = self.send_answered.unwrap_or(false);
        if let Some(pack) = self.pack {
            profile.pack = pack;
        }
        let batch_size = self.batch_size.unwrap_or(DEFAULT_BATCH);
        if !(1..=MAX_BATCH).contains(&batch_size) {
            return Err(ConfigError::BatchSize {
                value: batch_size,
                max: MAX_BATCH,
                origin: source.to_string(),
            });
        }
        Ok(Some(LrsConfig {
            profile,
            endpoint: Endpoint {
                base: as_base(parse_url("endpoint", &endpoint, source)?),
                username: self.username.unwrap_or_default(),
                password: self.password.unwrap_or_default(),
                batch_size,
            },
            source: source.to_string(),
        }))
    }
}

impl LrsConfig {
    /// The settings from the platform file and the environment; `None` when not set up.
    pub fn load() -> Result<Option<LrsConfig>, ConfigError> {
        LrsConfig::load_from(None)
    }

    /// The settings from `file` (or the platform file when `None`) and the environment.
    pub fn load_from(file: Option<&Path>) -> Result<Option<LrsConfig>, ConfigError> {
        let path = file.map(Path::to_path_buf).or_else(default_config_path);
        let raw = match &path {
            Some(p) => RawConfig::read(p)?,
            None => RawConfig::default(),
        };
        let source = path.map_or_else(
            || "the environment".to_string(),
            |p| format!("{} and CARE_LRS_* variables", p.display()),
        );
        raw.with_env(|k| std::env::var(k).ok()).resolve(&source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw() -> RawConfig {
        RawConfig {
            endpoint: Some("http://127.0.0.1:8100/xAPI".into()),
            username: Some("care".into()),
            password: Some(Secret::new("s3cret")),
            homepage: Some("https://shop.example.com".into()),
            ..RawConfig::default()
        }
    }

    #[test]
    fn bases_end_in_a_slash_and_defaults_follow_the_homepage() {
        let c = raw().resolve("test").expect("valid").expect("configured");
        assert_eq!(c.endpoint.base.as_str(), "http://127.0.0.1:8100/xAPI/");
        assert_eq!(
            c.profile.activity_base.as_str(),
            "https://shop.example.com/care/"
        );
        assert_eq!(
            c.profile.extension_base.as_str(),
            "https://shop.example.com/care/extensions/"
        );
        assert_eq!(c.endpoint.batch_size, DEFAULT_BATCH);
    }

    #[test]
    fn nothing_set_means_not_configured_and_half_set_says_what_is_missing() {
        assert_eq!(RawConfig::default().resolve("x").expect("ok"), None);
        let half = RawConfig {
            homepage: Some("https://shop.example.com".into()),
            ..RawConfig::default()
        };
        let e = half.resolve("settings.ron").expect_err("no endpoint");
        assert!(e.to_string().contains("endpoint"), "{e}");
        assert!(e.to_string().contains("settings.ron"), "{e}");
    }

    #[test]
    fn a_bad_url_names_its_field() {
        let bad = RawConfig {
            endpoint: Some("ftp://lrs".into()),
            ..raw()
        };
        let e = bad.resolve("f").expect_err("ftp");
        assert!(e.to_string().contains("endpoint"), "{e}");
    }

    #[test]
    fn the_password_never_prints() {
        let c = raw().resolve("t").expect("ok").expect("some");
        assert!(!format!("{c:?}").contains("s3cret"));
    }

    #[test]
    fn environment_variables_override_the_file() {
        let c = raw()
            .with_env(|k| (k == ENDPOINT_ENV).then(|| "https://lrs.example.org/x".to_string()))
            .resolve("t")
            .expect("ok")
            .expect("some");
        assert_eq!(c.endpoint.base.as_str(), "https://lrs.example.org/x/");
    }

    #[test]
    fn a_typo_in_the_file_gives_its_line() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(&path, "(\n  endpoint: \"http://x/\",\n  homepag: \"y\",\n)").expect("w");
        let e = RawConfig::read(&path).expect_err("unknown field");
        assert!(e.to_string().contains(":3:"), "{e}");
    }
}
