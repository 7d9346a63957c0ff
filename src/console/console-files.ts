import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** An asset name as Vite writes it (`index-B2x9.js`): no path separators, so no way out of the folder. */
export const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

/**
 * Where `npm run build` puts the console: `dist/console` under the package root. The root is found by
 * walking up from this file, which runs both compiled (dist/src/console) and from source (tests).
 */
export function defaultConsoleDirectory(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return join(dir, 'dist', 'console');
}

/**
 * The console talks only to this origin and runs only its own bundle: anything an API answer smuggles
 * into the page (it is rendered as text anyway) can neither run a script nor send data elsewhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');
