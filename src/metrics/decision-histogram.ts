/**
 * Metrics: a Prometheus histogram computed at each scrape from observations read out of the database,
 * used for the business days from a claim's submission to its decision, so every instance reports the same.
 */
import type { Metric } from 'prom-client';

/** Buckets in business days: the policy promises 10; beyond it, how late. */
export const DECISION_BUCKETS = [0, 1, 2, 3, 5, 8, 10, 15, 20];

/**
 * A histogram whose observations live in the database: at each scrape `read` gives every decision's
 * business days as (value, count) pairs, and the cumulative buckets are computed from them. prom-client's
 * own Histogram only counts observations made in this process, which would differ between instances.
 */
export function createDatabaseHistogram(options: {
  name: string;
  help: string;
  buckets: readonly number[];
  read: () => Promise<{ value: number; count: number }[]>;
}): Metric {
  const { name, help, buckets, read } = options;
  const metric = {
    name,
    help,
    type: 'histogram',
    aggregator: 'sum',
    async get() {
      const observations = await read();
      const countUpTo = (bound: number) => observations.reduce((sum, o) => sum + (o.value <= bound ? o.count : 0), 0);
      const total = observations.reduce((sum, o) => sum + o.count, 0);
      const values = [
        ...buckets.map((bound) => ({ metricName: `${name}_bucket`, labels: { le: bound }, value: countUpTo(bound) })),
        { metricName: `${name}_bucket`, labels: { le: '+Inf' }, value: total },
        { metricName: `${name}_sum`, labels: {}, value: observations.reduce((sum, o) => sum + o.value * o.count, 0) },
        { metricName: `${name}_count`, labels: {}, value: total },
      ];
      return { name, help, type: 'histogram', aggregator: 'sum', values };
    },
    reset() {},
  };
  return metric as unknown as Metric;
}
