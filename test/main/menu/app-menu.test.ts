import { describe, expect, it, vi } from 'vitest'
import {
  appMenuTemplate,
  menuItems,
  type AppMenuActions,
  type MenuItemSpec
} from '$main/menu/app-menu'
import { aboutBox, shortcutsBox } from '$main/menu/about-box'

function actions(): AppMenuActions {
  return { saveDiagnostics: vi.fn(), showAbout: vi.fn(), showShortcuts: vi.fn() }
}

function template(platform: NodeJS.Platform, development: boolean, spies = actions()) {
  return appMenuTemplate({ platform, development, appName: 'Connections Desk', actions: spies })
}

function top(menu: MenuItemSpec[], label: string): MenuItemSpec | undefined {
  return menu.find((item) => item.label?.replace('&', '') === label)
}

const DEVELOPER_ROLES = ['reload', 'forceReload', 'toggleDevTools']

describe('the application menu', () => {
  it.each(['win32', 'darwin', 'linux'] as const)(
    'has no reload or DevTools in a built app on %s',
    (platform) => {
      const roles = menuItems(template(platform, false)).map((item) => item.role)
      for (const role of DEVELOPER_ROLES) expect(roles).not.toContain(role)
    }
  )

  it('offers reload and DevTools in a development build', () => {
    const roles = menuItems(template('linux', true)).map((item) => item.role)
    for (const role of DEVELOPER_ROLES) expect(roles).toContain(role)
  })

  it.each(['win32', 'linux'] as const)('on %s: File saves diagnostics and quits', (platform) => {
    const spies = actions()
    const menu = template(platform, false, spies)
    expect(menu.map((item) => item.label?.replace('&', '') ?? item.role)).toEqual([
      'File',
      'Edit',
      'View',
      'Help'
    ])
    const file = top(menu, 'File')?.submenu ?? []
    file.find((item) => item.label === 'Save Diagnostics…')?.click?.()
    expect(spies.saveDiagnostics).toHaveBeenCalledOnce()
    expect(file.map((item) => item.role)).toContain('quit')
    const help = top(menu, 'Help')?.submenu ?? []
    help.find((item) => item.label === 'About Connections Desk')?.click?.()
    help.find((item) => item.label === 'Keyboard Shortcuts')?.click?.()
    expect(spies.showAbout).toHaveBeenCalledOnce()
    expect(spies.showShortcuts).toHaveBeenCalledOnce()
  })

  it('on macOS: the app menu holds About and Quit, File saves diagnostics, Window exists', () => {
    const spies = actions()
    const menu = template('darwin', false, spies)
    expect(menu.map((item) => item.label ?? item.role)).toEqual([
      'Connections Desk',
      'File',
      'Edit',
      'View',
      'window',
      'Help'
    ])
    const appMenu = menu[0]?.submenu ?? []
    expect(appMenu.map((item) => item.role)).toContain('quit')
    appMenu.find((item) => item.label === 'About Connections Desk')?.click?.()
    expect(spies.showAbout).toHaveBeenCalledOnce()
    const file = top(menu, 'File')?.submenu ?? []
    expect(file.map((item) => item.label)).toContain('Save Diagnostics…')
  })

  it.each(['win32', 'darwin', 'linux'] as const)(
    'has the usual Edit roles on %s, so copy and paste work in the forms',
    (platform) => {
      const edit = top(template(platform, false), 'Edit')?.submenu ?? []
      const roles = edit.map((item) => item.role)
      for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']) {
        expect(roles).toContain(role)
      }
    }
  )
})

describe('the About and shortcuts boxes', () => {
  it('names the version and what it runs on', () => {
    const box = aboutBox({
      name: 'Connections Desk',
      version: '1.2.3',
      electron: '45.5.0',
      chrome: '142.0.1',
      node: '22.20.0',
      os: 'Windows 10.0.19045 (x64)'
    })
    expect(box.message).toBe('Connections Desk 1.2.3')
    expect(box.detail).toContain('Electron 45.5.0')
    expect(box.detail).toContain('Windows 10.0.19045 (x64)')
  })

  it('lists the keyboard shortcuts', () => {
    const box = shortcutsBox('Connections Desk')
    expect(box.detail).toContain('Alt+3 — Outbox')
    expect(box.detail).toContain('Ctrl+Enter — Save the form')
    expect(box.detail).toContain('Alt+5 — Find a person')
    expect(box.detail).toContain('Alt+S — From a sheet')
  })
})
