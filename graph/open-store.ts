// Chooses and opens the configured GraphStore adapter.
import path from 'node:path';
import type { GraphStore } from './store.js';

export interface StoreOptions {
  dataDir: string;
  engine: 'embedded' | 'neo4j';
  /** Open the embedded store read-only (serving, listing). */
  readOnly?: boolean;
  /** Embedded: open the file anew even if this process has it open (see ladybug-registry.ts). */
  freshHandle?: boolean;
  /** Embedded: LadybugDB's buffer pool in bytes (settings' graphBufferPoolBytes; default a share of the machine's memory). */
  graphBufferPoolBytes?: number | null;
  /** Where the Neo4j adapter reads its connection settings (NEO4J_URI …): the environment the settings module read; required for Neo4j. */
  env?: Readonly<Record<string, string | undefined>>;
}

export async function openStore(options: StoreOptions): Promise<GraphStore> {
  let store: GraphStore;
  if (options.engine === 'neo4j') {
    const { Neo4jStore } = await import('./neo4j/neo4j-store.js');
    // the settings module is the one reader of the environment: a caller opening Neo4j hands its copy down
    if (!options.env) throw new Error('openStore: a Neo4j store needs the settings\' environment (options.env)');
    store = Neo4jStore.fromEnv(options.env as NodeJS.ProcessEnv);
  } else {
    const { EmbeddedStore } = await import('./embedded/embedded-store.js');
    store = new EmbeddedStore(path.join(options.dataDir, 'graph'), { readOnly: options.readOnly, freshHandle: options.freshHandle, bufferPoolBytes: options.graphBufferPoolBytes });
  }
  await store.open();
  return store;
}

export async function withStore<T>(options: StoreOptions, fn: (store: GraphStore) => Promise<T>): Promise<T> {
  const store = await openStore(options);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
