"""One module per mechanic. Each rule reads and writes the batched State in place."""
