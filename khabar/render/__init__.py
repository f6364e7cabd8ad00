"""Render: the map page, CSV and GeoJSON of district control."""

from khabar.render.csv_export import write_control_csv
from khabar.render.geojson import control_geojson, write_control_geojson
from khabar.render.map import render_map

__all__ = ["control_geojson", "render_map", "write_control_csv", "write_control_geojson"]
