"""The screens of the game, one per file, on a scene stack (see stack.py)."""
