-- The period's plays by the age of the video on the day it was played: days = view date − publishing date
-- (0 = the publishing day). Views dated before publishing, and views of videos not in the video list, are left out.
-- Returns days, plays (summed over videos), videos (videos with a view row that day), median_plays (median over
-- those videos of their plays that day). The township rule of videos_monthly.sql applies.
-- Params: $start (DATE), $end (DATE), first days of months, both months included;
--         $townships (VARCHAR[]; empty = all townships).
with per_video_day as (
    -- A video's plays on a day may come in several rows, one per township.
    select video_id, date, sum(plays) as plays
    from video_views
    where date between $start and last_day($end)
      and case when len($townships::varchar[]) = 0 then true
               else township_code is null or list_contains($townships::varchar[], township_code) end
    group by video_id, date
),
aged as (
    select d.date - v.published as days, d.plays
    from per_video_day d
    join videos v using (video_id)
    where d.date >= v.published
)
select days, sum(plays)::bigint as plays, count(*) as videos, median(plays) as median_plays
from aged
group by days
order by days
