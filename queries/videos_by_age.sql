-- The period's plays by the age of the video on the day it was played: days = view date − publishing date
-- (0 = the publishing day). Views dated before publishing, and views of videos not in the video list, are left out.
-- Returns days, plays (summed over videos), videos (videos with a view row that day), median_plays (median over
-- those videos of their plays that day). The township rule of videos_monthly.sql applies.
-- Params: $start (DATE), $end (DATE), first days of months, both months included;
--         $townships (VARCHAR[]; empty = all townships).
with views_in_period as (
    select date, video_id, plays
    from video_views
    where date >= $start and date < $end + interval 1 month
      and (len($townships::varchar[]) = 0 or township_code is null
           or list_contains($townships::varchar[], township_code))
),
per_video_day as (
    select w.video_id, w.date - v.published as days, sum(w.plays)::bigint as plays
    from views_in_period w
    join videos v using (video_id)
    where w.date >= v.published
    group by all
)
select days, sum(plays)::bigint as plays, count(*) as videos, median(plays) as median_plays
from per_video_day
group by days
order by days
