// Text and JSON renderings of a fit result. Both are deterministic for the same input.
import type { FitResult } from './simulate.js';

const GI = 2 ** 30;

/** `4`, `2.5`, `16Gi`, `512Mi` — compact amounts for the table. */
export function formatAmount(resource: string, amount: number): string {
  if (resource === 'memory' || resource.endsWith('storage')) {
    if (amount >= GI) return `${Number((amount / GI).toFixed(1))}Gi`;
    return `${Number((amount / 2 ** 20).toFixed(0))}Mi`;
  }
  return `${Number(amount.toFixed(3))}`;
}

function percent(used: number, total: number): string {
  return total > 0 ? `${((100 * used) / total).toFixed(1)}%` : '-';
}

function table(rows: readonly string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

export function formatFitText(result: FitResult): string {
  const resourceNames = [...new Set(result.pools.flatMap((pool) => Object.keys(pool.allocatable)))]
    .filter((name) => name !== 'pods')
    .sort((a, b) => (a === 'cpu' ? -1 : b === 'cpu' ? 1 : a === 'memory' ? -1 : b === 'memory' ? 1 : a < b ? -1 : 1));
  const rows = [['POOL', 'NODES', 'PODS', ...resourceNames.map((n) => n.toUpperCase())]];
  for (const pool of result.pools) {
    rows.push([
      pool.pool,
      String(pool.nodes),
      `${pool.pods}/${pool.allocatable.pods ?? 0}`,
      ...resourceNames.map((name) => {
        const total = pool.allocatable[name] ?? 0;
        const used = pool.requested[name] ?? 0;
        return total > 0 ? `${formatAmount(name, used)}/${formatAmount(name, total)} (${percent(used, total)})` : '-';
      }),
    ]);
  }
  const placed = result.placements.length - result.unschedulable.length;
  const lines = [`Scheduled ${placed} of ${result.placements.length} pods (${result.strategy} scoring).`, '', ...table(rows)];
  if (result.unschedulable.length > 0) {
    lines.push('', `Unschedulable pods (${result.unschedulable.length}):`);
    for (const pod of result.unschedulable) {
      const role = pod.role === 'surge' ? ' (rolling-update surge)' : '';
      lines.push(`  ${pod.namespace ? `${pod.namespace}/` : ''}${pod.pod}${role}: ${pod.reason ?? ''}`);
    }
  }
  if (result.incompleteGangs.length > 0) {
    lines.push('', 'Distributed runs that cannot start (every rank must run at once):');
    for (const gang of result.incompleteGangs) {
      lines.push(`  ${gang.namespace ? `${gang.namespace}/` : ''}${gang.workload}: ${gang.placed} of ${gang.required} pods fit; the ${gang.placed} placed would hold their nodes waiting for the rest`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function formatFitJson(result: FitResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
