//! A tiny static file server for the playground: std only, loopback only.
//!
//! It exists so `cargo xtask serve` works on a fresh machine without Python or Node, and
//! so the end-to-end tests can serve the page in-process on a free port. One thread per
//! connection, one request per connection (`Connection: close`): simple and plenty fast
//! for a handful of static files.

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// A running server. Dropping it (or calling [`Server::stop`]) stops accepting connections.
pub struct Server {
    addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    acceptor: Option<thread::JoinHandle<()>>,
}

impl Server {
    /// Serve `root` on 127.0.0.1:`port` (0 picks a free port) from a background thread.
    pub fn start(root: &Path, port: u16) -> io::Result<Server> {
        let root = root.canonicalize()?;
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let addr = listener.local_addr()?;
        let stopping = Arc::new(AtomicBool::new(false));
        let stop_flag = Arc::clone(&stopping);
        let acceptor = thread::spawn(move || {
            for stream in listener.incoming() {
                if stop_flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let root = root.clone();
                thread::spawn(move || {
                    // A client that hangs up mid-response is not our problem.
                    let _ = handle_connection(stream, &root);
                });
            }
        });
        Ok(Server {
            addr,
            stopping,
            acceptor: Some(acceptor),
        })
    }

    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Block the calling thread for as long as the server runs (Ctrl-C ends the process).
    pub fn wait(mut self) {
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }

    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(acceptor) = self.acceptor.take() {
            self.stopping.store(true, Ordering::SeqCst);
            // Wake the blocking accept() so the loop sees the flag.
            let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(500));
            let _ = acceptor.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// The parts of a request line we act on.
#[derive(Debug, PartialEq)]
struct Request {
    method: String,
    path: String,
}

fn handle_connection(stream: TcpStream, root: &Path) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    // Request lines longer than this are not something a browser sends for our files.
    (&mut reader).take(8192).read_line(&mut request_line)?;
    // Drain the headers: we need none of them, but must read them before replying.
    let mut header = String::new();
    loop {
        header.clear();
        let n = (&mut reader).take(8192).read_line(&mut header)?;
        if n == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    let response = match parse_request_line(&request_line) {
        None => Response::plain(400, "Bad Request", "bad request\n"),
        Some(req) if req.method != "GET" && req.method != "HEAD" => {
            Response::plain(405, "Method Not Allowed", "only GET and HEAD\n")
                .with_header("Allow", "GET, HEAD")
        }
        Some(req) => respond_to_path(root, &req.path),
    };
    let head_only = request_line.starts_with("HEAD ");
    let mut out = stream;
    response.write_to(&mut out, head_only)?;
    out.flush()
}

fn parse_request_line(line: &str) -> Option<Request> {
    let mut parts = line.trim_end().split(' ');
    let method = parts.next()?.to_string();
    let target = parts.next()?;
    let version = parts.next()?;
    if !version.starts_with("HTTP/1.") || parts.next().is_some() || !target.starts_with('/') {
        return None;
    }
    // The query string and fragment never name a file.
    let path = target.split(['?', '#']).next().unwrap_or("/");
    Some(Request {
        method,
        path: percent_decode(path)?,
    })
}

/// Decode %XX escapes; None for malformed escapes or non-UTF-8 results.
fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = raw.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Map a decoded URL path to a file under `root`, refusing anything that could escape it.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let mut relative = PathBuf::new();
    for segment in url_path.split('/') {
        if segment.is_empty() || segment == "." {
            continue;
        }
        // Reject "..", backslashes (Windows separators) and NULs outright rather than
        // trying to normalise them.
        if segment == ".." || segment.contains('\\') || segment.contains('\0') {
            return None;
        }
        let as_path = Path::new(segment);
        if as_path
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            return None;
        }
        relative.push(segment);
    }
    let candidate = root.join(relative);
    // Symlinks inside the root could still point outside it.
    let real = candidate.canonicalize().ok()?;
    real.starts_with(root).then_some(real)
}

fn respond_to_path(root: &Path, url_path: &str) -> Response {
    let Some(path) = resolve(root, url_path) else {
        return Response::not_found();
    };
    if path.is_dir() {
        if !url_path.ends_with('/') {
            // Relative URLs inside the page only work under a trailing slash.
            return Response::plain(301, "Moved Permanently", "")
                .with_header("Location", &format!("{url_path}/"));
        }
        return match fs::read(path.join("index.html")) {
            Ok(body) => Response::file(body, "text/html; charset=utf-8"),
            Err(_) => Response::not_found(),
        };
    }
    match fs::read(&path) {
        Ok(body) => Response::file(body, mime_type(&path)),
        Err(_) => Response::not_found(),
    }
}

/// Content types by extension; browsers refuse module scripts and streaming wasm
/// compilation without the right ones.
pub fn mime_type(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

struct Response {
    status: u16,
    reason: &'static str,
    content_type: &'static str,
    extra_headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn plain(status: u16, reason: &'static str, body: &str) -> Response {
        Response {
            status,
            reason,
            content_type: "text/plain; charset=utf-8",
            extra_headers: Vec::new(),
            body: body.as_bytes().to_vec(),
        }
    }

    fn not_found() -> Response {
        Response::plain(404, "Not Found", "not found\n")
    }

    fn file(body: Vec<u8>, content_type: &'static str) -> Response {
        Response {
            status: 200,
            reason: "OK",
            content_type,
            extra_headers: Vec::new(),
            body,
        }
    }

    fn with_header(mut self, name: &str, value: &str) -> Response {
        self.extra_headers
            .push((name.to_string(), value.to_string()));
        self
    }

    fn write_to(&self, out: &mut impl Write, head_only: bool) -> io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
            self.status,
            self.reason,
            self.content_type,
            self.body.len()
        );
        for (name, value) in &self.extra_headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        out.write_all(head.as_bytes())?;
        if !head_only {
            out.write_all(&self.body)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_root(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-server-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("pkg")).unwrap();
        fs::write(dir.join("index.html"), "<!doctype html><p>hi</p>").unwrap();
        fs::write(dir.join("pkg/mod.wasm"), [0u8, 97, 115, 109]).unwrap();
        fs::write(dir.join("app.js"), "export {}").unwrap();
        dir
    }

    fn get(server: &Server, raw_request: &str) -> (String, Vec<u8>) {
        let mut stream = TcpStream::connect(server.addr).unwrap();
        stream.write_all(raw_request.as_bytes()).unwrap();
        let mut all = Vec::new();
        stream.read_to_end(&mut all).unwrap();
        let split = all.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8(all[..split].to_vec()).unwrap();
        (head, all[split + 4..].to_vec())
    }

    #[test]
    fn serves_files_with_their_types_and_index_for_root() {
        let root = temp_root("types");
        let server = Server::start(&root, 0).unwrap();
        let (head, body) = get(&server, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(head.contains("Content-Type: text/html"));
        assert!(head.contains("Cache-Control: no-store"));
        assert_eq!(body, b"<!doctype html><p>hi</p>");
        let (head, body) = get(&server, "GET /pkg/mod.wasm?v=3 HTTP/1.1\r\n\r\n");
        assert!(head.contains("Content-Type: application/wasm"), "{head}");
        assert_eq!(body, [0u8, 97, 115, 109]);
        let (head, _) = get(&server, "GET /app.js HTTP/1.1\r\n\r\n");
        assert!(head.contains("Content-Type: text/javascript"), "{head}");
        server.stop();
    }

    #[test]
    fn head_sends_length_without_body() {
        let root = temp_root("head");
        let server = Server::start(&root, 0).unwrap();
        let (head, body) = get(&server, "HEAD /app.js HTTP/1.1\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 200"));
        assert!(head.contains("Content-Length: 9"), "{head}");
        assert!(body.is_empty());
    }

    #[test]
    fn refuses_traversal_missing_files_and_other_methods() {
        let root = temp_root("deny");
        let server = Server::start(&root, 0).unwrap();
        for path in [
            "/../secret",
            "/%2e%2e/secret",
            "/pkg/..%2f..%2fsecret",
            "/nope.js",
            "/%zz",
        ] {
            let (head, _) = get(&server, &format!("GET {path} HTTP/1.1\r\n\r\n"));
            assert!(
                head.starts_with("HTTP/1.1 404") || head.starts_with("HTTP/1.1 400"),
                "{path}: {head}"
            );
        }
        let (head, _) = get(&server, "POST / HTTP/1.1\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 405"), "{head}");
        let (head, _) = get(&server, "GET /pkg HTTP/1.1\r\n\r\n");
        assert!(
            head.starts_with("HTTP/1.1 301") && head.contains("Location: /pkg/"),
            "{head}"
        );
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/a%2"), None);
        assert_eq!(percent_decode("/%ff"), None);
    }
}
