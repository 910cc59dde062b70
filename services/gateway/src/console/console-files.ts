import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

/**
 * Which requests the console answers: every GET/HEAD that is not one of the gateway's own JSON
 * routes. The certificate verification URL printed as QR code is a service route under
 * /api; a browser asking it for HTML gets the console's verification page, anything else the JSON.
 */
const GATEWAY_ROUTES = /^\/(api|public|identity|tenancy|dev-issuer|console-api)(\/|$)|^\/(openapi\.json|health|ready|metrics)$/;
const QR_VERIFICATION = /^\/api\/certificates\/public\/certificates\/[^/]+\/[^/]+\/?$/;

export type ConsoleAnswer = 'spa' | 'skip';

export function consoleAnswer(method: string, path: string, accept: string | undefined): ConsoleAnswer {
  if (method !== 'GET' && method !== 'HEAD') return 'skip';
  if (QR_VERIFICATION.test(path)) return prefersHtml(accept) ? 'spa' : 'skip';
  return GATEWAY_ROUTES.test(path) ? 'skip' : 'spa';
}

/** A phone's browser sends text/html first; fetch() and API clients ask for JSON or anything. */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const first = accept.split(',')[0].trim().toLowerCase();
  return first.startsWith('text/html') || first.startsWith('application/xhtml+xml');
}

/** The built console (apps/console/dist, or CONSOLE_DIST); null when it has not been built. */
export function consoleDist(env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = resolve(env.CONSOLE_DIST ?? join(__dirname, '..', '..', '..', '..', 'apps', 'console', 'dist'));
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

/**
 * The console's own security policy: scripts, styles and API calls from this origin only; PDFs
 * previewed from blob: URLs; never framed. (The API keeps helmet's `default-src 'none'`.)
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'self' blob:",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The decoded path of a request URL; null when it cannot be decoded. */
export function pathOf(url: string): string | null {
  try {
    return decodeURIComponent(new URL(url, 'http://console.invalid').pathname);
  } catch {
    return null;
  }
}

/** A file of the build for this path, never outside it (no `..` escapes); null when there is none. */
export function consoleFile(dist: string, path: string): string | null {
  if (path === '/' || path.includes('\0')) return null;
  const file = resolve(dist, `.${path}`);
  if (!file.startsWith(`${resolve(dist)}${sep}`)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}
