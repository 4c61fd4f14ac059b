import { keyboardShortcutsText } from './keyboard-shortcuts'

export interface AboutFacts {
  name: string
  version: string
  electron: string
  chrome: string
  node: string
  /** e.g. "Windows 10.0.19045 (x64)" */
  os: string
}

/** The arguments of dialog.showMessageBox: plain data, so a test can read them. */
export interface InfoBox {
  type: 'info'
  title: string
  message: string
  detail: string
  buttons: string[]
  defaultId: number
}

export function aboutBox(facts: AboutFacts): InfoBox {
  return {
    type: 'info',
    title: `About ${facts.name}`,
    message: `${facts.name} ${facts.version}`,
    detail: [
      'Enters the results of outreach connections into Access ACS, and keeps every result',
      'safely on this computer until it is sent.',
      '',
      `Version ${facts.version}`,
      `Electron ${facts.electron}, Chromium ${facts.chrome}, Node.js ${facts.node}`,
      facts.os
    ].join('\n'),
    buttons: ['OK'],
    defaultId: 0
  }
}

export function shortcutsBox(name: string): InfoBox {
  return {
    type: 'info',
    title: 'Keyboard shortcuts',
    message: `Keyboard shortcuts in ${name}`,
    detail: keyboardShortcutsText(),
    buttons: ['OK'],
    defaultId: 0
  }
}
