"""Township boundaries: schematic Voronoi cells for a new county, and GeoJSON for the maps."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import box, mapping


def schematic_cells(seats: pd.DataFrame, extent: tuple[float, float, float, float]) -> pd.DataFrame:
    """Voronoi cells of township seats clipped to the area's extent (示意: not real boundaries).

    `seats` has code, seat_lon, seat_lat; returns code, geojson.
    """
    lon_min, lon_max, lat_min, lat_max = extent
    frame = box(lon_min, lat_min, lon_max, lat_max)
    points = shapely.points(seats["seat_lon"].to_numpy(float), seats["seat_lat"].to_numpy(float))
    cells = shapely.voronoi_polygons(shapely.multipoints(points), extend_to=frame)
    cells = np.asarray(shapely.get_parts(cells))
    # voronoi_polygons does not keep the input order: give each seat the cell that contains it.
    owner = shapely.STRtree(cells).query(points, predicate="within")
    by_seat = dict(zip(owner[0], owner[1], strict=True))
    geometries = [shapely.intersection(cells[by_seat[i]], frame) for i in range(len(points))]
    return pd.DataFrame(
        {
            "code": seats["code"].to_numpy(),
            "geojson": [json.dumps(mapping(shapely.set_precision(g, 1e-5))) for g in geometries],
        }
    )


def feature_collection(boundaries: pd.DataFrame) -> dict:
    """GeoJSON FeatureCollection with each feature's id set to the township code, for plotly."""
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": code, "properties": {"code": code}, "geometry": json.loads(geometry)}
            for code, geometry in zip(boundaries["township_code"], boundaries["geojson"], strict=True)
        ],
    }
