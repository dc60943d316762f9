import { describe, expect, it } from 'vitest';
import { validate } from '../src/index.js';
import { V135, yaml } from './helpers.js';

const deployment = yaml(`
  ---
  # Source: demo/templates/deployment.yaml
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: prod
  spec:
    replicas: "3"
    selector:
      matchLabels: {app: web}
    template:
      metadata:
        labels: {app: web}
      spec:
        contianers:
          - name: web
            image: nginx
  ---
  # Source: demo/templates/service.yaml
  apiVersion: v1
  kind: Service
  metadata: {name: web}
  spec:
    ports: [{port: 80, targetPort: http}]
`);

describe('validate()', () => {
  it('reports schema violations with file, line, column, JSON path and helm template', async () => {
    const report = await validate({ files: [{ name: 'rendered.yaml', text: deployment }] }, V135);
    expect(report.kubernetesVersion).toBe('v1.35.0');
    expect(report.summary).toMatchObject({ files: 1, resources: 2, valid: 1, invalid: 1, errors: 0 });
    expect(report.findings.map((f) => [f.line, f.column, f.path, f.message])).toEqual([
      [9, 13, 'spec.replicas', 'expected an integer, got string "3"'],
      [16, 7, 'spec.template.spec', 'missing required field "containers"'],
      [16, 7, 'spec.template.spec.contianers', 'unknown field (did you mean "containers"?)'],
    ]);
    expect(report.findings[0]).toMatchObject({ file: 'rendered.yaml', documentIndex: 0, apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'prod', template: 'demo/templates/deployment.yaml', rule: 'schema', severity: 'error' });
    expect(report.resources.map((r) => [r.kind, r.status, r.line, r.template])).toEqual([
      ['Deployment', 'invalid', 3, 'demo/templates/deployment.yaml'],
      ['Service', 'valid', 21, 'demo/templates/service.yaml'],
    ]);
  });

  it('passes a valid manifest with no findings', async () => {
    const text = deployment.replace('replicas: "3"', 'replicas: 3').replace('contianers', 'containers');
    const report = await validate({ files: [{ name: 'ok.yaml', text }] }, V135);
    expect(report.findings).toEqual([]);
    expect(report.summary).toMatchObject({ resources: 2, valid: 2 });
  });
});
