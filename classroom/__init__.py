"""The classroom: teams play from their browsers, the trainer runs the room.

The trainer's machine serves a small web app (Starlette on uvicorn) and keeps the class
in SQLite, so a crash loses nothing: every join, draft, submission, withdrawal,
resolution and rollback is stored, and `--resume` replays it, checking state hashes.
The classroom depends one way on the engine's public API; the engine knows nothing of it.
"""
