// Types of scripts/helm-binaries.mjs for the TypeScript tests.
export declare function findHelm(major: 'v3' | 'v4'): string | undefined;
export declare function requireHelm(major: 'v3' | 'v4'): string;
export declare function helmVersion(binary: string): string;
