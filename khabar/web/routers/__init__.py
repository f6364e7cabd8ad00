"""The desk's routes: `api` (JSON under /api/, exports) and `pages` (HTML)."""
