/**
 * Errors that cross the bridge. Each carries a reason a clerk can act on; the bridge
 * sends `{name, message, fieldErrors?}` and the page rebuilds the same class by name.
 */
export class DeskError extends Error {
  override name = 'DeskError'
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string[]>
  ) {
    super(message)
  }
}

/** The site said no to the username or password. */
export class CredentialsRejectedError extends DeskError {
  override name = 'CredentialsRejectedError'
}

/** Nothing is signed in for this site. */
export class NotSignedInError extends DeskError {
  override name = 'NotSignedInError'
}

/** The site could not be reached (no network, DNS, timeout): try again when online. */
export class SiteUnreachableError extends DeskError {
  override name = 'SiteUnreachableError'
}

/** The site has no such item (a connection, a person, a connection type). */
export class NotFoundError extends DeskError {
  override name = 'NotFoundError'
}

/** The site answered, but not with what the contract says. */
export class UnexpectedAnswerError extends DeskError {
  override name = 'UnexpectedAnswerError'
}

/** A payload broke the bridge contract; fieldErrors names each failing path. */
export class InvalidPayloadError extends DeskError {
  override name = 'InvalidPayloadError'
}

/** The request came from somewhere that is not an app window. */
export class ForbiddenSenderError extends DeskError {
  override name = 'ForbiddenSenderError'
}

/** A setting the clerk typed cannot be used (an http: base URL off loopback, say). */
export class InvalidSettingError extends DeskError {
  override name = 'InvalidSettingError'
}

/** Another window or app instance is already sending this profile's outbox. */
export class SenderBusyError extends DeskError {
  override name = 'SenderBusyError'
}

/** A link the app will not open: only https pages of Access ACS and ACS Technologies. */
export class LinkNotAllowedError extends DeskError {
  override name = 'LinkNotAllowedError'
}

/**
 * This computer's storage refused to record something (the disk is full, or the database
 * was closed under the app). What could not be written is kept in memory and written again.
 */
export class StorageWriteError extends DeskError {
  override name = 'StorageWriteError'
}

const KNOWN_ERRORS = {
  DeskError,
  CredentialsRejectedError,
  NotSignedInError,
  SiteUnreachableError,
  NotFoundError,
  UnexpectedAnswerError,
  InvalidPayloadError,
  ForbiddenSenderError,
  InvalidSettingError,
  SenderBusyError,
  LinkNotAllowedError,
  StorageWriteError
} satisfies Record<string, typeof DeskError>

export type DeskErrorName = keyof typeof KNOWN_ERRORS

export interface SerializedError {
  name: string
  message: string
  fieldErrors?: Record<string, string[]>
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof DeskError) {
    return {
      name: error.name,
      message: error.message,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {})
    }
  }
  // Unknown failures keep their message but not their stack or internals.
  const message = error instanceof Error ? error.message : String(error)
  return { name: 'DeskError', message: message || 'Something went wrong in Connections Desk' }
}

export function rebuildError(serialized: SerializedError): DeskError {
  // hasOwn: a name like "constructor" must not reach Object.prototype's members.
  const ErrorClass = Object.hasOwn(KNOWN_ERRORS, serialized.name)
    ? KNOWN_ERRORS[serialized.name as DeskErrorName]
    : DeskError
  return new ErrorClass(serialized.message, serialized.fieldErrors)
}
