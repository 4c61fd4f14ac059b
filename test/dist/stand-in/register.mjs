// Loaded with `node --import`: every import of 'electron' (the built main's and
// electron-store's) gets the recording stand-in instead of the real binary's module.
import { register } from 'node:module'

register(new URL('./resolve-electron.mjs', import.meta.url))
