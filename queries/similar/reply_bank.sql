-- Earlier replies whose content holds every folded word of the search, newest first.
-- Params: a list of folded words (each matched as a substring of the item's search text), limit.
select i.id, i.ref_no, i.session_id, i.summary, i.response_no, i.responded_on, i.response_summary, i.result,
    i.roadmap, i.committed_on, i.signer
from items as i
where i.responded_on is not null and i.response_summary <> '' and i.archived_at is null
    and list_bool_and(list_transform(?, lambda w: contains(i.search_text, w)))
order by i.responded_on desc, i.id desc
limit ?;
