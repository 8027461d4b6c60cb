// A loopback-only static server for the benchmark page. It maps URL prefixes onto folders so
// the page reaches rnn-playground's built wasm (www/pkg) and TensorFlow.js's files from
// node_modules (the tfjs wasm binaries included: setWasmPaths points at them) without
// copying anything.

import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".map": "application/json",
};

/**
 * Serve `mounts` ({ "/prefix/": "/abs/folder", ... }; the longest prefix wins) on
 * 127.0.0.1 at a free port. Returns { url, close() }.
 */
export async function startServer(mounts) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer(async (request, response) => {
    const file = await resolveFile(new URL(request.url, "http://localhost").pathname);
    if (!file) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, {
      "content-type": MIME[path.extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    createReadStream(file).pipe(response);
  });

  // Only files strictly inside a mounted folder are served: no `..` escapes.
  async function resolveFile(pathname) {
    let decoded;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    const prefix = prefixes.find((p) => decoded.startsWith(p));
    if (prefix === undefined) return null;
    const root = path.resolve(mounts[prefix]);
    let file = path.resolve(root, "." + path.posix.normalize("/" + decoded.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + path.sep)) return null;
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = path.join(file, "index.html");
        info = await stat(file);
      }
      return info.isFile() ? file : null;
    } catch {
      return null;
    }
  }

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
