"""Engine version: part of every replay, because rule changes change outcomes."""
ENGINE_VERSION = "0.2.0"
