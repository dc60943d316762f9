// Entry point of a validation worker thread (see workers.ts).

import { parentPort, workerData } from 'node:worker_threads';
import { ValidateError } from './errors.js';
import { readInputFile } from './resource/read.js';
import { ValidationSession } from './validator.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './workers.js';

const port = parentPort!;
const setup = workerData as WorkerSetup;
const reply = (message: WorkerReply) => port.postMessage(message);

try {
  const session = await ValidationSession.create(setup.options);
  for (const { object, origin } of setup.crds) session.registry.crds.add(object, origin);
  port.on('message', (batch: WorkerRequest) => {
    void (async () => {
      try {
        for (const { index, path } of batch) {
          const { results } = await session.validateFile(path, readInputFile(path, setup.options.cwd ?? process.cwd()), false);
          reply({ type: 'file', index, results });
        }
        reply({ type: 'ready' });
      } catch (error) {
        reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  reply({ type: 'ready' });
} catch (error) {
  reply({ type: 'error', message: error instanceof ValidateError ? error.message : String(error) });
}
