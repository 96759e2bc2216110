/**
 * Edits of a cluster whose consequences follow from the schema's meaning: figures that describe
 * the node type (its price, its power, its height) belong to that type, so changing the type drops
 * them and the new type's preset figures apply; a figure the user gives is theirs until they clear it.
 */
import type { Cluster } from '../schema/cluster';

/** The cluster with another node type; its node price, power and height follow the new type. */
export function withNodeType(c: Cluster, systemId: string): Cluster {
  if (c.node.systemId === systemId) return c;
  const { unitUSD: _price, unitW: _power, ...node } = c.node;
  return { ...c, node: { ...node, systemId, rackUnits: null } };
}
