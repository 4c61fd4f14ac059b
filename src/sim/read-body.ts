import type { IncomingMessage } from 'node:http'

/** CONTRACT.md: a body over 64 KiB answers 413. */
export const MAX_BODY_BYTES = 64 * 1024

/** After a 413, discard at most this much more before hanging up on the sender. */
const DISCARD_LIMIT_BYTES = 1024 * 1024

/** The sender hung up before the body was complete: there is nobody left to answer. */
export class ClientGoneError extends Error {
  override name = 'ClientGoneError'
}

export type BodyRead = { tooLarge: false; text: string } | { tooLarge: true }

/**
 * Reads a request body of at most `limit` bytes. Past the limit it stops keeping what
 * arrives and answers at once; the rest is discarded (so the 413 can still reach a client
 * that is mid-upload), and a sender that keeps going is cut off.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyRead> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) {
    discardRest(req)
    return Promise.resolve({ tooLarge: true })
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size > limit) {
        cleanUp()
        discardRest(req)
        resolve({ tooLarge: true })
        return
      }
      chunks.push(chunk)
    }
    const onEnd = (): void => {
      cleanUp()
      const text = Buffer.concat(chunks, size).toString('utf8')
      // A byte-order mark is legal in a UTF-8 body but not in JSON.
      resolve({ tooLarge: false, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text })
    }
    const onError = (error: Error): void => {
      cleanUp()
      reject(req.complete ? error : new ClientGoneError(error.message))
    }
    const onClose = (): void => {
      cleanUp()
      if (!req.complete) reject(new ClientGoneError('The sender closed the connection mid-body'))
    }
    const cleanUp = (): void => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('close', onClose)
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
    req.on('close', onClose)
  })
}

function discardRest(req: IncomingMessage): void {
  let discarded = 0
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length
    if (discarded > DISCARD_LIMIT_BYTES) req.socket.destroy()
  })
  // Errors after the answer are the sender's own doing; nothing is waiting for this body.
  req.on('error', () => req.socket.destroy())
}
