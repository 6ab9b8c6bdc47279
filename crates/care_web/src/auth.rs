//! Signing in with the manager passphrase (checked by the store: argon2, a growing wait after
//! wrong tries, counted in the store), signing out, and the guard every page sits behind.

use std::time::Duration;

use axum::Form;
use axum::extract::{FromRequestParts, State};
use axum::http::header::{LOCATION, RETRY_AFTER, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use care_store::{ManagerAccess, ManagerLock, StoreError};
use maud::{Markup, html};
use serde::Deserialize;

use crate::blocking::blocking;
use crate::error::WebError;
use crate::layout;
use crate::server::AppState;
use crate::session::{clear_cookie, set_cookie, token_of};

/// Proof that the request comes from a signed-in browser: its manager access.
pub(crate) struct Manager(pub ManagerAccess);

impl FromRequestParts<AppState> for Manager {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        token_of(&parts.headers)
            .and_then(|t| state.sessions.get(&t))
            .map(Manager)
            .ok_or_else(|| Redirect::to("/login").into_response())
    }
}

/// Whether the browser reached us over HTTPS (said by the reverse proxy), or we were told to
/// assume it.
fn secure(state: &AppState, headers: &HeaderMap) -> bool {
    state.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// `/`: the team page, or the sign-in form.
pub(crate) async fn home(State(state): State<AppState>, headers: HeaderMap) -> Redirect {
    let signed_in = token_of(&headers).is_some_and(|t| state.sessions.get(&t).is_some());
    Redirect::to(if signed_in { "/team" } else { "/login" })
}

fn seconds(wait: Duration) -> u64 {
    wait.as_secs().max(1)
}

fn form(problem: Option<&str>) -> Markup {
    layout::page(
        "Sign in",
        false,
        html! {
            h1 { "Manager reports" }
            p { "Sign in with the manager passphrase, the same one that opens the manager area in the game." }
            @if let Some(problem) = problem {
                p.problem role="alert" { (problem) }
            }
            form.signin method="post" action="/login" {
                label for="passphrase" { "Manager passphrase" }
                input #passphrase type="password" name="passphrase" autocomplete="current-password" required autofocus;
                button type="submit" { "Sign in" }
            }
        },
    )
}

/// `GET /login`: the form, saying when no passphrase is set or a wait is running.
pub(crate) async fn login_form(State(state): State<AppState>) -> Result<Markup, WebError> {
    let store = state.store.clone();
    let lock = blocking(move || store.manager_lock()).await?;
    let problem = match lock {
        ManagerLock::NotSet => Some(
            "No manager passphrase is set yet. Set one with `care manager-passphrase`, or by opening the manager area in the game, then come back.".to_string(),
        ),
        ManagerLock::Wait(wait) => Some(format!(
            "Too many wrong passphrases were tried. Wait {} s before trying again.",
            seconds(wait)
        )),
        ManagerLock::Ready => None,
    };
    Ok(form(problem.as_deref()))
}

#[derive(Deserialize)]
pub(crate) struct LoginForm {
    passphrase: String,
}

/// `POST /login`: checks the passphrase through the store and signs the browser in.
pub(crate) async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Result<Response, WebError> {
    let store = state.store.clone();
    let tried = blocking(move || Ok::<_, WebError>(store.unlock_manager(&f.passphrase))).await?;
    let (status, wait, problem) = match tried {
        Ok(access) => {
            let token = state.sessions.create(access);
            let cookie = set_cookie(
                &token,
                state.sessions.limits().max_age,
                secure(&state, &headers),
            );
            let mut response = StatusCode::SEE_OTHER.into_response();
            let h = response.headers_mut();
            h.insert(LOCATION, HeaderValue::from_static("/team"));
            h.insert(
                SET_COOKIE,
                HeaderValue::from_str(&cookie).map_err(|e| WebError::Task(e.to_string()))?,
            );
            return Ok(response);
        }
        Err(StoreError::WrongPassphrase { wait }) => (
            StatusCode::UNAUTHORIZED,
            wait,
            format!(
                "That passphrase is wrong. Wait {} s before the next try; each wrong try makes the wait longer.",
                seconds(wait)
            ),
        ),
        Err(StoreError::TooSoon { wait }) => (
            StatusCode::TOO_MANY_REQUESTS,
            wait,
            format!(
                "Too many wrong passphrases were tried, so this try was not checked. Wait {} s before trying again.",
                seconds(wait)
            ),
        ),
        Err(StoreError::PassphraseNotSet) => (
            StatusCode::CONFLICT,
            Duration::ZERO,
            "No manager passphrase is set yet. Set one with `care manager-passphrase`, or by opening the manager area in the game.".to_string(),
        ),
        Err(e) => return Err(e.into()),
    };
    let mut response = (status, form(Some(&problem))).into_response();
    if !wait.is_zero() {
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(seconds(wait)));
    }
    Ok(response)
}

/// `POST /logout`: ends the session and clears the cookie.
pub(crate) async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(token) = token_of(&headers) {
        state.sessions.remove(&token);
    }
    let mut response = Redirect::to("/login").into_response();
    if let Ok(v) = HeaderValue::from_str(&clear_cookie(secure(&state, &headers))) {
        response.headers_mut().insert(SET_COOKIE, v);
    }
    response
}
