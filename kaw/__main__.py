"""`python -m kaw`: the same command line as the `kaw` script (for a checkout or a venv
whose scripts folder is not on the PATH)."""
from . import main

main()
