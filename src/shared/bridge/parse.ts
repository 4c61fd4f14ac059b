import type * as z from 'zod'
import {
  eventChannels,
  invokeChannels,
  type EventChannel,
  type EventOf,
  type InvokeChannel,
  type ParsedRequestOf,
  type ResponseOf
} from './channels'
import { invalidPayloadError } from './invalid-payload'

/**
 * The one way a payload crosses the bridge: parsed from `unknown` with its channel's
 * schema, or refused with an InvalidPayloadError naming each failing path. Both sides use
 * these, so the page and the main process can never disagree on what a channel carries.
 */
export function parseRequest<C extends InvokeChannel>(
  channel: C,
  payload: unknown
): ParsedRequestOf<C> {
  // The compiler cannot tie a generic channel to its own schema; the table does.
  return parseWith(
    invokeChannels[channel].request,
    payload,
    `The request on ${channel}`
  ) as ParsedRequestOf<C>
}

export function parseResponse<C extends InvokeChannel>(channel: C, result: unknown): ResponseOf<C> {
  return parseWith(
    invokeChannels[channel].response,
    result,
    `The answer on ${channel}`
  ) as ResponseOf<C>
}

export function parseEvent<E extends EventChannel>(channel: E, payload: unknown): EventOf<E> {
  return parseWith(eventChannels[channel], payload, `The notice on ${channel}`) as EventOf<E>
}

function parseWith(schema: z.ZodType, value: unknown, subject: string): unknown {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw invalidPayloadError(parsed.error, subject)
  return parsed.data
}
