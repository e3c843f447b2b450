// The physical hosts the engine simulates, looked up by id; the first one receives machines without a hostId.
import { AppError } from '../shared/errors.ts';
import type { HostSpec } from './defaultHost.ts';

export class HostRegistry {
  private readonly byId = new Map<string, HostSpec>();

  constructor(hosts: readonly HostSpec[]) {
    if (hosts.length === 0) throw new RangeError('The engine needs at least one host');
    for (const host of hosts) {
      if (this.byId.has(host.id)) throw new RangeError(`Duplicate host id "${host.id}"`);
      this.byId.set(host.id, structuredCloneHost(host));
    }
  }

  get defaultHostId(): string {
    const first = this.byId.keys().next();
    return first.done ? '' : first.value;
  }

  get(id: string): HostSpec | undefined {
    return this.byId.get(id);
  }

  /** The host with this id, or NOT_FOUND naming the hosts that do exist. */
  require(id: string, field = 'hostId'): HostSpec {
    const host = this.byId.get(id);
    if (host) return host;
    const known = [...this.byId.values()].map((h) => `${h.name} (${h.id})`).join(', ');
    throw new AppError('NOT_FOUND', `There is no host with id "${id}"; available hosts: ${known}`, field);
  }

  list(): HostSpec[] {
    return [...this.byId.values()];
  }
}

// Copies so that callers mutating their input cannot change the simulated hardware later.
function structuredCloneHost(host: HostSpec): HostSpec {
  return { ...host, hardwareAssist: { ...host.hardwareAssist }, platform: { ...host.platform } };
}
