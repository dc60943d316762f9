// `fit`: will these manifests schedule onto these node pools? A model of kube-scheduler's filters
// and scoring over the pods the manifests create.
export { simulateFit } from './simulate.js';
export type { FitOptions, FitResult, IncompleteGang, PodPlacement, PoolUsage } from './simulate.js';
export { parseNodePools, readNodePools, NODE_POOLS_SCHEMA, DEFAULT_MAX_PODS, DEFAULT_MAX_SIMULATED_NODES } from './nodes.js';
export { DEFAULT_MAX_SIMULATED_PODS, FitLimitError } from './pods.js';
export type { NodePool, Taint } from './nodes.js';
export { formatFitText, formatFitJson } from './report.js';
export type { ScoringStrategy } from './scheduler.js';
