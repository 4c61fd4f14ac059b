import type { SafeStorageLike, SettingsStore } from '../../src/main/credential-vault'

/** Chromium's name for the GNOME keyring: a backend whose key the OS protects. */
export const HARNESS_KEYCHAIN_BACKEND = 'gnome_libsecret'

/** A fixed key: the point is only that the stored text is not the password itself. */
const KEY = Buffer.from('connections-desk-harness-keychain', 'utf8')

/**
 * What electron-store and safeStorage are to the app, kept in memory. One keychain lives as
 * long as one launchDesk, so a relaunch finds the saved sign-in as the real app would.
 */
export interface MemoryKeychain {
  store: SettingsStore
  safeStorage: SafeStorageLike
  /** Everything the store holds, as JSON text: lets a test prove no password is in it. */
  snapshot(): string
}

export function createMemoryKeychain(): MemoryKeychain {
  const entries = new Map<string, unknown>()
  const store: SettingsStore = {
    // Copies in and out, as a store backed by a JSON file would.
    get: (key) => copy(entries.get(key)),
    set: (key, value) => {
      entries.set(key, copy(value))
    },
    delete: (key) => {
      entries.delete(key)
    }
  }
  const safeStorage: SafeStorageLike = {
    isEncryptionAvailable: () => true,
    encryptString: (plainText) => scramble(Buffer.from(plainText, 'utf8')),
    decryptString: (encrypted) => scramble(encrypted).toString('utf8'),
    getSelectedStorageBackend: () => HARNESS_KEYCHAIN_BACKEND
  }
  return {
    store,
    safeStorage,
    snapshot: () => JSON.stringify(Object.fromEntries(entries))
  }
}

/** XOR with the key: reversible, and never the plain text. */
function scramble(bytes: Buffer): Buffer {
  return Buffer.from(bytes.map((byte, index) => byte ^ (KEY[index % KEY.length] ?? 0)))
}

function copy(value: unknown): unknown {
  return value === undefined ? undefined : structuredClone(value)
}
