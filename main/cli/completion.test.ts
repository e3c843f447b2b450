// `virtlab completion`: the bash script really completes commands, subcommands, options and values (run in bash).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeCli } from './testing/fakeSession.ts';

const bash = ['/usr/bin/bash', '/bin/bash'].find((candidate) => existsSync(candidate));

async function script(shell: string): Promise<string> {
  const out = await fakeCli().run('completion', shell);
  expect(out.code).toBe(0);
  return out.stdout;
}

/** Loads the script in bash, sets the words as the shell would for the cursor on the last one, and returns the candidates. */
function complete(source: string, words: string[]): string[] {
  const program = `${source}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _virtlab; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync(bash!, ['--norc', '-c', program], { encoding: 'utf8', cwd: '/' }).split('\n').filter((line) => line !== '');
}

describe('virtlab completion', () => {
  it.skipIf(bash === undefined)('bash completes command words, subcommands, options and fixed values', async () => {
    const source = await script('bash');
    expect(complete(source, ['virtlab', 'sn'])).toEqual(['snapshot']);
    expect(complete(source, ['virtlab', 'snapshot', ''])).toEqual(['take', 'restore', 'delete', 'list']);
    expect(complete(source, ['virtlab', 'snapshot', 'take', 'web', '--'])).toEqual(expect.arrayContaining(['--name', '--description', '--json']));
    expect(complete(source, ['virtlab', 'list', 'o'])).toEqual(['ostypes']);
    expect(complete(source, ['virtlab', 'create', '--os', 'ubuntu'])).toEqual(['ubuntu64', 'ubuntu-arm64']);
    expect(complete(source, ['virtlab', '--library', '/tmp', 'modify', 'web', '--nic1', 'h'])).toEqual(['hostonly']);
    expect(complete(source, ['virtlab', 'completion', ''])).toEqual(['bash', 'zsh']);
  });

  it('zsh gets the same definitions through bashcompinit', async () => {
    const source = await script('zsh');
    expect(source).toMatch(/^#compdef virtlab\n/);
    expect(source).toContain('autoload -U +X bashcompinit && bashcompinit');
    expect(source).toContain('complete -F _virtlab virtlab');
  });

  it('needs no library, and refuses other shells as a usage error', async () => {
    const cli = fakeCli();
    await cli.run('completion', 'bash');
    expect(cli.opened).toEqual([]);
    expect(await cli.run('completion', 'fish')).toMatchObject({ code: 2, stderr: 'virtlab: no completion for "fish"; choose bash or zsh. Run "virtlab completion --help" for usage.\n' });
  });
});
