import { contextBridge, ipcRenderer } from 'electron'
import { DESK_TRANSPORT_GLOBAL } from '../shared/bridge/desk-transport'
import { createIpcTransport } from './ipc-transport'

// The page builds its DeskApi from this transport (src/shared/bridge/window-desk.ts):
// contextBridge would strip the class from a typed error thrown here.
contextBridge.exposeInMainWorld(DESK_TRANSPORT_GLOBAL, createIpcTransport(ipcRenderer))
