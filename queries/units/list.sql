-- Every unit, current ones first in the ministry's order.
-- Params: none.
select code, name_vi, name_en, active_from, active_to, sort_order
from units
order by active_to is not null, sort_order, code;
