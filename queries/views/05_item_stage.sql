-- An item's workflow stage at the end of a date, from its stored facts (tracker.stage.derive_stage).
-- Params: transferred_on, responded_on, lead_unit, last_flow (latest flow milestone on or before as_of), as_of.
create or replace macro item_stage(transferred_on, responded_on, lead_unit, last_flow, as_of) as
case
    when transferred_on is not null and transferred_on <= as_of then 'transferred'
    when responded_on is not null and responded_on <= as_of then 'issued'
    when lead_unit is null or lead_unit = '' then 'unassigned'
    when last_flow = 'accepted' then 'drafting'
    when last_flow = 'returned' then 'returned'
    when last_flow = 'draft_submitted' then 'in_review'
    when last_flow = 'sent_back' then 'revising'
    when last_flow = 'approved' then 'awaiting_signature'
    when last_flow = 'signed' then 'signed'
    else 'awaiting_acceptance'
end;
