// The Network Manager's form model: a network as editable text, the spec it submits, and the contract's format checks per field.
import { networkSpecSchema } from '../../shared/domain/network.ts';
import type { Attachment, NetworkSpec, VirtualNetwork } from '../../shared/domain/network.ts';

export interface NetworkForm {
  name: string;
  attachment: Exclude<Attachment, 'bridged'>;
  hostId: string;
  subnet: string;
  gateway: string;
  dhcpServer: string;
  dhcpFirst: string;
  dhcpLast: string;
}

export type NetworkField = keyof NetworkForm;

export function formOf(network: VirtualNetwork): NetworkForm {
  return {
    name: network.name,
    attachment: network.attachment === 'bridged' ? 'nat' : network.attachment,
    hostId: network.hostId ?? '',
    subnet: network.subnet,
    gateway: network.gateway,
    dhcpServer: network.dhcpServer,
    dhcpFirst: network.dhcpRange.first,
    dhcpLast: network.dhcpRange.last,
  };
}

/** A starting point people only have to adjust: a free-looking private subnet with VirtualBox's layout. */
export function blankForm(hostId: string): NetworkForm {
  return { name: '', attachment: 'nat', hostId, subnet: '10.0.9.0/24', gateway: '10.0.9.1', dhcpServer: '10.0.9.2', dhcpFirst: '10.0.9.100', dhcpLast: '10.0.9.199' };
}

export function specOf(form: NetworkForm): NetworkSpec {
  const { hostId, ...rest } = form;
  return form.attachment === 'nat' ? { ...rest, hostId } : rest;
}

/** Format problems per field, as the contract's schema words them; the engine checks how the addresses fit together. */
export function formatErrors(form: NetworkForm): Partial<Record<NetworkField, string>> {
  const parsed = networkSpecSchema.safeParse(specOf(form));
  const errors: Partial<Record<NetworkField, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'name') as NetworkField;
      errors[field] ??= issue.message;
    }
  }
  if (form.attachment === 'nat' && form.hostId === '') errors.hostId ??= 'Choose the host of this NAT network';
  return errors;
}
