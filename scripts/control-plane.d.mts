// Types of scripts/control-plane.mjs for the TypeScript tests that build and start the plane.
export declare const KWOK_VERSION: string;
export declare const KUEUE_VERSION: string;
export declare class ControlPlaneBuildError extends Error {}
export declare function kubernetesVersion(): string;
export declare function cacheRoot(): string;
export declare function controlPlaneKey(): string;
export declare function controlPlaneDir(): string;
export declare function buildControlPlane(options?: { log?: (line: string) => void }): string;
export declare function kueueDir(): string;
export declare function buildKueue(options?: { log?: (line: string) => void }): string;
