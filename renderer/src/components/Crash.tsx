/** A route that throws on purpose (`#/__crash`), so the error boundary can be checked end to end. */
export function Crash(): never {
  throw new Error('Deliberate render error from #/__crash (used to test the error boundary)');
}
