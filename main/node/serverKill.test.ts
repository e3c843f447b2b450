// SIGKILL the web-mode server at random points while a client makes changes: every change it confirmed is there after restart.
import { describe, expect, it } from 'vitest';
import type { AppApi } from '../../shared/api/methods.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import { openRemoteSession } from '../cli/remoteSession.ts';
import { seededRandom } from './library/testing/sampleRecords.ts';
import { useTempDirs } from './library/testing/tempDirs.ts';
import { startChildWebServer } from './testing/childWebServer.ts';
import type { ChildWebServer } from './testing/childWebServer.ts';

const tempDir = useTempDirs();
const kills = Number(process.env['VIRTLAB_KILLS'] ?? 100);
/** Replay a failure with VIRTLAB_KILL_SEED=<seed printed in the failure>. */
const seed = Number(process.env['VIRTLAB_KILL_SEED'] ?? 20_261_206);
/** Calls the client keeps in flight, so kills land between a change being made and its reply. */
const inFlight = 3;
const maxMachines = 24;
/** Only stops a hang: a hundred server starts take minutes on a quiet machine and may take many more on a busy one. */
const hangLimitMs = 45 * 60_000;

/** What the client saw confirmed: the newest revision of each machine's name, its snapshots, the machines it created. */
interface Confirmed {
  readonly revisions: Map<string, number>;
  readonly snapshots: Map<string, Set<string>>;
  readonly created: Set<string>;
}

const revisionOf = (name: string): number => Number(/-r(\d+)$/.exec(name)?.[1] ?? 0);
const baseOf = (name: string): string => name.replace(/-r\d+$/, '');

function connect(server: ChildWebServer, libraryDir: string): ReturnType<typeof openRemoteSession> {
  const url = new URL(server.wsUrl);
  const token = url.searchParams.get('token') ?? '';
  return openRemoteSession({ url: `http://${url.host}`, token, pid: server.pid }, { libraryDir, onProgress: () => undefined, callTimeoutMs: 600_000 });
}

/** Everything confirmed before the kill must be on disk: newer is fine (a change can land after its reply was lost), older is loss. */
async function expectConfirmedKept(api: AppApi, confirmed: Confirmed, context: string): Promise<Machine[]> {
  const machines = await api.listMachines({});
  const byBase = new Map(machines.map((machine) => [baseOf(machine.name), machine]));
  for (const base of confirmed.created) expect(byBase.has(base), `${context}: created machine ${base} is missing`).toBe(true);
  for (const [base, revision] of confirmed.revisions) {
    expect(revisionOf(byBase.get(base)?.name ?? ''), `${context}: ${base} lost its rename to revision ${revision}`).toBeGreaterThanOrEqual(revision);
  }
  for (const [base, names] of confirmed.snapshots) {
    const tree = await api.listSnapshots({ id: byBase.get(base)!.id });
    const present = new Set(tree.snapshots.map((snapshot) => snapshot.name));
    for (const name of names) expect(present.has(name), `${context}: snapshot ${name} of ${base} is missing`).toBe(true);
  }
  return machines;
}

describe('a web-mode server killed while a client makes changes', () => {
  it(`keeps every confirmed change (${kills} kills at random points)`, async () => {
    const libraryDir = `${await tempDir()}/library`;
    const random = seededRandom(seed);
    const confirmed: Confirmed = { revisions: new Map(), snapshots: new Map(), created: new Set() };
    let counter = 0;
    let confirmations = 0;
    /** Calls whose reply the kill cut off: made or not, they were never confirmed. */
    let unanswered = 0;

    for (let kill = 0; kill <= kills; kill += 1) {
      const context = `seed ${seed}, after kill ${kill}`;
      const server = await startChildWebServer(libraryDir);
      const session = await connect(server, libraryDir);
      const machines = await expectConfirmedKept(session.api, confirmed, context);
      if (kill === kills) {
        await session.close();
        await server.stop();
        break;
      }
      const names = new Map(machines.map((machine) => [baseOf(machine.name), machine]));
      const confirmationsBeforeKill = 1 + Math.floor(random() * 12);
      const delayMs = random() * 4;
      let seen = 0;
      let killRequested = false;
      let killing: Promise<void> | undefined;
      const busy = new Set<string>();

      /** One random change; its confirmation is recorded only when the reply arrives. */
      const change = async (): Promise<void> => {
        counter += 1;
        const revision = counter;
        const choice = random();
        const existing = [...names.values()];
        if (existing.length < inFlight || (existing.length < maxMachines && choice < 0.15)) {
          const base = `kill-${revision}`;
          const machine = await session.api.createMachine({ name: base, osType: 'alpine64', vcpus: 1, memoryMiB: 128, diskGiB: 1 });
          names.set(base, machine);
          confirmed.created.add(base);
          return;
        }
        // One change at a time per machine, so the order its changes were confirmed in is the order they were made.
        // With at least `inFlight` machines one is always idle.
        const idle = existing.filter((candidate) => !busy.has(candidate.id));
        const machine = idle[Math.floor(random() * idle.length)]!;
        const base = baseOf(machine.name);
        busy.add(machine.id);
        try {
          await changeMachine(machine, base, choice, revision);
        } finally {
          busy.delete(machine.id);
        }
      };

      /** Renames to `<base>-r<revision>` or takes snapshot `s<revision>`; revisions only grow, so a newer name is never a lost one. */
      const changeMachine = async (machine: Machine, base: string, choice: number, revision: number): Promise<void> => {
        if (choice < 0.6) {
          const updated = await session.api.updateSettings({ id: machine.id, patch: { name: `${base}-r${revision}` } });
          names.set(base, updated);
          confirmed.revisions.set(base, revision);
        } else {
          const name = `s${revision}`;
          await session.api.takeSnapshot({ id: machine.id, spec: { name } });
          confirmed.snapshots.set(base, (confirmed.snapshots.get(base) ?? new Set()).add(name));
        }
      };

      // Keep `inFlight` changes going until the server is dead, so the kill lands between changes being made and replied to.
      const worker = async (): Promise<void> => {
        for (;;) {
          try {
            await change();
          } catch (error) {
            if (!killRequested) throw error;
            unanswered += 1;
            return;
          }
          seen += 1;
          confirmations += 1;
          if (seen === confirmationsBeforeKill) {
            killRequested = true;
            killing = new Promise((resolve) => setTimeout(resolve, delayMs)).then(() => server.kill());
          }
        }
      };
      await Promise.all(Array.from({ length: inFlight }, () => worker()));
      await killing;
      await session.close().catch(() => undefined);
    }
    // The test proves something only if many changes were confirmed and the kills cut calls off mid-flight.
    expect(confirmations).toBeGreaterThan(kills * 3);
    expect(unanswered).toBeGreaterThan(kills);
  }, hangLimitMs);
});
