import type { Database, Queryable } from './database.ts';

/**
 * The database as seen from inside a transaction that is already open: every statement runs
 * on `tx`, a nested `transaction()` joins it (PostgreSQL has no nested transactions, and a
 * caller inside one wants its statements to commit or roll back with it), and a NOTIFY is
 * sent on `tx`, so that it is delivered when, and only if, the transaction commits.
 * Listening and closing stay the outer database's.
 */
export function transactionScope(db: Database, tx: Queryable): Database {
  return {
    kind: db.kind,
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    transaction: (fn) => fn(tx),
    notify: async (channel, payload) => {
      await tx.query('select pg_notify($1, $2)', [channel, payload]);
    },
    listen: (channel, onPayload) => db.listen(channel, onPayload),
    watchListen: (onChange) => db.watchListen(onChange),
    close: () => db.close(),
  };
}
