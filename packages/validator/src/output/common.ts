import { parsePath } from '@chartforge/core';
import type { Finding, ResourceResult, Severity } from '../types.js';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** `Deployment/web` or `Deployment/prod/web`, what a resource is called in messages. */
export function resourceLabel(r: Pick<ResourceResult, 'kind' | 'name' | 'namespace'>): string {
  if (!r.kind) return '(unknown kind)';
  return `${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name || '(unnamed)'}`;
}

/** RFC 6901 JSON pointer, as kubeconform reports paths. */
export function jsonPointer(path: string): string {
  return parsePath(path)
    .map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');
}

/**
 * Text safe to print on a terminal: control characters (ESC, CR, BEL, C1, …), line and paragraph
 * separators and bidirectional overrides from a file or resource name become visible `\u{…}`
 * escapes, so a manifest cannot rewrite the screen or hide a finding.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/** The ANSI styles of text reports: a severity's colour, dimmed positions and rule ids, bold file names. */
const STYLES: Record<Severity | 'dim' | 'bold' | 'ok', [string, string]> = {
  error: ['\u001b[31m', '\u001b[39m'],
  warning: ['\u001b[33m', '\u001b[39m'],
  info: ['\u001b[36m', '\u001b[39m'],
  ok: ['\u001b[32m', '\u001b[39m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  bold: ['\u001b[1m', '\u001b[22m'],
};
export type TextStyle = keyof typeof STYLES;

/** `text` in `style` when colour is on (the caller decides: terminal, NO_COLOR, FORCE_COLOR), else as it is. */
export function paint(style: TextStyle, text: string, color: boolean | undefined): string {
  return color ? `${STYLES[style][0]}${text}${STYLES[style][1]}` : text;
}

export function findingText(f: Finding): string {
  return f.path ? `${f.path}: ${f.message}` : f.message;
}

/** The message kubeconform puts in `msg`: every error of the resource, joined. */
export function resourceMessage(r: ResourceResult): string {
  return r.findings
    .filter((f) => f.severity === 'error')
    .map(findingText)
    .join('; ');
}

export interface FormatOptions {
  /** Print the summary line (text). */
  summary?: boolean;
  /** List valid, skipped and empty resources too (text, json). */
  verbose?: boolean;
  /** ANSI colours (text). */
  color?: boolean;
  /** Tool version, for SARIF's driver. */
  toolVersion?: string;
}
