import type { PageProps } from './registry';

export function NetworkPage(_props: PageProps) {
  return (
    <section className="page">
      <h1>Network</h1>
    </section>
  );
}
