// Refuses commands that only mean something while a Virtlab runs the library (machines run, migrations take time).
import { AppError } from '../../shared/errors.ts';
import type { CliContext } from './commandTypes.ts';

/** In-process, the engine lives only as long as this command: a started machine would be gone when it exits. */
export function requireRunningVirtlab(ctx: CliContext, action: string, name: string): void {
  if (ctx.mode === 'connected') return;
  throw new AppError(
    'INVALID_STATE',
    `cannot ${action} "${name}": no Virtlab is running on the library ${ctx.libraryDir}, and machines run only while Virtlab is open. ` +
      `Start Virtlab on this library (e.g. npm run web -- --library ${ctx.libraryDir}) and run the command again`,
  );
}
