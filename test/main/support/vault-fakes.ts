import {
  createCredentialVault,
  type SafeStorageLike,
  type SettingsStore
} from '$main/credential-vault'

export const PASSWORD = 'password231-secret'
export const credentials = {
  baseUrl: 'https://secure.accessacs.com/api_accessacs_mobile/v2',
  siteNumber: 12345,
  username: 'jadams',
  password: PASSWORD
}

/** electron-store's surface over a Map, plus a look at everything written. */
export function memoryStore() {
  const data = new Map<string, unknown>()
  const store: SettingsStore = {
    get: (key) => structuredClone(data.get(key)),
    set: (key, value) => void data.set(key, structuredClone(value)),
    delete: (key) => void data.delete(key)
  }
  return { store, data, dump: () => JSON.stringify([...data]) }
}

/**
 * safeStorage with a switchable backend. The "ciphertext" is the text XORed with a key that
 * changes when the keychain is replaced, so an old ciphertext stops opening, as it does for
 * real; its bytes never spell the password.
 */
export function fakeSafeStorage(options: { async?: boolean } = {}) {
  const state = {
    backend: 'gnome_libsecret',
    available: true,
    key: 0x5a,
    /** Keys whose ciphertext still opens: the current one, and old ones after a rotation. */
    openable: new Set([0x5a]),
    reEncrypt: false,
    calls: [] as string[]
  }
  const seal = (text: string): Buffer =>
    Buffer.concat([Buffer.from([state.key]), Buffer.from(text).map((byte) => byte ^ state.key)])
  const open = (data: Buffer): string => {
    const key = data[0] ?? -1
    if (!state.openable.has(key)) throw new Error('Error while decrypting')
    return Buffer.from(data.subarray(1).map((byte) => byte ^ key)).toString()
  }
  const safeStorage: SafeStorageLike = {
    isEncryptionAvailable: () => (state.calls.push('isEncryptionAvailable'), state.available),
    encryptString: (text) => (state.calls.push('encryptString'), seal(text)),
    decryptString: (data) => (state.calls.push('decryptString'), open(data)),
    getSelectedStorageBackend: () => state.backend,
    ...(options.async && {
      isAsyncEncryptionAvailable: async () => (
        state.calls.push('isAsyncEncryptionAvailable'),
        state.available
      ),
      encryptStringAsync: async (text: string) => (
        state.calls.push('encryptStringAsync'),
        seal(text)
      ),
      decryptStringAsync: async (data: Buffer) => {
        state.calls.push('decryptStringAsync')
        return { result: open(data), shouldReEncrypt: state.reEncrypt }
      }
    })
  }
  return { safeStorage, state }
}

/**
 * A vault over the fakes. Its pauses between looks at a locked keychain take no time: each
 * is recorded, and `afterPause` runs in it (the keychain can unlock "a moment later").
 */
export function setup(options: { async?: boolean; platform?: NodeJS.Platform } = {}) {
  const memory = memoryStore()
  const fake = fakeSafeStorage(options)
  const warnings: string[] = []
  const pauses: number[] = []
  const hooks: { afterPause?: (count: number) => void } = {}
  const make = () =>
    createCredentialVault({
      safeStorage: fake.safeStorage,
      store: memory.store,
      platform: options.platform ?? 'linux',
      warn: (message) => warnings.push(message),
      sleep: async (ms) => {
        pauses.push(ms)
        hooks.afterPause?.(pauses.length)
      }
    })
  return { ...memory, ...fake, warnings, pauses, hooks, make }
}
