#!/usr/bin/env node
// `virtlab` command entry: wires the real process (argv, stdout/stderr, cwd, env) to the dispatcher and sets the exit code.
import { packageVersion } from './inProcessSession.ts';
import { openSession } from './openSession.ts';
import { runVirtlab } from './runVirtlab.ts';
import { readStdin } from './stdin.ts';

// `npm run virtlab -- …` runs in the package folder; relative paths (-o, import FILE) mean the folder npm was called from.
const cwd = process.env['npm_lifecycle_event'] === 'virtlab' && process.env['INIT_CWD'] ? process.env['INIT_CWD'] : process.cwd();

const code = await runVirtlab(process.argv.slice(2), {
  io: {
    stdout: (text) => process.stdout.write(text),
    stdoutBytes: (bytes) => process.stdout.write(bytes),
    stderr: (text) => process.stderr.write(text),
    stderrIsTty: process.stderr.isTTY === true,
  },
  cwd,
  env: process.env,
  version: packageVersion(),
  openSession,
  readStdin,
});
process.exitCode = code;
