-- Rollup histograms, from 23 integers to the non-empty buckets only (rollups.ts `encodeHistogram`):
-- per bucket its index (one byte) and its count (unsigned LEB128 varint).
UPDATE "monitor_rollups" r SET "buckets" = coalesce((
  SELECT string_agg(set_byte('\x00'::bytea, 0, t.i::int - 1) || v.bytes, ''::bytea ORDER BY t.i)
    FROM unnest(r."histogram") WITH ORDINALITY AS t(c, i),
    LATERAL (
      SELECT string_agg(
               set_byte('\x00'::bytea, 0,
                 ((t.c >> (7 * k)) & 127) | (CASE WHEN (t.c >> (7 * (k + 1))) > 0 THEN 128 ELSE 0 END)),
               ''::bytea ORDER BY k) AS bytes
        FROM generate_series(0, 4) AS k
       WHERE k = 0 OR (t.c >> (7 * k)) > 0
    ) v
   WHERE t.c > 0), '\x'::bytea)
 WHERE r."grain" <> 'minute';
