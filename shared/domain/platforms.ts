// Platforms a user installs from the app (a hypervisor inside a partition, an application VMM on a host OS) and keeps in the library.
import { z } from 'zod';
import { platformKindSchema } from './virtualization.ts';

const id = (label: string) => z.string({ error: `${label} must be text` }).min(1, `Choose the ${label.toLowerCase()}`).max(100);

export const platformNameSchema = z
  .string({ error: 'Name must be text' })
  .trim()
  .min(1, 'Enter a name for the platform')
  .max(64, 'Name must be at most 64 characters')
  // eslint-disable-next-line no-control-regex -- names are shown in terminals and lists
  .refine((name) => !/[\u0000-\u001f\u007f-\u009f]/.test(name), 'Name cannot contain control characters');

/** What the Install Hypervisor dialog (and `virtlab platform install`) submits: the engine's nesting rules decide. */
export const installPlatformSpecSchema = z.strictObject({
  name: platformNameSchema,
  kind: platformKindSchema,
  /** Inside a machine (a type 0 partition, or a virtual machine where the rules allow it), or on a platform (a host OS). */
  on: z.union([z.strictObject({ guest: id('Machine') }), z.strictObject({ platform: id('Platform') })], { error: 'Choose the machine or platform to install it on' }),
  /** hostOs / type1hosted: the OS kernel it brings. */
  os: z.enum(['linux', 'windows', 'macos', 'bsd'], { error: 'OS must be linux, windows, macos or bsd' }).optional(),
  /** type2: whether the user running it has administrative rights (needed for hardware assist). */
  admin: z.boolean().optional(),
  /** emulator: interpreter or dynamic binary translation. */
  mode: z.enum(['interpreter', 'dbt'], { error: 'Mode must be interpreter or dbt' }).optional(),
  /** processVm: false runs bytecode interpreted only. */
  jit: z.boolean().optional(),
});
export type InstallPlatformSpec = z.input<typeof installPlatformSpecSchema>;

/** An installed platform as the library keeps it (inventory.json `platforms`); restored before the machines on it. */
export const installedPlatformSchema = installPlatformSpecSchema.extend({ id: id('Platform id') });
export type InstalledPlatform = z.output<typeof installedPlatformSchema>;
