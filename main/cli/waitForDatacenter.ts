// Polls the data center until a migration or a cluster operation has ended (they take simulated seconds to minutes).
import type { AppApi } from '../../shared/api/methods.ts';
import type { ClusterOperation, Migration } from '../../shared/domain/datacenter.ts';
import { AppError } from '../../shared/errors.ts';

const intervalMs = 200;
/** A heavy dirtier at the round limit, or local disks on a slow link, can take minutes of simulated time. */
const timeoutMs = 15 * 60_000;

async function poll<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await read();
    if (found !== undefined) return found;
    if (Date.now() >= deadline) throw new AppError('TIMEOUT', `${what} has not ended after ${timeoutMs / 60_000} minutes; it goes on in Virtlab`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export function waitForMigration(api: AppApi, migrationId: string): Promise<Migration> {
  return poll(async () => (await api.getDatacenter({})).migrations.find((m) => m.id === migrationId && m.endedAtMs !== undefined), `The migration ${migrationId}`);
}

export function waitForOperation(api: AppApi, operationId: string): Promise<ClusterOperation> {
  return poll(async () => (await api.getDatacenter({})).operations.find((op) => op.id === operationId && op.state !== 'running'), `The operation ${operationId}`);
}
