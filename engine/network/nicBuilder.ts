// Turns requested NIC specs into adapter states: the network of the attachment, a kept or fresh unique MAC, a checked static IP.
import { AppError } from '../../shared/errors.ts';
import type { Attachment, IpMode } from '../../shared/domain/network.ts';
import { generateMac } from '../macAddress.ts';
import type { MachineConfigStore, NicState } from '../machineConfigStore.ts';
import { deriveSeed, Rng } from '../rng.ts';
import { requireFreeStaticIp } from './addressRules.ts';

/** A NIC spec after schema parsing (ipMode defaulted). */
export interface ParsedNicSpec {
  readonly attachment: Attachment;
  readonly networkId?: string | undefined;
  readonly mac?: string | undefined;
  readonly ipMode: IpMode;
  readonly staticIp?: string | undefined;
}

export interface NicBuild {
  readonly configs: MachineConfigStore;
  readonly machineId: string;
  readonly seed: number;
  readonly nameOf: (machineId: string) => string;
  /** Host the machine runs on: NAT networks are per host. */
  readonly hostId: string;
  /** MAC prefix of the machine's kind (KindDescription.macPrefix); "" uses VirtualBox's. */
  readonly macPrefix: string;
  /** Adapters the machine had; a slot without a MAC in its spec keeps its old MAC. */
  readonly previous?: readonly NicState[];
  readonly field?: string;
}

/** Fresh MAC for adapter `slot` (0-based) of a machine: the first keeps the historic stream key so existing MACs stay the same. */
export function freshMac(build: Pick<NicBuild, 'configs' | 'machineId' | 'seed' | 'macPrefix'>, slot: number, taken: ReadonlySet<string>): string {
  const key = slot === 0 ? `mac:${build.machineId}` : `mac:${build.machineId}:${slot}`;
  return generateMac(new Rng(deriveSeed(build.seed, key)), (mac) => taken.has(mac) || build.configs.isMacTaken(mac), build.macPrefix);
}

export function buildNics(build: NicBuild, specs: readonly ParsedNicSpec[]): NicState[] {
  const field = build.field ?? 'nics';
  const chosen = new Set<string>();
  const addresses = new Map<string, number>();
  const nics: NicState[] = [];
  specs.forEach((spec, i) => {
    const at = `${field}.${i}`;
    const network = build.configs.networks.resolve(spec.attachment, spec.networkId, `${at}.networkId`, build.hostId);
    let mac = spec.mac ?? build.previous?.[i]?.mac;
    if (spec.mac !== undefined) {
      const holder = build.configs.macHolders(spec.mac).find((id) => id !== build.machineId);
      if (holder !== undefined) throw new AppError('CONFLICT', `MAC address ${spec.mac} is already used by "${build.nameOf(holder)}"`, `${at}.mac`);
    }
    if (mac !== undefined && chosen.has(mac)) throw new AppError('CONFLICT', `Adapters ${nics.findIndex((n) => n.mac === mac) + 1} and ${i + 1} have the same MAC address ${mac}`, `${at}.mac`);
    mac ??= freshMac(build, i, chosen);
    chosen.add(mac);
    let staticIp: string | undefined;
    if (spec.ipMode === 'static') {
      staticIp = requireFreeStaticIp(build.configs, network.id, spec.staticIp ?? '', `${at}.staticIp`, build.nameOf, build.machineId);
      const twin = addresses.get(`${network.id} ${staticIp}`);
      if (twin !== undefined) throw new AppError('CONFLICT', `Adapters ${twin + 1} and ${i + 1} both have ${staticIp} on ${network.name}`, `${at}.staticIp`);
      addresses.set(`${network.id} ${staticIp}`, i);
    }
    nics.push({ attachment: spec.attachment, networkId: network.id, mac, ipMode: spec.ipMode, staticIp });
  });
  return nics;
}
