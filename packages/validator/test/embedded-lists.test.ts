// Keyed lists in the embedded schemas: the committed table must be what the upstream definitions
// say, and the embedded default must find duplicate entries exactly as the upstream definitions do.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module script, without type declarations
import { deriveListSemantics, LIST_SEMANTICS_FILE, readUpstreamDefinitions, renderListSemantics } from '../scripts/list-semantics.mjs';
import { EMBEDDED_KUBERNETES_VERSION, validate } from '../src/index.js';
import { SCHEMAS_DIR, yaml } from './helpers.js';

const pod = yaml(`
  apiVersion: v1
  kind: Pod
  metadata: {name: twice}
  spec:
    containers:
      - name: web
        image: nginx:1.27
        env:
          - {name: MODE, value: a}
          - {name: MODE, value: b}
        ports:
          - {containerPort: 8080, protocol: TCP}
          - {containerPort: 8080, protocol: UDP}
          - {containerPort: 8080, protocol: TCP}
      - name: web
        image: busybox:1.36
    volumes:
      - {name: data, emptyDir: {}}
      - {name: data, emptyDir: {}}
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: web}
  spec:
    ports:
      - {name: a, port: 80}
      - {name: b, port: 80}
`);

describe('keyed lists of the embedded schemas', () => {
  it('are exactly those of the upstream definitions of the embedded version', async () => {
    const derived = deriveListSemantics(await readUpstreamDefinitions(EMBEDDED_KUBERNETES_VERSION));
    expect(readFileSync(LIST_SEMANTICS_FILE, 'utf8')).toBe(renderListSemantics(EMBEDDED_KUBERNETES_VERSION, derived));
  });

  it('find duplicate entries offline, with the same findings as the upstream definitions', async () => {
    const findings = async (options: Parameters<typeof validate>[1]) =>
      (await validate({ files: [{ name: 'twice.yaml', text: pod }] }, options)).findings.map((f) => `${f.line}:${f.column} ${f.path}: ${f.message}`);
    const embedded = await findings({});
    expect(embedded).toEqual([
      '10:11 spec.containers[0].env[1]: duplicate entry with name="MODE" (same as item 0)',
      '14:11 spec.containers[0].ports[2]: duplicate entry with containerPort=8080, protocol="TCP" (same as item 0)',
      '15:7 spec.containers[1]: duplicate entry with name="web" (same as item 0)',
      '19:7 spec.volumes[1]: duplicate entry with name="data" (same as item 0)',
      '27:7 spec.ports[1]: duplicate entry with port=80, protocol=null (same as item 0)',
    ]);
    expect(await findings({ kubernetesVersion: EMBEDDED_KUBERNETES_VERSION, schemaLocations: [SCHEMAS_DIR] })).toEqual(embedded);
  });
});
