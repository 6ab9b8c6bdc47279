//! Resolving the scenario's setting: language, customer, audience, clock and persona pools.

use std::collections::HashSet;

use crate::clock::{Clock, OpeningHours, SimTime, parse_time_of_day};
use crate::diagnostic::{Code, Problem};
use crate::model::{Audience, Customer, Language, Var};
use crate::path::Path;
use crate::pronouns::{Pronouns, split_name};
use crate::resolve::Ctx;

impl Ctx<'_> {
    pub(crate) fn language(&mut self) -> Language {
        use rust_stemmers::Algorithm as A;
        const LANGS: [(&str, A); 18] = [
            ("en", A::English),
            ("ar", A::Arabic),
            ("da", A::Danish),
            ("nl", A::Dutch),
            ("fi", A::Finnish),
            ("fr", A::French),
            ("de", A::German),
            ("el", A::Greek),
            ("hu", A::Hungarian),
            ("it", A::Italian),
            ("no", A::Norwegian),
            ("pt", A::Portuguese),
            ("ro", A::Romanian),
            ("ru", A::Russian),
            ("es", A::Spanish),
            ("sv", A::Swedish),
            ("ta", A::Tamil),
            ("tr", A::Turkish),
        ];
        let code = self.raw.language.trim().to_lowercase();
        match LANGS.iter().find(|(c, _)| *c == code) {
            Some((c, a)) => Language {
                code: c,
                stemmer: *a,
            },
            None => {
                let codes: Vec<&str> = LANGS.iter().map(|(c, _)| *c).collect();
                self.push(
                    Problem::new(
                        Code::UnknownLanguage,
                        Path::root().field("language"),
                        format!("unknown language `{}`", self.raw.language),
                    )
                    .label("no stemmer for this language")
                    .hint(format!("use one of: {}", codes.join(", "))),
                );
                Language {
                    code: "en",
                    stemmer: A::English,
                }
            }
        }
    }

    pub(crate) fn customer(&mut self) -> Customer {
        let c = &self.raw.customer;
        let path = Path::root().field("customer");
        if c.name.is_empty() {
            self.push(
                Problem::new(Code::EmptyText, path.field("name"), "the customer has no name")
                    .label("empty list")
                    .hint("give at least one name, e.g. `name: [\"Margaret\"]`; several names are drawn from per play"),
            );
        }
        let mut names = Vec::with_capacity(c.name.len());
        let mut pronouns = Vec::with_capacity(c.name.len());
        for (i, n) in c.name.iter().enumerate() {
            self.non_empty(n, path.field("name").index(i), "the customer's name");
            let (name, p) = split_name(n).unwrap_or_else(|written| {
                self.push(
                    Problem::new(
                        Code::UnknownPronouns,
                        path.field("name").index(i),
                        format!("`{written}` names no pronouns"),
                    )
                    .label("unknown pronouns")
                    .hint("write the pronouns after the name as (she), (he) or (they), e.g. \"Kwame (he)\""),
                );
                (n.trim().to_owned(), Pronouns::They)
            });
            names.push(name);
            pronouns.push(p);
        }
        self.range(
            i64::from(c.patience_secs),
            1,
            3600,
            path.field("patience_secs"),
            "patience_secs",
        );
        Customer {
            names,
            pronouns,
            details: self.text(&c.details, path.field("details"), None),
            traits: c.traits.clone(),
            mood: c.mood.value(),
            patience_secs: c.patience_secs,
        }
    }

    pub(crate) fn audience(&mut self) -> Option<Audience> {
        let a = self.raw.audience.as_ref()?;
        let path = Path::root().field("audience");
        if !self.raw.channel.is_public() {
            self.push(
                Problem::new(
                    Code::AudienceOnPrivateChannel,
                    path.clone(),
                    format!(
                        "{:?} is a private channel, so nobody is watching",
                        self.raw.channel
                    ),
                )
                .at_key()
                .label("audience on a private channel")
                .hint("remove `audience`, or use channel `SocialPost` or `ReviewSite`"),
            );
        }
        self.non_empty(&a.name, path.field("name"), "the audience's name");
        self.range(
            i64::from(a.sentiment),
            -100,
            100,
            path.field("sentiment"),
            "sentiment",
        );
        Some(Audience {
            name: a.name.clone(),
            size: a.size,
            sentiment: a.sentiment,
        })
    }

    pub(crate) fn time(&mut self, s: &str, path: Path) -> u32 {
        parse_time_of_day(s).unwrap_or_else(|| {
            self.push(
                Problem::new(Code::BadTime, path, format!("`{s}` is not a time of day"))
                    .label("expected HH:MM")
                    .hint("write 24-hour time with a colon, e.g. \"17:05\""),
            );
            0
        })
    }

    pub(crate) fn clock(&mut self) -> Clock {
        let Some(c) = &self.raw.clock else {
            return Clock::default();
        };
        let path = Path::root().field("clock");
        let start = SimTime::at(c.day, self.time(&c.time, path.field("time")));
        let hours = match (&c.opens, &c.closes) {
            (Some(o), Some(cl)) => {
                let opens = self.time(o, path.field("opens"));
                let closes = self.time(cl, path.field("closes"));
                if closes <= opens {
                    self.push(
                        Problem::new(Code::BadTime, path.field("closes"), "closing time is not after opening time")
                            .label("closes before it opens")
                            .hint("opening hours run within one day, e.g. opens: \"09:00\", closes: \"17:30\""),
                    );
                }
                let mut days = [false; 7];
                for d in &c.open_days {
                    days[d.index()] = true;
                }
                Some(OpeningHours {
                    opens,
                    closes,
                    days,
                })
            }
            (None, None) => None,
            (Some(_), None) | (None, Some(_)) => {
                let missing = if c.opens.is_none() { "opens" } else { "closes" };
                self.push(
                    Problem::new(
                        Code::BadTime,
                        path.clone(),
                        format!("opening hours without `{missing}`"),
                    )
                    .label("half of the opening hours")
                    .hint("give both `opens` and `closes`, or neither"),
                );
                None
            }
        };
        Clock { start, hours }
    }

    pub(crate) fn vars_table(&mut self) -> Vec<Var> {
        let mut seen = HashSet::new();
        let raw = self.raw;
        raw.vars
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let path = Path::root().field("vars").index(i);
                if v.id == "name" || v.id == "first_name" || !seen.insert(v.id.as_str()) {
                    self.push(
                        Problem::new(
                            Code::DuplicateId,
                            path.field("id"),
                            format!("persona pool `{}` is defined twice", v.id),
                        )
                        .label("duplicate")
                        .hint("`name` is the customer's name; give every pool its own id"),
                    );
                }
                if v.values.is_empty() {
                    self.push(
                        Problem::new(
                            Code::EmptyText,
                            path.field("values"),
                            format!("persona pool `{}` has no values", v.id),
                        )
                        .label("empty list")
                        .hint("list at least one value to draw from"),
                    );
                }
                Var {
                    key: v.id.clone(),
                    values: v.values.clone(),
                }
            })
            .collect()
    }
}
