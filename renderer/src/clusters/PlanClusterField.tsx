import { useLiveQuery } from 'dexie-react-hooks';
import { clusterPlanIssues, resolveCluster } from '@shared/cluster/resolve';
import type { Catalog } from '@shared/plan/context';
import type { Cluster } from '@shared/schema/cluster';
import type { Plan } from '@shared/schema/plan';
import { activeClusters } from '../db/clusters';

/** Whether the plan fits its cluster (the problems, in words) and the cluster's TCO per device-hour. */
function clusterCheck(
  plan: Plan,
  current: Cluster | undefined,
  catalog: Catalog,
): { issues: string[]; tco: number | null } {
  let issues: string[] = [];
  let tco: number | null = null;
  if (current) {
    try {
      const r = resolveCluster(current, catalog);
      issues = clusterPlanIssues(plan, r).map((i) => i.message);
      tco = r.usdPerDeviceHour;
    } catch (e) {
      issues = [(e as Error).message];
    }
  } else if (plan.clusterId) issues = [`cluster "${plan.clusterId}" is not stored here`];
  return { issues, tco };
}

/** The plan paying the cluster's TCO (ownership pricing from its facility) or back on an hourly price. */
const withClusterPrices = (plan: Plan, current: Cluster, ownership: boolean): Plan => ({
  ...plan,
  prices: ownership
    ? {
        mode: 'ownership',
        // Only used when the cluster's TCO is unknown: then the price book's purchase price.
        purchaseUsdPerDevice: null,
        amortisationYears: current.facility.amortisationYears,
        powerUsdPerKWh: current.facility.usdPerKWh,
        pue: current.facility.pue,
        opexFractionPerYear: 0,
      }
    : { mode: 'hourly', usdPerDeviceHour: null, rate: 'on-demand' },
});

/**
 * The plan's cluster: picking one sets the plan's system to the cluster's node type and offers to
 * pay the cluster's TCO per device-hour (ownership pricing). The check says whether the plan fits.
 */
export function PlanClusterField({
  plan,
  catalog,
  onChange,
}: {
  plan: Plan;
  catalog: Catalog;
  onChange: (p: Plan) => void;
}) {
  const stored = useLiveQuery(async () => (await activeClusters()).clusters, []) ?? [];
  const current = stored.find((c) => c.id === plan.clusterId)?.cluster;
  const { issues, tco } = clusterCheck(plan, current, catalog);
  const ownership = plan.prices.mode === 'ownership';
  return (
    <>
      <div className="field">
        <label
          htmlFor="plan-cluster"
          title="Run the plan on a cluster from the Clusters page: its fabric, size and TCO."
        >
          Cluster
        </label>
        <select
          id="plan-cluster"
          data-field="clusterId"
          value={plan.clusterId ?? ''}
          onChange={(e) => {
            const c = stored.find((x) => x.id === e.target.value)?.cluster;
            if (!c) return onChange({ ...plan, clusterId: undefined });
            onChange({ ...plan, clusterId: c.id, systemId: c.node.systemId });
          }}
        >
          <option value="">no cluster</option>
          {stored.map((c) => (
            <option key={c.id} value={c.id}>
              {c.cluster.name}
            </option>
          ))}
        </select>
        {issues.map((m) => (
          <span key={m} className="error" role="alert" data-testid="cluster-issue">
            {m}
          </span>
        ))}
      </div>
      {current && (
        <div className="field">
          <label
            htmlFor="plan-cluster-tco"
            title="Ownership pricing: the cluster's TCO per device-hour replaces the hourly price."
          >
            Pay the cluster's TCO <span className="unit">(ownership)</span>
          </label>
          <input
            id="plan-cluster-tco"
            type="checkbox"
            data-field="prices.mode"
            checked={ownership}
            onChange={(e) => onChange(withClusterPrices(plan, current, e.target.checked))}
          />
          {tco !== null && <span className="unit">${tco.toFixed(3)} per device-hour</span>}
        </div>
      )}
    </>
  );
}
