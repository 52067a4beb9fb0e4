/**
 * Builds the Cloud Functions source folder (`functions-dist/` unless told otherwise):
 *
 * - `index.js` (+ `chunks/`): src/server/functions.ts and everything it imports, bundled by
 *   esbuild, except the packages the platform must install itself (`deployedDependencies`) and
 *   the native SQLite module, which only the emulators load (production refuses STORE=sqlite);
 * - `package.json`: main, Node 22 (firebase-tools refuses to deploy Node 20 after its 2026-10-30
 *   decommission; the code is built for Node 20 too, which the emulators run here), and exactly
 *   those dependencies at the versions tested here;
 * - `.env`: the deploy-time settings taken from this build's environment (`deployedSettings`);
 *   Cloud Functions reserves FIREBASE_*, hence WEB_API_KEY and WEB_AUTH_DOMAIN;
 * - `node_modules/<dependency>` links into this repo's node_modules, so the emulators (and
 *   `firebase deploy`'s local discovery) resolve exactly those packages and nothing else.
 *   `firebase deploy` never uploads node_modules; Cloud Build installs from package.json.
 *
 * `npx tsx scripts/build-functions.ts [outDir]`; firebase.json runs it before a functions deploy.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Installed by Cloud Build from the generated package.json. */
export const deployedDependencies = ['firebase-admin', 'firebase-functions'] as const;
/** Native, so never bundled; linked for the emulators only. */
const localOnly = ['better-sqlite3'] as const;
/** Copied from the build's environment into `.env` (read by the deployed function and the emulator). */
export const deployedSettings = [
  'WEB_API_KEY',
  'WEB_AUTH_DOMAIN',
  'API_REGION',
  'RESPOND_MIN_INSTANCES',
  'BODY_LIMIT_BYTES',
  'RATE_LIMIT_PER_MINUTE',
  'RATE_LIMIT_BAD_CODES',
] as const;

export interface FunctionsBuild {
  outDir: string;
  bytes: number;
  ms: number;
}

function installedVersion(name: string): string {
  const file = join(root, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!);
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

export async function buildFunctions(options: { outDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<FunctionsBuild> {
  const started = Date.now();
  const env = options.env ?? process.env;
  const outDir = resolve(root, options.outDir ?? 'functions-dist');
  // `firebase deploy` runs this with the target project in GCLOUD_PROJECT: a real project needs
  // the web config that staff sign-in uses.
  const target = env.GCLOUD_PROJECT;
  if (target && !target.startsWith('demo-') && !env.WEB_API_KEY) {
    throw new Error(
      `Deploying to ${target} needs the project's web API key: WEB_API_KEY=<apiKey from the Firebase console> firebase deploy …`,
    );
  }

  // rmSync removes the node_modules links themselves, never what they point to.
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const external = [...deployedDependencies, ...localOnly].flatMap((name) => [name, `${name}/*`]);
  const result = await build({
    absWorkingDir: root,
    entryPoints: { index: 'src/server/functions.ts' },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    // Runs on Node 20 (this machine, the emulators) and on Cloud Functions' Node 22.
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    external,
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    // Bundled CommonJS packages still call require() for Node's own modules.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });

  // Every import left in the bundle must be Node's own or a package the platform installs/links.
  const allowed = new Set<string>([...deployedDependencies, ...localOnly]);
  const stray = new Set<string>();
  let bytes = 0;
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    bytes += output.bytes;
    for (const imp of output.imports) {
      if (imp.external && !isBuiltin(imp.path) && !allowed.has(packageOf(imp.path))) stray.add(`${imp.path} (${file})`);
    }
  }
  if (stray.size) throw new Error(`The functions bundle imports packages it would not have when deployed: ${[...stray].join(', ')}`);

  const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const manifest = {
    name: `${rootPackage.name}-functions`,
    version: rootPackage.version,
    private: true,
    description: 'Built by scripts/build-functions.ts from src/server/functions.ts; do not edit.',
    type: 'module',
    main: 'index.js',
    engines: { node: '22' },
    dependencies: Object.fromEntries(deployedDependencies.map((name) => [name, installedVersion(name)])),
  };
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  const settings = deployedSettings.filter((key) => env[key]).map((key) => `${key}=${JSON.stringify(env[key])}`);
  if (settings.length) writeFileSync(join(outDir, '.env'), `${settings.join('\n')}\n`);

  mkdirSync(join(outDir, 'node_modules'), { recursive: true });
  for (const name of [...deployedDependencies, ...localOnly]) {
    const source = join(root, 'node_modules', name);
    if (!existsSync(source) || !statSync(source).isDirectory()) throw new Error(`${name} is not installed: run npm ci`);
    const link = join(outDir, 'node_modules', name);
    symlinkSync(relative(dirname(link), source), link, 'dir');
  }
  return { outDir, bytes, ms: Date.now() - started };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildFunctions({ outDir: process.argv[2] }).then(
    (b) => console.log(`functions: ${relative(process.cwd(), b.outDir) || '.'} (${(b.bytes / 1e6).toFixed(1)} MB) in ${(b.ms / 1000).toFixed(1)} s`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
