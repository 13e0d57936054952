-- Each video viewed or published in the period, with its views in the period (the township rule of
-- videos_monthly.sql applies).
-- Returns video_id, title, series, platform, published (null for views of videos not in the video list),
-- published_in_period, plays, likes, shares, comments, new_followers (0 when no views).
-- Params: $start (DATE), $end (DATE), first days of months, both months included;
--         $townships (VARCHAR[]; empty = all townships).
with views_in_period as (
    select video_id, sum(plays)::bigint as plays, sum(likes)::bigint as likes, sum(shares)::bigint as shares, sum(comments)::bigint as comments,
           sum(new_followers)::bigint as new_followers
    from video_views
    where date between $start and last_day($end)
      and case when len($townships::varchar[]) = 0 then true
               else township_code is null or list_contains($townships::varchar[], township_code) end
    group by video_id
),
published_in_period as (
    select video_id, title, series, platform, published
    from videos
    where published between $start and last_day($end)
),
viewed_videos as (
    select w.*, v.title, v.series, v.platform, v.published
    from views_in_period w
    left join videos v using (video_id)
)
select coalesce(w.video_id, p.video_id) as video_id, coalesce(w.title, p.title) as title,
       coalesce(w.series, p.series) as series, coalesce(w.platform, p.platform) as platform,
       coalesce(w.published, p.published) as published, p.video_id is not null as published_in_period,
       coalesce(w.plays, 0) as plays, coalesce(w.likes, 0) as likes, coalesce(w.shares, 0) as shares,
       coalesce(w.comments, 0) as comments, coalesce(w.new_followers, 0) as new_followers
from viewed_videos w
full outer join published_in_period p using (video_id)
order by plays desc, video_id
