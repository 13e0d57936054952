-- Current township boundaries as GeoJSON (EPSG:4326), and whether they are schematic (示意).
-- Params: none.
select township_code, geojson, schematic
from boundaries
order by township_code
