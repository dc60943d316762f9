// The evaluation Job's wait step, run for real: the script is taken from the rendered chart and run
// with python3 against a fake API server that plays the training Job's life.
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

function waitStep() {
  const manifests = parseAllDocuments(helmTemplate('v4', dir, ['-f', `${dir}/ci/data-pipeline-values.yaml`], 'release')).map((d) => d.toJS());
  const job = manifests.find((m) => m?.kind === 'Job' && m.metadata.labels['app.kubernetes.io/component'] === 'evaluation');
  const step = job.spec.template.spec.initContainers.find((c: { name: string }) => c.name === 'wait-for-training');
  const env = Object.fromEntries(step.env.map((e: { name: string; value: string }) => [e.name, e.value])) as Record<string, string>;
  return { command: step.command as string[], args: step.args as string[], trainingJob: env.TRAINING_JOB! };
}

type Reply = { status: number; body?: unknown };
const job = (...conditions: [string, string][]): Reply => ({ status: 200, body: { status: { conditions: conditions.map(([type, status]) => ({ type, status })) } } });

async function runWaitStep(replies: Reply[]): Promise<{ code: number | null; stdout: string; stderr: string; requests: { url: string; headers: IncomingHttpHeaders }[] }> {
  const { command, args, trainingJob } = waitStep();
  const requests: { url: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', headers: request.headers });
    const reply = replies[Math.min(requests.length, replies.length) - 1]!;
    response.writeHead(reply.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(reply.body ?? { kind: 'Status', code: reply.status }));
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
          TRAINING_JOB: trainingJob,
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

describe('the evaluation wait step', () => {
  it('waits while the training Job is missing or running, then exits 0 when it completed', async () => {
    const result = await runWaitStep([{ status: 404 }, job(), job(['Suspended', 'False']), job(['SuccessCriteriaMet', 'True'], ['Complete', 'True'])]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.requests).toHaveLength(4);
    const { trainingJob } = waitStep();
    expect(result.requests[0]!.url).toBe(`/apis/batch/v1/namespaces/research/jobs/${trainingJob}`);
    expect(result.requests[0]!.headers.authorization).toBe('Bearer token-1');
    expect(result.stdout).toContain(`training job ${trainingJob} completed`);
  });

  it('exits 3, which fails the evaluation Job at once, when training failed', async () => {
    const result = await runWaitStep([job(), job(['FailureTarget', 'True'], ['Failed', 'True'])]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('failed: not evaluating');
  });

  it('exits 4 when the API refuses access (a broken Role)', async () => {
    const result = await runWaitStep([{ status: 403 }]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('HTTP 403');
  });
});
