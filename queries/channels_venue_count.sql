-- How many publicity venues (阵地) were in service at some time in the period: decides whether the page can
-- draw them one by one.
-- Returns one row: venues.
-- Params: $start (DATE), $end (DATE), first days of months, both months included;
--         $townships (VARCHAR[]; empty = all townships).
select count(*) as venues
from venues
where (start_date is null or start_date <= last_day($end))
  and (end_date is null or end_date >= $start)
  and case when len($townships::varchar[]) = 0 then true
           else list_contains($townships::varchar[], township_code) end
