// Virtual networks (NAT, bridged, host-only, internal) with DHCP pools, NIC settings and the optical drive.
import { z } from 'zod';

export const attachmentKinds = ['nat', 'bridged', 'hostOnly', 'internal'] as const;
export const attachmentSchema = z.enum(attachmentKinds, { error: 'Attachment must be nat, bridged, hostOnly or internal' });
export type Attachment = z.infer<typeof attachmentSchema>;

export const nicLimits = { max: 4 } as const;

const ipv4Pattern = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
export const ipv4Schema = z.string({ error: 'IP address must be text' }).trim().regex(ipv4Pattern, 'Enter an IPv4 address like 10.0.2.20');

/** Any unicast MAC written as six hex pairs; VirtualBox's 08:00:27 prefix is one of them. */
export const macSchema = z
  .string({ error: 'MAC address must be text' })
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-F]{2}(:[0-9A-F]{2}){5}$/, 'Enter a MAC address like 08:00:27:12:34:56')
  .refine((mac) => (parseInt(mac.slice(0, 2), 16) & 1) === 0, 'A NIC needs a unicast MAC address (the first byte must be even)');

export const ipModeSchema = z.enum(['dhcp', 'static'], { error: 'IP mode must be dhcp or static' });
export type IpMode = z.infer<typeof ipModeSchema>;

/** A NIC as a user asks for it: the engine fills the network of the attachment and a fresh MAC when omitted. */
export const nicSpecSchema = z
  .strictObject({
    attachment: attachmentSchema,
    networkId: z.string().min(1).max(100).optional(),
    mac: macSchema.optional(),
    ipMode: ipModeSchema.default('dhcp'),
    staticIp: ipv4Schema.optional(),
  })
  .refine((nic) => nic.ipMode === 'dhcp' || nic.staticIp !== undefined, { message: 'Enter the static IP address', path: ['staticIp'] });
export type NicSpec = z.input<typeof nicSpecSchema>;

export const nicConfigSchema = z.object({
  /** Adapter number, 1 to 4. */
  slot: z.number().int().min(1).max(nicLimits.max),
  attachment: attachmentSchema,
  networkId: z.string(),
  mac: z.string(),
  ipMode: ipModeSchema,
  /** The DHCP lease or the static address. */
  ip: z.string(),
});
export type NicConfig = z.infer<typeof nicConfigSchema>;

export const opticalDriveSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('empty') }),
    z.strictObject({ kind: z.literal('iso'), image: z.string().trim().min(1, 'Enter the ISO image name').max(255) }),
    /** Passthrough of the host's DVD drive: only one running guest per host may hold it. */
    z.strictObject({ kind: z.literal('host') }),
  ],
  { error: 'Optical drive must be empty, an ISO image or the host drive' },
);
export type OpticalDrive = z.infer<typeof opticalDriveSchema>;

export const dhcpLeaseSchema = z.object({ mac: z.string(), ip: z.string(), machineIds: z.array(z.string()) });

/** Limits of a network definition a user edits in the Network Manager. */
export const networkLimits = { nameMaxLength: 64, prefix: { min: 8, max: 29 } } as const;

const cidrPattern = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/;

/** A network as the Network Manager submits it; the engine checks how the addresses fit together and with other networks. */
export const networkSpecSchema = z.strictObject({
  name: z
    .string({ error: 'Name must be text' })
    .trim()
    .min(1, 'Enter a name for the network')
    .max(networkLimits.nameMaxLength, `Name must be at most ${networkLimits.nameMaxLength} characters`)
    // eslint-disable-next-line no-control-regex -- names are shown in terminals and lists
    .refine((name) => !/[\u0000-\u001f\u007f-\u009f]/.test(name), 'Name cannot contain control characters'),
  attachment: attachmentSchema,
  /** NAT networks belong to one host (a NAT network does not span hosts); other kinds have none. */
  hostId: z.string().min(1).max(100).optional(),
  subnet: z
    .string({ error: 'Subnet must be text' })
    .trim()
    .regex(cidrPattern, 'Enter the subnet in CIDR form, like 10.0.2.0/24'),
  gateway: ipv4Schema,
  dhcpServer: ipv4Schema,
  dhcpFirst: ipv4Schema,
  dhcpLast: ipv4Schema,
});
export type NetworkSpec = z.input<typeof networkSpecSchema>;

/** A network as the library keeps it (inventory.json `networks`) and the engine is seeded with. */
export const networkDefSchema = networkSpecSchema.extend({ id: z.string().min(1).max(100) });
export type NetworkDefinition = z.output<typeof networkDefSchema>;

/** What the engine answers while a static address is typed: whether it may be used, why not, or a caution. */
export const staticIpCheckSchema = z.object({
  ok: z.boolean(),
  /** The address as it would be stored (trimmed, normalised). */
  ip: z.string().optional(),
  /** Why it cannot be used (outside the subnet, the gateway's, held by "web-01"...). */
  message: z.string().optional(),
  /** It can be used, but note this (e.g. inside the DHCP range). */
  warning: z.string().optional(),
  networkId: z.string(),
});
export type StaticIpCheck = z.infer<typeof staticIpCheckSchema>;

export const virtualNetworkSchema = z.object({
  id: z.string(),
  name: z.string(),
  attachment: attachmentSchema,
  /** The host a NAT network belongs to; absent for networks that span hosts. */
  hostId: z.string().optional(),
  /** Whether the Network Manager may change or delete it (the bridged LAN belongs to the physical network). */
  editable: z.boolean(),
  /** CIDR, e.g. "10.0.2.0/24". */
  subnet: z.string(),
  gateway: z.string(),
  dhcpServer: z.string(),
  dhcpRange: z.object({ first: z.string(), last: z.string() }),
  leases: z.array(dhcpLeaseSchema),
  /** Static addresses configured on NICs of this network. */
  staticIps: z.array(z.object({ ip: z.string(), machineId: z.string() })),
});
export type VirtualNetwork = z.infer<typeof virtualNetworkSchema>;
