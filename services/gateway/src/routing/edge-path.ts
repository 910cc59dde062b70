/**
 * The path a request really addresses, dot segments resolved as the upstream's URL parser will
 * resolve them ("%2e%2e" included). The matrix decides on this path and the service gets exactly
 * this path, so `/api/x/allowed/%2e%2e/forbidden` cannot slip past the matrix.
 */
export function edgePath(originalUrl: string, service: string): { path: string; search: string } | undefined {
  let url: URL;
  try {
    url = new URL(originalUrl, 'http://edge.invalid');
  } catch {
    return undefined;
  }
  const prefix = `/api/${service}/`;
  if (!url.pathname.startsWith(prefix) || /%2f|%5c/i.test(url.pathname)) return undefined;
  return { path: url.pathname.slice(prefix.length - 1), search: url.search };
}
