import { request } from 'node:http'

/** A GET whose path is sent exactly as written: fetch would normalize it. */
export function rawGet(
  origin: string,
  path: string
): Promise<{ status: number; csp: string | undefined; body: string }> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: hostname, port, path, method: 'GET' }, (incoming) => {
      const chunks: Buffer[] = []
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
      incoming.on('error', reject)
      incoming.on('end', () =>
        resolve({
          status: incoming.statusCode ?? 0,
          csp: incoming.headers['content-security-policy'] as string | undefined,
          body: Buffer.concat(chunks).toString('utf8')
        })
      )
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}
