-- The Word report's signer (three settings) as one row; null where unset.
-- Params: none.
select
    max(value) filter (where key = 'report.signer_name') as signer_name,
    max(value) filter (where key = 'report.signer_title') as signer_title,
    max(value) filter (where key = 'report.signer_authority') as signer_authority
from settings
where key in ('report.signer_name', 'report.signer_title', 'report.signer_authority');
