-- Version 9: an update or a piece of evidence may amend an earlier one
-- (rtp track amend): amends names the entry it corrects, which a retraction
-- recorded in the same transaction retracts. Entries recorded before amend
-- nothing.
ALTER TABLE updates ADD COLUMN amends INTEGER REFERENCES updates (id);
ALTER TABLE evidence ADD COLUMN amends INTEGER REFERENCES evidence (id);
-- schema: updates_by_amends evidence_by_amends
