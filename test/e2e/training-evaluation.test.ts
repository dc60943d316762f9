// The evaluation gate, run for real: the script is taken from the rendered chart and run with
// python3 against a fake API server that plays the training Job's life and records what the gate
// creates (issue 16 item 4: the evaluation Job, and its GPUs, exist only after training succeeded).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { chartDir } from '../src/charts.js';
import { helmTemplate } from '../src/helm.js';

const dir = chartDir('training');

function gate() {
  const manifests = parseAllDocuments(helmTemplate('v4', dir, ['-f', `${dir}/ci/data-pipeline-values.yaml`], 'release')).map((d) => d.toJS());
  const job = manifests.find((m) => m?.kind === 'Job' && m.metadata.labels['app.kubernetes.io/component'] === 'evaluation-gate');
  const step = job.spec.template.spec.containers.find((c: { name: string }) => c.name === 'gate');
  const env = Object.fromEntries(step.env.map((e: { name: string; value: string }) => [e.name, e.value])) as Record<string, string>;
  return { command: step.command as string[], args: step.args as string[], env };
}

type Reply = { status: number; body?: unknown };
const TRAINING_UID = '8d0c7e0a-6f4e-4a57-9a43-0d5f1b2c3d4e';
const job = (...conditions: [string, string][]): Reply => ({
  status: 200,
  body: { metadata: { uid: TRAINING_UID }, status: { conditions: conditions.map(([type, status]) => ({ type, status })) } },
});
type Request = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

async function runGate(replies: Reply[]): Promise<{ code: number | null; stdout: string; stderr: string; requests: Request[] }> {
  const { command, args, env } = gate();
  const requests: Request[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      const reply = replies[Math.min(requests.length, replies.length) - 1]!;
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply.body ?? { kind: 'Status', code: reply.status }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const serviceAccount = mkdtempSync(join(tmpdir(), 'cf-sa-'));
  writeFileSync(join(serviceAccount, 'namespace'), 'research\n');
  writeFileSync(join(serviceAccount, 'token'), 'token-1\n');
  writeFileSync(join(serviceAccount, 'ca.crt'), rootCertificates.join('\n'));
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn(command[0]!, [...command.slice(1), ...args], {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          ...env,
          POLL_SECONDS: '0',
          KUBERNETES_API: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          SERVICE_ACCOUNT_DIR: serviceAccount,
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr, requests }));
    });
  } finally {
    server.close();
  }
}

describe('the evaluation gate', () => {
  it('waits while the training Job is missing or running, then creates the evaluation Job owned by it', async () => {
    const created: Reply = { status: 201, body: {} };
    const result = await runGate([{ status: 404 }, job(), job(['Suspended', 'False']), job(['SuccessCriteriaMet', 'True'], ['Complete', 'True']), created]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { env } = gate();
    const trainingJob = env.TRAINING_JOB!;
    expect(result.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      ...Array(4).fill(`GET /apis/batch/v1/namespaces/research/jobs/${trainingJob}`),
      'POST /apis/batch/v1/namespaces/research/jobs',
    ]);
    expect(result.requests[0]!.headers.authorization).toBe('Bearer token-1');
    const evaluation = JSON.parse(env.EVALUATION_JOB!);
    expect(JSON.parse(result.requests[4]!.body)).toEqual({
      ...evaluation,
      metadata: { ...evaluation.metadata, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: trainingJob, uid: TRAINING_UID }] },
    });
    expect(result.stdout).toContain(`training job ${trainingJob} completed: created evaluation job ${evaluation.metadata.name}`);
  });

  it('succeeds when the evaluation Job exists already (a retried gate)', async () => {
    const result = await runGate([job(['Complete', 'True']), { status: 409 }]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('exists already');
  });

  it('exits 3, which fails the gate at once, when training failed, and creates nothing', async () => {
    const result = await runGate([job(), job(['FailureTarget', 'True'], ['Failed', 'True'])]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('failed: not evaluating');
    expect(result.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it.each([
    ['reading the training Job', [{ status: 403 }]],
    ['creating the evaluation Job', [job(['Complete', 'True']), { status: 403 }]],
  ])('exits 4 when the API refuses %s (a broken Role)', async (_what, replies) => {
    const result = await runGate(replies as Reply[]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('HTTP 403');
  });
});
