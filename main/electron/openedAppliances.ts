// .ova/.ovf files the OS hands the app (command line, a second launch, macOS open-file) go to the page's Import wizard.
import path from 'node:path';
import type { MenuCommand, OpenedFile } from '../../shared/api/desktop.ts';

/** Appliance paths among launch arguments, made absolute against the folder the launch came from; switches are skipped. */
export function appliancePathsIn(argv: readonly string[], cwd: string): string[] {
  return argv.filter((arg) => !arg.startsWith('-') && /\.(ova|ovf)$/i.test(arg)).map((arg) => path.resolve(cwd, arg));
}

export interface OpenerDependencies {
  readonly read: (file: string) => Promise<OpenedFile>;
  readonly send: (command: MenuCommand) => void;
  readonly showError: (title: string, message: string) => void;
}

/** Holds files until the page has loaded (it subscribes to menu commands as it starts), then sends each to Import. */
export class ApplianceOpener {
  readonly #deps: OpenerDependencies;
  #pageReady = false;
  readonly #waiting: OpenedFile[] = [];

  constructor(deps: OpenerDependencies) {
    this.#deps = deps;
  }

  async open(file: string): Promise<void> {
    let opened: OpenedFile;
    try {
      opened = await this.#deps.read(file);
    } catch (error) {
      this.#deps.showError('Virtlab cannot open this file', error instanceof Error ? error.message : String(error));
      return;
    }
    if (this.#pageReady) this.#deps.send({ id: 'importAppliance', file: opened });
    else this.#waiting.push(opened);
  }

  /** The page (re)loaded: anything waiting is sent now. */
  pageLoaded(): void {
    this.#pageReady = true;
    for (const file of this.#waiting.splice(0)) this.#deps.send({ id: 'importAppliance', file });
  }

  /** The window closed or is reloading: hold files until the next load. */
  pageGone(): void {
    this.#pageReady = false;
  }
}
