//! A TCP proxy on a loopback port in front of the real PostgreSQL server, which a test can
//! unplug, black-hole (connections stay open but nothing gets through) and restore, or arm to
//! swallow the answer to the next COMMIT: the server commits, the client never hears it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

const FORWARD: u8 = 0;
/// New connections are closed at once and open ones are cut.
const UNPLUGGED: u8 = 1;
/// Bytes are read and dropped: nothing reaches the other side and nothing is closed.
const BLACK_HOLE: u8 = 2;

struct State {
    mode: AtomicU8,
    lose_commit_ack: AtomicBool,
    commits_lost: AtomicUsize,
    /// When the client next sends these bytes, everything is black-holed from then on.
    black_hole_at: Mutex<Option<Vec<u8>>>,
    open: Mutex<Vec<TcpStream>>,
}

pub struct Proxy {
    addr: SocketAddr,
    state: Arc<State>,
}

impl Proxy {
    /// Starts forwarding a free loopback port to `upstream` (`host:port`).
    pub fn start(upstream: &str) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let addr = listener.local_addr().expect("address");
        let state = Arc::new(State {
            mode: AtomicU8::new(FORWARD),
            lose_commit_ack: AtomicBool::new(false),
            commits_lost: AtomicUsize::new(0),
            black_hole_at: Mutex::new(None),
            open: Mutex::new(Vec::new()),
        });
        let upstream = upstream.to_string();
        let shared = Arc::clone(&state);
        thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                if shared.mode.load(Ordering::SeqCst) == UNPLUGGED {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(server) = TcpStream::connect(&upstream) else {
                    continue;
                };
                connect_pair(&shared, client, server);
            }
        });
        Proxy { addr, state }
    }

    /// `url` with its host and port replaced by the proxy's, and without TLS so the proxy can
    /// see the requests go by.
    pub fn url(&self, url: &str) -> String {
        let (scheme, rest) = url.split_once("://").expect("a URL");
        let (auth, after) = rest.rsplit_once('@').expect("user@host");
        let path = after.find('/').map_or("", |i| &after[i..]);
        let join = if path.contains('?') { '&' } else { '?' };
        format!("{scheme}://{auth}@{}{path}{join}sslmode=disable", self.addr)
    }

    /// Cuts every connection and refuses new ones, as if the server's cable were pulled out.
    pub fn unplug(&self) {
        self.state.mode.store(UNPLUGGED, Ordering::SeqCst);
        for s in self.state.open.lock().expect("lock").drain(..) {
            let _ = s.shutdown(Shutdown::Both);
        }
    }

    /// Stops passing bytes either way but keeps every connection open: requests vanish.
    pub fn black_hole(&self) {
        self.state.mode.store(BLACK_HOLE, Ordering::SeqCst);
    }

    /// Black-holes everything from the moment the client next sends `pattern` (that request
    /// included): a call is left waiting in the middle.
    pub fn black_hole_when_client_sends(&self, pattern: &[u8]) {
        *self.state.black_hole_at.lock().expect("lock") = Some(pattern.to_vec());
    }

    /// Forwards again (connections cut meanwhile stay cut).
    pub fn restore(&self) {
        self.state.mode.store(FORWARD, Ordering::SeqCst);
    }

    /// The next COMMIT reaches the server, but its answer is dropped and that connection cut.
    pub fn lose_next_commit_ack(&self) {
        self.state.lose_commit_ack.store(true, Ordering::SeqCst);
    }

    /// How many COMMIT answers were dropped.
    pub fn commits_lost(&self) -> usize {
        self.state.commits_lost.load(Ordering::SeqCst)
    }
}

fn connect_pair(state: &Arc<State>, client: TcpStream, server: TcpStream) {
    for s in [&client, &server] {
        let _ = s.set_read_timeout(Some(Duration::from_millis(50)));
        let _ = s.set_nodelay(true);
    }
    {
        let mut open = state.open.lock().expect("lock");
        for s in [&client, &server] {
            if let Ok(c) = s.try_clone() {
                open.push(c);
            }
        }
    }
    // Set on the connection whose COMMIT answer is to be dropped.
    let swallow = Arc::new(AtomicBool::new(false));
    let up = (client.try_clone(), server.try_clone());
    if let (Ok(from), Ok(to)) = up {
        let (state, swallow) = (Arc::clone(state), Arc::clone(&swallow));
        thread::spawn(move || pump(from, to, &state, &swallow, true));
    }
    let (state, swallow) = (Arc::clone(state), swallow);
    thread::spawn(move || pump(server, client, &state, &swallow, false));
}

/// Copies `from` to `to` until either closes, following the proxy's mode.
fn pump(mut from: TcpStream, mut to: TcpStream, state: &State, swallow: &AtomicBool, up: bool) {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => continue,
            Err(_) => break,
        };
        let chunk = &buf[..n];
        match state.mode.load(Ordering::SeqCst) {
            BLACK_HOLE => continue,
            UNPLUGGED => break,
            _ => {}
        }
        if up {
            let mut at = state.black_hole_at.lock().expect("lock");
            if at
                .as_deref()
                .is_some_and(|p| chunk.windows(p.len()).any(|w| w == p))
            {
                *at = None;
                state.mode.store(BLACK_HOLE, Ordering::SeqCst);
                continue;
            }
        }
        if up
            && chunk.windows(6).any(|w| w == b"COMMIT")
            && state.lose_commit_ack.swap(false, Ordering::SeqCst)
        {
            swallow.store(true, Ordering::SeqCst);
        }
        if !up && swallow.load(Ordering::SeqCst) {
            // The server has answered the COMMIT, so it is committed: drop the answer and cut
            // the connection, as a network failure at that moment would.
            state.commits_lost.fetch_add(1, Ordering::SeqCst);
            break;
        }
        if to.write_all(chunk).is_err() {
            break;
        }
    }
    let _ = from.shutdown(Shutdown::Both);
    let _ = to.shutdown(Shutdown::Both);
}
