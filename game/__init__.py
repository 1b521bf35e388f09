"""Key Account Wars front end (pygame-ce + pygame_gui). Imports the engine's public API only."""
