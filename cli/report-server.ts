/**
 * A minimal static server for the built renderer (dist-web), bound to 127.0.0.1 on a free port,
 * for `cluster-planner report`. It serves only regular files inside its folder (a path.relative
 * check, so a sibling folder whose name starts with the served one's — dist-web-secret — is out
 * of reach), answers a malformed URL (GET /%) with 400 and anything but GET or HEAD with 405, and
 * can serve named extra files from elsewhere (the report's plan list, written to a temporary
 * file: `extra` maps a URL path such as /__report/plans.json to it).
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** The file under `root` a URL path names, or null when it names none (outside, missing, a folder). */
export function fileUnder(root: string, urlPath: string): string | null {
  const file = resolve(join(root, urlPath === '/' ? 'index.html' : urlPath));
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

function answer(root: string, extra: ReadonlyMap<string, string>, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { Allow: 'GET, HEAD' }).end();
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  } catch {
    return void res.writeHead(400).end();
  }
  if (path.includes('\0')) return void res.writeHead(400).end();
  const file = extra.get(path) ?? fileUnder(root, path);
  if (!file) return void res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

export function serveDir(
  dir: string,
  extra: ReadonlyMap<string, string> = new Map(),
): Promise<{ server: Server; url: string }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    try {
      answer(root, extra, req, res);
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      ok({ server, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}` });
    });
  });
}
