// Bundle entry: the PostgreSQL driver for the member store. Loaded lazily, only when a PostgreSQL store is used.
import pg from 'pg';

export const Pool = pg.Pool;
export type { PoolClient, PoolConfig } from 'pg';
