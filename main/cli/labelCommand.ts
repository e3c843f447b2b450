// `virtlab label <vm>...`: sets the group, owner, purpose, tags and expiry date of one or many machines.
import { z } from 'zod';
import { labelPatchSchema } from '../../shared/domain/machineLabels.ts';
import type { LabelPatch } from '../../shared/domain/machineLabels.ts';
import { UsageError } from './cliErrors.ts';
import { defineCommand } from './commandTypes.ts';
import { checkAgainstContract, parseOptions } from './optionSchemas.ts';
import { findMachine } from './resolveMachine.ts';
import { formatTable } from './table.ts';
import { terminalSafeLine } from './terminalText.ts';

const text = z.string().optional();
const optionsSchema = z.object({ group: text, owner: text, purpose: text, tags: text, 'add-tag': text, 'remove-tag': text, expires: text });
const list = (value: string): string[] => value.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
/** "none" (or an empty value) clears a label. */
const orClear = (value: string | undefined): string | null | undefined => (value === undefined ? undefined : value.trim() === '' || value.trim() === 'none' ? null : value);

export const labelCommand = defineCommand({
  name: 'label',
  summary: 'Set the group, owner, purpose, tags or expiry date of machines',
  help: `Usage: virtlab label <vm>... [--group G] [--owner O] [--purpose P] [--tags a,b] [--add-tag t] [--remove-tag t] [--expires YYYY-MM-DD]

Files machines for people and for the sprawl ledger; the simulation ignores labels. Every machine
named gets the same change, or none does when one is refused. "none" clears a label.

Options:
  --group G          Group path, nested with "/" ("lab/web"), as VirtualBox groups machines.
  --owner O          Who answers for the machines.
  --purpose P        What they are for.
  --tags a,b         Replace the tags (one word each).
  --add-tag a,b      Add tags; --remove-tag a,b removes them.
  --expires DATE     Expiry date (YYYY-MM-DD); "virtlab sprawl" lists expired machines.`,
  options: { group: { type: 'string' }, owner: { type: 'string' }, purpose: { type: 'string' }, tags: { type: 'string' }, 'add-tag': { type: 'string' }, 'remove-tag': { type: 'string' }, expires: { type: 'string' } },
  parse: ({ positionals, values }) => {
    if (positionals.length === 0) throw new UsageError('missing <vm>', 'label');
    const o = parseOptions(optionsSchema, values, 'label');
    const patch: LabelPatch = {
      ...(orClear(o.group) === undefined ? {} : { group: orClear(o.group) }),
      ...(orClear(o.owner) === undefined ? {} : { owner: orClear(o.owner) }),
      ...(orClear(o.purpose) === undefined ? {} : { purpose: orClear(o.purpose) }),
      ...(orClear(o.expires) === undefined ? {} : { expiresOn: orClear(o.expires) }),
      ...(o.tags === undefined ? {} : { tags: list(o.tags) }),
      ...(o['add-tag'] === undefined ? {} : { addTags: list(o['add-tag']) }),
      ...(o['remove-tag'] === undefined ? {} : { removeTags: list(o['remove-tag']) }),
    };
    if (Object.keys(patch).length === 0) throw new UsageError('say which label to set: --group, --owner, --purpose, --tags, --add-tag, --remove-tag or --expires', 'label');
    const options = { group: '--group', owner: '--owner', purpose: '--purpose', expiresOn: '--expires', tags: '--tags', addTags: '--add-tag', removeTags: '--remove-tag' };
    checkAgainstContract(labelPatchSchema, patch, options, 'label');
    return { vms: [...positionals], patch };
  },
  run: async ({ api }, { vms, patch }) => {
    const machines = await api.listMachines({});
    const ids = vms.map((vm) => findMachine(machines, vm).id);
    const labelled = await api.labelMachines({ ids, patch });
    const text = formatTable(labelled, [
      { header: 'NAME', value: (m) => terminalSafeLine(m.name) },
      { header: 'GROUP', value: (m) => terminalSafeLine(m.group ?? '-') },
      { header: 'OWNER', value: (m) => terminalSafeLine(m.owner ?? '-') },
      { header: 'TAGS', value: (m) => terminalSafeLine(m.tags?.join(',') ?? '-') },
      { header: 'EXPIRES', value: (m) => m.expiresOn ?? '-' },
    ], '');
    return { json: labelled, text };
  },
});
