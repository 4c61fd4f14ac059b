export * from './fields'
export * from './connection-date'
export * from './schema'
export * from './builders'
