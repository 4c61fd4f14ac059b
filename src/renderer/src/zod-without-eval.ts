import * as z from 'zod'

/**
 * The page's CSP forbids eval. zod compiles fast parsers with `new Function` when it may;
 * its probe for that is caught, but the browser still reports a CSP violation for it.
 * Imported first by main.ts, before any schema parses.
 */
z.config({ jitless: true })
