-- Publicity venues (阵地) by type: those in service at some time in the period, and the activities held at them.
-- Returns one row per venue type: venue_type, venues, located (venues with coordinates), screens, active_venues
-- (venues named by an activity in the period), activities, reach (of those activities; 0 when none).
-- Params: $start (DATE), $end (DATE), first days of months, both months included;
--         $townships (VARCHAR[]; empty = all townships).
with in_service as (
    select venue_id, venue_type, lon, lat, screens
    from venues
    where (start_date is null or start_date <= last_day($end))
      and (end_date is null or end_date >= $start)
      and case when len($townships::varchar[]) = 0 then true
               else list_contains($townships::varchar[], township_code) end
),
held_at as (
    select venue_id, count(*) as activities, sum(reach) as reach
    from activities
    where venue_id is not null
      and date between $start and last_day($end)
      and case when len($townships::varchar[]) = 0 then true
               else list_contains($townships::varchar[], township_code) end
    group by venue_id
)
select v.venue_type, count(*) as venues, count(v.lon + v.lat) as located,
       coalesce(sum(v.screens), 0)::bigint as screens, count(h.venue_id) as active_venues,
       coalesce(sum(h.activities), 0)::bigint as activities, coalesce(sum(h.reach), 0)::bigint as reach
from in_service v
left join held_at h using (venue_id)
group by v.venue_type
order by venues desc, v.venue_type
