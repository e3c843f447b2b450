// The dispatcher end to end over the real BackendService and a fake engine: outputs, exit codes, help, and when the library opens.
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../shared/domain/machine.ts';
import { AppError } from '../../shared/errors.ts';
import { fakeCli } from './testing/fakeSession.ts';

const create = ['create', '--name', 'web-01', '--os', 'ubuntu64'];

describe('virtlab commands', () => {
  it('create then list --json prints exactly one JSON document with the machine', async () => {
    const cli = fakeCli();
    expect((await cli.run(...create, '--cpus', '4', '--memory', '3072', '--workload', 'database')).code).toBe(0);
    const listed = await cli.run('list', '--json');
    expect(listed.code).toBe(0);
    expect(listed.stderr).toBe('');
    const machines = JSON.parse(listed.stdout) as Machine[];
    expect(machines).toEqual([expect.objectContaining({ name: 'web-01', osType: 'ubuntu64', vcpus: 4, memoryMiB: 3072, workload: 'database' })]);
  });

  it("create fills in the OS type's recommended sizes", async () => {
    const cli = fakeCli();
    const out = await cli.run(...create, '--os', 'alpine64', '--json');
    expect(out.stderr).toMatch(/--os was given more than once/);
    const ok = await cli.run('create', '--name', 'tiny', '--os', 'alpine64', '--json');
    expect(JSON.parse(ok.stdout)).toMatchObject({ name: 'tiny', vcpus: 1, memoryMiB: 256, diskGiB: 2 });
  });

  it('show prints the details of a machine named in another case', async () => {
    const cli = fakeCli();
    await cli.run(...create);
    const shown = await cli.run('show', 'WEB-01');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^Name:\s+web-01$/m);
    expect(shown.stdout).toMatch(/^Snapshots:\s+none$/m);
  });

  it('snapshot take, list, restore and delete address snapshots by name', async () => {
    const cli = fakeCli();
    await cli.run(...create);
    const taken = await cli.run('snapshot', 'take', 'web-01', '--name', 'Before', '--description', 'clean', '--json');
    expect(JSON.parse(taken.stdout)).toMatchObject({ snapshot: { name: 'Before', description: 'clean' } });
    await cli.run('snapshot', 'take', 'web-01', '--name', 'After');
    expect((await cli.run('snapshot', 'list', 'web-01')).stdout).toMatch(/Name: Before .*\n\s+Description: clean\n\s+Name: After .*\*/);
    const restored = await cli.run('snapshot', 'restore', 'web-01', 'before');
    expect(restored.stdout).toMatch(/Restored "web-01" to snapshot "Before"/);
    const deleted = await cli.run('snapshot', 'delete', 'web-01', 'After');
    expect(deleted.stdout).toMatch(/Deleted snapshot "After" of "web-01"; freed 0 MiB/);
    expect((await cli.run('snapshot', 'list', 'web-01', '--json')).stdout).not.toContain('"After"');
  });

  it('clone passes the linked mode and MAC policy to the API', async () => {
    const cli = fakeCli();
    await cli.run(...create);
    const cloned = await cli.run('clone', 'web-01', '--name', 'web-02', '--linked', '--mac', 'keep');
    expect(cloned.stdout).toMatch(/Cloned "web-01" to "web-02" \{[0-9a-f-]{36}\} \(linked clone\)/);
    const call = cli.engine.calls.find((c) => c.command === 'cloneMachine')?.input as { options: { mode: string; macPolicy: string } };
    expect(call.options).toMatchObject({ mode: 'linked', macPolicy: 'keepAll' });
  });

  it('delete removes a powered-off machine and refuses a running one without --force', async () => {
    const cli = fakeCli({ mode: 'connected' });
    await cli.run(...create);
    await cli.run('create', '--name', 'busy', '--os', 'debian64');
    const busy = (await cli.api.listMachines({})).find((m) => m.name === 'busy')!;
    cli.engine.machines.set(busy.id, { ...busy, state: 'Running' });
    const refused = await cli.run('delete', 'busy');
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toBe('virtlab: "busy" is Running; stop it first, or use --force to stop and delete it\n');
    expect((await cli.run('delete', 'web-01', '--json')).stdout).toMatch(/"deleted": true/);
    expect((await cli.api.listMachines({})).map((m) => m.name)).toEqual(['busy']);
  });

  it('delete --force stops the machine, waits until it is powered off, then deletes it', async () => {
    const cli = fakeCli({ mode: 'connected' });
    await cli.run('create', '--name', 'busy', '--os', 'debian64');
    const busy = (await cli.api.listMachines({})).find((m) => m.name === 'busy')!;
    cli.engine.machines.set(busy.id, { ...busy, state: 'Running' });
    // The machine reaches Powered Off one poll after the stop, as a real shutdown takes simulated time.
    let polls = 0;
    cli.engine.handle('getMachine', ({ id }) => {
      const machine = cli.engine.machines.get(id)!;
      if (machine.state === 'Stopping' && ++polls > 1) cli.engine.machines.set(id, { ...machine, state: 'PoweredOff' });
      return cli.engine.machines.get(id)!;
    });
    const out = await cli.run('delete', 'busy', '--force');
    expect(out).toMatchObject({ code: 0, stderr: '' });
    expect(cli.engine.calls.map((c) => c.command).filter((c) => c === 'lifecycle' || c === 'deleteMachine')).toEqual(['lifecycle', 'deleteMachine']);
    expect(cli.engine.machines.size).toBe(0);
  });

  it('start refuses in-process, explaining that it needs a running Virtlab; connected it starts the machine', async () => {
    const local = fakeCli();
    await local.run(...create);
    const refused = await local.run('start', 'web-01');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^virtlab: cannot start "web-01": no Virtlab is running on the library \/lib.*npm run web -- --library \/lib/);
    expect(local.engine.calls.some((c) => c.command === 'lifecycle')).toBe(false);

    const remote = fakeCli({ mode: 'connected' });
    await remote.run(...create);
    const started = await remote.run('start', 'web-01', '--json');
    expect(JSON.parse(started.stdout)).toMatchObject({ name: 'web-01', state: 'Starting' });
  });

  it('stop refuses a powered-off machine', async () => {
    const cli = fakeCli({ mode: 'connected' });
    await cli.run(...create);
    expect(await cli.run('stop', 'web-01')).toMatchObject({ code: 1, stderr: 'virtlab: "web-01" is not running (it is powered off)\n' });
  });
});

describe('virtlab errors and exit codes', () => {
  it.each([
    [['frobnicate'], 'unknown command "frobnicate". Run "virtlab --help" for usage.'],
    [['lsit'], 'unknown command "lsit" (did you mean "list"?). Run "virtlab --help" for usage.'],
    [[], 'missing command. Run "virtlab --help" for usage.'],
    [['create', '--os', 'ubuntu64'], 'missing --name. Run "virtlab create --help" for usage.'],
    [['create', '--name', 'a', '--os', 'beos'], /^--os must be one of ubuntu64, .*, not "beos"/],
    [['create', '--name', 'a', '--os', 'ubuntu64', '--memory', 'lots'], '--memory must be a whole number of MiB, not "lots". Run "virtlab create --help" for usage.'],
    [['create', '--name', 'a', '--os', 'ubuntu64', '--cpus', '0'], '--cpus: vCPUs must be at least 1. Run "virtlab create --help" for usage.'],
    [['create', '--name', 'a/b', '--os', 'ubuntu64'], /^--name: Name cannot contain/],
    [['clone', 'x', '--name', 'y', '--mac', 'maybe'], /^--mac must be keep or new, not "maybe"/],
    [['show'], 'missing <vm>. Run "virtlab show --help" for usage.'],
    [['show', 'a', 'b'], 'unexpected argument "b". Run "virtlab show --help" for usage.'],
    [['snapshot'], '"snapshot" needs a subcommand: take, restore, delete, list. Run "virtlab snapshot --help" for usage.'],
    [['snapshot', 'undo', 'x'], /^unknown subcommand "snapshot undo"/],
    [['export', 'web', '-o', 'out.zip'], /^-o "out.zip": the file name must end in \.ova, \.ovf or \.json/],
    [['export', 'web', '-o', 'x.json', '--no-manifest'], /^--ovf-version and --no-manifest apply to \.ova and \.ovf files only/],
    [['export', '-o', 'x.ova'], /^missing <vm>/],
    [['import', 'x.zip'], /^"x.zip" is not an \.ova or \.ovf file/],
    [['list', '--library'], /^--library needs a folder/],
  ])('%j exits 2 with a one-line usage message and never opens the library', async (argv, message) => {
    const cli = fakeCli();
    const out = await cli.run(...argv);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.split('\n')).toHaveLength(2);
    const text = out.stderr.replace(/^virtlab: /, '').trimEnd();
    if (typeof message === 'string') expect(text).toBe(message);
    else expect(text).toMatch(message);
    expect(cli.opened).toEqual([]);
  });

  it('exits 1 with NOT_FOUND and CONFLICT messages from the backend, and always closes the session', async () => {
    const cli = fakeCli();
    await cli.run(...create);
    expect(await cli.run('show', 'nope')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^virtlab: no machine is named or has the id "nope"/) });
    cli.engine.handle('createMachine', () => {
      throw new AppError('CONFLICT', 'A machine named "web-01" already exists');
    });
    expect(await cli.run(...create)).toMatchObject({ code: 1, stdout: '', stderr: 'virtlab: A machine named "web-01" already exists\n' });
    expect(cli.closed).toBe(cli.opened.length);
  });

  it('maps a library that cannot be opened to exit code 3', async () => {
    const { runVirtlab } = await import('./runVirtlab.ts');
    const { LibraryUnavailableError } = await import('./cliErrors.ts');
    let stderr = '';
    const code = await runVirtlab(['list'], {
      io: { stdout: () => undefined, stdoutBytes: () => undefined, stderr: (t) => (stderr += t), stderrIsTty: false },
      cwd: '/',
      env: {},
      version: '1',
      openSession: () => Promise.reject(new LibraryUnavailableError('The library /x is in use by Virtlab (pid 42)')),
      readStdin: () => Promise.resolve(Buffer.alloc(0)),
    });
    expect(code).toBe(3);
    expect(stderr).toBe('virtlab: The library /x is in use by Virtlab (pid 42)\n');
  });

  it('resolves --library against the working folder, ahead of VIRTLAB_LIBRARY', async () => {
    const cli = fakeCli({ cwd: '/home/me' });
    await cli.run('list');
    await cli.run('--library', 'labs/one', 'list');
    expect(cli.opened).toEqual(['/lib', '/home/me/labs/one']);
  });
});

describe('virtlab help and version', () => {
  it('prints the global help with every command, and each command its own help, without opening the library', async () => {
    const cli = fakeCli();
    const help = await cli.run('--help');
    expect(help.code).toBe(0);
    for (const name of ['list', 'show', 'create', 'modify', 'clone', 'snapshot take', 'snapshot restore', 'snapshot delete', 'start', 'stop', 'acpi-shutdown', 'pause', 'resume', 'poweroff', 'reset', 'savestate', 'discardstate', 'platform install', 'export', 'import', 'delete', 'sprawl', 'completion']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
    expect((await cli.run('create', '--help')).stdout).toMatch(/^Usage: virtlab create --name NAME \[--os OS\]/);
    expect((await cli.run('help', 'snapshot', 'take')).stdout).toMatch(/^Usage: virtlab snapshot take <vm> --name NAME/);
    expect((await cli.run('snapshot', '--help')).stdout).toMatch(/^Usage: virtlab snapshot <take\|restore\|delete\|list>/);
    expect(cli.opened).toEqual([]);
  });

  it('prints the version as text or JSON', async () => {
    const cli = fakeCli();
    expect((await cli.run('--version')).stdout).toBe('virtlab 9.9.9\n');
    expect(JSON.parse((await cli.run('--version', '--json')).stdout)).toEqual({ name: 'virtlab', version: '9.9.9' });
  });
});
