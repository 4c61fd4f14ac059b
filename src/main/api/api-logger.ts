/**
 * Where the API layer writes what it did. Lines name the method, the path, the status and
 * the outcome; they never carry a password, an Authorization header or a comment's text,
 * because log files leave the office in support requests.
 */
export interface ApiLogger {
  info(message: string): void
  warn(message: string): void
}

export const silentLogger: ApiLogger = {
  info: () => {},
  warn: () => {}
}
