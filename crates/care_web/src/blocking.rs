//! Store calls block (the store drives its own runtime), so they run on tokio's blocking pool,
//! never on a thread that serves requests.

use crate::error::WebError;

/// Runs `call` on the blocking pool and hands back its result.
pub(crate) async fn blocking<T, E, F>(call: F) -> Result<T, WebError>
where
    T: Send + 'static,
    E: Into<WebError> + Send + 'static,
    F: FnOnce() -> Result<T, E> + Send + 'static,
{
    tokio::task::spawn_blocking(call)
        .await
        .map_err(|e| WebError::Task(e.to_string()))?
        .map_err(Into::into)
}
