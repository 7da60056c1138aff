-- Version 16: progress per addressee and search. An update may name the
-- actor it is about (updates.actor; NULL: the recommendation itself), an
-- actor the source did not name is added knowingly (actor_additions), and
-- rtp search reads a full-text index kept by triggers, filled here with
-- what the tracker already holds.
ALTER TABLE updates ADD COLUMN actor TEXT;
-- schema: actor_additions actor_additions_by_recommendation
-- schema: actor_additions_append_only_u actor_additions_append_only_d updates_by_actor
-- schema: search_index search_after_recommendation search_after_update
-- schema: search_after_evidence search_after_assignment search_after_check_answer
INSERT INTO search_index (body, recommendation_id, kind, entry_id, private)
    SELECT title || ' ' || heading || ' ' || text, id, 'recommendation', 0, 0 FROM recommendations;
INSERT INTO search_index (body, recommendation_id, kind, entry_id, private)
    SELECT note, recommendation_id, 'update', id, private FROM updates WHERE note <> '';
INSERT INTO search_index (body, recommendation_id, kind, entry_id, private)
    SELECT trim(ref || ' ' || title || ' ' || note), recommendation_id, 'evidence', id, private FROM evidence;
INSERT INTO search_index (body, recommendation_id, kind, entry_id, private)
    SELECT owner, recommendation_id, 'owner', id, 0 FROM assignments WHERE action = 'assign';
INSERT INTO search_index (body, recommendation_id, kind, entry_id, private)
    SELECT a.note, c.recommendation_id, 'answer', a.id, 0 FROM check_answers a JOIN checks c ON c.id = a.check_id WHERE a.note <> '';
