-- What the workflow table reads of an item's milestones: the latest flow milestone and whether a commitment is done.
-- Params: item_id.
select
    arg_max(kind, id) filter (
        where kind in ('assigned', 'accepted', 'returned', 'draft_submitted', 'sent_back', 'approved', 'signed')
    ) as last_flow,
    count(*) filter (where kind = 'commitment_done') as commitments_done
from item_milestones where item_id = ?;
