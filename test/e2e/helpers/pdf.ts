// PDF checks with poppler-utils (installed by .ci/run): text via pdftotext, page 1 rendered to a
// greyscale PGM via pdftoppm and tested for ink (a blank page is all white).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

/** Fraction of page-1 pixels darker than near-white. */
export function page1Ink(path: string, outPrefix: string): number {
  execFileSync('pdftoppm', ['-gray', '-r', '30', '-f', '1', '-l', '1', path, outPrefix]);
  const files = [`${outPrefix}-1.pgm`, `${outPrefix}-01.pgm`, `${outPrefix}-001.pgm`];
  const buf = files
    .map((f) => {
      try {
        return readFileSync(f);
      } catch {
        return null;
      }
    })
    .find((b) => b) as Buffer;
  // binary PGM: "P5\n<w> <h>\n<max>\n" then w×h bytes
  const header = buf.subarray(0, 40).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error('not a binary PGM');
  const start = m[0].length;
  const px = buf.subarray(start);
  let dark = 0;
  for (const v of px) if (v < 200) dark++;
  return dark / px.length;
}
