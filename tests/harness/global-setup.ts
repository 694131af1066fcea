// Replaced by the real-server harness (Temporal dev server) shortly.
export default async function globalSetup(): Promise<void> {}
