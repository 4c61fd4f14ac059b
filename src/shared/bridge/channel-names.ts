/**
 * The bridge's channel names and nothing else, so the preload can guard its transport
 * without bundling the schemas. channels.ts holds one schema per name (the compiler keeps
 * the two lists the same).
 */
export const INVOKE_CHANNEL_NAMES = [
  'credentials:status',
  'credentials:sign-in',
  'credentials:sign-out',
  'credentials:sign-in-email',
  'sites:find',
  'practice:start',
  'practice:site',
  'delivery:send',
  'delivery:stop',
  'delivery:report',
  'delivery:state',
  'backup:keep',
  'backup:drop',
  'backup:list',
  'account:get',
  'types:list',
  'responses:list',
  'teams:list',
  'assignments:summary',
  'assignments:list',
  'connections:get',
  'connections:of-person',
  'people:search',
  'people:get',
  'links:open',
  'updates:state',
  'updates:restart',
  'diagnostics:save',
  'sheets:save-pdf',
  'errors:report'
] as const

export const EVENT_CHANNEL_NAMES = [
  'delivery:wake',
  'delivery:state-changed',
  'updates:state-changed',
  'diagnostics:requested'
] as const

export type InvokeChannelName = (typeof INVOKE_CHANNEL_NAMES)[number]
export type EventChannelName = (typeof EVENT_CHANNEL_NAMES)[number]

const invokeNames: ReadonlySet<string> = new Set(INVOKE_CHANNEL_NAMES)
const eventNames: ReadonlySet<string> = new Set(EVENT_CHANNEL_NAMES)

export function isInvokeChannel(name: unknown): name is InvokeChannelName {
  return typeof name === 'string' && invokeNames.has(name)
}

export function isEventChannel(name: unknown): name is EventChannelName {
  return typeof name === 'string' && eventNames.has(name)
}

/** Channel names follow `domain:verb`; a test holds every entry to it. */
export const CHANNEL_NAME_PATTERN = /^[a-z]+:[a-z]+(-[a-z]+)*$/
