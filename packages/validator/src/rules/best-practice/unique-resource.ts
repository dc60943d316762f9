import { setRule, violation } from '../support/define.js';
import type { Resource } from '../../types.js';

function identity(resource: Resource): string {
  const group = resource.apiVersion.includes('/') ? resource.apiVersion.split('/')[0] : '';
  return `${group}/${resource.kind}/${resource.namespace ?? ''}/${resource.name}`;
}

export default setRule(
  {
    id: 'unique-resource',
    category: 'best-practice',
    severity: 'error',
    summary: 'Two objects must not have the same group, kind, namespace and name (the second overwrites the first)',
  },
  function* (resources) {
    const first = new Map<string, Resource>();
    for (const resource of resources) {
      if (resource.name === '') continue;
      const key = identity(resource);
      const earlier = first.get(key);
      if (earlier) {
        yield violation(resource, ['metadata', 'name'], `${resource.kind} "${resource.name}" is defined twice (first in ${earlier.file}, document ${earlier.documentIndex + 1}); the later one replaces the earlier`);
      } else {
        first.set(key, resource);
      }
    }
  },
);
