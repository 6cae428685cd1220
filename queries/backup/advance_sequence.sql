-- Move a fresh sequence on to the value it had at backup, so new ids never collide.
-- Params: sequence name, how many values to draw.
select max(nextval(?)) from range(?);
