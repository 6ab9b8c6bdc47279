//! What can go wrong while serving, and the page a browser gets for it (never a panic).

use std::net::SocketAddr;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use care_store::StoreError;

use crate::layout;

/// A failure of the web server or of one request.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error(
        "cannot listen on {addr}: {source}\n  hint: pick a free address and port with --bind, for example --bind 127.0.0.1:8081"
    )]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot start the web server: {0}")]
    Start(std::io::Error),
    #[error("the web server stopped: {0}")]
    Serve(std::io::Error),
    #[error("the web server's thread ended unexpectedly")]
    Thread,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("a page could not be made: {0}")]
    Task(String),
}

impl WebError {
    fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound(_)
            | WebError::Store(StoreError::NoSuchEmployee(_) | StoreError::NoSuchAttempt(_)) => {
                StatusCode::NOT_FOUND
            }
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.status();
        let (title, text) = if status == StatusCode::INTERNAL_SERVER_ERROR {
            // The details (a database address, a query) belong in the server's log, not the page.
            eprintln!("care serve: {self}");
            (
                "Something went wrong",
                "The page could not be made. Try again in a moment; the server's log says what failed."
                    .to_string(),
            )
        } else if status == StatusCode::NOT_FOUND {
            ("Not found", self.to_string())
        } else {
            ("Cannot show this", self.to_string())
        };
        (status, layout::message_page(title, &text)).into_response()
    }
}
