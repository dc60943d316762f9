import { findingText } from '@chartforge/core';
import type { ResourceResult } from '../types.js';

/** `Deployment/web` or `Deployment/prod/web`, what a resource is called in messages. */
export function resourceLabel(r: Pick<ResourceResult, 'kind' | 'name' | 'namespace'>): string {
  if (!r.kind) return '(unknown kind)';
  return `${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name || '(unnamed)'}`;
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
  /** A terminal's width: long lines of the text format wrap to it (never set for piped output). */
  width?: number;
}
