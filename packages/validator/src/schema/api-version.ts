// An apiVersion's group and version, in a module of its own (no I/O): the rules read it too, and
// the entry points that load only them (`@chartforge/validator/workload`) need none of the schema loading.

export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash === -1 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}
