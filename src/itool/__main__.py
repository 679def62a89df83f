import sys

from itool.cli import main

sys.exit(main())
