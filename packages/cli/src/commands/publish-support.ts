// What the publishing commands share: turning @chartforge/publish's errors into CLI exits, and the
// --output flag of the check commands.
import { ChartError, PublishIOError, REPORT_FORMATS, type ReportFormat } from '@chartforge/publish';
import { EXIT_FINDINGS, EXIT_USAGE, UsageError } from '../io.js';

/** Runs `body`, mapping unreadable input to exit 2 and an invalid chart to exit 1, without a stack. */
export async function withPublishErrors<T>(body: () => T | Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof PublishIOError) throw new UsageError(error.message, EXIT_USAGE);
    if (error instanceof ChartError) throw new UsageError(error.message, EXIT_FINDINGS);
    throw error;
  }
}

export function reportFormat(value: string | undefined): ReportFormat {
  const format = value ?? 'text';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--output must be one of ${REPORT_FORMATS.join(', ')}, got "${format}"`);
  }
  return format as ReportFormat;
}

export const OUTPUT_HELP = `  -o, --output FORMAT   text (default), json, sarif (GitHub code scanning) or github
                        (workflow commands: ::error file=…,line=…,col=…::message)`;
