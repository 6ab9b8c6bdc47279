//! The server: its state, its routes, and starting and stopping it on a thread of its own (what
//! `care serve` and the tests call).

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::thread::JoinHandle;

use axum::Router;
use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use care_store::Store;
use tokio::sync::oneshot;

use crate::error::WebError;
use crate::library::Library;
use crate::session::{SessionLimits, Sessions};
use crate::{auth, pages};

/// How `care serve` runs.
pub struct ServeOptions {
    /// Where to listen (port 0: any free port).
    pub bind: SocketAddr,
    /// Mark the session cookie `Secure` (set it when a reverse proxy serves the pages over HTTPS;
    /// a request the proxy marks `X-Forwarded-Proto: https` gets it anyway).
    pub secure_cookies: bool,
    pub sessions: SessionLimits,
    /// The scenarios and curricula, for the customer's words at a beat and the onboarding steps.
    pub library: Library,
}

/// What every request can reach.
pub(crate) struct Shared {
    pub store: Store,
    pub sessions: Sessions,
    pub library: Library,
    pub secure_cookies: bool,
}

pub(crate) type AppState = Arc<Shared>;

/// The routes, with the headers every answer carries.
pub(crate) fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(auth::home))
        .route("/login", get(auth::login_form).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/team", get(pages::team::page))
        .route("/employee/{id}", get(pages::employee::page))
        .route("/scenarios", get(pages::scenarios::page))
        .route("/onboarding", get(pages::onboarding::page))
        .route("/records", get(pages::records::page))
        .route("/report.csv", get(pages::report::csv))
        .fallback(pages::not_found)
        .layer(middleware::from_fn(safety_headers))
        .with_state(state)
}

/// Nothing is fetched from elsewhere (styles are inline, charts are SVG in the page), pages are
/// never framed and never cached: they hold people's results.
async fn safety_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// A server running on its own thread. Dropping it stops it.
pub struct RunningServer {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<Result<(), WebError>>>,
}

impl RunningServer {
    /// The address it listens on (with the port chosen when asked for port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Blocks until the server stops (it runs until the process ends or it is dropped).
    pub fn wait(mut self) -> Result<(), WebError> {
        self.stop.take();
        self.join()
    }

    fn join(&mut self) -> Result<(), WebError> {
        match self.thread.take() {
            Some(t) => t.join().map_err(|_| WebError::Thread)?,
            None => Ok(()),
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = self.join();
    }
}

/// Listens on `options.bind` and serves the manager's pages from `store` on a thread of its own.
pub fn start(store: Store, options: ServeOptions) -> Result<RunningServer, WebError> {
    let listener = TcpListener::bind(options.bind).map_err(|source| WebError::Bind {
        addr: options.bind,
        source,
    })?;
    let addr = listener.local_addr().map_err(WebError::Start)?;
    listener.set_nonblocking(true).map_err(WebError::Start)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("care-serve")
        .enable_all()
        .build()
        .map_err(WebError::Start)?;
    let (stop, stopped) = oneshot::channel::<()>();
    let state = Arc::new(Shared {
        store: store.clone(),
        sessions: Sessions::new(options.sessions),
        library: options.library,
        secure_cookies: options.secure_cookies,
    });
    let thread = std::thread::Builder::new()
        .name("care-serve".into())
        .spawn(move || {
            let served = runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener)?;
                axum::serve(listener, router(state))
                    .with_graceful_shutdown(async move {
                        // A dropped sender (the `RunningServer` waited on) never stops it.
                        if stopped.await.is_err() {
                            std::future::pending::<()>().await;
                        }
                    })
                    .await
            });
            // The runtime goes first: a store's last handle must not be dropped inside it.
            drop(runtime);
            drop(store);
            served.map_err(WebError::Serve)
        })
        .map_err(WebError::Start)?;
    Ok(RunningServer {
        addr,
        stop: Some(stop),
        thread: Some(thread),
    })
}
