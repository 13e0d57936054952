"""Setting up an area (a county, or a province for the large demo) in an empty database."""

from __future__ import annotations

import pandas as pd

from fraudfree import db, geo, reference


class UnknownArea(ValueError):
    pass


def init_area(con, area_code: str, demo: bool = False, townships: pd.DataFrame | None = None) -> dict:
    """Load an area's townships, known populations and schematic boundaries; returns a short report.

    Refuses a database that already holds another area. `townships` may carry synthetic seats (demo).
    """
    townships = reference.area_townships(area_code) if townships is None else townships
    if townships.empty:
        raise UnknownArea(area_code)
    existing = db.settings(con).get("area_code")
    if existing and existing != area_code:
        raise UnknownArea(f"数据库已设置为 {existing} / database already set up for {existing}")
    first = townships.iloc[0]
    area_name = first["county_name"] if len(area_code) == 6 else first["province_name"]
    with db.transaction(con) as cur:
        reference.load_townships(cur, townships)
        db.put_settings(cur, {"area_code": area_code, "area_name": area_name, "is_demo": str(demo).lower()})
        population = _reference_population(townships)
        boundaries = _schematic_boundaries(townships, area_code)
        if population is not None or boundaries is not None:
            counts = {
                "population": 0 if population is None else len(population),
                "boundaries": 0 if boundaries is None else len(boundaries),
            }
            batch = db.new_batch(
                cur, "init", [k for k, n in counts.items() if n], counts, file_name="reference data (示意)"
            )
            if population is not None:
                population["batch_id"] = batch
                db.insert_frame(cur, "population_versions", population)
            if boundaries is not None:
                boundaries["batch_id"] = batch
                db.insert_frame(cur, "boundaries_versions", boundaries)
    return {"area_code": area_code, "area_name": area_name, "townships": len(townships)}


def _reference_population(townships: pd.DataFrame) -> pd.DataFrame | None:
    known = townships.dropna(subset=["demo_population"])
    if known.empty:
        return None
    return pd.DataFrame(
        {
            "year": 2020,
            "township_code": known["code"],
            "population": known["demo_population"].astype("int64"),
            "households": known["demo_households"].astype("int64"),
            "aged_60_plus": (known["demo_population"] * known["demo_share_60plus"]).round().astype("int64"),
        }
    )


def _schematic_boundaries(townships: pd.DataFrame, area_code: str) -> pd.DataFrame | None:
    seats = townships.dropna(subset=["seat_lon", "seat_lat"])
    extent = reference.extent(area_code)
    if seats.empty or extent is None:
        return None
    cells = geo.schematic_cells(seats, extent)
    return pd.DataFrame({"township_code": cells["code"], "geojson": cells["geojson"], "schematic": True})
