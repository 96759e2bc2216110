/**
 * Which addresses the app opens in the user's browser: https (no user name or password) on a host
 * the sources registry links to (presets/sources.json: each document's URL or arXiv page). A link
 * to any other host — a user's free-text source, a page the registry never cited — is shown, not
 * opened. Dependency-free, so the main process, the preload-side contract and the browser build
 * all apply the same rule.
 */

/** The hosts of `links` (lower-case), skipping anything that is not a URL. */
export function hostsOf(links: Iterable<string>): ReadonlySet<string> {
  const out = new Set<string>();
  for (const l of links)
    try {
      out.add(new URL(l).hostname.toLowerCase());
    } catch {
      /* not a URL: no host */
    }
  return out;
}

/** Why the app will not open `raw`, or null when it may (https, no credentials, a registry host). */
export function externalUrlProblem(raw: string, hosts: ReadonlySet<string>): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'it is not an address';
  }
  if (url.protocol !== 'https:') return 'only https addresses are opened';
  if (url.username !== '' || url.password !== '') return 'it carries a user name or password';
  if (!hosts.has(url.hostname.toLowerCase())) return `${url.hostname} is not a host the sources registry links to`;
  return null;
}
