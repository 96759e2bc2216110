import type { PageProps } from './registry';

export function HardwarePage(_props: PageProps) {
  return (
    <section className="page">
      <h1>Hardware</h1>
    </section>
  );
}
