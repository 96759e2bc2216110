// `npm run lint:security` (part of `npm run lint`, so of `npm test`): runs @doyensec/electronegativity
// over the main process, preload and renderer sources, offline, and fails on any finding that is
// not in JUSTIFIED below. Each justified finding is explained in the README ("Security scan"); a
// unit test keeps the README and this list in step.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Findings reviewed and accepted: check id, file (relative to the scanned tree) and why. */
export const JUSTIFIED = [
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'electron/main/security.ts',
    why: "script-src 'self' is flagged because a site serving JSONP, Angular or user uploads from its own origin could be abused; the app's origin is its bundled renderer folder, which holds only the built scripts, and the session cancels every file:// request outside it",
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    why: 'the same policy as a meta tag, for file:// loads (same reasoning)',
  },
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'electron/main/index.ts',
    why: 'the sandboxed preload exposes six named functions and no Electron or Node API (checklist test 20)',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/main/index.ts',
    why: 'shell.openExternal is reached only through hardenWebContents, after isSafeExternalUrl (https, no credentials; checklist test 15)',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/main/handlers.ts',
    why: 'handleOpenExternal validates the IPC payload with zod and passes only isSafeExternalUrl addresses (https, no credentials) to the shell (checklist test 15)',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'renderer/src/components/Cite.tsx',
    why: 'a citation link asks the main process to open its https address; the renderer has no shell access and the main process checks the address again',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'renderer/src/platform/bridge.ts',
    why: 'the typed bridge forwards { url } to the openExternal IPC channel, which validates it in the main process',
  },
];

const ELECTRON_VERSION = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;

/** Scans copies of `folders` (relative to the repository root) together, as one app. */
export function scan(folders = ['electron', 'renderer']) {
  const dir = mkdtempSync(join(tmpdir(), 'cp-security-scan-'));
  try {
    for (const d of folders) cpSync(d, join(dir, d.replace(/^.*\//, '')), { recursive: true });
    const out = join(dir, 'findings.sarif');
    execFileSync(
      process.execPath,
      [
        '--import',
        String(pathToFileURL(join(process.cwd(), 'scripts/electronegativity-offline.mjs'))),
        join(process.cwd(), 'node_modules/@doyensec/electronegativity/dist/index.js'),
        '-i',
        dir,
        '-r',
        '-v',
        'false',
        '-e',
        ELECTRON_VERSION,
        '-x',
        'AvailableSecurityFixesGlobalCheck',
        '-o',
        out,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    return parseSarif(readFileSync(out, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Findings from electronegativity's SARIF output (its CSV writer races the header against the rows:
 * two unsynchronised writes to one file).
 */
function parseSarif(text) {
  const sarif = JSON.parse(text);
  return sarif.runs[0].results.map((r) => {
    const loc = r.locations?.[0]?.physicalLocation;
    return {
      id: r.ruleId,
      level: r.level,
      file: String(loc?.artifactLocation?.uri ?? 'N/A')
        .replace(/\\/g, '/')
        .replace(/^\//, ''),
      location: `${loc?.region?.startLine ?? 0}:${loc?.region?.startColumn ?? 0}`,
      description: r.message?.text ?? '',
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const findings = scan();
  const open = findings.filter((f) => !JUSTIFIED.some((j) => j.id === f.id && f.file.endsWith(j.file)));
  for (const f of findings) {
    const j = JUSTIFIED.find((x) => x.id === f.id && f.file.endsWith(x.file));
    console.log(
      `${j ? 'justified' : 'FINDING  '} ${f.id} (${f.level}) ${f.file}:${f.location} ${j ? `(${j.why.slice(0, 80)}…)` : f.description}`,
    );
  }
  console.log(
    `electronegativity ${findings.length} findings, ${findings.length - open.length} justified in the README, ${open.length} open`,
  );
  process.exit(open.length ? 1 : 0);
}
