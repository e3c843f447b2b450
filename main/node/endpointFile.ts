// <library>/endpoint.json: where a running Virtlab's API listens (URL, token, pid), so the CLI can go through it.
import { randomUUID } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const endpointFileName = 'endpoint.json';

/** Only loopback HTTP origins: the token must never be sent anywhere else, whatever the file says. */
const loopbackOrigin = /^http:\/\/(127\.0\.0\.1|\[::1\]|localhost):\d{1,5}$/;

export const endpointSchema = z.strictObject({
  /** The web server's origin, e.g. "http://127.0.0.1:47800". */
  url: z.string().max(100).regex(loopbackOrigin, 'url must be a loopback http origin'),
  token: z.string().min(16).max(200),
  pid: z.number().int().positive(),
});
export type Endpoint = z.infer<typeof endpointSchema>;

export const endpointPath = (libraryDir: string): string => path.join(libraryDir, endpointFileName);

/** Writes the file readable by its owner only (it holds the token), replacing any earlier one in one rename. */
export async function publishEndpoint(libraryDir: string, endpoint: Endpoint): Promise<void> {
  const checked = endpointSchema.parse(endpoint);
  const target = endpointPath(libraryDir);
  const temp = path.join(libraryDir, `.${endpointFileName}.${randomUUID()}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(checked)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Removes the file if it still describes this instance (a newer instance may have replaced it). */
export async function withdrawEndpoint(libraryDir: string, token: string): Promise<void> {
  const current = await readEndpoint(libraryDir);
  if (current?.token === token) await rm(endpointPath(libraryDir), { force: true });
}

/** The published endpoint, or undefined when there is none or it is not a valid endpoint file. */
export async function readEndpoint(libraryDir: string): Promise<Endpoint | undefined> {
  let text: string;
  try {
    text = await readFile(endpointPath(libraryDir), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = endpointSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
