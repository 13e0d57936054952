-- The area's townships with their names, kind and seat.
-- Params: none.
select code, name_zh, coalesce(name_en, name_zh) as name_en, kind, seat_lon, seat_lat, urban_share
from townships
order by code
