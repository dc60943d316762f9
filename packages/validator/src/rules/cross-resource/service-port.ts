// Resolving "Service X, port Y" references (Ingress and Gateway API routes) against the input.
import type { JsonPath, Resource } from '../../types.js';
import { isObject, objectsIn } from '../support/objects.js';
import type { RuleContext } from '../types.js';

/** Why a backend reference does not resolve, and whether its Service name or its port is what to change. */
export interface BackendProblem {
  readonly field: 'name' | 'port';
  readonly message: string;
}

/** Why a backend reference does not resolve, or undefined when it does. */
export function serviceBackendProblem(context: RuleContext, from: Resource, name: string, port: unknown): BackendProblem | undefined {
  const service = context.index.find('Service', name, from);
  if (!service) return { field: 'name', message: `Service "${name}" is not defined in the manifests` };
  if (port === undefined || port === null) return undefined;
  const ports = [...objectsIn(service.object, ['spec', 'ports'])].map(({ value }) => value);
  const found = ports.some((p) => (typeof port === 'number' ? p.port === port : p.name === port));
  if (!found) {
    const listed = ports.map((p) => (typeof p.name === 'string' ? `${String(p.port)} (${p.name})` : String(p.port))).join(', ');
    return { field: 'port', message: `Service "${name}" has no port ${typeof port === 'number' ? port : `named "${String(port)}"`} (it has ${listed || 'no ports'})` };
  }
  return undefined;
}

/** The Service an Ingress backend names and its port, each with its path in the backend: `service.name` and `service.port.number|name` (v1), or `serviceName` and `servicePort` (v1beta1). */
export function ingressBackendService(backend: Record<string, unknown>): { name: unknown; namePath: JsonPath; port: unknown; portPath: JsonPath } {
  if (!isObject(backend.service)) return { name: backend.serviceName, namePath: ['serviceName'], port: backend.servicePort, portPath: ['servicePort'] };
  const { service } = backend;
  const port = isObject(service.port) ? service.port : {};
  const portField = port.number !== undefined ? 'number' : 'name';
  return { name: service.name, namePath: ['service', 'name'], port: port[portField], portPath: ['service', 'port', portField] };
}
