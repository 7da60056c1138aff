-- evidence_shown: private evidence e, and the evidence of a private update,
-- is shown only if :include_private.
    AND ((e.private = 0 AND NOT EXISTS (SELECT 1 FROM updates pu WHERE pu.id = e.update_id AND pu.private = 1))
        OR :include_private)
