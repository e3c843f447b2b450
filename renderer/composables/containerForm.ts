// The New Machine wizard's container fields: image, published ports ("8080:80, 8443:443") and restart policy, checked
// with the contract's schema into the spec's `container` part.
import { containerSpecSchema, restartPolicies } from '../../shared/domain/containerSpec.ts';
import type { ContainerSpec, RestartPolicy } from '../../shared/domain/containerSpec.ts';

export interface ContainerFormValues {
  image: string;
  ports: string;
  restartPolicy: RestartPolicy;
}

export const restartPolicyItems = restartPolicies.map((value) => ({
  value,
  title: value,
  subtitle: {
    no: 'never restart it (Docker\'s default)',
    'on-failure': 'restart when it exits with an error or is OOM-killed',
    always: 'restart whenever it stops by itself',
    'unless-stopped': 'like always, unless you stopped it',
  }[value],
}));

export type ContainerFormResult = { readonly spec: ContainerSpec; readonly errors: Record<string, never> } | { readonly spec: null; readonly errors: Partial<Record<'image' | 'ports', string>> };

/** "8080:80, 8443:443" → published ports; an empty field publishes none. */
export function parsePorts(text: string): { host: number; container: number }[] | string {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  const ports: { host: number; container: number }[] = [];
  for (const part of parts) {
    const match = /^(\d{1,5}):(\d{1,5})$/.exec(part);
    if (!match) return `"${part.slice(0, 20)}" is not host:container, e.g. 8080:80`;
    const [host, container] = [Number(match[1]), Number(match[2])];
    if (host < 1 || host > 65535 || container < 1 || container > 65535) return `Ports are 1–65535 ("${part}")`;
    if (ports.some((p) => p.host === host)) return `Host port ${host} is given twice`;
    ports.push({ host, container });
  }
  return ports;
}

export function validateContainerForm(values: ContainerFormValues): ContainerFormResult {
  const ports = parsePorts(values.ports);
  if (typeof ports === 'string') return { spec: null, errors: { ports } };
  const parsed = containerSpecSchema.safeParse({ image: values.image, restartPolicy: values.restartPolicy, ...(ports.length > 0 ? { ports } : {}) });
  if (!parsed.success) return { spec: null, errors: { image: parsed.error.issues[0]?.message ?? 'Choose an image' } };
  return { spec: parsed.data, errors: {} };
}
