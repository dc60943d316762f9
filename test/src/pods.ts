// The pods a rendered chart would run, read back from `helm template` output.
import { parseAllDocuments } from 'yaml';

export type Json = Record<string, unknown>;

/** Every document of a multi-document render, as plain objects. */
export function documentsOf(rendered: string): Json[] {
  return parseAllDocuments(rendered)
    .map((document) => document.toJS() as Json | null)
    .filter((object): object is Json => object !== null);
}

export interface RenderedPod {
  /** Kind and name of the object that holds the pod template, for messages. */
  owner: string;
  /** True for `helm test` hook pods. */
  test: boolean;
  spec: Json;
}

/** Every pod in rendered manifests: Deployment, Job and CronJob templates, and bare Pods. */
export function renderedPods(rendered: string): RenderedPod[] {
  const pods: RenderedPod[] = [];
  for (const object of documentsOf(rendered)) {
    const metadata = object.metadata as Json | undefined;
    const spec = object.spec as Json | undefined;
    const template = (((spec?.jobTemplate as Json | undefined)?.spec as Json | undefined) ?? spec)?.template as Json | undefined;
    const podSpec = object.kind === 'Pod' ? spec : (template?.spec as Json | undefined);
    if (!podSpec) continue;
    const test = (metadata?.annotations as Json | undefined)?.['helm.sh/hook'] === 'test';
    pods.push({ owner: `${String(object.kind)}/${String(metadata?.name)}`, test, spec: podSpec });
  }
  return pods;
}
