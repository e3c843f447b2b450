// Command-line options of web mode, parsed with node:util and validated with zod into a typed config.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { isLoopbackHost, loopbackRefusal } from './loopback.ts';
import { libraryEnvVar, resolveLibraryDir } from './library/libraryPaths.ts';
import type { ResolveLibraryOptions } from './library/libraryPaths.ts';

/** Preferred port when none is given; if it is busy a free one is picked instead. */
export const defaultWebPort = 47800;

export const webModeUsage = `Usage: node main/node/webMain.ts [options]

Runs Virtlab in web mode: the engine and backend in this process, the UI in your browser.

Options:
  --port N       Port to listen on, 0..65535. 0 picks a free port. Default ${defaultWebPort}
                 (a free port is picked instead if ${defaultWebPort} is busy).
  --host H       Loopback address to listen on: 127.0.0.1 (default), localhost or ::1.
                 Other addresses are refused: web mode has no user accounts.
  --seed N       Simulation seed, a whole number 0..4294967295. Default 1.
  --speed N      Simulated seconds per real second, >0 and at most 1000. Default 1.
  --library DIR  Folder of the machine library (created if missing). Default: ${libraryEnvVar}
                 if set, else the OS's app-data folder (~/.local/share/Virtlab on Linux).
                 One Virtlab instance at a time may use a library.
  --new-token    Replace the library's web token (pages opened with the old URL stop working).
                 Otherwise the token is kept in the library (web-token, owner-only), so a tab
                 left open across a restart of the same library reconnects.
  --test-hooks   Enable POST /__test__/crash-engine?token=TOKEN (end-to-end tests only).
  --help         Show this help.
`;

export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

const numberText = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, `${label} must be a number`)
    .transform(Number);

const configSchema = z.object({
  port: numberText('--port')
    .pipe(z.number().int('--port must be a whole number').min(0, '--port must be between 0 and 65535').max(65535, '--port must be between 0 and 65535'))
    .optional(),
  host: z
    .string()
    .default('127.0.0.1')
    .refine((host) => isLoopbackHost(host), { error: (issue) => loopbackRefusal(String(issue.input)) }),
  seed: numberText('--seed')
    .pipe(z.number().int('--seed must be a whole number').min(0, '--seed must be at least 0').max(4_294_967_295, '--seed must be at most 4294967295'))
    .default(1),
  speed: numberText('--speed')
    .pipe(z.number().positive('--speed must be greater than 0').max(1000, '--speed must be at most 1000'))
    .default(1),
  /** Checked further (control characters, ~user, made absolute) by resolveLibraryDir. */
  library: z.string().max(4096, '--library is too long; give a folder path of at most 4096 characters').optional(),
  testHooks: z.boolean().default(false),
  newToken: z.boolean().default(false),
  help: z.boolean().default(false),
});

export interface WebModeConfig {
  /** Undefined means "the default port, or any free one if it is busy". */
  readonly port: number | undefined;
  readonly host: string;
  readonly seed: number;
  readonly speed: number;
  readonly testHooks: boolean;
  /** Rotate the library's stored web token instead of reusing it. */
  readonly newToken: boolean;
  readonly help: boolean;
  /** Absolute path of the machine library folder. */
  readonly libraryDir: string;
}

/** Where the environment, home and working folder come from when resolving the library (tests pass their own). */
export type LibraryDirSources = Omit<ResolveLibraryOptions, 'override'>;

export function parseWebModeArgs(argv: readonly string[], sources: LibraryDirSources = {}): WebModeConfig {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        speed: { type: 'string' },
        library: { type: 'string' },
        'test-hooks': { type: 'boolean' },
        'new-token': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const { 'test-hooks': testHooks, 'new-token': newToken, ...rest } = values;
  const parsed = configSchema.safeParse({ ...rest, testHooks, newToken });
  if (!parsed.success) throw new CliUsageError(parsed.error.issues[0]?.message ?? 'Invalid arguments');
  const { library, ...config } = parsed.data;
  let libraryDir: string;
  try {
    libraryDir = resolveLibraryDir({ ...sources, override: library });
  } catch (error) {
    if (error instanceof AppError) throw new CliUsageError(error.message);
    throw error;
  }
  return { ...config, port: config.port, libraryDir };
}
