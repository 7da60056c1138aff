-- search: the entries whose words match :words (an FTS5 query,
-- rtp.FTS5Query), best first (bm25), each with the passage that matched,
-- its matches between char(2) and char(3) (rtp.HighlightStart and End).
-- The index (search_index) is kept by triggers in the transaction that
-- writes each entry. Private notes and evidence only with
-- :include_private; retracted (and amended) entries never: they no longer
-- say anything, and the amendment holds the corrected words.
SELECT recommendation_id, kind, entry_id, private,
    snippet(search_index, 0, char(2), char(3), '…', 16)
FROM search_index
WHERE search_index MATCH :words AND (:include_private <> 0 OR private = 0)
    AND NOT (kind = 'update' AND EXISTS (SELECT 1 FROM retractions x WHERE x.update_id = entry_id))
    AND NOT (kind = 'evidence' AND EXISTS (SELECT 1 FROM retractions x WHERE x.evidence_id = entry_id))
    AND NOT (kind = 'answer' AND EXISTS (SELECT 1 FROM check_answer_retractions x WHERE x.answer_id = entry_id))
ORDER BY rank, recommendation_id, kind, entry_id
LIMIT :limit
