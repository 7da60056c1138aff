-- Every answer of every check received by :known_at, with its first
-- retraction received by then (by recorded_at, uid: whichever arrived
-- first), in the order lists show them.
SELECT a.id, a.uid, a.check_id, a.period, a.answer, a.note, a.evidence, a.as_of, a.by, a.recorded_at,
       COALESCE(a.amends, 0) AS amends, r.id AS retraction_id, r.reason AS retraction_reason,
       r.as_of AS retraction_as_of, r.by AS retracted_by, r.recorded_at AS retraction_recorded_at
FROM check_answers a
LEFT JOIN check_answer_retractions r ON r.id = (
    SELECT x.id FROM check_answer_retractions x WHERE x.answer_id = a.id AND x.received_at <= :known_at
    ORDER BY x.recorded_at, x.uid LIMIT 1)
WHERE a.received_at <= :known_at
ORDER BY a.check_id, a.as_of, a.recorded_at, a.uid
