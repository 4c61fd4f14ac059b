import {
  APPLICATION_ID_MESSAGE,
  isApplicationId,
  normalizeApplicationId,
  type ApplicationIdSource
} from '../shared/application-id'
import { InvalidSettingError } from '../shared/errors'
import type { SettingsStore } from './credential-vault'

export const APPLICATION_ID_KEY = 'applicationId'

/**
 * The ApplicationId sent with every request: the clerk's override (kept with the settings)
 * when there is one, else the build's (an environment variable read when packaging), else
 * none, and then no header is sent. The value is never logged, nor sent to the page.
 */
export interface ApplicationIdSetting {
  /** The id to send now, or null for none. */
  value(): string | null
  source(): ApplicationIdSource
  /** The override, or null when the build's (or none) is in use. */
  override(): string | null
  /** A GUID sets the override; empty or null removes it. InvalidSettingError otherwise. */
  setOverride(text: string | null): void
}

export interface ApplicationIdOptions {
  store: SettingsStore
  /** What the build carries (MAIN_VITE_ACS_APPLICATION_ID), if anything. */
  fromBuild: string | undefined
  warn?: (message: string) => void
}

export function createApplicationIdSetting(options: ApplicationIdOptions): ApplicationIdSetting {
  const { store } = options
  const warn = options.warn ?? ((message: string) => console.warn(message))
  const built = options.fromBuild?.trim() ?? ''
  let fromBuild: string | null = null
  if (built !== '') {
    // The value itself stays out of the message: logs leave the office in support requests.
    if (isApplicationId(built)) fromBuild = normalizeApplicationId(built)
    else warn('The application id this copy was built with is not a GUID, so none is sent')
  }

  function override(): string | null {
    const stored = store.get(APPLICATION_ID_KEY)
    if (stored === undefined) return null
    if (typeof stored === 'string' && isApplicationId(stored)) return normalizeApplicationId(stored)
    warn('The saved application id was not a GUID and was removed; the built-in one is used')
    store.delete(APPLICATION_ID_KEY)
    return null
  }

  return {
    value: () => override() ?? fromBuild,
    source: () => (override() !== null ? 'override' : fromBuild !== null ? 'build' : 'none'),
    override,
    setOverride(text) {
      const wanted = text === null ? '' : normalizeApplicationId(text)
      if (wanted === '') {
        store.delete(APPLICATION_ID_KEY)
        return
      }
      if (!isApplicationId(wanted)) {
        throw new InvalidSettingError(APPLICATION_ID_MESSAGE, {
          applicationId: [APPLICATION_ID_MESSAGE]
        })
      }
      store.set(APPLICATION_ID_KEY, wanted)
    }
  }
}
