import { lazyModule } from '../lazy-module'

/**
 * undici, imported at the first request rather than at start: it is a megabyte of code the
 * main process would otherwise parse and run before the first window. A failure is a
 * DeskError: the result waits in the outbox (acs-client.ts) and says why.
 */
export const loadUndici = lazyModule('its network code', () => import('undici'))
