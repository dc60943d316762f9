// The corpus on which chartforge's verdicts are measured against the API server's, and the
// file-level comparison. Files: every chart rendered by helm with each of its values sets, the
// validator's rule fixtures (hand-written real-world manifests), and mutants of a clean workload,
// each breaking one rule the API server enforces beyond the schema (k8s.io/kubernetes
// pkg/apis/*/validation), so the API server's verdict on each is known from its code.
// `serverVerdict` is the real API server's (server-side apply dry-run, strict field validation),
// once the tests can start one; until then `expected` is the verdict read from the validation code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KindName } from '@chartforge/spec';
import { validate } from '@chartforge/validator';
import { chartDir, ciValuesFiles } from './charts.js';
import { helmTemplate } from './helm.js';
import { REPO_ROOT } from './paths.js';

export type Verdict = 'accepted' | 'rejected';

export interface CorpusFile {
  name: string;
  text: string;
  /** The API server's verdict where the corpus knows it by construction (mutants, clean bases). */
  expected?: Verdict;
}

const CLEAN_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: registry.example.com/web:1.0.0
          ports:
            - {name: http, containerPort: 8080}
          resources:
            requests: {cpu: 250m, memory: 256Mi}
            limits: {cpu: "1", memory: 256Mi}
          readinessProbe:
            httpGet: {path: /ready, port: http}
          volumeMounts:
            - {name: tmp, mountPath: /tmp}
      volumes:
        - {name: tmp, emptyDir: {}}
`;

/** One rule the API server enforces, broken in an otherwise clean Deployment (text replacements). */
const DEPLOYMENT_MUTANTS: Record<string, [string, string]> = {
  'metadata.name missing': ['  name: web\n  labels', '  labels'],
  'selector does not match template labels': ['matchLabels: {app: web}', 'matchLabels: {app: api}'],
  'empty selector': ['    matchLabels: {app: web}\n', '    matchLabels: {}\n'],
  'restartPolicy Never on a Deployment': ['      containers:\n', '      restartPolicy: Never\n      containers:\n'],
  'container port out of range': ['containerPort: 8080', 'containerPort: 70000'],
  'container port name not an IANA service name': ['name: http, containerPort', 'name: http_port, containerPort'],
  'container name not a DNS label': ['- name: app', '- name: App_1'],
  'volumeMount names no volume': ['{name: tmp, mountPath: /tmp}', '{name: scratch, mountPath: /tmp}'],
  'probe with no handler': ['httpGet: {path: /ready, port: http}', 'periodSeconds: 5'],
  'request above limit': ['requests: {cpu: 250m', 'requests: {cpu: "2"'],
  'volume with two sources': ['{name: tmp, emptyDir: {}}', '{name: tmp, emptyDir: {}, hostPath: {path: /tmp}}'],
  'unknown dnsPolicy': ['      containers:\n', '      dnsPolicy: ClusterFirstt\n      containers:\n'],
};

const OTHER_MUTANTS: Record<string, string> = {
  'Ingress with neither rules nor default backend': 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec: {ingressClassName: nginx}\n',
  'PersistentVolume without capacity': 'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\nspec:\n  accessModes: [ReadWriteOnce]\n  hostPath: {path: /data}\n',
  'PersistentVolumeClaim without access modes': 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nspec:\n  resources: {requests: {storage: 1Gi}}\n',
  'StatefulSet claim template without a storage request':
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: db, image: postgres, volumeMounts: [{name: data, mountPath: /data}]}]\n  volumeClaimTemplates:\n    - metadata: {name: data}\n      spec: {accessModes: [ReadWriteOnce]}\n',
  'Service port out of range': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 0}]\n',
  'Job with the default restartPolicy (Always)': 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: train}\nspec:\n  template:\n    spec:\n      containers: [{name: train, image: trainer}]\n',
};

function mutate(text: string, [from, to]: [string, string]): string {
  if (!text.includes(from)) throw new Error(`mutation target not found: ${from}`);
  return text.replace(from, to);
}

/** The corpus, in a stable order: chart renders, rule fixtures, then the files whose verdict is known. */
export function agreementCorpus(): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const chart of readdirSync(join(REPO_ROOT, 'charts')).sort() as KindName[]) {
    for (const values of ciValuesFiles(chart)) {
      const rendered = helmTemplate('v3', chartDir(chart), values ? ['-f', values] : []);
      if (rendered.trim() !== '') files.push({ name: `charts/${chart} ${values ? values.slice(values.lastIndexOf('/') + 1) : 'defaults'}`, text: rendered });
    }
  }
  const fixtures = join(REPO_ROOT, 'packages', 'validator', 'test', 'fixtures', 'rules');
  for (const rule of readdirSync(fixtures).sort()) {
    for (const file of readdirSync(join(fixtures, rule)).sort()) files.push({ name: `rule fixture ${rule}/${file}`, text: readFileSync(join(fixtures, rule, file), 'utf8') });
  }
  files.push(...knownVerdicts());
  return files;
}

/** Files whose API-server verdict is known from its validation code: a clean workload, and mutants that each break one rule. */
export function knownVerdicts(): CorpusFile[] {
  const files: CorpusFile[] = [];
  files.push({ name: 'clean Deployment', text: CLEAN_DEPLOYMENT, expected: 'accepted' });
  files.push({ name: 'label value written as null', text: CLEAN_DEPLOYMENT.replace('  labels: {app: web}\nspec', '  labels: {app: web, team: null}\nspec'), expected: 'accepted' });
  // Defaulting makes a volume with no source an emptyDir (measured on a kube-apiserver v1.36.3).
  files.push({ name: 'volume with no source', text: mutate(CLEAN_DEPLOYMENT, ['{name: tmp, emptyDir: {}}', '{name: tmp}']), expected: 'accepted' });
  for (const [name, mutation] of Object.entries(DEPLOYMENT_MUTANTS)) files.push({ name, text: mutate(CLEAN_DEPLOYMENT, mutation), expected: 'rejected' });
  for (const [name, text] of Object.entries(OTHER_MUTANTS)) files.push({ name, text, expected: 'rejected' });
  return files;
}

/** chartforge's verdict on a file as a user gets it offline with no flags: schema and API-server checks, embedded schemas. */
export async function offlineVerdict(file: CorpusFile): Promise<Verdict> {
  const report = await validate({ files: [{ name: file.name, text: file.text }] });
  return report.findings.some((f) => f.severity === 'error') ? 'rejected' : 'accepted';
}

export interface Agreement {
  files: number;
  agreeing: number;
  disagreements: Array<{ name: string; ours: Verdict; theirs: Verdict }>;
}

/** File-level agreement between chartforge and another judge (the API server, or the verdicts the corpus knows). */
export async function agreement(files: readonly CorpusFile[], theirs: (file: CorpusFile) => Promise<Verdict | undefined>): Promise<Agreement> {
  const result: Agreement = { files: 0, agreeing: 0, disagreements: [] };
  for (const file of files) {
    const their = await theirs(file);
    if (their === undefined) continue;
    const ours = await offlineVerdict(file);
    result.files++;
    if (ours === their) result.agreeing++;
    else result.disagreements.push({ name: file.name, ours, theirs: their });
  }
  return result;
}
