import pg from 'pg'

/**
 * The pool's connection class. node-postgres listens for a lost connection only on idle pooled clients: a client
 * that is checked out — a Payload transaction waiting on a hook, a press mailing holding its advisory lock while
 * it talks to SMTP, the alert sweep — emits `error` with nobody listening when PostgreSQL goes away, and that
 * ends the whole process. Here the loss is left to the query that meets it: it is rejected with
 * «Connection terminated», its task fails and retries, and the pool drops the dead client on release.
 */
export class LossTolerantClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config)
    this.on('error', () => {})
  }
}
