"""Custom-drawn widgets: stance chips, share and capacity bars, charts."""
