export { computeKpis, daysBetween, type Kpis, type MetricsKpis } from './computeKpis.js';
export { readMetricsKpis } from './readMetricsKpis.js';
export { renderReport } from './renderReport.js';
