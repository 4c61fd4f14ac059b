import { expect, test } from 'vitest'
test('indexeddb exists', async () => {
  const req = indexedDB.open('x', 1)
  const db: IDBDatabase = await new Promise((res, rej) => {
    req.onsuccess = () => res(req.result)
    req.onerror = () => rej(req.error)
  })
  expect(db.name).toBe('x')
})
