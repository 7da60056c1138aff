-- actor_latest: the condition that update u is the latest about its actor
-- on its recommendation on :as_of as known at :known_at, by the order of
-- state_on (as_of, recorded_at, uid), retracted ones left out; a seek on
-- updates_by_actor. The day is compared as u.as_of || '' so that SQLite
-- never reads every update by date (updates_by_date) to find the few with
-- an actor: the partial index updates_by_actor holds only those (a 100k
-- report's per-addressee table took 2.2 s that way, 2 ms this way). On
-- PostgreSQL the comparison keeps the "C" collation; the day becomes a
-- filter on the rows updates_by_actor finds rather than a bound of the seek.
    u.actor IS NOT NULL AND u.as_of || '' <= :as_of AND u.received_at <= :known_at
    AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.update_id = u.id AND x.received_at <= :known_at)
    AND NOT EXISTS (SELECT 1 FROM updates b WHERE b.recommendation_id = u.recommendation_id AND b.actor = u.actor
        AND b.as_of <= :as_of AND b.received_at <= :known_at
        AND NOT EXISTS (SELECT 1 FROM retractions y WHERE y.update_id = b.id AND y.received_at <= :known_at)
        AND (b.as_of, b.recorded_at, b.uid) > (u.as_of, u.recorded_at, u.uid))
