// `virtlab create`: a new powered-off machine; sizes default to the OS type's recommendation, as in the wizard.
import { z } from 'zod';
import { machineLimits, newMachineSpecSchema } from '../../shared/domain/machine.ts';
import { findOsType, osTypeIds } from '../../shared/domain/osTypes.ts';
import { diskAllocations } from '../../shared/domain/storage.ts';
import { workloadNames } from '../../shared/domain/virtualization.ts';
import { defineCommand } from './commandTypes.ts';
import { checkAgainstContract, choice, expectPositionals, parseOptions, requiredText, wholeNumber } from './optionSchemas.ts';
import { resolvePlacement } from './resolvePlacement.ts';

const optionsSchema = z.object({
  name: requiredText('--name'),
  os: choice('--os', osTypeIds).optional(),
  cpus: wholeNumber('--cpus').optional(),
  memory: wholeNumber('--memory', 'MiB').optional(),
  disk: wholeNumber('--disk', 'GiB').optional(),
  host: requiredText('--host').optional(),
  platform: requiredText('--platform').optional(),
  workload: choice('--workload', workloadNames).optional(),
  'disk-allocation': choice('--disk-allocation', diskAllocations).optional(),
});

/** Without --os, VBoxManage createvm registers an "Other" guest; Virtlab does the same and says so. */
export const defaultOsType = 'other64';

const optionOf = { name: '--name', osType: '--os', vcpus: '--cpus', memoryMiB: '--memory', diskGiB: '--disk', workload: '--workload', diskAllocation: '--disk-allocation' };

export const createCommand = defineCommand({
  name: 'create',
  summary: 'Create a powered-off machine',
  help: `Usage: virtlab create --name NAME [--os OS] [options]

Creates a powered-off machine. vCPUs, memory and disk default to what the OS type recommends.
Without --os the machine is "${defaultOsType}" (Other, 64-bit), as VBoxManage defaults to Other.

Options:
  --name NAME                 Machine name (unique, case-insensitive; at most ${machineLimits.nameMaxLength} characters).
  --os OS                     OS type (default ${defaultOsType}): ${osTypeIds.join(', ')}.
  --cpus N                    vCPUs, ${machineLimits.vcpus.min}..${machineLimits.vcpus.max}.
  --memory MiB                Memory in MiB, ${machineLimits.memoryMiB.min}..${machineLimits.memoryMiB.max}.
  --disk GiB                  Disk size in GiB, ${machineLimits.diskGiB.min}..${machineLimits.diskGiB.max}.
  --host HOST                 Host (name or id); the default host when omitted.
  --platform PLATFORM         Platform, i.e. kind of virtualization (name or id); the host's default when omitted.
  --workload W                ${workloadNames.join(', ')} (default web).
  --disk-allocation A         dynamic (default) or fixed.

Example:
  virtlab create --name web-01 --os ubuntu64 --cpus 2 --memory 2048`,
  options: {
    name: { type: 'string' },
    os: { type: 'string' },
    cpus: { type: 'string' },
    memory: { type: 'string' },
    disk: { type: 'string' },
    host: { type: 'string' },
    platform: { type: 'string' },
    workload: { type: 'string' },
    'disk-allocation': { type: 'string' },
  },
  parse: ({ values, positionals }) => {
    expectPositionals(positionals, [], 'create');
    const options = parseOptions(optionsSchema, values, 'create');
    const osType = options.os ?? defaultOsType;
    const recommended = findOsType(osType)!.recommended;
    const spec = checkAgainstContract(
      newMachineSpecSchema,
      {
        name: options.name,
        osType,
        vcpus: options.cpus ?? recommended.vcpus,
        memoryMiB: options.memory ?? recommended.memoryMiB,
        diskGiB: options.disk ?? recommended.diskGiB,
        ...(options.workload && { workload: options.workload }),
        ...(options['disk-allocation'] && { diskAllocation: options['disk-allocation'] }),
      },
      optionOf,
      'create',
    );
    return { spec, placement: { host: options.host, platform: options.platform }, defaultedOs: options.os === undefined };
  },
  run: async ({ api, note }, { spec, placement, defaultedOs }) => {
    if (defaultedOs) note(`no --os given; using ${defaultOsType} (${findOsType(defaultOsType)!.label}), the default`);
    const machine = await api.createMachine({ ...spec, ...(await resolvePlacement(api, placement)) });
    return { json: machine, text: `Created machine "${machine.name}" {${machine.id}} on ${machine.platformId} (${machine.hostId}).` };
  },
});
