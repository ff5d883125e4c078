-- Reads the whole archive into PostgreSQL's buffers when they can hold it, and gives its size in MB (else 0). A busy
-- archive's buffers hold what its readers read; a benchmark's minutes would otherwise measure the disk, one random
-- read at a time (tens a second on the development machine's disk), until every work had been read once. Needs the
-- pg_prewarm extension (preloaded by the private server).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
SELECT CASE WHEN pg_database_size(current_database()) < 0.9 * (SELECT setting::bigint * 8192 FROM pg_settings WHERE name = 'shared_buffers')
  THEN (SELECT coalesce(sum(pg_prewarm(c.oid)), 0)::bigint * 8 / 1024 FROM pg_class c
        WHERE c.relkind IN ('r', 'i', 't', 'm') AND c.relpersistence = 'p' AND c.relnamespace IN ('public'::regnamespace, 'pg_toast'::regnamespace))
  ELSE 0 END;
