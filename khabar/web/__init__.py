"""The analyst's desk: `khabar serve`, a FastAPI app with the map, tables, report view and JSON API."""
