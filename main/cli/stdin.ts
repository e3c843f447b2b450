// Reads all of standard input (for `virtlab import -`), refusing a terminal and anything over the import size limit.
import { maxImportBytes } from '../../shared/domain/appliance.ts';
import { UsageError } from './cliErrors.ts';

export async function readStdin(stream: NodeJS.ReadStream = process.stdin): Promise<Buffer> {
  if (stream.isTTY === true) throw new UsageError('"-" reads the appliance from standard input, but that is a terminal; pipe a file in (virtlab import - < lab.ova)', 'import');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    total += buffer.length;
    if (total > maxImportBytes) throw new UsageError(`standard input holds more than ${maxImportBytes / 1024 ** 3} GiB, the largest appliance Virtlab imports`, 'import');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
