// Resource reading: files, globs and standard input → Kubernetes objects with their positions.
export { parseManifestText, readManifests, type ReadManifests } from './manifests.js';
