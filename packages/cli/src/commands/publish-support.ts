// What the publishing commands share: the publishing library, loaded on use, and what the check
// commands' reports say about --output and the tool. Its errors are UserErrors (PublishIOError exit 2, ChartError exit 1),
// which the CLI's main prints.
import { VERSION } from '../version.js';

export type Publish = typeof import('@chartforge/publish');

/** The publishing library, loaded only when one of its commands runs, to keep CLI start-up fast. */
export function loadPublish(): Promise<Publish> {
  return import('@chartforge/publish');
}

/** Runs `body` with the publishing library. */
export async function withPublish<T>(body: (publish: Publish) => T | Promise<T>): Promise<T> {
  return body(await loadPublish());
}

export const OUTPUT_HELP = `  -o, --output FORMAT   text (default), json, junit (a test case per finding), tap,
                        sarif (GitHub code scanning) or github (workflow commands:
                        ::error file=…,line=…,col=…::message)`;

/**
 * What a check command's report says about the tool (SARIF's driver): its name and version, and the
 * README section that documents its checks, the helpUri of a rule without a page of its own.
 */
export function reportTool(command: string, readmeSection: string): { toolName: string; toolVersion: string; helpUri: string } {
  return { toolName: `chartforge ${command}`, toolVersion: VERSION, helpUri: `https://github.com/chartforge/chartforge#${readmeSection}` };
}
