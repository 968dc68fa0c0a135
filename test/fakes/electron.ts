/**
 * A fake `electron` module for main-process tests (vitest.config.ts aliases `electron` to this
 * file; the real binary cannot be downloaded on our build machines). It implements only what
 * src-main/electron uses, and records every call so tests can assert on it: windows created and
 * their options, URLs loaded, IPC handlers, permission handlers, dialogs, menus, and what a preload
 * exposed through `contextBridge`.
 *
 * `createFakeElectron()` gives a fresh, independent instance per test; the named exports are one
 * shared default instance, for code that imports `electron` directly.
 */

type Listener = (...args: never[]) => unknown;

/** The little of Node's EventEmitter the shell relies on, with a way to see who listens. */
class Emitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapped = ((...args: never[]) => {
      this.off(event, wrapped);
      return listener(...args);
    }) as Listener;
    return this.on(event, wrapped);
  }

  off(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  emit(event: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(event) ?? [];
    for (const listener of list) (listener as (...a: unknown[]) => unknown)(...args);
    return list.length > 0;
  }

  listenerCount(event: string): number {
    return (this.listeners.get(event) ?? []).length;
  }
}

/** An Electron-style event: `preventDefault()` and, for navigation events, the target `url`. */
export interface FakeEvent {
  url?: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(fields: { url?: string } = {}): FakeEvent {
  return {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean;
type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };
type IpcHandler = (event: FakeIpcEvent, ...args: unknown[]) => unknown;

/** What an `ipcMain.handle` handler receives; `senderFrame` is null when the frame is gone. */
export interface FakeIpcEvent {
  senderFrame: { url: string } | null;
  sender?: unknown;
}

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
}

export class FakeWebContents extends Emitter {
  readonly session = new FakeSession();
  windowOpenHandler: WindowOpenHandler | null = null;

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  /** Test helper: emit a navigation event the way Electron does and report whether it was blocked. */
  navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    const e = fakeEvent({ url });
    this.emit(event, e, url);
    return e.defaultPrevented;
  }
}

export interface FakeMenu {
  template: unknown[];
}

export interface FakeElectron {
  app: FakeApp;
  BrowserWindow: typeof FakeBrowserWindowBase & { instances: FakeBrowserWindowBase[] };
  ipcMain: FakeIpcMain;
  ipcRenderer: FakeIpcRenderer;
  contextBridge: FakeContextBridge;
  dialog: FakeDialog;
  shell: FakeShell;
  Menu: FakeMenuApi;
}

/** A BrowserWindow that remembers its options and the URLs it loaded. */
export class FakeBrowserWindowBase extends Emitter {
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  minimized = false;
  visible = true;
  focused = false;
  destroyed = false;
  readonly calls: string[] = [];

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.visible = options.show !== false;
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  minimize(): void {
    this.calls.push('minimize');
    this.minimized = true;
  }

  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }

  show(): void {
    this.calls.push('show');
    this.visible = true;
  }

  focus(): void {
    this.calls.push('focus');
    this.focused = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  close(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

export interface FakeApp extends Emitter {
  /** What `requestSingleInstanceLock()` answers [true]. */
  singleInstanceLock: boolean;
  userDataPath: string;
  /** How often `quit()` was called, and whether a quit went through (not prevented). */
  quitCalls: number;
  quitted: boolean;
  exitCode: number | null;
  name: string;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  isReady(): boolean;
  getPath(name: string): string;
  getName(): string;
  getVersion(): string;
  quit(): void;
  exit(code?: number): void;
}

export interface FakeIpcMain {
  readonly handlers: Map<string, IpcHandler>;
  handle(channel: string, handler: IpcHandler): void;
  removeHandler(channel: string): void;
  /** Test helper: call a handler the way `ipcRenderer.invoke` from `senderUrl` would. */
  invoke(channel: string, senderUrl: string | null, ...args: unknown[]): Promise<unknown>;
}

export interface FakeIpcRenderer {
  readonly invocations: { channel: string; args: unknown[] }[];
  /** What `invoke` resolves to, per channel [undefined]. */
  readonly responses: Map<string, unknown>;
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
}

export interface FakeContextBridge {
  readonly exposed: Map<string, unknown>;
  exposeInMainWorld(key: string, api: unknown): void;
}

export interface FakeDialog {
  /** What the next `showOpenDialog` resolves to [cancelled]. */
  openDialogResult: { canceled: boolean; filePaths: string[] };
  readonly openDialogCalls: unknown[][];
  readonly errorBoxes: { title: string; content: string }[];
  showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }>;
  showErrorBox(title: string, content: string): void;
}

export interface FakeShell {
  readonly openedExternal: string[];
  openExternal(url: string): Promise<void>;
}

export interface FakeMenuApi {
  applicationMenu: FakeMenu | null;
  readonly setCalls: number;
  buildFromTemplate(template: unknown[]): FakeMenu;
  setApplicationMenu(menu: FakeMenu | null): void;
}

export function createFakeElectron(): FakeElectron {
  const app = Object.assign(new Emitter(), {
    singleInstanceLock: true,
    userDataPath: '/tmp/raceside-fake-user-data',
    quitCalls: 0,
    quitted: false,
    exitCode: null as number | null,
    name: 'Raceside',
    requestSingleInstanceLock(): boolean {
      return app.singleInstanceLock;
    },
    async whenReady(): Promise<void> {},
    isReady(): boolean {
      return true;
    },
    getPath(name: string): string {
      if (name !== 'userData') throw new Error(`fake electron: getPath('${name}') not faked`);
      return app.userDataPath;
    },
    getName(): string {
      return app.name;
    },
    getVersion(): string {
      return '0.0.0-test';
    },
    // Like Electron: 'before-quit' first; if nobody prevented it, windows close and the app quits.
    quit(): void {
      app.quitCalls += 1;
      const event = fakeEvent();
      app.emit('before-quit', event);
      if (event.defaultPrevented) return;
      for (const window of BrowserWindow.instances) if (!window.destroyed) window.destroyed = true;
      app.quitted = true;
      app.emit('will-quit', fakeEvent());
      app.emit('quit', fakeEvent(), 0);
    },
    exit(code = 0): void {
      app.exitCode = code;
      app.quitted = true;
    },
  });

  class BrowserWindow extends FakeBrowserWindowBase {
    static instances: FakeBrowserWindowBase[] = [];
    constructor(options: Record<string, unknown> = {}) {
      super(options);
      BrowserWindow.instances.push(this);
    }
  }

  const ipcMain: FakeIpcMain = {
    handlers: new Map(),
    handle(channel, handler) {
      if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcMain.handlers.set(channel, handler);
    },
    removeHandler(channel) {
      ipcMain.handlers.delete(channel);
    },
    async invoke(channel, senderUrl, ...args) {
      const handler = ipcMain.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, ...args);
    },
  };

  const ipcRenderer: FakeIpcRenderer = {
    invocations: [],
    responses: new Map(),
    async invoke(channel, ...args) {
      ipcRenderer.invocations.push({ channel, args });
      return ipcRenderer.responses.get(channel);
    },
  };

  const contextBridge: FakeContextBridge = {
    exposed: new Map(),
    exposeInMainWorld(key, api) {
      contextBridge.exposed.set(key, api);
    },
  };

  const dialog: FakeDialog = {
    openDialogResult: { canceled: true, filePaths: [] },
    openDialogCalls: [],
    errorBoxes: [],
    async showOpenDialog(...args) {
      dialog.openDialogCalls.push(args);
      return dialog.openDialogResult;
    },
    showErrorBox(title, content) {
      dialog.errorBoxes.push({ title, content });
    },
  };

  const shell: FakeShell = {
    openedExternal: [],
    async openExternal(url) {
      shell.openedExternal.push(url);
    },
  };

  const Menu: FakeMenuApi = {
    applicationMenu: null,
    setCalls: 0,
    buildFromTemplate(template) {
      return { template };
    },
    setApplicationMenu(menu) {
      Menu.applicationMenu = menu;
      (Menu as { setCalls: number }).setCalls += 1;
    },
  };

  return { app, BrowserWindow, ipcMain, ipcRenderer, contextBridge, dialog, shell, Menu };
}

const shared = createFakeElectron();
export const { app, BrowserWindow, ipcMain, ipcRenderer, contextBridge, dialog, shell, Menu } = shared;
export default shared;
