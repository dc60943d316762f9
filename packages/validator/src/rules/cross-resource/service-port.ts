// Resolving "Service X, port Y" references (Ingress and Gateway API routes) against the input.
import type { Resource } from '../../types.js';
import { isObject, objectsIn } from '../support/objects.js';
import type { RuleContext } from '../types.js';

/** Why a backend reference does not resolve, or undefined when it does. */
export function serviceBackendProblem(context: RuleContext, from: Resource, name: string, port: unknown): string | undefined {
  const service = context.index.find('Service', name, from);
  if (!service) return `Service "${name}" is not defined in the manifests`;
  if (port === undefined || port === null) return undefined;
  const ports = [...objectsIn(service.object, ['spec', 'ports'])].map(({ value }) => value);
  const found = ports.some((p) => (typeof port === 'number' ? p.port === port : p.name === port));
  if (!found) {
    const listed = ports.map((p) => (typeof p.name === 'string' ? `${String(p.port)} (${p.name})` : String(p.port))).join(', ');
    return `Service "${name}" has no port ${typeof port === 'number' ? port : `named "${String(port)}"`} (it has ${listed || 'no ports'})`;
  }
  return undefined;
}

/** The port of an Ingress backend: `service.port.number|name` (v1) or `servicePort` (v1beta1). */
export function ingressBackendPort(backend: Record<string, unknown>): unknown {
  if (isObject(backend.service) && isObject(backend.service.port)) return backend.service.port.number ?? backend.service.port.name;
  return backend.servicePort;
}
