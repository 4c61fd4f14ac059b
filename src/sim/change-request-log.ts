/** One change request as `GET /_sim/changerequests` lists it. */
export interface RecordedChangeRequest {
  ConnectionCRId: number
  IdempotencyKey: string | null
  /** The request's ApplicationId header, or "" when it had none. */
  ApplicationId: string
  /** Which practice site the change request was posted to. */
  SiteNumber: number
  User: string
  /** ISO 8601 */
  ReceivedAt: string
  /** The JSON body as it was posted. */
  Body: unknown
}

/** An Idempotency-Key the site has promised to honour, as the state file keeps it. */
export interface HonouredKey {
  User: string
  Key: string
  ConnectionCRId: number
}

export const FIRST_CONNECTION_CR_ID = 1001

/** An administrator's decision on a change request, as the state file keeps it. */
export interface ChangeRequestDecision {
  ConnectionCRId: number
  Status: 'approved' | 'rejected'
  /** ISO 8601 */
  DecidedAt: string
  /** The connection an approval changed or added; null when there was none to change. */
  ConnectionId: number | null
}

/** A change request no administrator has decided on yet. */
export interface PendingChangeRequest {
  ConnectionCRId: number
  SiteNumber: number
  /** ms since the epoch */
  receivedAt: number
  Body: unknown
}

export type IdempotencyCheck =
  | { kind: 'first' }
  | { kind: 'repeat'; connectionCRId: number }
  | { kind: 'different-body'; connectionCRId: number }

interface Remembered {
  canonicalBody: string
  connectionCRId: number
}

/**
 * Every change request the site recorded, and the Idempotency-Keys it honours. Keys are
 * remembered per user, as a service would scope them to an account. Entries are kept as
 * JSON text, serialized once when recorded, so listing and saving never re-serialize.
 */
export class ChangeRequestLog {
  private entries: string[] = []
  private honoured: HonouredKey[] = []
  private memory = new Map<string, Remembered>()
  private next = FIRST_CONNECTION_CR_ID
  /** Recorded and not yet decided, in order. */
  private undecided = new Map<number, PendingChangeRequest>()
  private decisions: ChangeRequestDecision[] = []

  get count(): number {
    return this.entries.length
  }

  get nextConnectionCRId(): number {
    return this.next
  }

  checkKey(user: string, key: string, canonicalBody: string): IdempotencyCheck {
    const remembered = this.memory.get(memoryKey(user, key))
    if (!remembered) return { kind: 'first' }
    const connectionCRId = remembered.connectionCRId
    return remembered.canonicalBody === canonicalBody
      ? { kind: 'repeat', connectionCRId }
      : { kind: 'different-body', connectionCRId }
  }

  /**
   * Records a change request and returns its new ConnectionCRId. `honourKey` carries the
   * canonical body when the key is to be remembered for later repeats.
   */
  record(
    entry: Omit<RecordedChangeRequest, 'ConnectionCRId'>,
    honourKey?: { canonicalBody: string }
  ): number {
    const connectionCRId = this.next++
    this.entries.push(JSON.stringify({ ConnectionCRId: connectionCRId, ...entry }))
    this.undecided.set(connectionCRId, pendingOf({ ConnectionCRId: connectionCRId, ...entry }))
    if (honourKey && entry.IdempotencyKey !== null) {
      this.remember(entry.User, entry.IdempotencyKey, honourKey.canonicalBody, connectionCRId)
    }
    return connectionCRId
  }

  /** `[...]`: every recorded change request, in order. */
  listJson(): string {
    return `[${this.entries.join(',')}]`
  }

  honouredKeysJson(): string {
    return JSON.stringify(this.honoured)
  }

  /** Every change request still waiting for an administrator, in order. */
  pending(): PendingChangeRequest[] {
    return [...this.undecided.values()]
  }

  /** Records a decision on a pending change request; false when it was not pending. */
  decide(decision: ChangeRequestDecision): boolean {
    if (!this.undecided.delete(decision.ConnectionCRId)) return false
    this.decisions.push(decision)
    return true
  }

  /** The decisions taken, in order. */
  decided(): readonly ChangeRequestDecision[] {
    return this.decisions
  }

  decisionsJson(): string {
    return JSON.stringify(this.decisions)
  }

  clear(): void {
    this.entries = []
    this.honoured = []
    this.memory.clear()
    this.undecided.clear()
    this.decisions = []
    this.next = FIRST_CONNECTION_CR_ID
  }

  /** Puts back what a state file held; `canonical` turns a stored body into its key text. */
  restore(
    saved: {
      changeRequests: readonly RecordedChangeRequest[]
      idempotency: readonly HonouredKey[]
      nextConnectionCRId: number
      decisions?: readonly ChangeRequestDecision[]
    },
    canonical: (body: unknown) => string
  ): void {
    this.clear()
    const bodies = new Map<number, unknown>()
    for (const request of saved.changeRequests) {
      this.entries.push(JSON.stringify(request))
      bodies.set(request.ConnectionCRId, request.Body)
      this.undecided.set(request.ConnectionCRId, pendingOf(request))
    }
    for (const decision of saved.decisions ?? []) this.decide(decision)
    for (const key of saved.idempotency) {
      const body = bodies.get(key.ConnectionCRId)
      if (body !== undefined) this.remember(key.User, key.Key, canonical(body), key.ConnectionCRId)
    }
    this.next = saved.nextConnectionCRId
  }

  private remember(user: string, key: string, canonicalBody: string, connectionCRId: number) {
    this.memory.set(memoryKey(user, key), { canonicalBody, connectionCRId })
    this.honoured.push({ User: user, Key: key, ConnectionCRId: connectionCRId })
  }
}

function pendingOf(request: RecordedChangeRequest): PendingChangeRequest {
  const receivedAt = Date.parse(request.ReceivedAt)
  return {
    ConnectionCRId: request.ConnectionCRId,
    SiteNumber: request.SiteNumber,
    receivedAt: Number.isNaN(receivedAt) ? 0 : receivedAt,
    Body: request.Body
  }
}

function memoryKey(user: string, key: string): string {
  return `${user}\u0000${key}`
}
