// What a compiler sees of fbuild's secrets: nothing. A wrapper `avr-gcc`/`avr-g++` on PATH writes
// the environment of every run (compiles, the link, the version probe) to a file, then runs the
// Debian compiler; the build goes through the CLI on its own, then through a real `fbuild serve`
// that holds the token in its environment, as the action's server and a user's one do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fbuildAsync, spawnFbuild } from './helpers/buildCli.ts';
import { tempDir } from './helpers/fixtures.ts';
import { within } from './helpers/serverHarness.ts';

const BLINK = join(import.meta.dirname, '..', 'examples', 'blink');

/** Values no compiler may see, under the names fbuild and a GitHub runner give them. */
const SECRETS = {
  FBUILD_CACHE_TOKEN: 'tok0secret0fbuild0cache0token',
  ACTIONS_RUNTIME_TOKEN: 'tok0secret0actions0runtime',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'tok0secret0oidc0request',
  GITHUB_TOKEN: 'tok0secret0github0token',
  'INPUT_GITHUB-TOKEN': 'tok0secret0github0input',
};

/** A dir with avr-gcc and avr-g++ that record their environment in `dumps`, then run the real ones. */
function envRecordingCompilers(dir: string, dumps: string): string {
  mkdirSync(dir, { recursive: true });
  mkdirSync(dumps, { recursive: true });
  for (const tool of ['avr-gcc', 'avr-g++']) {
    const script = join(dir, tool);
    writeFileSync(script, `#!/bin/sh\nenv > "${dumps}/${tool}-$$.env"\nexec /usr/bin/${tool} "$@"\n`);
    chmodSync(script, 0o755);
  }
  return dir;
}

/** Every recorded environment: the number of runs and the secrets any of them held. */
function leaksIn(dumps: string): { runs: number; leaked: string[]; withPath: number } {
  const files = readdirSync(dumps);
  const leaked = new Set<string>();
  let withPath = 0;
  for (const f of files) {
    const text = readFileSync(join(dumps, f), 'utf8');
    if (/^PATH=/m.test(text)) withPath++;
    for (const [name, value] of Object.entries(SECRETS)) if (text.includes(value)) leaked.add(`${name} (in ${f})`);
  }
  return { runs: files.length, leaked: [...leaked], withPath };
}

test('no compiler run of a build sees a token: through the CLI alone and through a server that holds one', async (t) => {
  const tmp = tempDir('fbuild-secrets-');
  t.after(tmp.cleanup);
  const cliDumps = join(tmp.dir, 'dumps-cli');
  const serverDumps = join(tmp.dir, 'dumps-server');

  // The CLI alone (the embedded build, no server), with every secret in its environment.
  const cliProject = join(tmp.dir, 'cli', 'blink');
  cpSync(BLINK, cliProject, { recursive: true });
  const cliBin = envRecordingCompilers(join(tmp.dir, 'bin-cli'), cliDumps);
  const cli = await fbuildAsync(['build', cliProject, '-e', 'uno'], {
    env: {
      ...SECRETS,
      FBUILD_CACHE_URL: '',
      FBUILD_CACHE_DIR: join(tmp.dir, 'cache-cli'),
      PATH: `${cliBin}${delimiter}${process.env.PATH}`,
    },
  });
  assert.equal(cli.code, 0, cli.stderr);
  const viaCli = leaksIn(cliDumps);
  assert.ok(viaCli.runs > 10, `every unit of a cold build ran the compiler: ${viaCli.runs} runs`);
  assert.deepEqual(viaCli.leaked, [], 'the compilers of `fbuild build` saw no secret');
  assert.equal(viaCli.withPath, viaCli.runs, 'and the rest of their environment (PATH)');

  // A real `fbuild serve`, given its token through the environment; the CLI builds through it.
  const serverProject = join(tmp.dir, 'server', 'blink');
  cpSync(BLINK, serverProject, { recursive: true });
  const serverBin = envRecordingCompilers(join(tmp.dir, 'bin-server'), serverDumps);
  const serverEnv = { ...SECRETS, FBUILD_CACHE_URL: '', PATH: `${serverBin}${delimiter}${process.env.PATH}` };
  const server = spawnFbuild(['serve', '--cache-dir', join(tmp.dir, 'cache-server'), '--allow-root', tmp.dir], { env: serverEnv });
  const exited = new Promise<void>((r) => server.once('exit', () => r()));
  t.after(async () => {
    server.kill('SIGTERM');
    await exited;
  });
  let serverErr = '';
  server.stderr.on('data', (b: Buffer) => (serverErr += b.toString()));
  const ready = await within(
    new Promise<{ url: string }>((resolveLine) => {
      let out = '';
      server.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('\n')) resolveLine(JSON.parse(out.split('\n')[0]!));
      });
    }),
    30_000,
    'fbuild serve start',
  ).catch((e: Error) => assert.fail(`${e.message}: ${serverErr}`));
  const built = await fbuildAsync(['build', serverProject, '-e', 'uno'], {
    env: { FBUILD_CACHE_URL: ready.url, FBUILD_CACHE_TOKEN: SECRETS.FBUILD_CACHE_TOKEN },
  });
  assert.equal(built.code, 0, built.stderr + serverErr);
  const viaServer = leaksIn(serverDumps);
  assert.ok(viaServer.runs > 10, `every unit of a cold build ran the compiler: ${viaServer.runs} runs`);
  assert.deepEqual(viaServer.leaked, [], "the compilers of the server's builds saw no secret");
  assert.equal(viaServer.withPath, viaServer.runs, 'and the rest of their environment (PATH)');
});
