import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleAnswer, consoleFile, pathOf, prefersHtml } from './console-files';

describe('the gateway serves the web console beside its API (issue 12)', () => {
  it('never answers the gateway own JSON routes or the service API with the page', () => {
    for (const path of ['/api/intake/contracts', '/public/certificates/verify', '/public/institutions/lab/disclosure', '/identity/me', '/dev-issuer/tokens', '/console-api/permissions', '/console-api/service-roles', '/openapi.json', '/health', '/ready', '/metrics']) {
      expect({ path, answer: consoleAnswer('GET', path, 'text/html') }).toEqual({ path, answer: 'skip' });
    }
    expect(consoleAnswer('POST', '/window', 'text/html')).toBe('skip');
    expect(consoleAnswer('GET', '/window/contracts/1', 'text/html')).toBe('spa');
    expect(consoleAnswer('GET', '/', undefined)).toBe('spa');
  });

  it('R-6.4.3 the QR verification URL is the page for a browser and stays JSON for API clients', () => {
    const qr = '/api/certificates/public/certificates/lab-east/HD-2026-000001';
    expect(consoleAnswer('GET', qr, 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe('spa');
    expect(consoleAnswer('GET', qr, 'application/json')).toBe('skip');
    expect(consoleAnswer('GET', qr, '*/*')).toBe('skip');
    expect(consoleAnswer('GET', `${qr}/verify`, 'text/html')).toBe('skip');
    expect(prefersHtml(undefined)).toBe(false);
  });

  it('serves only files inside the build: no path escapes it', () => {
    const dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
    try {
      mkdirSync(join(dist, 'assets'));
      writeFileSync(join(dist, 'assets', 'index-1.js'), '');
      writeFileSync(join(dist, 'index.html'), '');
      expect(consoleFile(dist, '/assets/index-1.js')).toBe(join(dist, 'assets', 'index-1.js'));
      expect(consoleFile(dist, '/assets/missing.js')).toBeNull();
      expect(consoleFile(dist, '/assets')).toBeNull();
      expect(consoleFile(dist, pathOf('/../../etc/passwd')!)).toBeNull();
      expect(consoleFile(dist, '/../package.json')).toBeNull();
      expect(pathOf('/%E0%A4%A')).toBeNull();
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
