// What a ci/ values file expects to exist before `helm install`: objects the values name but the
// chart does not create (claims, Secrets, ConfigMaps, PriorityClasses, StorageClasses) and labels
// its pods select nodes by. Written beside the values file as ci/<name>-prerequisites.yaml, in a
// form the cluster tests create as is, and listed in the chart README for users.
import { stringify } from 'yaml';

export interface Prerequisites {
  /** PersistentVolumeClaims in the release namespace. */
  readonly claims?: readonly string[];
  /** Secrets in the release namespace, by name, with the keys the chart reads. */
  readonly secrets?: Readonly<Record<string, readonly string[]>>;
  /** ConfigMaps in the release namespace, by name, with the keys the chart reads. */
  readonly configMaps?: Readonly<Record<string, readonly string[]>>;
  readonly priorityClasses?: readonly string[];
  readonly storageClasses?: readonly string[];
  /** Labels some node must carry for the pods to schedule. */
  readonly nodeLabels?: Readonly<Record<string, string>>;
}

export function prerequisitesFileName(valuesFile: string): string {
  return valuesFile.replace(/-values\.yaml$/, '-prerequisites.yaml');
}

const keyed = (map: Readonly<Record<string, readonly string[]>> | undefined) => Object.entries(map ?? {}).sort(([a], [b]) => a.localeCompare(b));
const sorted = (list: readonly string[] | undefined) => [...(list ?? [])].sort();

/** The objects, as Kubernetes manifests with placeholder contents (never real credentials). */
function objects(prerequisites: Prerequisites): object[] {
  const placeholders = (keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, 'placeholder']));
  return [
    ...sorted(prerequisites.storageClasses).map((name) => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner: 'example.com/provisioner' })),
    ...sorted(prerequisites.priorityClasses).map((name) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value: 1000 })),
    ...sorted(prerequisites.claims).map((name) => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name },
      spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } } },
    })),
    ...keyed(prerequisites.secrets).map(([name, keys]) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'Opaque', stringData: placeholders(keys) })),
    ...keyed(prerequisites.configMaps).map(([name, keys]) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: placeholders(keys) })),
  ];
}

export function prerequisitesFile(valuesFile: string, prerequisites: Prerequisites, notice: string): string {
  const body = stringify(
    { nodeLabels: prerequisites.nodeLabels ?? {}, objects: objects(prerequisites) },
    { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' },
  );
  return [
    `# What ci/${valuesFile} expects to exist before \`helm install\`: the namespaced objects in the`,
    '# release namespace, the cluster-scoped ones once per cluster, and a node with these labels.',
    '# Contents are placeholders; StorageClass provisioners are yours. The cluster tests create these.',
    `# ${notice}`,
    body,
  ].join('\n');
}

/** One line for the chart README: "claim `models`, Secret `hf-token`, …" or "nothing". */
export function describePrerequisites(prerequisites: Prerequisites | undefined): string {
  if (!prerequisites) return 'nothing';
  const parts = [
    ...sorted(prerequisites.claims).map((name) => `claim \`${name}\``),
    ...keyed(prerequisites.secrets).map(([name, keys]) => `Secret \`${name}\`${keys.length ? ` (keys ${keys.map((key) => `\`${key}\``).join(', ')})` : ''}`),
    ...keyed(prerequisites.configMaps).map(([name, keys]) => `ConfigMap \`${name}\`${keys.length ? ` (keys ${keys.map((key) => `\`${key}\``).join(', ')})` : ''}`),
    ...sorted(prerequisites.priorityClasses).map((name) => `PriorityClass \`${name}\``),
    ...sorted(prerequisites.storageClasses).map((name) => `StorageClass \`${name}\``),
    ...Object.entries(prerequisites.nodeLabels ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => `nodes labelled \`${key}=${value}\``),
  ];
  return parts.length ? parts.join(', ') : 'nothing';
}
