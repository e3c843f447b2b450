// The VBoxManage-style verbs: modify, pause/resume/acpi-shutdown, the not-yet-supported ones, list kinds and create's default OS.
import { describe, expect, it } from 'vitest';
import type { MethodInput } from '../../shared/api/methods.ts';
import type { RemovalChoice } from '../../shared/domain/removal.ts';
import { applyNicChanges } from './modifyCommand.ts';
import { AppError } from '../../shared/errors.ts';
import { fakeCli } from './testing/fakeSession.ts';

describe('virtlab modify', () => {
  it('sends only the options given, as one settings patch', async () => {
    const patches: MethodInput<'updateSettings'>[] = [];
    const cli = fakeCli();
    const realUpdate = cli.api.updateSettings;
    Object.assign(cli.api, { updateSettings: (input: MethodInput<'updateSettings'>) => (patches.push(input), realUpdate(input)) });
    await cli.run('create', '--name', 'web-01', '--os', 'ubuntu64');
    const out = await cli.run('modify', 'web-01', '--cpus', '4', '--memory', '4096', '--name', 'web-02', '--os', 'debian64');
    expect(out).toMatchObject({ code: 0, stderr: '' });
    expect(patches).toEqual([{ id: expect.any(String), patch: { name: 'web-02', osType: 'debian64', vcpus: 4, memoryMiB: 4096 } }]);
    expect(out.stdout).toMatch(/^Modified "web-02" \{.*\}: 4 vCPUs, 4096 MiB/);
  });

  it('changes NIC attachments from the current adapters and refuses removing the last one', async () => {
    const patches: MethodInput<'updateSettings'>[] = [];
    const cli = fakeCli();
    const realUpdate = cli.api.updateSettings;
    Object.assign(cli.api, { updateSettings: (input: MethodInput<'updateSettings'>) => (patches.push(input), realUpdate(input)) });
    await cli.run('create', '--name', 'web-01', '--os', 'ubuntu64');
    expect((await cli.run('modify', 'web-01', '--nic1', 'HostOnly', '--nic2', 'nat')).code).toBe(0);
    expect(patches[0]!.patch.nics).toEqual([
      { mac: '02:00:00:00:00:01', attachment: 'hostOnly', ipMode: 'dhcp' },
      { attachment: 'nat', ipMode: 'dhcp' },
    ]);
    const none = await cli.run('modify', 'web-01', '--nic1', 'none');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^virtlab: a machine needs at least one network adapter/);
  });

  it('keeps unchanged adapters as they are and renumbers after a removal', () => {
    const current = [
      { slot: 1, attachment: 'nat' as const, networkId: 'natnet', mac: '02:00:00:00:00:01', ipMode: 'dhcp' as const, ip: '10.0.2.15' },
      { slot: 2, attachment: 'internal' as const, networkId: 'intnet', mac: '02:00:00:00:00:02', ipMode: 'static' as const, ip: '192.168.5.5' },
    ];
    expect(applyNicChanges(current, new Map([[1, 'nat']]))).toEqual([
      { attachment: 'nat', networkId: 'natnet', mac: '02:00:00:00:00:01', ipMode: 'dhcp' },
      { attachment: 'internal', networkId: 'intnet', mac: '02:00:00:00:00:02', ipMode: 'static', staticIp: '192.168.5.5' },
    ]);
    expect(applyNicChanges(current, new Map([[1, 'none']]))).toEqual([{ attachment: 'internal', networkId: 'intnet', mac: '02:00:00:00:00:02', ipMode: 'static', staticIp: '192.168.5.5' }]);
  });

  it.each([
    [['modify', 'web'], /^nothing to change/],
    [['modify', 'web', '--nic5', 'nat'], /has no option --nic5/],
    [['modify', 'web', '--nic1', 'wifi'], /^--nic1 must be one of none, nat, bridged, hostonly, internal, not "wifi"/],
    [['modify', 'web', '--description', 'x'], /has no option --description/],
    [['modify', 'web', '--cpus', '999'], /^--cpus: vCPUs must be at most/],
  ])('%j is a usage error', async (argv, message) => {
    const cli = fakeCli();
    const out = await cli.run(...argv);
    expect(out.code).toBe(2);
    expect(out.stderr.replace(/^virtlab: /, '')).toMatch(message);
    expect(cli.opened).toEqual([]);
  });
});

describe('virtlab pause, resume and acpi-shutdown', () => {
  it('pause and resume go through the running Virtlab', async () => {
    const cli = fakeCli({ mode: 'connected' });
    await cli.run('create', '--name', 'web-01', '--os', 'ubuntu64');
    const id = (await cli.api.listMachines({}))[0]!.id;
    cli.engine.machines.set(id, { ...cli.engine.machines.get(id)!, state: 'Running' });
    expect((await cli.run('pause', 'web-01')).stdout).toBe('"web-01" is paused.\n');
    expect(cli.engine.machines.get(id)!.state).toBe('Paused');
    expect(JSON.parse((await cli.run('resume', 'web-01', '--json')).stdout)).toMatchObject({ state: 'Running' });
    expect((await cli.run('acpi-shutdown', 'web-01')).stdout).toBe('"web-01" is stopping.\n');
  });

  it('pause refuses without a running Virtlab', async () => {
    const cli = fakeCli();
    await cli.run('create', '--name', 'web-01', '--os', 'ubuntu64');
    const out = await cli.run('pause', 'web-01');
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^virtlab: cannot pause "web-01": no Virtlab is running/);
  });
});

describe('virtlab poweroff|reset|savestate|discardstate', () => {
  it('sends each verb to its API method and prints the state it left the machine in', async () => {
    const cli = fakeCli({ mode: 'connected' });
    await cli.run('create', '--name', 'web-01', '--os', 'ubuntu64');
    await cli.run('start', 'web-01');
    expect(await cli.run('savestate', 'web-01')).toMatchObject({ code: 0, stdout: '"web-01" is Saved.\n' });
    expect(await cli.run('discardstate', 'web-01')).toMatchObject({ code: 0, stdout: '"web-01" is Powered Off.\n' });
    await cli.run('start', 'web-01');
    expect(await cli.run('reset', 'web-01')).toMatchObject({ code: 0, stdout: '"web-01" is Starting.\n' });
    expect(await cli.run('poweroff', 'web-01')).toMatchObject({ code: 0, stdout: '"web-01" is Powered Off.\n' });
    expect(cli.engine.calls.filter((c) => c.command === 'lifecycle').map((c) => (c.input as { action: string }).action)).toEqual(['start', 'saveState', 'discardState', 'start', 'reset', 'powerOff']);
  });

  it('refuses reset without a running Virtlab, as start does', async () => {
    const cli = fakeCli();
    await cli.run('create', '--name', 'web-01', '--os', 'ubuntu64');
    const out = await cli.run('reset', 'web-01');
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^virtlab: cannot reset "web-01": no Virtlab is running/);
  });

  it('tells the poweroff command when the guest ignores the ACPI power button', async () => {
    const cli = fakeCli({ mode: 'connected' });
    await cli.run('create', '--name', 'irix', '--os', 'ubuntu64');
    await cli.run('start', 'irix');
    cli.engine.handle('lifecycle', () => {
      throw new AppError('INVALID_STATE', '"irix" ignored the ACPI Shutdown: IRIX 6.5 (MIPS) has no ACPI support, so nothing in the guest answers the power button. Use Power Off to cut its power', 'shutdown');
    });
    const out = await cli.run('stop', 'irix');
    expect(out.code).toBe(1);
    expect(out.stderr).toBe('virtlab: "irix" ignored the ACPI Shutdown: IRIX 6.5 (MIPS) has no ACPI support, so nothing in the guest answers the power button. Run "virtlab poweroff irix" to cut its power\n');
  });
});

describe('virtlab delete modes', () => {
  it('removes only (keeping the files) or deletes, and refuses --with-clones without clones', async () => {
    const cli = fakeCli();
    await cli.run('create', '--name', 'keep', '--os', 'ubuntu64');
    await cli.run('create', '--name', 'drop', '--os', 'ubuntu64');
    expect((await cli.run('delete', 'keep', '--keep-files')).stdout).toMatch(/^Removed machine "keep" \{.*\}; its disk files stay as orphaned media/);
    expect(cli.engine.calls.find((c) => c.command === 'deleteMachine')!.input).toMatchObject({ mode: 'removeOnly' });
    const refused = await cli.run('delete', 'drop', '--with-clones');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^virtlab: "drop" has no linked clones; --with-clones does not apply/);
    expect((await cli.run('delete', 'drop', '--keep-files', '--with-clones')).code).toBe(2);
    expect((await cli.run('delete', 'drop')).stdout).toMatch(/^Deleted machine "drop" \{.*\}; freed 0 MiB\./);
  });

  it('refuses --keep-files for a container, which keeps no files, naming the flag rather than the API mode', async () => {
    // A container's plan offers only "delete all files" (the engine's rule, tested in engine/containers).
    const deleteAll: RemovalChoice = { mode: 'deleteAll', freedMiB: 0, keptMiB: 0, alsoRemoves: [], summary: '"calm" is deleted' };
    const cli = fakeCli({ overrides: { planRemoval: async ({ id }) => ({ machineId: id, name: 'calm', dependents: [], choices: [deleteAll] }) } });
    expect((await cli.run('create', '--name', 'calm', '--os', 'ubuntu64')).code).toBe(0);
    const refused = await cli.run('delete', 'calm', '--keep-files');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^virtlab: "calm" keeps no files that could stay behind; --keep-files does not apply/);
    expect(cli.engine.calls.some((c) => c.command === 'deleteMachine')).toBe(false);
  });
});

describe('virtlab list KIND', () => {
  it('lists OS types, hosts, platforms, networks and media from the API', async () => {
    const cli = fakeCli();
    const ostypes = await cli.run('list', 'ostypes');
    expect(ostypes.stdout).toMatch(/^ID\s+DESCRIPTION\s+FAMILY\s+ISA/);
    expect(ostypes.stdout).toMatch(/^other64\s+Other \(64-bit\)/m);
    expect(JSON.parse((await cli.run('list', 'ostypes', '--json')).stdout)).toContainEqual(expect.objectContaining({ id: 'ubuntu64' }));
    for (const kind of ['hosts', 'platforms', 'networks']) {
      const out = await cli.run('list', kind, '--json');
      expect(out.code, kind).toBe(0);
      expect(Array.isArray(JSON.parse(out.stdout))).toBe(true);
    }
    const media = await cli.run('list', 'media');
    expect(media.stdout).toMatch(/^No disk images\.\n\nISO IMAGE\s+SIZE/);
    expect(media.stdout).toMatch(/^debian-12\.7\.0-amd64-netinst\.iso\s+631 MiB/m);
    expect(JSON.parse((await cli.run('list', 'media', '--json')).stdout)).toMatchObject({ disks: [], isoImages: [expect.objectContaining({ id: 'iso-1' })] });
    expect((await cli.run('list', 'vms')).stdout).toBe((await cli.run('list')).stdout);
  });

  it('refuses an unknown kind with the list of kinds', async () => {
    const out = await fakeCli().run('list', 'disks');
    expect(out).toMatchObject({ code: 2, stderr: 'virtlab: cannot list "disks"; choose one of vms, ostypes, hosts, platforms, networks, media. Run "virtlab list --help" for usage.\n' });
  });
});

describe('virtlab create without --os', () => {
  it('uses other64 with its recommended sizes and says so on stderr', async () => {
    const cli = fakeCli();
    const out = await cli.run('create', '--name', 'plain', '--json');
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('virtlab: no --os given; using other64 (Other (64-bit)), the default\n');
    expect(JSON.parse(out.stdout)).toMatchObject({ name: 'plain', osType: 'other64', vcpus: 1, memoryMiB: 512, diskGiB: 8 });
  });
});
