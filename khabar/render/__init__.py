"""Render: the map page, CSV and GeoJSON of district control, and the timeline chart.

Public API, also used by the desk (khabar.web) to draw the same map:

- `render_map` writes the self-contained map page; `map_layers(theatre)` returns the theatre's
  projected district and province paths (`Layers`, cached per districts file), `map_svg(layers,
  states, order)` the map's SVG for district states, `every_state` a state for every district
  drawn, and `controller_palette(theatre)` the label and colour of each side.
- `safe_url` and `script_json` make untrusted links and data safe in a page.
- `write_control_csv`, `control_geojson`, `write_control_geojson`; the timeline is in `plots`.
"""

from khabar.render.csv_export import write_control_csv
from khabar.render.geojson import control_geojson, write_control_geojson
from khabar.render.map import (
    Layers,
    controller_palette,
    every_state,
    map_layers,
    map_svg,
    render_map,
    safe_url,
    script_json,
)

__all__ = ["Layers", "control_geojson", "controller_palette", "every_state", "map_layers",
           "map_svg", "render_map", "safe_url", "script_json", "write_control_csv",
           "write_control_geojson"]
