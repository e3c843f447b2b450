// Backend handlers of the manager methods: labels, bulk operations, the lasting event log, the sprawl ledger.
import type { z } from 'zod';
import type { ApiMethods, MethodOutput } from '../../shared/api/methods.ts';
import type { managerMethods } from '../../shared/api/managerMethods.ts';
import { progressFor } from './appliance/operationProgress.ts';
import { runBulk } from './bulk/bulkOperations.ts';
import type { ClientSession } from './clientSession.ts';
import type { EnginePort } from './enginePort.ts';
import type { ManagerLedger } from './ledger/managerLedger.ts';
import { sprawlReport } from './sprawl/sprawlReport.ts';
import type { SprawlInputs } from './sprawl/sprawlReport.ts';
import { cloneFamilies } from './sprawl/cloneFamilies.ts';
import { diskUseByMachine } from './sprawl/diskUse.ts';

type ManagerName = keyof typeof managerMethods;
type ParsedInput<M extends ManagerName> = z.output<ApiMethods[M]['input']>;
export type ManagerHandlers = { [M in ManagerName]: (input: ParsedInput<M>, client: ClientSession) => Promise<MethodOutput<M>> };

/** Today's date where the backend runs (expiry dates are calendar days, not simulated time). */
const todayIso = (): string => new Date().toISOString().slice(0, 10);

export function managerHandlers(engine: EnginePort, ledger: ManagerLedger, today: () => string = todayIso): ManagerHandlers {
  const inputs = async (): Promise<SprawlInputs> => {
    const [machines, clock, media] = await Promise.all([engine.request('listMachines', {}), engine.request('getClock', {}), engine.request('listMedia', {})]);
    return { machines, records: engine.records(), usage: (id) => ledger.usage.of(id), nowMs: clock.simTimeMs, today: today(), media };
  };
  return {
    labelMachines: ({ ids, patch }) => engine.request('labelMachines', { ids: [...new Set(ids)], patch }),
    runBulkOperation: ({ operationId, ...input }, client) => runBulk(engine, input, progressFor(client, operationId, 'bulk')),
    queryEvents: async (query) => ledger.journal.query(query),
    exportEvents: async ({ format, ...filter }) => ledger.journal.export(filter, format),
    getSprawlReport: async (query) => sprawlReport(await inputs(), query),
    getMachineFamily: async ({ id }) => {
      // Asked each time a machine is shown: only the machines and records, not the media list and clock the sprawl
      // report needs (listing the media of ten thousand machines holds up the engine for everyone for seconds).
      const machines = await engine.request('listMachines', {});
      const records = engine.records();
      if (!machines.some((m) => m.id === id)) await engine.request('getMachine', { id });
      const everStarted = (machineId: string): boolean => ledger.usage.of(machineId)?.lastOnMs !== undefined;
      const families = cloneFamilies({ machines: new Map(machines.map((m) => [m.id, m])), records, disk: diskUseByMachine(records), everStarted });
      return { machineId: id, family: families.find((family) => family.members.some((member) => member.machineId === id)) ?? null };
    },
  };
}
