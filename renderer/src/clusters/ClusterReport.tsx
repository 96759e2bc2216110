import { Cite, SourceList } from '../components/Cite';
import { TOPOLOGY_NAMES } from '@shared/schema/cluster';
import type { ClusterReport } from '@shared/cluster/compute';
import { TraceView } from '../components/TraceView';
import { BomTable } from './BomTable';
import { ClusterDiagram } from './Diagram';
import { ClusterBreakdown, ClusterTotals } from './Totals';

/** The printable cluster report: title block, headline numbers, diagram, charts, BOM with sources, assumptions, the math. */
export function ClusterReportView({ r }: { r: ClusterReport }) {
  const c = r.cluster;
  const f = c.facility;
  return (
    <article className="page report" data-report-ready="true">
      <header className="title-block">
        <h1 data-testid="report-title">{c.name}</h1>
        <p className="muted">Cluster Planner cluster report · {new Date().toISOString().slice(0, 10)}</p>
      </header>
      <ClusterTotals r={r} />
      <h2>Diagram</h2>
      <ClusterDiagram report={r} />
      <ClusterBreakdown r={r} />
      <h2>Bill of materials</h2>
      <BomTable lines={r.bom} sources />
      <h2>Assumptions</h2>
      <table className="data">
        <tbody>
          <tr>
            <th>Design</th>
            <td>{c.source ? <SourceList source={c.source} /> : '—'}</td>
          </tr>
          <tr>
            <th>Node type</th>
            <td>
              <Cite source={r.system.source}>{r.system.name}</Cite>
            </td>
          </tr>
          <tr>
            <th>Scale-out fabric</th>
            <td>
              {c.fabric.planes} × {r.scaleOut.planeKind.toUpperCase()}, {c.fabric.radix}-port {c.fabric.switchModel},{' '}
              {c.fabric.oversubscription}:1, {c.fabric.nicsPerNode} × {c.fabric.nicGbps}G{' '}
              {c.fabric.protocol.toUpperCase()} per node; switches {r.scaleOut.tiers.leaf} leaf /{' '}
              {r.scaleOut.tiers.spine} spine / {r.scaleOut.tiers.core} core
            </td>
          </tr>
          <tr>
            <th>Front-end network</th>
            <td>
              {c.frontEnd
                ? `${c.frontEnd.nicsPerNode} × ${c.frontEnd.nicGbps}G per node, ${TOPOLOGY_NAMES[c.frontEnd.topology].toLowerCase()} of ${c.frontEnd.radix}-port switches`
                : 'none'}
            </td>
          </tr>
          <tr>
            <th>Facility</th>
            <td>
              {f.rackBudgetKW} kW racks, PUE {f.pue}, ${f.usdPerKWh}/kWh, {f.averagePowerFraction * 100}% average load,{' '}
              {f.colocation.mode === 'none'
                ? 'no colocation'
                : `colocation $${f.colocation.usd} ${f.colocation.mode} (${f.colocation.source})`}
              , support {f.supportFractionPerYear * 100}% of capex per year, {f.amortisationYears} years. Source:{' '}
              {f.source}
            </td>
          </tr>
          {r.warnings.map((w) => (
            <tr key={w}>
              <th>Note</th>
              <td>{w}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="appendix">
        <h2>Appendix: the math behind each number</h2>
        <TraceView trace={r.tco.trace} allOpen />
        <TraceView trace={r.power.trace} allOpen />
      </section>
    </article>
  );
}
