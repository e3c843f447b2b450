// Plain JSON export of machine configurations (every field of the backend's records, plus the normalised settings).
import type { ExportMachine } from './exportModel.ts';
import { exportSettings } from './exportModel.ts';

export const configExportFormat = 'virtlab-machine-configurations';

export interface ConfigExportDocument {
  format: typeof configExportFormat;
  version: 1;
  machines: { record: ExportMachine; settings: ReturnType<typeof exportSettings> }[];
}

export function buildConfigurationsJson(machines: readonly ExportMachine[]): string {
  const document: ConfigExportDocument = {
    format: configExportFormat,
    version: 1,
    machines: machines.map((record) => ({ record, settings: exportSettings(record) })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
