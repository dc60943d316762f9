// The charts' templates are kept as the Helm files they are: a kind's sources
// (packages/generator/templates/common and /<kind>) hold no handlebars and no escaped actions,
// only `<CHARTNAME>` where the chart's name goes, as in the charts `helm create` writes. A chart
// assembled from them by plain text substitution — no chartforge code — plus the committed
// chart's generated files (Chart.yaml, values, README, ci/, templates/_generated.tpl and the
// templates/_validate.tpl written from a kind's rule table) is the
// committed chart byte for byte, and Helm 3 and 4 render it.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartDir, filesOnDisk } from '../src/charts.js';
import { HELM_MAJORS, helmTemplate } from '../src/helm.js';
import { REPO_ROOT } from '../src/paths.js';

const KINDS = ['serving', 'training', 'migration'] as const;
const SOURCES = join(REPO_ROOT, 'packages', 'generator', 'templates');
/** The chart folders whose files are Helm templates or files the chart carries as they are. */
const PLAIN_FOLDERS = ['templates/', 'files/'];
/**
 * The files of templates/ written at generation time, not kept as sources: the data fixed then,
 * and the cross-value rules written from the kind's rule table (packages/kinds).
 */
const GENERATED_TEMPLATES = ['templates/_generated.tpl', 'templates/_validate.tpl'];

/** A kind's source files by path in the chart: common's, then the kind's own over them. */
function sources(kind: string): Map<string, string> {
  return new Map([...filesOnDisk(join(SOURCES, 'common')), ...filesOnDisk(join(SOURCES, kind))]);
}

const isPlain = (path: string) => PLAIN_FOLDERS.some((folder) => path.startsWith(folder));

describe.each(KINDS)('%s chart sources', (kind) => {
  it('are plain Helm: no .hbs, no escaped action, no handlebars, the chart name as <CHARTNAME>', () => {
    const files = sources(kind);
    // Handlebars renders only what is not a Helm template.
    expect([...files.keys()].filter((path) => path.endsWith('.hbs')).sort()).toEqual(['Chart.yaml.hbs', 'README.md.gotmpl.hbs']);
    const plain = [...files].filter(([path]) => isPlain(path));
    expect(plain.length).toBeGreaterThan(10);
    for (const [path, text] of plain) {
      expect(text, path).not.toContain('\\{{');
      expect(text, path).not.toMatch(/\{\{\s*(prefix|kind|json|yaml|#each|#if|#unless)\b/);
    }
    expect(plain.filter(([, text]) => text.includes('<CHARTNAME>')).length).toBeGreaterThan(5);
    expect(GENERATED_TEMPLATES.filter((path) => files.has(path)), 'written at generation time, never kept as a source').toEqual([]);
  });

  it('with <CHARTNAME> replaced are the committed chart, which Helm 3 and 4 render', () => {
    const committed = chartDir(kind);
    const assembled = join(mkdtempSync(join(tmpdir(), `chartforge-sources-${kind}-`)), kind);
    try {
      cpSync(committed, assembled, { recursive: true });
      for (const folder of PLAIN_FOLDERS) rmSync(join(assembled, folder), { recursive: true, force: true });
      mkdirSync(join(assembled, 'templates'));
      for (const path of GENERATED_TEMPLATES) cpSync(join(committed, path), join(assembled, path));
      for (const [path, text] of sources(kind)) {
        if (!isPlain(path)) continue;
        mkdirSync(dirname(join(assembled, path)), { recursive: true });
        writeFileSync(join(assembled, path), text.split('<CHARTNAME>').join(kind));
      }
      expect(filesOnDisk(assembled)).toEqual(filesOnDisk(committed));
      for (const major of HELM_MAJORS) expect(helmTemplate(major, assembled), major).toBe(helmTemplate(major, committed));
    } finally {
      rmSync(dirname(assembled), { recursive: true, force: true });
    }
  });
});
