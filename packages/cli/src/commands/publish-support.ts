// What the publishing commands share: turning @chartforge/publish's errors into CLI exits, and the
// --output flag of the check commands.
import type { ReportFormat } from '@chartforge/publish';
import { EXIT_FINDINGS, EXIT_USAGE, UsageError } from '../io.js';

export type Publish = typeof import('@chartforge/publish');

/** The publishing library, loaded only when one of its commands runs, to keep CLI start-up fast. */
export function loadPublish(): Promise<Publish> {
  return import('@chartforge/publish');
}

/**
 * Runs `body` with the publishing library, mapping unreadable input to exit 2 and an invalid
 * chart to exit 1, without a stack trace.
 */
export async function withPublishErrors<T>(body: (publish: Publish) => T | Promise<T>): Promise<T> {
  const publish = await loadPublish();
  try {
    return await body(publish);
  } catch (error) {
    if (error instanceof publish.PublishIOError) throw new UsageError(error.message, EXIT_USAGE);
    if (error instanceof publish.ChartError) throw new UsageError(error.message, EXIT_FINDINGS);
    throw error;
  }
}

const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif', 'github'];

export function reportFormat(value: string | undefined): ReportFormat {
  const format = value ?? 'text';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--output must be one of ${REPORT_FORMATS.join(', ')}, got "${format}"`);
  }
  return format as ReportFormat;
}

export const OUTPUT_HELP = `  -o, --output FORMAT   text (default), json, sarif (GitHub code scanning) or github
                        (workflow commands: ::error file=…,line=…,col=…::message)`;
