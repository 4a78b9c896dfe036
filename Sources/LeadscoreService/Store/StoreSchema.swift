/// The tables both stores create. Times are seconds since 1970 (UTC) in a double column, so the two
/// databases hold the same values.
enum StoreSchema {
    /// Columns added after a table was first created, for SQLite, which has no `ADD COLUMN IF NOT
    /// EXISTS`: (table, column, type), added by `SQLiteServiceStore.migrate` when missing.
    static let sqliteAddedColumns = [("audit_events", "input_profile", "TEXT")]

    static let sqlite = """
        CREATE TABLE IF NOT EXISTS models (
            version TEXT PRIMARY KEY, kind TEXT NOT NULL, bundle_path TEXT NOT NULL, manifest_sha256 TEXT NOT NULL,
            registered_at DOUBLE NOT NULL, registered_by TEXT NOT NULL, note TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS registry_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT, at DOUBLE NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
            version TEXT, reason TEXT NOT NULL, state TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS model_gates (
            version TEXT PRIMARY KEY, report TEXT NOT NULL, passed BOOLEAN NOT NULL, at DOUBLE NOT NULL);
        CREATE TABLE IF NOT EXISTS model_approvals (
            id INTEGER PRIMARY KEY AUTOINCREMENT, version TEXT NOT NULL, at DOUBLE NOT NULL, actor TEXT NOT NULL,
            action TEXT NOT NULL, reason TEXT NOT NULL, gates TEXT NOT NULL, forced BOOLEAN NOT NULL, event_id INTEGER);
        CREATE INDEX IF NOT EXISTS model_approvals_version ON model_approvals (version);
        CREATE TABLE IF NOT EXISTS api_keys (
            id TEXT PRIMARY KEY, client TEXT NOT NULL, secret_sha256 BLOB NOT NULL, scopes TEXT NOT NULL,
            created_at DOUBLE NOT NULL, revoked_at DOUBLE);
        CREATE TABLE IF NOT EXISTS audit_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT, request_id TEXT NOT NULL, at DOUBLE NOT NULL, client TEXT NOT NULL,
            lead_id TEXT, input_hash TEXT, model_version TEXT, shadow_version TEXT, shadow_score INTEGER, score INTEGER,
            tier TEXT, reason_codes TEXT NOT NULL, latency_us INTEGER NOT NULL, outcome TEXT NOT NULL, detail TEXT,
            input_profile TEXT);
        CREATE INDEX IF NOT EXISTS audit_events_lead ON audit_events (lead_id);
        CREATE INDEX IF NOT EXISTS audit_events_at ON audit_events (at);
        CREATE TABLE IF NOT EXISTS idempotency (
            client TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
            body BLOB NOT NULL, created_at DOUBLE NOT NULL, PRIMARY KEY (client, key));
        CREATE TABLE IF NOT EXISTS jobs (
            id TEXT PRIMARY KEY, client TEXT NOT NULL, status TEXT NOT NULL, created_at DOUBLE NOT NULL,
            finished_at DOUBLE, total INTEGER NOT NULL, scored INTEGER NOT NULL, rejected INTEGER NOT NULL,
            failure TEXT, results BLOB);
        CREATE TABLE IF NOT EXISTS sync_checkpoints (name TEXT PRIMARY KEY, state TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS sync_pending (
            sync TEXT NOT NULL, lead_id TEXT NOT NULL, updated_at DOUBLE NOT NULL, record TEXT NOT NULL,
            PRIMARY KEY (sync, lead_id));
        """

    /// The same tables for PostgreSQL: BIGINT where SQLite's INTEGER holds a Swift `Int` (64 bits),
    /// BYTEA for blobs, DOUBLE PRECISION for times. One statement per element, because PostgresNIO
    /// sends each query through the extended protocol, which runs a single statement.
    static let postgres = [
        """
        CREATE TABLE IF NOT EXISTS models (
            version TEXT PRIMARY KEY, kind TEXT NOT NULL, bundle_path TEXT NOT NULL, manifest_sha256 TEXT NOT NULL,
            registered_at DOUBLE PRECISION NOT NULL, registered_by TEXT NOT NULL, note TEXT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS registry_events (
            id BIGSERIAL PRIMARY KEY, at DOUBLE PRECISION NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
            version TEXT, reason TEXT NOT NULL, state TEXT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS model_gates (
            version TEXT PRIMARY KEY, report TEXT NOT NULL, passed BOOLEAN NOT NULL, at DOUBLE PRECISION NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS model_approvals (
            id BIGSERIAL PRIMARY KEY, version TEXT NOT NULL, at DOUBLE PRECISION NOT NULL, actor TEXT NOT NULL,
            action TEXT NOT NULL, reason TEXT NOT NULL, gates TEXT NOT NULL, forced BOOLEAN NOT NULL, event_id BIGINT)
        """,
        "CREATE INDEX IF NOT EXISTS model_approvals_version ON model_approvals (version)",
        """
        CREATE TABLE IF NOT EXISTS api_keys (
            id TEXT PRIMARY KEY, client TEXT NOT NULL, secret_sha256 BYTEA NOT NULL, scopes TEXT NOT NULL,
            created_at DOUBLE PRECISION NOT NULL, revoked_at DOUBLE PRECISION)
        """,
        """
        CREATE TABLE IF NOT EXISTS audit_events (
            id BIGSERIAL PRIMARY KEY, request_id TEXT NOT NULL, at DOUBLE PRECISION NOT NULL, client TEXT NOT NULL,
            lead_id TEXT, input_hash TEXT, model_version TEXT, shadow_version TEXT, shadow_score BIGINT, score BIGINT,
            tier TEXT, reason_codes TEXT NOT NULL, latency_us BIGINT NOT NULL, outcome TEXT NOT NULL, detail TEXT,
            input_profile TEXT)
        """,
        // Stores created before monitoring (issue 12) gain the column.
        "ALTER TABLE audit_events ADD COLUMN IF NOT EXISTS input_profile TEXT",
        "CREATE INDEX IF NOT EXISTS audit_events_lead ON audit_events (lead_id)",
        "CREATE INDEX IF NOT EXISTS audit_events_at ON audit_events (at)",
        """
        CREATE TABLE IF NOT EXISTS idempotency (
            client TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status BIGINT NOT NULL,
            body BYTEA NOT NULL, created_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (client, key))
        """,
        """
        CREATE TABLE IF NOT EXISTS jobs (
            id TEXT PRIMARY KEY, client TEXT NOT NULL, status TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL,
            finished_at DOUBLE PRECISION, total BIGINT NOT NULL, scored BIGINT NOT NULL, rejected BIGINT NOT NULL,
            failure TEXT, results BYTEA)
        """,
        "CREATE TABLE IF NOT EXISTS sync_checkpoints (name TEXT PRIMARY KEY, state TEXT NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS sync_pending (
            sync TEXT NOT NULL, lead_id TEXT NOT NULL, updated_at DOUBLE PRECISION NOT NULL, record TEXT NOT NULL,
            PRIMARY KEY (sync, lead_id))
        """,
    ]
}
