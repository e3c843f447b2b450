// Minimal stand-ins for Electron objects (webContents, session, BrowserWindow) used with vi.mock('electron').
type Handler = (...args: unknown[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Handler[]>();

  on(event: string, listener: Handler): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Handler): this {
    return this.on(event, listener);
  }

  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((listener) => listener(...args));
  }
}

export class FakeSession {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  devicePermissionHandler: Handler | null = null;

  setPermissionRequestHandler(handler: Handler | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: Handler | null): void {
    this.permissionCheckHandler = handler;
  }

  setDevicePermissionHandler(handler: Handler | null): void {
    this.devicePermissionHandler = handler;
  }
}

export class FakeWebContents extends FakeEmitter {
  readonly session = new FakeSession();
  readonly sent: { channel: string; message: unknown }[] = [];
  windowOpenHandler: Handler | null = null;
  destroyed = false;

  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message });
  }

  /** Messages with transferred ports (webContents.postMessage). */
  readonly posted: { channel: string; message: unknown; transfer: unknown[] }[] = [];

  postMessage(channel: string, message: unknown, transfer: unknown[] = []): void {
    this.posted.push({ channel, message, transfer });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  shown = false;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    FakeBrowserWindow.created.push(this);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }

  show(): void {
    this.shown = true;
  }

  isDestroyed(): boolean {
    return false;
  }

  isMinimized(): boolean {
    return false;
  }

  restore(): void {}

  focus(): void {}
}

/** A preventable event like Electron's, carrying the target URL. */
export function fakeEvent(url = 'https://example.com/') {
  return { url, defaultPrevented: false, preventDefault() {
    this.defaultPrevented = true;
  } };
}

/** A MessagePortMain stand-in that records what main posts and whether it was closed. */
export class FakePortMain {
  readonly messages: unknown[] = [];
  closed = false;

  postMessage(message: unknown): void {
    if (!this.closed) this.messages.push(message);
  }

  close(): void {
    this.closed = true;
  }
}

export class FakeMessageChannelMain {
  static readonly created: FakeMessageChannelMain[] = [];
  readonly port1 = new FakePortMain();
  readonly port2 = new FakePortMain();

  constructor() {
    FakeMessageChannelMain.created.push(this);
  }
}
