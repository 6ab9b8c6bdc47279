//! Whether the statement an LRS holds is the one CARE sent: equal in everything CARE sent, with
//! the timestamp compared as an instant, and nothing added but what an LRS adds on its own
//! (`stored`, `authority`, `version`).

use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Properties an LRS sets itself when it stores a statement.
const SET_BY_THE_LRS: [&str; 3] = ["stored", "authority", "version"];

/// Where `held` differs from `sent` (a property path such as `result.score.raw`), or `None` when
/// it is the same statement.
pub fn difference(sent: &Value, held: &Value) -> Option<String> {
    let (Some(sent), Some(held)) = (sent.as_object(), held.as_object()) else {
        return Some("the statement".into());
    };
    for (key, value) in sent {
        let other = held.get(key).unwrap_or(&Value::Null);
        let differs = if key == "timestamp" && instant(value).is_some() {
            instant(value) != instant(other)
        } else {
            differs_at(value, other, key).is_some()
        };
        if differs {
            return Some(differs_at(value, other, key).unwrap_or_else(|| key.clone()));
        }
    }
    held.keys()
        .find(|k| !sent.contains_key(*k) && !SET_BY_THE_LRS.contains(&k.as_str()))
        .cloned()
}

fn instant(v: &Value) -> Option<OffsetDateTime> {
    v.as_str()
        .and_then(|s| OffsetDateTime::parse(s, &Rfc3339).ok())
}

/// The first path under `path` where `a` and `b` differ. Numbers are compared by value, so
/// `100` and `100.0` are the same.
fn differs_at(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys = x.keys().chain(y.keys().filter(|k| !x.contains_key(*k)));
            for k in keys {
                let (p, q) = (
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                );
                if let Some(at) = differs_at(p, q, &format!("{path}.{k}")) {
                    return Some(at);
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(path.to_string());
            }
            x.iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (p, q))| differs_at(p, q, &format!("{path}[{i}]")))
        }
        (Value::Number(x), Value::Number(y)) => {
            (x != y && x.as_f64() != y.as_f64()).then(|| path.to_string())
        }
        _ => (a != b).then(|| path.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sent() -> Value {
        json!({
            "id": "6f0c2a71-93c4-4d8e-b1a7-45d20c9e3f18",
            "actor": {"objectType": "Agent", "account": {"homePage": "https://x.example", "name": "e1"}},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"en-US": "passed"}},
            "result": {"score": {"scaled": 0.9, "raw": 90.0, "min": 0.0, "max": 100.0}},
            "timestamp": "2026-03-01T09:30:00.25Z",
        })
    }

    #[test]
    fn what_the_lrs_adds_and_how_it_writes_times_and_numbers_do_not_matter() {
        let mut held = sent();
        held["stored"] = json!("2026-03-01T09:31:00Z");
        held["authority"] = json!({"objectType": "Agent", "mbox": "mailto:lrs@example.com"});
        held["version"] = json!("1.0.3");
        held["timestamp"] = json!("2026-03-01T10:30:00.250+01:00");
        held["result"]["score"]["raw"] = json!(90);
        assert_eq!(difference(&sent(), &held), None);
    }

    #[test]
    fn other_content_names_where_it_differs() {
        let mut held = sent();
        held["result"]["score"]["raw"] = json!(40.0);
        assert_eq!(
            difference(&sent(), &held).as_deref(),
            Some("result.score.raw")
        );
        let mut later = sent();
        later["timestamp"] = json!("2026-03-01T09:30:01Z");
        assert_eq!(difference(&sent(), &later).as_deref(), Some("timestamp"));
        let mut more = sent();
        more["context"] = json!({"platform": "other"});
        assert_eq!(difference(&sent(), &more).as_deref(), Some("context"));
        let mut less = sent();
        less["actor"]["account"]
            .as_object_mut()
            .expect("object")
            .remove("name");
        assert_eq!(
            difference(&sent(), &less).as_deref(),
            Some("actor.account.name")
        );
    }
}
