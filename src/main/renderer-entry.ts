import { originOf } from '../shared/bridge/origin'
import { APP_ENTRY_URL, APP_ORIGIN } from './app-protocol'

export interface RendererEntry {
  /** What the window loads. */
  url: string
  /** The origin the bridge and the navigation guard trust. */
  origin: string
}

const DEV_SERVER_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Where the window's page comes from. A development build passes electron-vite's dev server
 * (ELECTRON_RENDERER_URL); index.ts reads that variable only behind `import.meta.env.DEV`,
 * which is false in every built app, so a built app always loads its own files from app://.
 * Even in development only a loopback http server is trusted with the bridge.
 */
export function rendererEntry(devServerUrl: string | undefined): RendererEntry {
  if (devServerUrl) {
    let url: URL | undefined
    try {
      url = new URL(devServerUrl)
    } catch {
      url = undefined
    }
    const origin = originOf(devServerUrl)
    if (url && url.protocol === 'http:' && DEV_SERVER_HOSTS.has(url.hostname) && origin) {
      return { url: devServerUrl, origin }
    }
  }
  return { url: APP_ENTRY_URL, origin: APP_ORIGIN }
}
