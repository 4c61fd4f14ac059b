/** A reversible stand-in for the OS keychain: the vault's code runs unchanged. */
export const fakeSafeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (text: string) => Buffer.from(`sealed:${text}`, 'utf8').reverse(),
  decryptString: (sealed: Buffer) =>
    Buffer.from(sealed)
      .reverse()
      .toString('utf8')
      .replace(/^sealed:/, '')
}

/** electron-store's part the vault uses, in memory. */
export function memorySettings() {
  const values = new Map<string, unknown>()
  return {
    get: (key: string) => values.get(key),
    set: (key: string, value: unknown) => void values.set(key, value),
    delete: (key: string) => void values.delete(key)
  }
}
