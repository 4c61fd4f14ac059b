/**
 * The application menu as plain data (index.ts hands it to Menu.buildFromTemplate), so a
 * test can read it for each OS and for built and development apps.
 */

/** The Electron menu roles this menu uses. */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'window'
  | 'help'

export interface MenuItemSpec {
  label?: string
  role?: MenuRole
  type?: 'separator'
  accelerator?: string
  click?: () => void
  submenu?: MenuItemSpec[]
}

export interface AppMenuActions {
  saveDiagnostics(): void
  showAbout(): void
  showShortcuts(): void
}

export interface AppMenuOptions {
  platform: NodeJS.Platform
  /** A development build (electron-vite dev): reload and DevTools are offered. */
  development: boolean
  appName: string
  actions: AppMenuActions
}

const separator: MenuItemSpec = { type: 'separator' }

export function appMenuTemplate(options: AppMenuOptions): MenuItemSpec[] {
  const { actions, appName } = options
  const mac = options.platform === 'darwin'
  const saveDiagnostics: MenuItemSpec = {
    label: 'Save Diagnostics…',
    click: () => actions.saveDiagnostics()
  }
  const about: MenuItemSpec = { label: `About ${appName}`, click: () => actions.showAbout() }

  const appMenu: MenuItemSpec[] = mac
    ? [
        {
          label: appName,
          submenu: [
            about,
            separator,
            { role: 'services' },
            separator,
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            separator,
            { role: 'quit' }
          ]
        }
      ]
    : []

  const file: MenuItemSpec = {
    label: mac ? 'File' : '&File',
    submenu: mac
      ? [saveDiagnostics, separator, { role: 'close' }]
      : [saveDiagnostics, separator, { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' }]
  }

  const edit: MenuItemSpec = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' }
    ]
  }

  // Reload would drop a half-typed form, and DevTools open the page to anyone at the desk:
  // both exist only in a development build.
  const developer: MenuItemSpec[] = options.development
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator]
    : []
  const view: MenuItemSpec = {
    label: mac ? 'View' : '&View',
    submenu: [
      ...developer,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' }
    ]
  }

  const windowMenu: MenuItemSpec[] = mac
    ? [
        {
          role: 'window',
          submenu: [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
        }
      ]
    : []

  const help: MenuItemSpec = {
    role: 'help',
    label: mac ? 'Help' : '&Help',
    submenu: [
      { label: 'Keyboard Shortcuts', click: () => actions.showShortcuts() },
      saveDiagnostics,
      ...(mac ? [] : [separator, about])
    ]
  }

  return [...appMenu, file, edit, view, ...windowMenu, help]
}

/** Every item of a template, submenus included, for checks. */
export function menuItems(template: MenuItemSpec[]): MenuItemSpec[] {
  return template.flatMap((item) => [item, ...menuItems(item.submenu ?? [])])
}
