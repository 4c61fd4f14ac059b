// Placeholder until the bridge lands: exposes nothing.
export {}
