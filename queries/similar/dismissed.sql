-- Every dismissed pair: suggestions never show them again.
-- Params: none.
select low_id, high_id
from similar_dismissed;
