import { Counter, register } from 'prom-client';

const name = 'bascule_db_connection_errors_total';

/** Prometheus metrics of the database pools. */
export const persistenceMetrics = {
  dbConnectionErrors:
    (register.getSingleMetric(name) as Counter | undefined) ??
    new Counter({
      name,
      help: 'Database connections lost (and replaced), by pool and SQLSTATE',
      labelNames: ['pool', 'code'],
    }),
};
