// Keyed lists in the embedded schemas (the upstream definitions' x-kubernetes-list-type and
// x-kubernetes-list-map-keys): duplicate entries are found offline, in every embedded release.
import { describe, expect, it } from 'vitest';
import { validate } from '../src/index.js';
import { yaml } from './helpers.js';

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
  it('find duplicate entries offline, by the keys of the release validated against', async () => {
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
    // 1.22 keyed only ports; names of containers, env and volumes became list-map keys later. The
    // API server rejected repeated container and volume names all along (its own validation), in its words.
    expect(await findings({ kubernetesVersion: '1.22' })).toEqual([embedded[1], '15:13 spec.containers[1].name: Duplicate value: "web"', '19:14 spec.volumes[1].name: Duplicate value: "data"', embedded[4]]);
  });
});
