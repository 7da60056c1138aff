-- detail_text: the text of recommendation :id, for rtp track show.
SELECT text FROM recommendations WHERE id = :id
