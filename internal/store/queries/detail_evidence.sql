-- detail_evidence: the evidence of recommendation :id, oldest first, each
-- with its retraction if any, the evidence it amends and the latest that
-- amends it, as known at :known_at.
SELECT e.id, COALESCE(e.update_id, 0), e.ref, e.title, e.date, e.note, e.private, e.by,
    x.id, x.reason, x.as_of, x.by, x.recorded_at, e.amends, a.id, a.by, a.recorded_at
FROM evidence e LEFT JOIN retractions x ON x.id = (SELECT id FROM retractions WHERE evidence_id = e.id AND received_at <= :known_at
        ORDER BY recorded_at, uid LIMIT 1)
    LEFT JOIN evidence a ON a.id = (SELECT id FROM evidence WHERE amends = e.id AND received_at <= :known_at
        ORDER BY recorded_at DESC, uid DESC LIMIT 1)
WHERE e.recommendation_id = :id AND e.received_at <= :known_at ORDER BY e.date, e.recorded_at, e.uid
