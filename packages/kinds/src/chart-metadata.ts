import { s, type Infer } from './schema.js';

const SEMVER = '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$';
const URL = { pattern: '^https?://[^\\s]+$', patternDescription: 'an http(s) URL' };
const OPTIONAL_URL = { pattern: '^(https?://[^\\s]+)?$', patternDescription: 'an http(s) URL, or "" for none' };

/** Annotations chartforge computes from the spec: a spec cannot set them. */
export const COMPUTED_ANNOTATIONS = ['artifacthub.io/images', 'chartforge.dev/kind'] as const;

/** Annotations chartforge writes unless the spec's `chart.annotations` sets them. */
export const DEFAULT_ANNOTATIONS: Readonly<Record<string, string>> = {
  'artifacthub.io/category': 'ai-machine-learning',
  'artifacthub.io/license': 'Apache-2.0',
};

/** Generation-time facts about the chart (Chart.yaml), kept under `chart:` in a spec file. */
export function chartMetadataSchema(defaults: { name: string; description: string; keywords: readonly string[]; kubeVersion: string }) {
  return s.object(
    {
      name: s.string({
        description: 'Chart name: lowercase letters, digits and dashes (Helm naming convention).',
        default: defaults.name,
        pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
        patternDescription: 'lowercase letters, digits and dashes, starting and ending with a letter or digit',
        maxLength: 53,
      }),
      version: s.string({
        description: 'Chart version (SemVer 2). Bump it whenever the chart changes.',
        default: '0.1.0',
        pattern: SEMVER,
        patternDescription: 'a SemVer 2 version such as 1.2.3',
      }),
      appVersion: s.string({ description: 'Version of the application the chart deploys.', default: '1.0.0', minLength: 1 }),
      description: s.string({ description: 'One-line description of the chart.', default: defaults.description, minLength: 1 }),
      kubeVersion: s.string({
        description: 'SemVer range of Kubernetes versions the chart supports.',
        default: defaults.kubeVersion,
        minLength: 1,
      }),
      home: s.string({ description: 'URL of the project home page ("" for none).', default: '', ...OPTIONAL_URL }),
      icon: s.string({
        description: 'URL of an SVG or PNG icon, as Artifact Hub and chart repositories show it ("" for none).',
        default: '',
        ...OPTIONAL_URL,
      }),
      sources: s.array(s.item.string(URL), { description: 'URLs of the source code.', default: [] }),
      keywords: s.array(s.item.string({ minLength: 1 }), { description: 'Keywords for chart search.', default: [...defaults.keywords] }),
      maintainers: s.array(
        s.item.object(
          {
            name: s.string({ description: 'Maintainer name.', default: '', minLength: 1 }),
            email: s.string({ description: 'Maintainer e-mail.', default: '' }),
            url: s.string({ description: 'Maintainer URL.', default: '', ...OPTIONAL_URL }),
          },
          { required: ['name'] },
        ),
        { description: 'Chart maintainers.', default: [] },
      ),
      annotations: s.map(s.item.string(), {
        description: `Chart.yaml annotations (Artifact Hub keys and others), over chartforge's defaults (${Object.keys(DEFAULT_ANNOTATIONS).join(', ')}); ${COMPUTED_ANNOTATIONS.join(' and ')} are computed.`,
        default: {},
      }),
    },
    { description: 'Chart metadata written to Chart.yaml (generation time only; not a value).' },
  );
}

/** A spec's `chart:` section, what generation writes to Chart.yaml (@chartforge/publish's `ChartMetadata` is a Chart.yaml as Helm reads it). */
export type SpecChartMetadata = Infer<ReturnType<typeof chartMetadataSchema>>;
