//! Signed-in browsers: a random token in an HttpOnly, SameSite=Strict cookie, and on the server
//! the manager access it stands for, until it has been idle too long or is too old.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::http::HeaderMap;
use axum::http::header::COOKIE;
use care_store::ManagerAccess;
use rand::RngExt;

/// The session cookie's name.
pub(crate) const COOKIE_NAME: &str = "care_session";

/// How long a signed-in browser may stay idle, and how long a session lives at most.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    pub idle: Duration,
    pub max_age: Duration,
}

impl Default for SessionLimits {
    fn default() -> Self {
        SessionLimits {
            idle: Duration::from_secs(30 * 60),
            max_age: Duration::from_secs(8 * 60 * 60),
        }
    }
}

struct Entry {
    access: ManagerAccess,
    created: Instant,
    last_used: Instant,
}

/// The sessions of this server (in memory: restarting it signs everyone out).
pub(crate) struct Sessions {
    map: Mutex<HashMap<String, Entry>>,
    limits: SessionLimits,
}

impl Sessions {
    pub(crate) fn new(limits: SessionLimits) -> Sessions {
        Sessions {
            map: Mutex::new(HashMap::new()),
            limits,
        }
    }

    pub(crate) fn limits(&self) -> SessionLimits {
        self.limits
    }

    fn live(&self, e: &Entry, now: Instant) -> bool {
        now.duration_since(e.last_used) < self.limits.idle
            && now.duration_since(e.created) < self.limits.max_age
    }

    /// Starts a session for `access`; returns its token.
    pub(crate) fn create(&self, access: ManagerAccess) -> String {
        let bytes: [u8; 32] = rand::rng().random();
        let token = bytes.iter().fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        });
        let now = Instant::now();
        let mut map = self.map.lock().unwrap_or_else(PoisonError::into_inner);
        map.retain(|_, e| self.live(e, now));
        map.insert(
            token.clone(),
            Entry {
                access,
                created: now,
                last_used: now,
            },
        );
        token
    }

    /// The manager access of a live session, which counts as a use of it.
    pub(crate) fn get(&self, token: &str) -> Option<ManagerAccess> {
        let now = Instant::now();
        let mut map = self.map.lock().unwrap_or_else(PoisonError::into_inner);
        let live = map.get(token).is_some_and(|e| self.live(e, now));
        if !live {
            map.remove(token);
            return None;
        }
        let entry = map.get_mut(token)?;
        entry.last_used = now;
        Some(entry.access.clone())
    }

    pub(crate) fn remove(&self, token: &str) {
        self.map
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(token);
    }
}

/// The session token a request carries, if any.
pub(crate) fn token_of(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value.to_string())
        .filter(|v| !v.is_empty())
}

/// The `Set-Cookie` value that signs a browser in; `secure` when served over HTTPS.
pub(crate) fn set_cookie(token: &str, max_age: Duration, secure: bool) -> String {
    format!(
        "{COOKIE_NAME}={token}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}",
        max_age.as_secs(),
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that signs a browser out.
pub(crate) fn clear_cookie(secure: bool) -> String {
    set_cookie("", Duration::ZERO, secure)
}
