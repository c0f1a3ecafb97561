import sys

from spice_lsp.cli import main

sys.exit(main())
