/** `cluster-planner calibrate-check <profile.json> [--json]`: engine vs the profile's end-to-end points. */
import { presetCatalog } from '../../presets/load';
import { calibrateCheck, type CheckRow, type CheckSet } from '../../shared/validation/calibration-check';
import { parseProfile } from '../../shared/calibration/profile';
import { readInputFile } from '../files';
import { CliError, printJson, printTable, type ParsedArgs } from '../format';

export function runCalibrateCheck(args: ParsedArgs): number {
  const path = args.positional[1];
  if (!path) throw new CliError('Give a profile: cluster-planner calibrate-check <profile.json>');
  const text = readInputFile(path);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${path}: (file): is not valid JSON (${(e as Error).message})`);
  }
  let profile;
  try {
    profile = parseProfile(raw, path);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const r = calibrateCheck(profile, presetCatalog());
  if (args.flags.has('json')) {
    const pick = (moe: boolean) => (x: CheckRow) => ({
      id: x.id,
      measuredMs: x.measuredMs,
      predictedMs: x.predictedMs,
      errorPct: x.errorPct,
      heldOut: x.heldOut,
      ...(moe ? { moe } : {}),
    });
    printJson([...r.rows.map(pick(false)), ...(r.moe?.rows ?? []).map(pick(true))]);
    return 0;
  }
  report(r, 'dense models');
  if (r.moe) report(r.moe, 'MoE models (architecture as run, from the profile)');
  return 0;
}

function report(r: CheckSet, title: string): void {
  process.stdout.write(`\n${title}\n`);
  printTable(
    r.rows.map((x, i) => ({
      id: x.id,
      'held out': x.heldOut ? 'yes' : '',
      'measured ms': x.measuredMs.toFixed(2),
      'predicted ms': x.predictedMs.toFixed(2),
      error: `${x.errorPct >= 0 ? '+' : ''}${x.errorPct.toFixed(1)}%`,
      'defaults error': `${r.defaults[i]!.errorPct >= 0 ? '+' : ''}${r.defaults[i]!.errorPct.toFixed(1)}%`,
    })),
  );
  const s = r.summary;
  process.stdout.write(
    `\nfitted per-step overhead ${r.fittedOverheadMs.toFixed(3)} ms\n` +
      `fit points:      median |error| ${s.fit.medianAbsErrorPct.toFixed(1)}%, max ${s.fit.maxAbsErrorPct.toFixed(1)}% (n = ${s.fit.n})\n` +
      `held-out points: median |error| ${s.heldOut.medianAbsErrorPct.toFixed(1)}%, max ${s.heldOut.maxAbsErrorPct.toFixed(1)}% (n = ${s.heldOut.n})\n` +
      `without profile: median |error| ${s.defaultsAll.medianAbsErrorPct.toFixed(1)}%, max ${s.defaultsAll.maxAbsErrorPct.toFixed(1)}%\n`,
  );
}
