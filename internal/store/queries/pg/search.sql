-- search on PostgreSQL: full-text search over the GIN indexes of
-- pgschema.sql (the same expressions), :words in websearch syntax, ranked
-- by ts_rank, the passage from ts_headline with the same marks as on a
-- file. Row-level security leaves out what the session may not see; of
-- the rest, private entries only with :include_private.
WITH q AS (SELECT websearch_to_tsquery('simple', :words) AS q),
hits AS (
    SELECT r.id AS recommendation_id, 'recommendation' AS kind, 0 AS entry_id, 0 AS private,
        r.title || ' ' || r.heading || ' ' || r.text AS body
    FROM recommendations r, q WHERE to_tsvector('simple', r.title || ' ' || r.heading || ' ' || r.text) @@ q.q
    UNION ALL
    SELECT u.recommendation_id, 'update', u.id, u.private, u.note FROM updates u, q
    WHERE to_tsvector('simple', u.note) @@ q.q AND (:include_private <> 0 OR u.private = 0)
        AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.update_id = u.id)
    UNION ALL
    SELECT e.recommendation_id, 'evidence', e.id, e.private, trim(e.ref || ' ' || e.title || ' ' || e.note) FROM evidence e, q
    WHERE to_tsvector('simple', e.ref || ' ' || regexp_replace(e.ref, '[^[:alnum:]]+', ' ', 'g') || ' ' || e.title || ' ' || e.note) @@ q.q AND (:include_private <> 0 OR e.private = 0)
        AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.evidence_id = e.id)
    UNION ALL
    SELECT a.recommendation_id, 'owner', a.id, 0, a.owner FROM assignments a, q
    WHERE to_tsvector('simple', a.owner) @@ q.q AND a.action = 'assign'
    UNION ALL
    SELECT c.recommendation_id, 'answer', a.id, 0, a.note FROM check_answers a JOIN checks c ON c.id = a.check_id, q
    WHERE to_tsvector('simple', a.note) @@ q.q
        AND NOT EXISTS (SELECT 1 FROM check_answer_retractions x WHERE x.answer_id = a.id))
SELECT h.recommendation_id, h.kind, h.entry_id, h.private,
    ts_headline('simple', h.body, q.q, 'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=24, MinWords=8')
FROM hits h, q
ORDER BY ts_rank(to_tsvector('simple', h.body), q.q) DESC, h.recommendation_id, h.kind, h.entry_id
LIMIT :limit
