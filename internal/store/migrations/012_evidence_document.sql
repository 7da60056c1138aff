-- Version 12: one document, one piece of evidence. Evidence keeps
-- rtp.DocumentKey(ref) in document, and the state counts distinct documents,
-- so that a UN document recorded as A/72/884 and as
-- https://undocs.org/en/A/72/884 counts once in lists, show and reports alike.
-- SQL cannot compute the key, so fillDocuments fills it for the rows already
-- there, in the same transaction, lifting the append-only trigger for that one
-- write as migration 011 does.
ALTER TABLE evidence ADD COLUMN document TEXT NOT NULL DEFAULT '';
