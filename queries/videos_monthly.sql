-- Short-video views month by month and platform. Views that carry a township follow the township filter; views
-- without one are the county account's and count for any selection (as on the overview).
-- Returns month (DATE), platform (null for views of videos not in the video list), plays, likes, shares, comments,
-- new_followers, township_views (view rows that carry a township).
-- Params: $start (DATE), $end (DATE), first days of months, both months included;
--         $townships (VARCHAR[]; empty = all townships).
with views_in_period as (
    select date_trunc('month', date)::date as month, video_id, plays, likes, shares, comments, new_followers,
           township_code
    from video_views
    where date between $start and last_day($end)
      and case when len($townships::varchar[]) = 0 then true
               else township_code is null or list_contains($townships::varchar[], township_code) end
)
select w.month, v.platform, sum(w.plays)::bigint as plays, coalesce(sum(w.likes)::bigint, 0) as likes,
       coalesce(sum(w.shares)::bigint, 0) as shares, coalesce(sum(w.comments)::bigint, 0) as comments,
       coalesce(sum(w.new_followers)::bigint, 0) as new_followers, count(w.township_code) as township_views
from views_in_period w
left join videos v using (video_id)
group by all
order by w.month, v.platform
