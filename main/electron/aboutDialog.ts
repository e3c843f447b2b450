// Help ▸ About: the app version with the Electron, Chromium, Node and V8 versions it runs on, and the OS.
import os from 'node:os';
import { dialog } from 'electron';
import type { BrowserWindow } from 'electron';

export interface AboutFacts {
  readonly appVersion: string;
  readonly versions: Partial<Record<'electron' | 'chrome' | 'node' | 'v8', string>>;
  readonly platform: string;
  readonly arch: string;
  readonly osRelease: string;
}

export function aboutDetail(facts: AboutFacts): string {
  const { versions } = facts;
  return [
    `Version ${facts.appVersion}`,
    '',
    `Electron ${versions.electron ?? 'unknown'}`,
    `Chromium ${versions.chrome ?? 'unknown'}`,
    `Node.js ${versions.node ?? 'unknown'}`,
    `V8 ${versions.v8 ?? 'unknown'}`,
    `OS ${facts.platform} ${facts.arch} ${facts.osRelease}`,
    '',
    'A manager for simulated virtual machines. MIT License.',
  ].join('\n');
}

export function showAbout(window: BrowserWindow | null, appVersion: string): void {
  const options = {
    type: 'info' as const,
    title: 'About Virtlab',
    message: 'Virtlab',
    detail: aboutDetail({ appVersion, versions: process.versions, platform: process.platform, arch: process.arch, osRelease: os.release() }),
    buttons: ['OK'],
  };
  void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
}
