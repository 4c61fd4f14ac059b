import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { createRequire } from 'node:module'

/**
 * electron-updater fetches through Electron's `net`; without Electron, this executor does the
 * same over Node's http, so the real updater (feed parsing, version comparison, download and
 * checksum) runs against a loopback feed. The base class comes from the copy of
 * builder-util-runtime that electron-updater itself loads.
 */
const requireFromHere = createRequire(import.meta.url)
const requireFromUpdater = createRequire(requireFromHere.resolve('electron-updater'))
const runtime = requireFromUpdater('builder-util-runtime') as typeof import('builder-util-runtime')

export class NodeHttpExecutor extends runtime.HttpExecutor<ClientRequest> {
  createRequest(
    options: Record<string, unknown>,
    callback: (response: IncomingMessage) => void
  ): ClientRequest {
    const send = options['protocol'] === 'https:' ? httpsRequest : httpRequest
    const request = send(options)
    request.on('response', callback)
    return request
  }

  download(
    url: URL,
    destination: string,
    options: import('builder-util-runtime').DownloadOptions
  ): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions = { headers: options.headers ?? undefined }
      runtime.configureRequestUrl(url, requestOptions)
      runtime.configureRequestOptions(requestOptions)
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null
        },
        0
      )
    })
  }
}
