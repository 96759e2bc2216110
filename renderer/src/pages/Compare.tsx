import type { PageProps } from './registry';

export function ComparePage(_props: PageProps) {
  return (
    <section className="page">
      <h1>Compare</h1>
    </section>
  );
}
