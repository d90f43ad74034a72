import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UserError } from '../util/errors.js';
import { pickFile, RegistryClient, systemType } from '../project/libdeps/registryClient.js';
import { corePackageName, UNSUPPORTED_CORE_PACKAGES, type AvrCorePackage } from '../toolchains/avrCores.js';
import type { AvrToolchain } from '../toolchains/avrToolchain.js';
import { installedPackage, installPackage, type InstallProgress } from '../toolchains/installer.js';
import { avrBoardIds, findBoard, type AvrBoard } from './boards.js';

/** The framework a board is built with: `cores/<core>`, `variants/`, `libraries/` under `dir`. */
export interface AvrFramework {
  dir: string;
  /** The package and version, or the toolchain's own core. */
  description: string;
  notices: string[];
}

export interface FrameworkOptions {
  board: AvrBoard;
  envName: string;
  toolchain: AvrToolchain;
  toolchainsDir: string;
  /** `--offline` / `$FBUILD_OFFLINE`: an installed package or the toolchain's core, never a download. */
  offline: boolean;
  /** The pinned packages (corePackages()). */
  packages: Record<string, AvrCorePackage>;
  /** The env set `board_build.core` itself. */
  coreOption?: boolean;
  /** `$FBUILD_REGISTRY_URL`. */
  registryUrl?: string;
  onProgress?: (p: InstallProgress) => void;
}

/** The variants platform-atmelavr's Arduino-core boards name: those framework-arduino-avr ships. */
let arduinoVariants: Set<string> | undefined;
const packageVariants = () =>
  (arduinoVariants ??= new Set(
    avrBoardIds()
      .map((id) => findBoard(id))
      .filter((b) => b?.core === 'arduino' && b.variant)
      .map((b) => b!.variant!),
  ));

/**
 * The framework for a board when nothing needs downloading: an installed package is used as it is
 * (no network), and an Arduino-core board whose variant the toolchain's own core has (Debian's
 * arduino-core-avr, or the pinned ArduinoCore-avr) builds with that. Undefined when the package must
 * be installed first; a core fbuild does not build is one line naming the board, core and package.
 */
export function localAvrFramework(
  opts: Pick<FrameworkOptions, 'board' | 'envName' | 'toolchain' | 'toolchainsDir' | 'packages'>,
): AvrFramework | undefined {
  const { board, envName } = opts;
  const name = corePackageName(board.core);
  const pinned = opts.packages[name];
  if (!pinned) {
    const requirement = UNSUPPORTED_CORE_PACKAGES[name];
    throw new UserError(
      `env '${envName}': ${describe(board)} needs ${name}${requirement ? ` ${requirement}` : ''}, a core fbuild does not build yet (it builds arduino, MiniCore, MegaCore, MightyCore, MajorCore, MicroCore, tiny and tinymodern); build this env with pio run`,
    );
  }
  const installed = installedPackage(opts.toolchainsDir, { ...pinned, systems: [] });
  if (installed) return { dir: installed, description: `${name} ${pinned.version}`, notices: [] };
  if (board.core === 'arduino') {
    const own = opts.toolchain.frameworkDir;
    if (!board.variant || board.variantsDir || existsSync(join(own, 'variants', board.variant))) {
      return { dir: own, description: `the Arduino core in ${own}`, notices: [] };
    }
    if (!packageVariants().has(board.variant)) {
      throw new UserError(
        `env '${envName}': board variant '${board.variant}' is not in ${join(own, 'variants')} nor in ${name}; fix board_build.variant`,
      );
    }
  }
  return undefined;
}

const describe = (board: AvrBoard) => `board '${board.id}' (core ${board.core}${board.variant ? `, variant ${board.variant}` : ''})`;

/**
 * The framework for a board, as PlatformIO picks its package: what localAvrFramework finds, else
 * the package installed from the PlatformIO registry (never when offline). A package that cannot be
 * had is one line naming the board, its core and the package.
 */
export async function resolveAvrFramework(opts: FrameworkOptions): Promise<AvrFramework> {
  const local = localAvrFramework(opts);
  if (local) return local;
  const { board, envName } = opts;
  const pinned = opts.packages[corePackageName(board.core)]!;
  const name = pinned.name;
  // A core the env chose itself is named by its option, so the user sees which line asks for it.
  const what = opts.coreOption ? `board_build.core = ${board.core} needs that core's package:` : `${describe(board)} needs`;
  if (opts.offline) {
    throw new UserError(
      `env '${envName}': ${what} ${name} ${pinned.version} from the PlatformIO registry; it is not installed and the build is offline: build once without --offline / FBUILD_OFFLINE`,
    );
  }
  try {
    const dir = await installFromRegistry(pinned, opts);
    return {
      dir,
      description: `${name} ${pinned.version}`,
      notices: [`installed ${name} ${pinned.version} from the PlatformIO registry into ${dir}`],
    };
  } catch (e) {
    const why = (e as Error).message.replace(/\s*\n\s*/g, ' ');
    throw new UserError(`env '${envName}': ${what} ${name} ${pinned.version}, which could not be installed: ${why}`);
  }
}

/**
 * PlatformIO's install_from_registry for one pinned version: the package's versions from the API,
 * the file for this system, the mirror behind the download URL, then the installer (size and
 * SHA-256 checked before anything is extracted). A pinned checksum must be the registry's too.
 */
async function installFromRegistry(pinned: AvrCorePackage, opts: FrameworkOptions): Promise<string> {
  const client = new RegistryClient({ ...(opts.registryUrl ? { apiUrl: opts.registryUrl } : {}), retries: 2 });
  try {
    const pkg = await client.getPackage('platformio', pinned.name, 'tool');
    if (!pkg) throw new Error(`the registry has no platformio/${pinned.name}`);
    const version = pkg.versions?.find((v) => v.name === pinned.version);
    if (!version) throw new Error(`the registry has no version ${pinned.version} of it`);
    const file = pickFile(version, systemType());
    if (!file) throw new Error(`the registry has no file of it for ${systemType()}`);
    const location = await client.downloadLocation(file);
    const published = (location.sha256 ?? file.checksum?.sha256)?.toLowerCase();
    if (pinned.sha256 && published && published !== pinned.sha256) {
      throw new Error(`the registry's checksum ${published} is not the pinned ${pinned.sha256}`);
    }
    const sha256 = pinned.sha256 ?? published;
    if (!sha256) throw new Error('the registry publishes no checksum for it, and fbuild installs nothing unverified');
    if (typeof file.size !== 'number') throw new Error('the registry gives no size for it');
    const { dir } = await installPackage(
      {
        name: pinned.name,
        version: pinned.version,
        systems: [
          { host: 'any', url: location.url, archiveFileName: basename(new URL(file.download_url).pathname), size: file.size, sha256 },
        ],
      },
      { toolchainsDir: opts.toolchainsDir, host: 'any', retries: 2, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) },
    );
    return dir;
  } finally {
    await client.close();
  }
}

/** Whether a board builds here: now, after its package is installed, or not with fbuild. */
export interface BoardAvailability {
  status: 'ready' | 'install' | 'unsupported';
  /** The framework package it builds with (or would need). */
  package: string;
  /** In a few words: where the core comes from, or what is missing. */
  detail: string;
}

export function boardAvailability(
  board: AvrBoard,
  opts: { toolchainsDir: string; frameworkDir: string | undefined; packages: Record<string, AvrCorePackage> },
): BoardAvailability {
  const name = corePackageName(board.core);
  const pinned = opts.packages[name];
  if (!pinned) {
    const requirement = UNSUPPORTED_CORE_PACKAGES[name];
    return {
      status: 'unsupported',
      package: name,
      detail: `${name}${requirement ? ` ${requirement}` : ''}: a vendor core fbuild does not build`,
    };
  }
  const pkg = `${name} ${pinned.version}`;
  if (installedPackage(opts.toolchainsDir, { ...pinned, systems: [] }))
    return { status: 'ready', package: pkg, detail: `${pkg} installed` };
  const own = opts.frameworkDir;
  if (board.core === 'arduino' && own && (!board.variant || existsSync(join(own, 'variants', board.variant)))) {
    return { status: 'ready', package: pkg, detail: `the Arduino core in ${own}` };
  }
  return { status: 'install', package: pkg, detail: `${pkg} is installed from the PlatformIO registry on the first build` };
}
