// Scenario files on disk: a deploy command naming an application file (YAML or JSON beside the scenario) gets it inline.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseApplicationFile } from '../../../shared/domain/applicationFile.ts';
import { AppError } from '../../../shared/errors.ts';

/**
 * A deploy command may name an application file (`"file": "shop.yaml"`, relative to the scenario): it is read, checked
 * (errors give the file's line) and put inline, where the scenario schema checks it as any inline application.
 */
export function inlineApplicationFiles(json: unknown, dir: string): void {
  const commands = (json as { commands?: unknown } | null)?.commands;
  if (!Array.isArray(commands)) return;
  commands.forEach((cmd: unknown, i) => {
    if (typeof cmd !== 'object' || cmd === null) return;
    const entry = cmd as Record<string, unknown>;
    if (entry['do'] !== 'deploy' || typeof entry['file'] !== 'string') return;
    const where = `commands.${i}.file`;
    const target = path.resolve(dir, entry['file']);
    let text: string;
    try {
      text = readFileSync(target, 'utf8');
    } catch (error) {
      throw new AppError('VALIDATION', `${where}: cannot read ${entry['file']} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, where);
    }
    try {
      parseApplicationFile(text, entry['file']);
    } catch (error) {
      if (error instanceof AppError) throw new AppError('VALIDATION', `${where}: ${entry['file']}: ${error.message}`, where);
      throw error;
    }
    delete entry['file'];
    entry['application'] = parseYaml(text) as unknown;
  });
}
