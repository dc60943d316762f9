// Types of scripts/project-charts.mjs for the TypeScript tests.
export declare function projectChart(kind: string): { chart: Record<string, unknown> };
