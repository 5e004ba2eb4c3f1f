-- Written by hand (drizzle-kit can not express functions, triggers or expression GIN indexes).

-- Employee search bounded by the organization (src/postgres/searchPostgres.ts): every trigram of
-- the lower-cased searched columns, each prefixed with the organization's guid. Declared
-- IMMUTABLE so it can be indexed: it only concatenates and lower-cases text.
CREATE FUNCTION lk_search_grams(org text, a text, b text, c text, d text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT org || substr(doc, i, 3)), '{}')
  -- array_to_string leaves NULLs out, so a term passed alone gains no separator grams.
  FROM (SELECT lower(array_to_string(ARRAY[a, b, c, d], chr(10))) AS doc) AS s,
       generate_series(1, length(doc) - 2) AS i
$$;
--> statement-breakpoint
CREATE INDEX "employees_search_grams_idx" ON "employees" USING gin (lk_search_grams("org_guid", "search_text", "email", "username", "phone"));
--> statement-breakpoint

-- Per-organization, per-day event counts (src/postgres/schema/audit.ts auditDailyCounts), kept in
-- the inserting transaction by whoever inserts. A bucket is split by the inserting backend
-- (shard), so concurrent transactions rarely wait for each other's counter row.
CREATE FUNCTION lk_audit_daily_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_daily_counts (org_guid, day, action, outcome, shard, count, min_id, max_id)
    VALUES (NEW.org_guid, NEW.created_at / 86400000, NEW.action, NEW.outcome, pg_backend_pid() % 64, 1, NEW.id, NEW.id)
    ON CONFLICT (org_guid, day, action, outcome, shard) DO UPDATE
      SET count = audit_daily_counts.count + 1,
          min_id = least(audit_daily_counts.min_id, EXCLUDED.min_id),
          max_id = greatest(audit_daily_counts.max_id, EXCLUDED.max_id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_daily_count AFTER INSERT ON audit_events
  FOR EACH ROW WHEN (NEW.org_guid IS NOT NULL) EXECUTE FUNCTION lk_audit_daily_count();
--> statement-breakpoint
-- The log is append-only today; should a retention job ever delete events, the chart follows.
CREATE FUNCTION lk_audit_daily_uncount() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE audit_daily_counts SET count = count - 1
    WHERE ctid = (SELECT ctid FROM audit_daily_counts
                  WHERE org_guid = OLD.org_guid AND day = OLD.created_at / 86400000 AND action = OLD.action AND outcome = OLD.outcome AND count > 0
                  LIMIT 1);
  DELETE FROM audit_daily_counts
    WHERE org_guid = OLD.org_guid AND day = OLD.created_at / 86400000 AND action = OLD.action AND outcome = OLD.outcome AND count <= 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_daily_uncount AFTER DELETE ON audit_events
  FOR EACH ROW WHEN (OLD.org_guid IS NOT NULL) EXECUTE FUNCTION lk_audit_daily_uncount();
