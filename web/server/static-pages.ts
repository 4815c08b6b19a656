import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

/** A built file held in memory (the front end is small: a few hundred KB). */
export interface StaticFile {
  readonly bytes: Buffer;
  readonly type: string;
  readonly etag: string;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The Vite build of the web pages, read once at startup. Files are looked up by their exact path
 * relative to the build folder, so no request path can name anything outside it (no traversal to
 * guard against, unlike a generic static-file middleware); a rebuild needs a restart or `reload()`.
 */
export class StaticPages {
  private files = new Map<string, StaticFile>();

  constructor(readonly dir: string) {
    this.reload();
  }

  /** Reads the build folder again (dev mode rebuilds on start). Missing folder = no pages. */
  reload(): void {
    const files = new Map<string, StaticFile>();
    const walk = (d: string) => {
      let names: string[];
      try {
        names = readdirSync(d);
      } catch {
        return;
      }
      for (const name of names) {
        const full = join(d, name);
        if (statSync(full).isDirectory()) walk(full);
        else {
          const bytes = readFileSync(full);
          files.set(relative(this.dir, full).split(sep).join('/'), {
            bytes,
            type: TYPES[extname(name)] ?? 'application/octet-stream',
            etag: `"${createHash('sha1').update(bytes).digest('base64url').slice(0, 16)}"`,
          });
        }
      }
    };
    walk(this.dir);
    this.files = files;
  }

  /** A file by its path inside the build (`console/index.html`, `assets/console-abc123.js`). */
  get(path: string): StaticFile | undefined {
    return this.files.get(path);
  }

  get size(): number {
    return this.files.size;
  }
}
