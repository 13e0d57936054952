"""Boundaries: GeoJSON, zipped Shapefile or GeoPackage, any CRS, matched to townships by code or name."""

import io
import json
import zipfile

import geopandas
import pytest
import shapely.geometry

from fraudfree import db
from fraudfree.ingest import pipeline
from fraudfree.ingest.read import Upload
from tests.ingest_support import FIXTURES, import_fixtures, rows

pytest_plugins = ["tests.ingest_databases"]  # the con fixture


@pytest.fixture
def layer():
    """The fixture's three features (EPSG:3857), with codes instead of names."""
    frame = geopandas.read_file(FIXTURES / "boundaries_3857.geojson")
    return frame.assign(区划代码=["370781101", "370781101", "370781100"]).drop(columns="name")


def shapefile_zip(frame, folder) -> bytes:
    frame.to_file(folder / "towns.shp", encoding="utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in folder.glob("towns.*"):
            archive.write(part, part.name)
    return buffer.getvalue()


def stored(con) -> dict:
    found = rows(con, "select township_code, geojson from boundaries where not schematic order by 1")
    return {code: shapely.geometry.shape(json.loads(text)).bounds for code, text in found}


def test_zipped_shapefile_with_codes_is_stored_in_lon_lat(con, layer, tmp_path):
    # Shapefile field names hold 10 bytes: GIS staff write XZQDM (行政区代码) there.
    shapes = layer.rename(columns={"区划代码": "XZQDM"})
    report = pipeline.run_import(con, [Upload("towns.zip", shapefile_zip(shapes, tmp_path))])
    assert report.status == "imported", [e.message for e in report.errors]
    bounds = stored(con)
    assert list(bounds) == ["370781100", "370781101"]
    assert [round(v, 3) for v in bounds["370781101"]] == [118.25, 36.5, 118.35, 36.55]


def test_geopackage_in_another_crs_gives_the_same_boundaries(con, layer, tmp_path):
    layer.to_crs(4490).to_file(tmp_path / "towns.gpkg", driver="GPKG")  # CGCS2000, China's own datum
    report = pipeline.run_import(con, [Upload("towns.gpkg", (tmp_path / "towns.gpkg").read_bytes())])
    assert report.status == "imported"
    assert [round(v, 3) for v in stored(con)["370781101"]] == [118.25, 36.5, 118.35, 36.55]


def test_a_feature_matching_no_township_is_an_error_that_names_the_nearest(con, layer):
    frame = layer.assign(区划代码=["370781101", "370781101", "弥河乡"]).to_crs(4326)
    report = pipeline.run_import(con, [Upload("towns.geojson", frame.to_json().encode())])
    assert report.status == "refused"
    assert [(e.row, e.column, e.value, e.message) for e in report.errors] == [
        (3, "区划代码", "弥河乡", "未知的乡镇街道，最接近的是：弥河镇")
    ]


def test_undoing_boundaries_brings_the_schematic_cells_back(con):
    before = rows(con, "select township_code, geojson, schematic from boundaries order by 1")
    report = import_fixtures(con, "boundaries_3857.geojson")
    assert rows(con, "select count(*) from boundaries where not schematic") == [(2,)]
    db.undo_batch(con, report.batch)
    assert rows(con, "select township_code, geojson, schematic from boundaries order by 1") == before


def test_kind_and_file_type_must_agree(con):
    assert import_fixtures(con, "two_kinds.xlsx", kind="boundaries").errors[0].message.startswith("区划边界须为")
    assert import_fixtures(con, "boundaries_3857.geojson", kind="cases").errors[0].message.startswith("这是地图文件")
